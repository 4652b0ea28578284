"""Dates and times as people and their programs write them, and what is wrong with one that is not real.

One reader for every date a request holds (a visit, a date of birth), from
every source: ISO (``2026-12-08 09:00``, ``2026-12-08T09:00:00-05:00``), US
exports as Excel and EHRs write them (``12/8/2026 9:00``, ``12/8/26 9:00 AM``,
``8-Dec-2026``, ``Dec 8, 2026``), day-first exports with ``day_first``, and
the typed cells of a workbook (a date, a date and time, a time of day, an
Excel serial number).

A value that looks like a date but is not one gets a reason that says what
is wrong with it ("February has no day 30", "there is no month 13"), never
"write it like ...", which is no help when it already is.  Reasons never
repeat the year, which in a date of birth would be part of the person's.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from mbcprep.errors import RequestError

#: The orders a date written with slashes may have: month first (US) or day first.
DATE_ORDERS = ("mdy", "dmy")
#: The example every "is not a date" message gives.
WRITE_IT_LIKE = 'write it like "2026-12-03 10:30" or "2026-12-03"'
#: Excel's day 0 (its serial 60, 29 February 1900, never existed; every later serial counts it).
EXCEL_EPOCH = dt.datetime(1899, 12, 30)
EXCEL_EPOCH_1904 = dt.datetime(1904, 1, 1)
MONTHS = tuple(calendar.month_name)[1:]

_TIME = (r"(?P<hour>\d{1,2})(?::(?P<minute>\d{1,2}))?(?::(?P<second>\d{1,2})(?:[.,]\d+)?)?"
         r"\s*(?P<ampm>[ap]\.?\s?m\.?)?(?P<zone>\s*(?:z|utc|[+-]\d{2}:?\d{2}))?")
_DATES = (
    ("iso", r"(?P<year>\d{4})-(?P<a>\d{1,2})-(?P<b>\d{1,2})"),
    ("slash", r"(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)(?P<year>\d{4}|\d{2})"),
    ("day_name", r"(?P<b>\d{1,2})[ -](?P<month_name>[a-z]{3,9})\.?[ -](?P<year>\d{4}|\d{2})"),
    ("name_day", r"(?:[a-z]+,\s*)?(?P<month_name>[a-z]{3,9})\.?\s+(?P<b>\d{1,2}),?\s+(?P<year>\d{4})"),
)
_PATTERNS = tuple((shape, re.compile(rf"{date}(?:(?:\s*,\s*|\s+|t)(?:at\s+)?{_TIME})?", re.I))
                  for shape, date in _DATES)


def read_moment(value, field: str = "visit", *, day_first: bool = False, birth: bool = False
                ) -> dt.date | dt.datetime | None:
    """A date, or a date and time, from text or a workbook's typed cell; '' or None means none given.

    ``day_first`` reads ``8/12/2026`` as 8 December.  ``birth`` reads a
    two-digit year as the latest year not in the future (``3/4/60`` is
    1960); for other dates it is this century's.  A ``RequestError`` on
    ``field`` says what is wrong: ``not_a_real_date`` for a date that
    cannot be (its reason names the part), ``not_a_date`` for anything else.
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return _wall_clock(value)
    if isinstance(value, dt.date):
        return value
    if isinstance(value, dt.time):
        raise RequestError("is a time without a date; give the date too", field=field, code="not_a_date")
    text = " ".join(str(value).split())
    if not text:
        return None
    for shape, pattern in _PATTERNS:
        found = pattern.fullmatch(text)
        if found is not None:
            return _moment(found, shape, field, day_first, birth)
    raise RequestError(f"is not a date; {WRITE_IT_LIKE}", field=field, value=text, code="not_a_date")


def excel_serial(number: float, epoch_1904: bool = False) -> dt.date | dt.datetime:
    """An Excel serial number as its date (a whole number) or date and time (a fraction of a day)."""
    if isinstance(number, bool) or not 0 < number < 2_958_466:  # Excel's last day is 31 December 9999
        raise ValueError("not an Excel date")
    moment = (EXCEL_EPOCH_1904 if epoch_1904 else EXCEL_EPOCH) + dt.timedelta(days=float(number))
    moment = (moment + dt.timedelta(seconds=30)).replace(second=0, microsecond=0)  # to the nearest minute
    return moment.date() if float(number).is_integer() else moment


def time_of_day(value) -> str:
    """A time cell as text a visit can hold ("09:00"): a workbook's time, or a fraction of a day, or text."""
    if isinstance(value, (dt.datetime, dt.time)):
        return f"{value.hour:02d}:{value.minute:02d}"
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value < 1:
        minutes = round(value * 24 * 60)
        return f"{minutes // 60:02d}:{minutes % 60:02d}"
    return " ".join(str(value).split()) if value is not None else ""


