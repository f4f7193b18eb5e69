"""The build's gather (load, check, evaluate, trust events, describe) of a data root in this process.

Run by `python -m bench` in a child process of its own, with the cache directory it chooses (TRUST_CACHE_DIR):
    python -m bench.gather DATA_ROOT YYYY-MM-DD
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from generator.build import gather


def main() -> None:
    data, as_of = Path(sys.argv[1]), dt.date.fromisoformat(sys.argv[2])
    gather(data, as_of)


if __name__ == "__main__":
    main()
