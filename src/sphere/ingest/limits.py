"""The size cap: documents over it are refused before anything parses them.

trafilatura's time and memory grow faster than page size (a 97 MB page ran past 470 s and
1.4 GB), and later stages work on a document at a time, so a stated cap keeps one huge input
from stalling a batch. Containers (JSON Lines, WARC, feeds) are not capped as a whole: each
document inside them is.
"""

from __future__ import annotations

import re

from ..errors import TooLargeError

DEFAULT_MAX_SIZE = 20 * 1024**2  # bytes; `sphere ingest --max-size` changes it
RAW_INLINE_MAX = 4 * 1024**2  # bytes; larger local files are stored as path + hash, not bytes


def human_size(n: int) -> str:
    if n >= 1024**2:
        return f"{n / 1024**2:.1f} MB"
    return f"{n / 1024:.0f} KB" if n >= 1024 else f"{n} bytes"


def too_large(origin: str, size: int | None, cap: int) -> TooLargeError:
    what = f"{human_size(size)} is" if size is not None else "it is"
    return TooLargeError(origin, f"{what} over the {human_size(cap)} size cap (raise it with --max-size)")


def parse_size(value: str | int) -> int:
    """Bytes from "20MB", "512 KB", "1.5G" or a plain number of bytes."""
    if isinstance(value, int):
        return value
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kmg]?)i?b?\s*", value.lower())
    if not m:
        raise ValueError(f"{value!r} is not a size; write e.g. 20MB, 512KB or 1GB")
    return int(float(m[1]) * {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}[m[2]])