def date_text(value) -> str:
    """A date cell as text a visit can hold ("2026-12-08"): a workbook's date, or text as it is."""
    if isinstance(value, dt.datetime) and (value.hour, value.minute) != (0, 0):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%Y-%m-%d")
    return " ".join(str(value).split()) if value is not None else ""


def _moment(found: re.Match, shape: str, field: str, day_first: bool, birth: bool):
    parts = found.groupdict()

    def problem(reason: str) -> RequestError:
        return RequestError(f"is not a real date: {reason}", field=field, value=found.string, code="not_a_real_date")

    if parts.get("month_name"):
        month = _month_number(parts["month_name"])
        if month is None:
            raise RequestError(f"is not a date: the month's name is not an English one; {WRITE_IT_LIKE}",
                               field=field, value=found.string, code="not_a_date")
        day = int(parts["b"])
    elif shape == "iso":
        month, day = int(parts["a"]), int(parts["b"])
    else:
        first, second = int(parts["a"]), int(parts["b"])
        month, day = (second, first) if day_first else (first, second)
    year = _full_year(parts["year"], birth)
    if not 1 <= month <= 12:
        raise problem(f"there is no month {month}; months go from 1 to 12"
                      + ("" if day_first or shape != "slash" or month <= 12 or day > 12 else
                         " (if the day comes first in this file, read it with the day-first date order)"))
    if day < 1:
        raise problem("there is no day 0 of a month")
    longest = calendar.monthrange(year, month)[1]
    if day > longest:
        if month == 2 and day == 29:
            raise problem("February has no day 29 in that year (it is not a leap year)")
        if day > 31:
            raise problem(f"no month has a day {day}")
        raise problem(f"{MONTHS[month - 1]} has no day {day}")
    if year < dt.MINYEAR:
        raise problem("the year is 0")
    date = dt.date(year, month, day)
    if parts["hour"] is None:
        return date
    if birth:
        raise RequestError("is a date and time; a date of birth is a date alone", field=field,
                           code="not_a_date")
    return _with_time(date, parts, found.string, field)


def _with_time(date: dt.date, parts: dict, text: str, field: str) -> dt.datetime:
    hour, minute = int(parts["hour"]), int(parts["minute"] or 0)
    if parts["minute"] is None and not parts["ampm"]:
        raise RequestError(f"is not a date; {WRITE_IT_LIKE}", field=field, value=text, code="not_a_date")

    def problem(reason: str) -> RequestError:
        return RequestError(f"is not a real time: {reason}", field=field, value=text, code="not_a_real_date")

    if parts["ampm"]:
        if not 1 <= hour <= 12:
            raise problem(f"with AM or PM the hour goes from 1 to 12, not {hour}")
        hour = hour % 12 + (12 if parts["ampm"].lower().startswith("p") else 0)
    elif hour > 23:
        raise problem(f"there is no hour {hour}; hours go from 0 to 23")
    if minute > 59:
        raise problem(f"there is no minute {minute}; minutes go from 0 to 59")
    if int(parts["second"] or 0) > 59:
        raise problem(f"there is no second {parts['second']}; seconds go from 0 to 59")
    moment = dt.datetime(date.year, date.month, date.day, hour, minute)
    zone = (parts["zone"] or "").strip().lower().replace(":", "")
    if zone in ("z", "utc", "+0000", "-0000"):  # a time in UTC is shown on this computer's clock
        return moment.replace(tzinfo=dt.timezone.utc).astimezone().replace(tzinfo=None)
    return moment  # with an offset, the clock time as written: the clinic's own


def _month_number(name: str) -> int | None:
    """1 to 12 for an English month's name or its abbreviation ("Dec", "Sept"); None for anything else."""
    name = name.lower().rstrip(".")
    return next((number for number, month in enumerate(MONTHS, 1)
                 if len(name) >= 3 and month.lower().startswith(name)), None)


def _wall_clock(moment: dt.datetime) -> dt.datetime:
    if moment.tzinfo is not None and moment.utcoffset() == dt.timedelta(0):
        return moment.astimezone().replace(tzinfo=None)
    return moment.replace(tzinfo=None)


def _full_year(digits: str, birth: bool) -> int:
    """A year as written; two digits are this century's, or for a birth the latest year not in the future."""
    year = int(digits)
    if len(digits) == 4:
        return year
    this_year = dt.date.today().year
    year += this_year // 100 * 100
    if birth and year > this_year:
        year -= 100
    return year
