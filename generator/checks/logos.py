"""Checks on partner logo files: decoded for real, never trusted by their names."""

from __future__ import annotations

import warnings
from pathlib import Path

from PIL import Image, UnidentifiedImageError

MAX_LOGO_BYTES = 256 * 1024
MIN_SIDE, MAX_SIDE = 64, 1024
# Pillow's own format names for the suffixes we accept.
_FORMATS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".webp": "WEBP"}


def logo_problem(path: Path) -> str | None:
    """What is wrong with a logo file, in 'expected X (got Y)' form, or None."""
    size = path.stat().st_size
    if size > MAX_LOGO_BYTES:
        return f"expected a logo of at most {MAX_LOGO_BYTES // 1024} KiB (got {size // 1024} KiB)"
    expected_format = _FORMATS.get(path.suffix.lower())
    try:
        with warnings.catch_warnings():
            # A decompression bomb is an error here, not a warning.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                found_format = image.format
                width, height = image.size
                image.verify()
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
        Image.DecompressionBombWarning,
        Image.DecompressionBombError,
    ):
        return f"expected a readable {expected_format} image (got a file that does not decode as one)"
    if found_format != expected_format:
        return f"expected a {expected_format} image, as its name says (got {found_format or 'an unknown format'})"
    if not (MIN_SIDE <= width <= MAX_SIDE and MIN_SIDE <= height <= MAX_SIDE):
        return f"expected {MIN_SIDE} to {MAX_SIDE} pixels on each side (got {width}x{height})"
    if max(width, height) > 2 * min(width, height):
        return f"expected a roughly square logo, at most twice as wide as tall (got {width}x{height})"
    return None
