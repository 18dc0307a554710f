"""The ZIM illustration: the board's logo in a square (Pillow, which reportlab brings), or, with no logo,
the bands' colours as stripes (a tiny PNG encoder, zlib only)."""

from __future__ import annotations

import io
import struct
import zlib

Pixel = tuple[int, int, int, int]


def encode(width: int, height: int, pixels: list[list[Pixel]]) -> bytes:
    """An RGBA PNG of ``pixels`` (rows of (r, g, b, a))."""
    raw = b"".join(b"\x00" + bytes(value for pixel in row for value in pixel) for row in pixels)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)  # 8 bits, RGBA, no interlace
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


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

    return encode(size, size, [[pixel(x, y) for x in range(size)] for y in range(size)])


def logo_square(data: bytes, size: int) -> bytes:
    """The logo (PNG or JPEG bytes) fitted into a transparent ``size``×``size`` square, centred, as a PNG.

    Raises ValueError when the bytes are not a picture Pillow reads.
    """
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as source:
            logo = source.convert("RGBA")
    except (UnidentifiedImageError, OSError) as err:
        raise ValueError(f"not a PNG or JPEG picture ({err})") from None
    logo.thumbnail((size, size), Image.Resampling.LANCZOS)
    square = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    square.paste(logo, ((size - logo.width) // 2, (size - logo.height) // 2))
    out = io.BytesIO()
    square.save(out, format="PNG", optimize=True)  # no date, no text chunk: the same logo, the same bytes
    return out.getvalue()
