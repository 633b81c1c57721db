"""Generate the four stand-in photos of the Liaoning example briefing.

The source page carries four photos that cannot be shipped, so the example
uses plainly labelled stand-ins drawn by ``examples/standins.py`` (a flat
colour panel with the photo's English caption and the words STAND-IN IMAGE;
2400×1600 pixels at 300 dpi, with a 64-colour palette).

    python examples/liaoning/make_images.py

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

STAND_INS: tuple[StandIn, ...] = (
    StandIn(
        "siasun-workshop.png",
        (38, 84, 124),
        "Technicians commission robot products in a production workshop of SIASUN in Shenyang.",
        "Courtesy of the Publicity Department of the CPC Shenyang Hunnan District Committee",
    ),
    StandIn(
        "hunnan-science-city.png",
        (46, 110, 86),
        "Hunnan Science City, Shenyang.",
        "Courtesy of the Publicity Department of the CPC Shenyang Hunnan District Committee",
    ),
    StandIn(
        "ansteel-control-centre.png",
        (128, 58, 42),
        "The centralised ironmaking control centre of Angang Steel.",
        "Courtesy of Ansteel Group",
    ),
    StandIn(
        "imr-cleanroom.png",
        (84, 70, 128),
        "Researchers discuss test samples in the cleanroom for nanocarbon-based electronic "
        "devices at the Institute of Metal Research of the Chinese Academy of Sciences.",
        "Photo: Zhou Songxue",
    ),
)


if __name__ == "__main__":
    main(STAND_INS, OUT_DIR)
