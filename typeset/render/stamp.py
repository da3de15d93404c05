"""The creation and modification date written into a PDF, chosen so output is reproducible.

A PDF carries its creation date, which would make every build differ. The
date is instead, in order: `SOURCE_DATE_EPOCH` (seconds since 1970, the
reproducible-builds convention) when set; else the brief's own date when it is
an ISO date (midnight UTC that day); else 2000-01-01 00:00 UTC. The same
input therefore always gives the same bytes.
"""
from __future__ import annotations

import datetime as dt
import os
import re
import time
from dataclasses import dataclass

from typeset.errors import BriefError, Problem
from typeset.values import Value

FIXED_EPOCH = 946_684_800  # 2000-01-01T00:00:00Z
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


@dataclass(slots=True, eq=False, repr=False)
class Stamp(Value):
    """What ReportLab's document reads from its `TimeStamp`: a UTC time."""

    t: int

    @property
    def YMDhms(self) -> tuple[int, ...]:  # noqa: N802 (ReportLab's name)
        return tuple(time.gmtime(self.t))[:6]

    dhh: int = 0
    dmm: int = 0
    tzname: str = "UTC"


def source_date_epoch() -> int | None:
    """`SOURCE_DATE_EPOCH` as a whole number of seconds, None when unset; a bad value is an error."""
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not raw:
        return None
    if not raw.isdigit():
        raise BriefError(Problem("SOURCE_DATE_EPOCH", None, None,
                                 f"expected a whole number of seconds since 1970, got {raw[:40]!r}"))
    return int(raw)


def pdf_epoch(brief_date: str | None) -> int:
    """Seconds since 1970 to stamp the PDF with (see the module docstring)."""
    env = source_date_epoch()
    if env is not None:
        return env
    m = _ISO.fullmatch((brief_date or "").strip())
    if m:
        try:
            day = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return FIXED_EPOCH
        return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc).timestamp())
    return FIXED_EPOCH
