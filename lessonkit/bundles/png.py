"""The ZIM illustration: the board's logo in a square, or, with no logo, the bands' colours as stripes
(PNG pictures, made with Pillow)."""

from __future__ import annotations

import io

from PIL import Image, UnidentifiedImageError

Pixel = tuple[int, int, int, int]


def _png(picture: Image.Image) -> bytes:
    """``picture`` as PNG bytes: no date, no text chunk, so the same picture gives the same bytes."""
    out = io.BytesIO()
    picture.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def band_stripes(colours: list[str], size: int = 48) -> bytes:
    """A rounded square of vertical stripes, one per band colour, with a white shield in front."""
    radius = size // 6
    stripes = [_rgb(c) for c in colours] or [(0x1D, 0x5F, 0xA8)]

    def inside(x: int, y: int) -> bool:
        cx = min(max(x, radius), size - 1 - radius)
        cy = min(max(y, radius), size - 1 - radius)
        return (x - cx) ** 2 + (y - cy) ** 2 <= radius**2

    def shield(x: int, y: int) -> bool:
        top, waist, tip, half = size * 0.22, size * 0.52, size * 0.84, size * 0.28
        if not top <= y + 0.5 <= tip:
            return False
        width = half if y + 0.5 <= waist else half * (tip - y - 0.5) / (tip - waist)
        return abs(x + 0.5 - size / 2) <= width

    def pixel(x: int, y: int) -> Pixel:
        if not inside(x, y):
            return (0, 0, 0, 0)
        if shield(x, y):
            return (255, 255, 255, 255)
        return (*stripes[x * len(stripes) // size], 255)

    picture = Image.new("RGBA", (size, size))
    picture.putdata([pixel(x, y) for y in range(size) for x in range(size)])
    return _png(picture)


def logo_square(data: bytes, size: int) -> bytes:
    """The logo (PNG or JPEG bytes) fitted into a transparent ``size``×``size`` square, centred, as a PNG.

    Raises ValueError when the bytes are not a picture Pillow reads.
    """
    try:
        with Image.open(io.BytesIO(data)) as source:
            logo = source.convert("RGBA")
    except (UnidentifiedImageError, OSError) as err:
        raise ValueError(f"not a PNG or JPEG picture ({err})") from None
    logo.thumbnail((size, size), Image.Resampling.LANCZOS)
    square = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    square.paste(logo, ((size - logo.width) // 2, (size - logo.height) // 2))
    return _png(square)
