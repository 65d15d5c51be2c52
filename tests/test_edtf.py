"""Dates in EDTF (spacecoop.edtf) and the checks that sc:when, sc:earliest, sc:latest and
sc:datePrecision agree (spacecoop.date_checks).

* Each accepted form gives its first and last day, its precision and whether it is a span;
  seasons have the Northern-hemisphere months of ISO 8601-2 (winter runs into the next
  year, with 29 February in a leap year); qualifiers keep the bounds and are recorded.
* What is refused says why, in one line.
* What the shape scsh:Dated-when refuses (see EDTF_SHAPE) is never read, so never reported
  twice; everything the shape lets through is read or refused with a reason.
* The date checks report one result per problem, with the node, the property at fault and
  what to write instead, and nothing the shapes report.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SH, XSD

from spacecoop.date_checks import COMPONENT, date_results
from spacecoop.edtf import EDTF_SHAPE, EdtfDate, parse_edtf
from spacecoop.namespaces import PREFIXES, SC, SCSH

NODE = URIRef("https://w3id.org/spacecoop/resource/event/a-summit")
PRECISION = PREFIXES["precision"]
PART = PREFIXES["part"]


# --------------------------------------------------------------------------------------
# Reading EDTF
# --------------------------------------------------------------------------------------

ACCEPTED = {
    "2021-02-25": (date(2021, 2, 25), date(2021, 2, 25), "day", False),
    "2020-07": (date(2020, 7, 1), date(2020, 7, 31), "month", False),
    "2024-02": (date(2024, 2, 1), date(2024, 2, 29), "month", False),
    "2024": (date(2024, 1, 1), date(2024, 12, 31), "year", False),
    "2023-21": (date(2023, 3, 1), date(2023, 5, 31), "part-of-year", False),
    "2023-22": (date(2023, 6, 1), date(2023, 8, 31), "part-of-year", False),
    "2023-23": (date(2023, 9, 1), date(2023, 11, 30), "part-of-year", False),
    "2023-24": (date(2023, 12, 1), date(2024, 2, 29), "part-of-year", False),
    "2022-24": (date(2022, 12, 1), date(2023, 2, 28), "part-of-year", False),
    "202X": (date(2020, 1, 1), date(2029, 12, 31), "decade", False),
    "2022-09-18/2022-09-22": (date(2022, 9, 18), date(2022, 9, 22), "day", True),
    "2004-06/2006-08": (date(2004, 6, 1), date(2006, 8, 31), "month", True),
    "1964/2008": (date(1964, 1, 1), date(2008, 12, 31), "year", True),
    "2004-02-01/2005-02": (date(2004, 2, 1), date(2005, 2, 28), "month", True),
    "2004-02-01/2005": (date(2004, 2, 1), date(2005, 12, 31), "year", True),
    "[2022-06-27..2022-07-01]": (date(2022, 6, 27), date(2022, 7, 1), "week", False),
    "[2021-12-29..2022-01-04]": (date(2021, 12, 29), date(2022, 1, 4), "week", False),
}


@pytest.mark.parametrize("text", ACCEPTED)
def test_accepted_forms_give_their_bounds_and_precision(text: str):
    earliest, latest, precision, span = ACCEPTED[text]
    assert parse_edtf(text) == EdtfDate(text, earliest, latest, precision, span)


@pytest.mark.parametrize("qualifier, approximate, uncertain", [("~", True, False), ("?", False, True),
                                                               ("%", True, True)])
def test_qualifiers_are_recorded_and_keep_the_bounds(qualifier: str, approximate: bool, uncertain: bool):
    for text in ("2023", "2023-06", "2023-06-15", "2023-21", "202X"):
        plain, qualified = parse_edtf(text), parse_edtf(text + qualifier)
        assert (qualified.earliest, qualified.latest, qualified.precision) == \
            (plain.earliest, plain.latest, plain.precision)
        assert (qualified.approximate, qualified.uncertain) == (approximate, uncertain)


def test_each_end_of_an_interval_has_its_own_qualifier():
    meant = parse_edtf("2004-06~/2004-08?")
    assert (meant.earliest, meant.latest, meant.span) == (date(2004, 6, 1), date(2004, 8, 31), True)
    assert meant.approximate and meant.uncertain


REFUSED = {
    "2021-02-29": "day 29 does not exist in February 2021 (01 to 28)",
    "2021-04-31": "day 31 does not exist in April 2021 (01 to 30)",
    "2021-13": "month 13 does not exist",
    "2021-00-10": "month 00 does not exist",
    "2021-21-05": "month 21 does not exist",
    "0000": "the year of 0000 is outside 0001 to 9999",
    "000X": "the year of 000X is outside 0001 to 9999",
    "9999-24": "outside 0001 to 9999",
    "2022-09-22/2022-09-18": "the interval ends (2022-09-18) before it starts (2022-09-22)",
    "2022/2022": "both ends of the interval are 2022: write it once",
    "2023-21/2023-23": "the first end of an interval is a day, a month or a year, not a season (2023-21)",
    "2020/202X": "the last end of an interval is a day, a month or a year, not a decade (202X)",
    "/2022": "the interval has no first date",
    "2021/2022/2023": "an interval has one '/'",
    "[2022-06-01..2022-06-30]": "a choice of 30 days: at most 7 (a week)",
    "[2022-07-01..2022-06-27]": "a choice of days names its first day, then a later last day",
    "[2022-06..2022-07]": "a choice of days is between two days written YYYY-MM-DD",
    "[2022-06-27~..2022-07-01]": "a choice of days is between two days written YYYY-MM-DD",
    "[2022-06-27,2022-06-28]": "a choice of days is written [first day..last day]",
    "25 February 2021": "not a date of the accepted EDTF forms",
    "2021-02-25T10:00:00": "not a date of the accepted EDTF forms",
    "20XX": "not a date of the accepted EDTF forms",
    "-2021": "not a date of the accepted EDTF forms",
    "": "not a date of the accepted EDTF forms",
}


@pytest.mark.parametrize("text", REFUSED)
def test_refused_forms_say_why_in_one_line(text: str):
    with pytest.raises(ValueError) as raised:
        parse_edtf(text)
    assert REFUSED[text] in str(raised.value)
    assert "\n" not in str(raised.value)


SHAPED = ["2021", "2021-02", "2021-02-25", "2021-13-45", "2021-99~", "2021/2022-02-30?", "202X%",
          "[2021-01-01..2021-01-05]", "[2021-02-30..2021-03-02]", "2021-21/2022"]


@pytest.mark.parametrize("text", SHAPED)
def test_what_the_shape_lets_through_is_read_or_refused_with_a_reason(text: str):
    assert re.fullmatch(EDTF_SHAPE, text)
    try:
        parse_edtf(text)
    except ValueError as error:
        assert "not a date of the accepted EDTF forms" not in str(error)


@pytest.mark.parametrize("text", ["25 February 2021", "2021-2-25", "20XX", "2021 ", " 2021", "2021~~",
                                  "[2021-01-01..2021-01-05]~", "2021-02-25T10:00", "Y2021"])
def test_the_shape_refuses_what_is_not_edtf_at_all(text: str):
    assert not re.fullmatch(EDTF_SHAPE, text)


# --------------------------------------------------------------------------------------
# The date checks
# --------------------------------------------------------------------------------------

def _dated(when, earliest=None, latest=None, precision=None, parts=()) -> Graph:
    graph = Graph()
    for predicate, value in ((SC.when, when), (SC.earliest, earliest), (SC.latest, latest)):
        if value is not None:
            graph.add((NODE, predicate, value if isinstance(value, Literal) else
                       Literal(value, datatype=XSD.date) if predicate != SC.when else Literal(value)))
    if precision is not None:
        graph.add((NODE, SC.datePrecision, URIRef(PRECISION + precision)))
    for part in parts:
        graph.add((NODE, SC.partOfYear, URIRef(PART + part)))
    return graph


def _found(graph: Graph) -> list[tuple]:
    return [(r.path, r.shape, r.message) for r in date_results(graph)]


CONSISTENT = {
    "a day": ("2021-02-25", "2021-02-25", "2021-02-25", "day", ()),
    "a span": ("2022-09-18/2022-09-22", "2022-09-18", "2022-09-22", "day", ()),
    "one day of a week": ("[2022-06-27..2022-07-01]", "2022-06-27", "2022-07-01", "week", ()),
    "a season": ("2023-24", "2023-12-01", "2024-02-29", "part-of-year", ()),
    "mid-2023": ("2023", "2023-01-01", "2023-12-31", "part-of-year", ("middle",)),
    "a decade, uncertain": ("202X?", "2020-01-01", "2029-12-31", "decade", ()),
}


@pytest.mark.parametrize("name", CONSISTENT)
def test_consistent_dates_give_nothing(name: str):
    assert _found(_dated(*CONSISTENT[name][:4], parts=CONSISTENT[name][4])) == []


def test_a_date_that_does_not_exist_is_reported_once():
    results = date_results(_dated("2021-02-30", "2021-01-01", "2021-12-31", "year"))
    assert [(r.focus, r.path, r.value, r.component, r.severity, r.shape) for r in results] == [
        (NODE, SC.when, Literal("2021-02-30"), COMPONENT, SH.Violation, SCSH.WellFormedWhen)]
    assert results[0].message == ('"2021-02-30" is not a valid EDTF date: day 30 does not exist in '
                                  'February 2021 (01 to 28)')


def test_bounds_that_disagree_say_what_to_write():
    assert _found(_dated("2020-07", "2020-07-02", "2020-08-31", "month")) == [
        (SC.earliest, SCSH.WhenAgreesWithBounds,
         'sc:when "2020-07" begins on 2020-07-01, but sc:earliest is 2020-07-02: write "2020-07-01"^^xsd:date'),
        (SC.latest, SCSH.WhenAgreesWithBounds,
         'sc:when "2020-07" ends on 2020-07-31, but sc:latest is 2020-08-31: write "2020-07-31"^^xsd:date')]


def test_a_precision_that_disagrees_names_the_right_one():
    assert _found(_dated("[2022-06-27..2022-07-01]", "2022-06-27", "2022-07-01", "day")) == [
        (SC.datePrecision, SCSH.WhenAgreesWithPrecision,
         'sc:when "[2022-06-27..2022-07-01]" is given to the week: sc:datePrecision is precision:week, '
         'not precision:day')]
    assert _found(_dated("2023", "2023-01-01", "2023-12-31", "year", ("middle",))) == [
        (SC.datePrecision, SCSH.WhenAgreesWithPrecision,
         'sc:when "2023" with part:middle is given to the part of year: sc:datePrecision is '
         'precision:part-of-year, not precision:year')]


def test_part_of_year_goes_with_a_year():
    assert _found(_dated("2023", "2023-01-01", "2023-12-31", "part-of-year")) == [
        (SC.partOfYear, SCSH.WhenAgreesWithPrecision,
         'precision:part-of-year with the year "2023" needs sc:partOfYear: part:start, part:middle or part:end')]
    assert _found(_dated("2023-07", "2023-07-01", "2023-07-31", "month", ("start",))) == [
        (SC.partOfYear, SCSH.WhenAgreesWithPrecision,
         'sc:partOfYear goes with a year in sc:when, not with "2023-07": remove it, or write the year')]
    assert [path for path, _, _ in _found(_dated("2022/2023", "2022-01-01", "2023-12-31", "year",
                                                  ("middle",)))] == [SC.partOfYear]


WHAT_THE_SHAPES_REPORT = {
    "no sc:when": _dated(None, "2021-01-01", "2021-01-01", "year"),
    "two dates": _dated("2021", "2021-03-01", "2021-03-01", "day") + _dated("2022"),
    "a typed date": _dated(Literal("2021", datatype=XSD.gYear), "2021-03-01", "2021-03-01", "day"),
    "a date in words": _dated("March 2021", "2021-01-01", "2021-01-01", "day"),
    "bounds out of order": _dated("2021", "2021-12-31", "2021-01-01", "year"),
    "bounds as text": _dated("2021", Literal("2021-03-01"), Literal("2021-03-31"), "year"),
    "no bounds or precision": _dated("2021"),
    "a precision outside the scheme": _dated("2021", "2021-01-01", "2021-12-31") +
    Graph().add((NODE, SC.datePrecision, URIRef("https://w3id.org/spacecoop/resource/status/done"))),
    "two parts of the year": _dated("2021", "2021-01-01", "2021-12-31", "year", ("start", "end")),
}


@pytest.mark.parametrize("name", WHAT_THE_SHAPES_REPORT)
def test_what_the_shapes_report_is_not_reported_again(name: str):
    assert _found(WHAT_THE_SHAPES_REPORT[name]) == []


def test_only_the_nodes_asked_for_are_checked():
    graph = _dated("2021", "2021-01-02", "2021-12-31", "year")
    assert len(date_results(graph)) == 1
    assert date_results(graph, nodes=[URIRef("https://w3id.org/spacecoop/resource/event/other")]) == []
