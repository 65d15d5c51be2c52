"""The part of the Extended Date/Time Format (EDTF, ISO 8601-2) the graph writes in sc:when,
read into the first and last day it can mean and how precise it is.

Accepted: a day ``2021-02-25``, a month ``2020-07``, a year ``2024``, a season ``2023-21``
(21 spring, 22 summer, 23 autumn, 24 winter, with the Northern-hemisphere months of
ISO 8601-2: March–May, June–August, September–November, December–February of the next
year), a decade ``202X``, each optionally ending with a qualifier (``~`` approximate, ``?``
uncertain, ``%`` both); an interval ``A/B`` of a day, month or year at each end, each end
with its own qualifier (EDTF has no interval of seasons or decades); and a choice of
consecutive days ``[2022-06-27..2022-07-01]`` (one of them, not known which; at most a
week). A qualifier does not widen the bounds: they are those of the date as written.

Standard library only."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

#: The precisions, from the finest; their names are those of the date-precision scheme.
PRECISIONS = ("day", "week", "month", "part-of-year", "year", "decade")
#: The longest choice of days, in days, that is a week.
WEEK_DAYS = 7

#: The shape of what this module reads, without the calendar checks: the pattern the shapes
#: give sc:when (a value of another shape is reported by the shapes, not read here).
EDTF_SHAPE = (r"^([0-9]{4}(-[0-9]{2}){0,2}[~?%]?(/[0-9]{4}(-[0-9]{2}){0,2}[~?%]?)?"
              r"|[0-9]{3}X[~?%]?"
              r"|\[[0-9]{4}-[0-9]{2}-[0-9]{2}\.\.[0-9]{4}-[0-9]{2}-[0-9]{2}\])$")

#: The first month of each season (21 spring, 22 summer, 23 autumn, 24 winter), three months long.
_SEASON_FIRST_MONTHS = {21: 3, 22: 6, 23: 9, 24: 12}
_DATE = re.compile(r"(?P<year>[0-9]{4})(?:-(?P<month>[0-9]{2})(?:-(?P<day>[0-9]{2}))?)?(?P<qualifier>[~?%])?")
_DECADE = re.compile(r"(?P<decade>[0-9]{3})X(?P<qualifier>[~?%])?")
_CHOICE = re.compile(r"\[(?P<first>[^\]]*)\.\.(?P<last>[^\]]*)\]")
_UNREADABLE = ("not a date of the accepted EDTF forms: a day 2021-02-25, a month 2020-07, a year 2024, "
               "a season 2023-21, a decade 202X, an interval 2022-09-18/2022-09-22, a choice of days "
               "[2022-06-27..2022-07-01], optionally followed by ~, ? or %")


@dataclass(frozen=True)
class EdtfDate:
    """What an EDTF value means: its first and last possible days, its precision (one of
    :data:`PRECISIONS`), whether it is a span (an interval: every day between happens) or
    one time within those bounds, and its qualifiers."""

    text: str
    earliest: date
    latest: date
    precision: str
    span: bool = False
    approximate: bool = False
    uncertain: bool = False


def parse_edtf(text: str) -> EdtfDate:
    """Read ``text``; ValueError saying what is wrong if it is not in the accepted part of EDTF."""
    if "/" in text:
        return _interval(text)
    if text.startswith("["):
        return _choice(text)
    return _single(text)


def _single(text: str) -> EdtfDate:
    decade = _DECADE.fullmatch(text)
    if decade:
        first = int(decade["decade"]) * 10
        _check_year(first, text)
        return _qualified(text, date(first, 1, 1), date(first + 9, 12, 31), "decade", decade["qualifier"])
    match = _DATE.fullmatch(text)
    if match is None:
        raise ValueError(_UNREADABLE)
    year = int(match["year"])
    _check_year(year, text)
    if match["month"] is None:
        return _qualified(text, date(year, 1, 1), date(year, 12, 31), "year", match["qualifier"])
    month = int(match["month"])
    if month in _SEASON_FIRST_MONTHS and match["day"] is None:
        return _qualified(text, *_season_bounds(year, month), "part-of-year", match["qualifier"])
    if not 1 <= month <= 12:
        raise ValueError(f"month {match['month']} does not exist (01 to 12, or 21 to 24 for a season "
                         "without a day)")
    last_day = calendar.monthrange(year, month)[1]
    if match["day"] is None:
        return _qualified(text, date(year, month, 1), date(year, month, last_day), "month", match["qualifier"])
    day = int(match["day"])
    if not 1 <= day <= last_day:
        raise ValueError(f"day {match['day']} does not exist in {calendar.month_name[month]} {year} "
                         f"(01 to {last_day})")
    return _qualified(text, date(year, month, day), date(year, month, day), "day", match["qualifier"])


def _interval(text: str) -> EdtfDate:
    if text.count("/") != 1:
        raise ValueError("an interval has one '/' between its first and last dates")
    first_text, last_text = text.split("/")
    first, last = (_interval_end(part, name) for part, name in ((first_text, "first"), (last_text, "last")))
    if last.latest < first.earliest:
        raise ValueError(f"the interval ends ({last_text}) before it starts ({first_text})")
    if first.earliest == last.earliest and first.latest == last.latest:
        raise ValueError(f"both ends of the interval are {first_text.rstrip('~?%')}: write it once")
    precision = max(first.precision, last.precision, key=PRECISIONS.index)
    return EdtfDate(text, first.earliest, last.latest, precision, span=True,
                    approximate=first.approximate or last.approximate,
                    uncertain=first.uncertain or last.uncertain)


def _interval_end(text: str, name: str) -> EdtfDate:
    if not text:
        raise ValueError(f"the interval has no {name} date (an open or unknown end is not accepted)")
    end = _single(text)
    if end.precision not in ("day", "month", "year"):
        raise ValueError(f"the {name} end of an interval is a day, a month or a year, not a "
                         f"{'season' if end.precision == 'part-of-year' else end.precision} ({text})")
    return end


def _choice(text: str) -> EdtfDate:
    match = _CHOICE.fullmatch(text)
    if match is None:
        raise ValueError("a choice of days is written [first day..last day], such as [2022-06-27..2022-07-01]")
    first, last = (_single(part) for part in (match["first"], match["last"]))
    if first.precision != "day" or last.precision != "day" or first.approximate or first.uncertain \
            or last.approximate or last.uncertain:
        raise ValueError("a choice of days is between two days written YYYY-MM-DD, without qualifier")
    days = (last.earliest - first.earliest).days + 1
    if days < 2:
        raise ValueError("a choice of days names its first day, then a later last day")
    if days > WEEK_DAYS:
        raise ValueError(f"a choice of {days} days: at most {WEEK_DAYS} (a week); for longer, write the "
                         "month, season or year the day falls in")
    return EdtfDate(text, first.earliest, last.latest, "week")


def _qualified(text: str, earliest: date, latest: date, precision: str, qualifier: str | None) -> EdtfDate:
    return EdtfDate(text, earliest, latest, precision,
                    approximate=qualifier in ("~", "%"), uncertain=qualifier in ("?", "%"))


def _season_bounds(year: int, code: int) -> tuple[date, date]:
    first_month = _SEASON_FIRST_MONTHS[code]
    start = date(year, first_month, 1)
    end_month = first_month + 3
    _check_year(year + (end_month > 12), f"{year}-{code}")
    after = date(year + (end_month > 12), (end_month - 1) % 12 + 1, 1)
    return start, after - timedelta(days=1)


def _check_year(year: int, text: str) -> None:
    if not 1 <= year <= 9999:
        raise ValueError(f"the year of {text} is outside 0001 to 9999")


#: How a part of a year (the local name of an sc:partOfYear value) is said before the year.
PARTS_OF_YEAR = {"start": "early ", "middle": "mid-", "end": "late "}
_SEASON_NAMES = {21: "spring", 22: "summer", 23: "autumn", 24: "winter"}


def in_words(text: str, part_of_year: str | None = None) -> str:
    """An EDTF value as people read it, no more precise than it is: "1 July 2022", "June
    2023", "2023", "mid-2023" (``part_of_year`` "middle"), "spring 2023", "winter 2023–24", "the 2020s",
    "18–22 September 2022" (a span), "week of 27 June 2022" (one day of that week);
    "about …" when approximate, "… (uncertain)" when uncertain. ValueError as :func:`parse_edtf`."""
    meant = parse_edtf(text)
    if meant.span:
        first, last = (_single(part.rstrip("~?%")) for part in text.split("/"))
        words = _span_words(first, last)
    elif meant.precision == "week":
        words = f"week of {_day_words(meant.earliest)}"
    elif meant.precision == "decade":
        words = f"the {meant.earliest.year}s"
    elif meant.precision == "part-of-year":
        year = str(meant.earliest.year) + (f"–{str(meant.latest.year)[-2:]}" if meant.latest.year > meant.earliest.year else "")
        words = f"{_SEASON_NAMES[int(text[5:7])]} {year}"
    elif meant.precision == "year" and part_of_year in PARTS_OF_YEAR:
        words = f"{PARTS_OF_YEAR[part_of_year]}{meant.earliest.year}"
    else:
        words = _end_words(meant)
    if meant.approximate:
        words = "about " + words
    return words + (" (uncertain)" if meant.uncertain else "")


def said(text: str, part_of_year: str | None = None) -> str:
    """:func:`in_words`, or ``text`` as it is when it is no date this module reads (a page
    shows what the data holds rather than fail)."""
    try:
        return in_words(text, part_of_year)
    except ValueError:
        return text


def _day_words(day: date) -> str:
    return f"{day.day} {calendar.month_name[day.month]} {day.year}"


def _end_words(meant: EdtfDate) -> str:
    """A day, a month or a year, in words."""
    if meant.precision == "day":
        return _day_words(meant.earliest)
    if meant.precision == "month":
        return f"{calendar.month_name[meant.earliest.month]} {meant.earliest.year}"
    return str(meant.earliest.year)


def _span_words(first: EdtfDate, last: EdtfDate) -> str:
    """The two ends of an interval, saying once what they share: "18–22 September 2022",
    "June–August 2023", "30 September – 2 October 2022"."""
    start, end = first.earliest, last.earliest
    if first.precision == last.precision == "day" and start.year == end.year:
        if start.month == end.month:
            return f"{start.day}–{_day_words(end)}"
        return f"{start.day} {calendar.month_name[start.month]} – {_day_words(end)}"
    if first.precision == last.precision == "month" and start.year == end.year:
        return f"{calendar.month_name[start.month]}–{_end_words(last)}"
    joiner = "–" if first.precision == last.precision == "year" else " – "
    return f"{_end_words(first)}{joiner}{_end_words(last)}"

