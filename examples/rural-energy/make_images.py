"""Generate the two stand-in photos of the rural-energy example briefing.

The article is invented, so its photos do not exist: the example uses plainly
labelled stand-ins drawn by ``examples/standins.py`` (a flat colour panel with
the photo's English caption and the words STAND-IN IMAGE; 2400×1600 pixels at
300 dpi, with a 64-colour palette).

    python examples/rural-energy/make_images.py

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
        "wangji-soybeans-under-panels.png",
        (58, 104, 48),
        "Farmers check the soybeans growing under solar panels at the agrivoltaic "
        "demonstration base in Wangji Town, Yingnan County.",
        "Photo: Han Xuesong/People’s Daily",
        NOTE,
    ),
    StandIn(
        "fenghe-morel-harvest.png",
        (96, 64, 44),
        "Members of the Yingnan County Fenghe Planting Cooperative harvest morels under "
        "solar panels.",
        "Photo courtesy of the interviewee",
        NOTE,
    ),
)


if __name__ == "__main__":
    main(STAND_INS, OUT_DIR)
