"""Generate the two stand-in photos of the trade-port example briefing.

The article is invented, so its photos do not exist: the example uses plainly
labelled stand-ins drawn by ``examples/standins.py`` (a flat colour panel with
the photo's English caption and the words STAND-IN IMAGE; 2400×1600 pixels at
300 dpi, with a 64-colour palette).

    python examples/trade-port/make_images.py

writes ``images/*.png`` next to this script. The output is deterministic, and
the repository ships the files, so the example renders from a fresh clone;
run it again only to change the stand-ins.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # examples/: the shared stand-in drawing

from standins import StandIn, main  # noqa: E402

OUT_DIR = HERE / "images"

#: The article is invented: there is no original photo.
NOTE = "The story is invented, so no photo exists."

STAND_INS: tuple[StandIn, ...] = (
    StandIn(
        "yongdong-electric-trucks.png",
        (30, 92, 112),
        "Electric container trucks at work in an automated container yard in the Yongdong "
        "port area of Ningbo-Zhoushan Port.",
        "Photo: Tao Ruofan/Xinhua",
        NOTE,
    ),
    StandIn(
        "yongdong-rooftop-solar.png",
        (112, 96, 36),
        "Solar panels on warehouse roofs in the Yongdong port area.",
        "File photo",
        NOTE,
    ),
)


if __name__ == "__main__":
    main(STAND_INS, OUT_DIR)
