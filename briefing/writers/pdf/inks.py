"""Colours and pictures for a CMYK press, and the output intent that names the press.

In the print colour mode (``[print] colour = "cmyk"``) every colour the PDF
draws is DeviceCMYK:

* a neutral colour (black, the greys of body text, bylines, rules, footers)
  is pure K, ``1 - value``: no four-colour black under small type, no
  registration trouble;
* any other colour (the accent, the panel tint) goes through the template's
  ICC output profile, relative colorimetric (sRGB in, the press's CMYK out);
* a picture goes through the same profile, perceptual, from its own embedded
  ICC profile when it has one, else from sRGB;
* the document names the profile as its output intent (``/OutputIntents``
  with ``/S /GTS_PDFX`` and the profile embedded), so a print shop's preflight
  knows the press the colours were separated for.

Pillow's ImageCms (littleCMS) does every conversion; pikepdf adds the output
intent to the finished file.
"""

from __future__ import annotations

import io
from functools import cached_property
from pathlib import Path

from PIL import Image as PILImage
from PIL import ImageCms
from reportlab.lib.colors import CMYKColor, Color, HexColor

from ...errors import RenderError


class Inks:
    """Conversions to the CMYK of one ICC output profile."""

    def __init__(self, profile: Path) -> None:
        try:
            self.data = profile.read_bytes()
            self.profile = ImageCms.ImageCmsProfile(io.BytesIO(self.data))
        except (OSError, ImageCms.PyCMSError) as exc:
            raise RenderError(f"ICC profile {profile} cannot be read ({exc})") from None
        if self.profile.profile.xcolor_space.strip() != "CMYK":
            raise RenderError(f"ICC profile {profile} is not a CMYK output profile "
                              f"({self.profile.profile.xcolor_space.strip()})")
        self.path = profile
        self.name = (ImageCms.getProfileDescription(self.profile) or profile.stem).strip()
        self._srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
        self._colours: dict[str, Color] = {}

    @cached_property
    def _flat(self) -> ImageCms.ImageCmsTransform:
        return ImageCms.buildTransform(self._srgb, self.profile, "RGB", "CMYK",
                                       ImageCms.Intent.RELATIVE_COLORIMETRIC)

    def colour(self, hex_colour: str) -> Color:
        """``#RRGGBB`` as CMYK: a neutral in K alone, a colour through the profile."""
        got = self._colours.get(hex_colour)
        if got is None:
            r, g, b = (round(v * 255) for v in HexColor(hex_colour).rgb())
            if r == g == b:
                got = CMYKColor(0, 0, 0, round(1 - r / 255, 4))
            else:
                pixel = PILImage.new("RGB", (1, 1), (r, g, b))
                out = ImageCms.applyTransform(pixel, self._flat)
                assert out is not None
                got = CMYKColor(*(round(v / 255, 4) for v in out.tobytes()))
            self._colours[hex_colour] = got
        return got

    def picture(self, path: Path) -> PILImage.Image:
        """The picture at ``path`` separated for the press (perceptual)."""
        with PILImage.open(path) as img:
            img.load()
            embedded = img.info.get("icc_profile")
            if img.mode == "CMYK":
                return img.copy()
            if img.mode in ("RGBA", "LA", "PA") or "transparency" in img.info:
                # transparent parts show the paper: flattened on white (a print PDF
                # carries no transparency), not left black
                rgba = img.convert("RGBA")
                paper = PILImage.new("RGBA", rgba.size, (255, 255, 255, 255))
                paper.alpha_composite(rgba)
                rgb = paper.convert("RGB")
            else:
                rgb = img.convert("RGB")
        source = (ImageCms.ImageCmsProfile(io.BytesIO(embedded)) if embedded else self._srgb)
        try:
            out = ImageCms.profileToProfile(rgb, source, self.profile, outputMode="CMYK",
                                            renderingIntent=ImageCms.Intent.PERCEPTUAL)
        except ImageCms.PyCMSError:  # an embedded profile that is not RGB: read as sRGB
            out = ImageCms.profileToProfile(rgb, self._srgb, self.profile, outputMode="CMYK",
                                            renderingIntent=ImageCms.Intent.PERCEPTUAL)
        assert out is not None
        return out

    def add_output_intent(self, pdf: bytes) -> bytes:
        """``pdf`` with this profile as its output intent (deterministic bytes)."""
        import pikepdf  # only the print colour mode needs it

        with pikepdf.open(io.BytesIO(pdf)) as doc:
            icc = doc.make_stream(self.data)
            icc.N = 4
            intent = pikepdf.Dictionary(
                Type=pikepdf.Name.OutputIntent, S=pikepdf.Name.GTS_PDFX,
                OutputConditionIdentifier=pikepdf.String("Custom"),
                OutputCondition=pikepdf.String(self.name),
                Info=pikepdf.String(self.name),
                RegistryName=pikepdf.String("http://www.color.org"),
                DestOutputProfile=icc)
            doc.Root.OutputIntents = pikepdf.Array([doc.make_indirect(intent)])
            out = io.BytesIO()
            doc.save(out, static_id=True, compress_streams=True,
                     object_stream_mode=pikepdf.ObjectStreamMode.preserve)
            return out.getvalue()
