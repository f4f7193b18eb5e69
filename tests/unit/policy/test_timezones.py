"""The same decisions on every machine: the rule and engine suites pass under the earliest and the latest time
zones in use (UTC+14 and UTC-11), and SOURCE_DATE_EPOCH gives the UTC date whatever the local zone."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
ZONES = ["Pacific/Kiritimati", "Pacific/Pago_Pago"]


def in_zone(zone: str, *argv: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TZ": zone}
    env.pop("SOURCE_DATE_EPOCH", None)
    return subprocess.run([sys.executable, *argv], cwd=REPO, env=env, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("zone", ZONES)
def test_the_zone_is_really_far_from_utc(zone: str) -> None:
    # Guards the tests below: without zone data TZ would silently fall back to UTC.
    result = in_zone(zone, "-c", "import time; print(time.strftime('%z'))")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() in {"+1400", "-1100"}


@pytest.mark.parametrize("zone", ZONES)
def test_rule_and_engine_suites_pass_in_zone(zone: str) -> None:
    result = in_zone(
        zone,
        "-m",
        "pytest",
        "tests/unit/policy/test_rules.py",
        "tests/unit/policy/test_engine.py",
        "-q",
        "-p",
        "no:cacheprovider",
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert " passed" in result.stdout


# Epochs around midnight UTC, where the local date in UTC+14 or UTC-11 differs from the UTC date.
EPOCHS = {
    "1795478399": "2026-11-23",  # 23:59:59 UTC; 13:59:59 on 2026-11-24 in Kiritimati
    "1795478400": "2026-11-24",  # 00:00:00 UTC; 13:00 on 2026-11-23 in Pago Pago
    "1795478401": "2026-11-24",  # 00:00:01 UTC
    "1795514400": "2026-11-24",  # 10:00 UTC; 00:00 on 2026-11-25 in Kiritimati
    "1795521600": "2026-11-24",  # 12:00 UTC; 02:00 on 2026-11-25 in Kiritimati, 01:00 on 2026-11-24 in Pago Pago
    "1795564799": "2026-11-24",  # 23:59:59 UTC; 13:59:59 on 2026-11-25 in Kiritimati
    "1709164800": "2024-02-29",  # 00:00 UTC on a leap day; 13:00 on 2024-02-28 in Pago Pago
    "1709251199": "2024-02-29",  # 23:59:59 UTC on a leap day; 13:59:59 on 2024-03-01 in Kiritimati
}


def test_epochs_are_what_they_say() -> None:
    for epoch, date in EPOCHS.items():
        assert dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date().isoformat() == date


@pytest.mark.parametrize("zone", ZONES)
def test_source_date_epoch_gives_the_utc_date(zone: str) -> None:
    script = (
        "import time\n"
        "from generator.as_of import resolve_as_of\n"
        f"for epoch in {list(EPOCHS)!r}:\n"
        "    local = time.strftime('%Y-%m-%d', time.localtime(int(epoch)))\n"
        "    print(epoch, resolve_as_of(None, {'SOURCE_DATE_EPOCH': epoch}).isoformat(), local)\n"
    )
    result = in_zone(zone, "-c", script)
    assert result.returncode == 0, result.stderr
    lines = [line.split() for line in result.stdout.splitlines()]
    assert {epoch: date for epoch, date, _ in lines} == EPOCHS
    # The local calendar really disagrees for some of them, so the check above means something.
    assert any(local != date for _, date, local in lines)
