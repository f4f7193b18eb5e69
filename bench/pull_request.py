"""`python -m bench.pull_request REPOSITORY BASE AUTHOR`: the checks of a partner's pull request, as the
workflow runs them (.github/workflows/pull-request.yml): `validate`, `check-pr` and `diff` against the base
commit, one process after another, over the data of a git work tree, with the cache the environment names.

It stops at the first check that fails: a bench's pull request is a valid change by one of the partner's editors.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    repository, base, author = Path(argv[0]), argv[1], argv[2]
    checks = (
        ["validate", "--format", "github", "--base", base, "data"],
        ["check-pr", "--format", "github", "--base", base, "--author", author],
        ["diff", "--base", base, "--format", "markdown"],
    )
    for check in checks:
        command = [sys.executable, "-m", "generator", *check]
        done = subprocess.run(command, cwd=repository, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            sys.stderr.write(f"{check[0]} exited with {done.returncode}:\n{done.stdout}{done.stderr}")
            return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
