"""Partner logo files: checked by decoding them for real, never trusted by their names, and re-encoded to publish."""

from __future__ import annotations

import hashlib
import io
import os
import warnings
from dataclasses import dataclass
from pathlib import Path

from generator.load.cache import CACHE_DIRECTORY_VARIABLE, CACHE_SWITCH_VARIABLE, CachePack, digest, open_pack
from generator.load.code_fingerprint import code_fingerprint
from generator.load.file_index import file_index

MAX_LOGO_BYTES = 256 * 1024
MIN_SIDE, MAX_SIDE = 64, 1024
# Pillow's own format names for the suffixes we accept.
_FORMATS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".webp": "WEBP"}


def logo_problem(path: Path, found: os.stat_result | None = None) -> str | None:
    """What is wrong with a logo file, in 'expected X (got Y)' form, or None.

    Remembered in the cache by the digest of the file's bytes and name's suffix (see `_logo_cache`); a file whose
    stat has not changed since a run read it is not read again (`load/file_index.py`); `found`: its stat, not
    following links, when the walk of the data tree has just taken it.
    """
    pack = _logo_cache()
    files = file_index()
    known = files.known_digest(path, found) if files is not None and pack is not None else None
    if known is not None:
        cached = _cached_problem(pack, _problem_key(path, known))
        if cached is not None:
            return cached[0]
    size = path.stat().st_size
    if size > MAX_LOGO_BYTES:
        return f"expected a logo of at most {MAX_LOGO_BYTES // 1024} KiB (got {size // 1024} KiB)"
    read = files.read(path) if files is not None else None
    raw, key = (read[0], _problem_key(path, read[1])) if read is not None else (path.read_bytes(), None)
    cached = _cached_problem(pack, key)
    if cached is not None:
        return cached[0]
    problem = _decoding_problem(raw, path.suffix)
    if pack is not None and key is not None:
        pack.put(key, (problem,))
    return problem


def _problem_key(path: Path, content: str) -> str:
    return digest(code_fingerprint(), "logo problem", path.suffix.lower(), content)


def _cached_problem(pack: CachePack | None, key: str | None) -> tuple[str | None] | None:
    cached = pack.get(key) if pack is not None and key is not None else None
    if isinstance(cached, tuple) and len(cached) == 1 and isinstance(cached[0], str | None):
        return (cached[0],)
    return None


def _decoding_problem(raw: bytes, suffix: str) -> str | None:
    # Pillow is imported when a logo is decoded, not by every command that checks data (most logos are cached).
    from PIL import Image, UnidentifiedImageError

    expected_format = _FORMATS.get(suffix.lower())
    try:
        with warnings.catch_warnings():
            # A decompression bomb is an error here, not a warning.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(raw)) as image:
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


def _logo_cache() -> CachePack | None:
    """The logos' pack of the cache directory, opened once per process (None when the cache is off)."""
    # Looked up by the settings that name the directory: a check asks once per partner.
    settings = (os.environ.get(CACHE_SWITCH_VARIABLE), os.environ.get(CACHE_DIRECTORY_VARIABLE))
    if settings not in _PACKS:
        _PACKS[settings] = open_pack(LOGO_PACK)
    return _PACKS[settings]


def save_logo_cache() -> None:
    """Keep the logos checked and re-encoded in this process for the next run."""
    for pack in _PACKS.values():
        if pack is not None:
            pack.save()
    files = file_index()
    if files is not None:
        files.save()


LOGO_PACK = "logos"
_PACKS: dict[tuple[str | None, str | None], CachePack | None] = {}


# The largest size a page shows a logo at is 80 CSS pixels (.logo--lg); twice that covers high-density screens.
PUBLISHED_SIDE = 160


@dataclass(frozen=True)
class PublishedLogo:
    """A logo as the site publishes it: decoded, re-encoded as PNG, named by its content."""

    file_name: str
    data: bytes


def published_logo(path: Path) -> PublishedLogo:
    """Decode a (checked) logo and re-encode it: at most 160 pixels a side, no metadata, no trailing bytes.

    The bytes a partner committed are never published: a text chunk, bytes after the image's end, or EXIF
    data (GPS coordinates included) do not survive, since only the pixels are carried over. Remembered in the
    cache by the digest of the file's bytes.
    """
    raw = path.read_bytes()
    pack = _logo_cache()
    key = digest(code_fingerprint(), "published logo", raw)
    cached = pack.get(key) if pack is not None else None
    if isinstance(cached, tuple) and len(cached) == 2 and isinstance(cached[0], str) and isinstance(cached[1], bytes):
        return PublishedLogo(*cached)
    logo = _reencoded(raw, path)
    if pack is not None:
        pack.put(key, (logo.file_name, logo.data))
    return logo


def _reencoded(raw: bytes, path: Path) -> PublishedLogo:
    from PIL import Image, ImageOps

    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        with Image.open(io.BytesIO(raw)) as image:
            width, height = image.size
            if width * height > MAX_SIDE * MAX_SIDE:
                msg = f"{path}: {width}x{height} pixels is over the logo limit; the checks let it through"
                raise ValueError(msg)
            # Turned upright as its EXIF says, before the EXIF goes.
            upright = ImageOps.exif_transpose(image).convert("RGBA")
    upright.thumbnail((PUBLISHED_SIDE, PUBLISHED_SIDE), Image.Resampling.LANCZOS)
    # A fresh image from the pixels alone: convert() keeps `info` (ICC profile, text, EXIF), which save() writes.
    pixels = Image.frombytes("RGBA", upright.size, upright.tobytes())
    out = io.BytesIO()
    pixels.save(out, "PNG", optimize=True)
    data = out.getvalue()
    return PublishedLogo(f"logo-{hashlib.sha256(data).hexdigest()[:16]}.png", data)
