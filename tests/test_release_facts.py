"""The key facts each of the five releases states are in the graph, traced to that release."""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, RDF, XSD

from spacecoop.namespaces import PREFIXES, SC


def iri(prefixed: str) -> URIRef:
    prefix, _, local = prefixed.partition(":")
    return URIRef(PREFIXES[prefix] + local)


def objects(kg, subject: str, predicate) -> set[URIRef]:
    return set(kg.data.objects(iri(subject), predicate))


def meeting_posts(kg, meeting: str) -> dict[URIRef, URIRef]:
    """participant → post held at the meeting, from the post holdings attested there."""
    posts = {}
    for holding in kg.data.subjects(SC.attestedAt, iri(meeting)):
        posts[kg.data.value(holding, ORG.member)] = kg.data.value(holding, SC.post)
    return posts


def stated_in(kg, node: str) -> set[URIRef]:
    return objects(kg, node, SC.statedIn)


RELEASES = {
    "release:2013-10-28": ("2013-10-28", None),
    "release:2016-07-22": ("2016-07-22", None),
    "release:2020-10-22": ("2020-10-22", "PR123-2020"),
    "release:2021-02-25": ("2021-02-25", None),
    "release:2022-07-01": ("2022-07-01", "PR042-2022"),
}


@pytest.mark.parametrize("release, expected", RELEASES.items())
def test_release_date_reference_and_publisher(kg, release, expected):
    date, reference = expected
    assert (iri(release), RDF.type, SC.PressRelease) in kg.data
    assert kg.data.value(iri(release), DCTERMS.date) == Literal(date, datatype=XSD.date)
    assert kg.data.value(iri(release), DCTERMS.identifier) == (Literal(reference) if reference else None)
    assert kg.data.value(iri(release), DCTERMS.publisher) == iri("organisation:cnes")


# Each release's main meeting: date or span, place or videoconference, people in their posts.
MEETINGS = {
    "meeting:2013-10-28-cnes-jaxa-annual-meeting-tokyo": (
        "release:2013-10-28", {"date": "2013-10-28"}, "place:tokyo", {
            "person:jean-yves-le-gall": "post:president-of-cnes",
            "person:naoki-okumura": "post:president-of-jaxa",
            "person:masao-sakauchi": "post:president-of-nict",
            "person:junya-nishimoto": "post:director-of-the-space-strategy-office"}),
    "meeting:2016-07-22-cnes-japanese-partners-tokyo": (
        "release:2016-07-22", {"date": "2016-07-22"}, "place:tokyo", {
            "person:jean-yves-le-gall": "post:president-of-cnes",
            "person:naoki-okumura": "post:president-of-jaxa",
            "person:saku-tsuneta": "post:director-general-of-isas",
            "person:shuzo-takada": "post:director-general-of-the-national-space-policy-secretariat",
            "person:masaaki-tanaka": "post:director-general-of-the-mext-research-and-development-bureau"}),
    "meeting:2020-10-22-cnes-jaxa-videoconference": (
        "release:2020-10-22", {"date": "2020-10-22"}, None, {
            "person:jean-yves-le-gall": "post:president-of-cnes",
            "person:hiroshi-yamakawa": "post:president-of-jaxa"}),
    "meeting:2021-02-25-cnes-jaxa-videoconference": (
        "release:2021-02-25", {"date": "2021-02-25"}, None, {
            "person:jean-yves-le-gall": "post:president-of-cnes",
            "person:hiroshi-yamakawa": "post:president-of-jaxa"}),
    "meeting:2022-06-27-cnes-chairman-meetings-japan": (
        "release:2022-07-01", {"startDate": "2022-06-27", "endDate": "2022-07-01"}, "country:japan", {
            "person:philippe-baptiste": "post:chairman-and-ceo-of-cnes",
            "person:takayuki-kobayashi": "post:minister-of-economic-security",
            "person:hiroshi-yamakawa": "post:president-of-jaxa"}),
}


@pytest.mark.parametrize("meeting, expected", MEETINGS.items())
def test_meeting_participants_in_their_posts(kg, meeting, expected):
    release, dates, place, posts = expected
    assert stated_in(kg, meeting) == {iri(release)}
    for field, day in dates.items():
        assert kg.data.value(iri(meeting), SC[field]) == Literal(day, datatype=XSD.date)
    if place is None:
        assert kg.data.value(iri(meeting), SC.byVideoconference) == Literal(True)
        assert objects(kg, meeting, SC.place) == set()
    else:
        assert objects(kg, meeting, SC.place) == {iri(place)}
    assert objects(kg, meeting, SC.participant) == {iri(person) for person in posts}
    assert meeting_posts(kg, meeting) == {iri(person): iri(post) for person, post in posts.items()}


# (contribution, release, contributors or countries, mission, role, item)
CONTRIBUTIONS = [
    ("contribution:2013-10-28-cnes-bepicolombo-instrument-funding", "release:2013-10-28",
     {"organisation:cnes"}, "mission:bepicolombo", "crole:instrument-funding", None),
    ("contribution:2013-10-28-cnes-iss-science-operations", "release:2013-10-28",
     {"organisation:cnes"}, "mission:international-space-station", "crole:science-operations", None),
    ("contribution:2020-10-22-callisto-co-development", "release:2020-10-22",
     {"organisation:cnes", "organisation:jaxa", "organisation:dlr"}, "mission:callisto",
     "crole:co-development", None),
    ("contribution:2020-10-22-cnes-litebird-mhft", "release:2020-10-22",
     {"organisation:cnes"}, "mission:litebird", "crole:instrument-lead", "hardware:mhft"),
    ("contribution:2021-02-25-cnes-mmx-spectrometer", "release:2021-02-25",
     {"organisation:cnes"}, "mission:mmx", "crole:hardware-supply", "hardware:mmx-spectrometer"),
    ("contribution:2021-02-25-cnes-mmx-spaceflight-dynamics", "release:2021-02-25",
     {"organisation:cnes"}, "mission:mmx", "crole:expertise", None),
    ("contribution:2021-02-25-cnes-dlr-mmx-rover", "release:2021-02-25",
     {"organisation:cnes", "organisation:dlr"}, "mission:mmx", "crole:hardware-supply", "hardware:mmx-rover"),
    ("contribution:2021-02-25-french-german-mascot", "release:2021-02-25",
     {"country:france", "country:germany"}, "mission:hayabusa2", "crole:hardware-supply", "hardware:mascot"),
    ("contribution:2022-07-01-micromega-loan-extension", "release:2022-07-01",
     {"country:france"}, "mission:hayabusa2", "crole:instrument-loan", "hardware:micromega"),
    ("contribution:2022-07-01-cnes-litebird-definition", "release:2022-07-01",
     {"organisation:cnes"}, "mission:litebird", "crole:definition-study", None),
    ("contribution:2022-07-01-french-german-mmx-rover", "release:2022-07-01",
     {"country:france", "country:germany"}, "mission:mmx", "crole:hardware-supply", "hardware:mmx-rover"),
]


@pytest.mark.parametrize("contribution, release, contributors, mission, role, item", CONTRIBUTIONS)
def test_contributions(kg, contribution, release, contributors, mission, role, item):
    assert stated_in(kg, contribution) == {iri(release)}
    given = objects(kg, contribution, SC.contributor) | objects(kg, contribution, SC.contributorCountry)
    assert given == {iri(c) for c in contributors}
    assert objects(kg, contribution, SC.toMission) == {iri(mission)}
    assert objects(kg, contribution, SC.contributionRole) == {iri(role)}
    assert objects(kg, contribution, SC.item) == ({iri(item)} if item else set())


def test_the_micromega_loan_lasts_two_more_years(kg):
    duration = kg.data.value(iri("contribution:2022-07-01-micromega-loan-extension"), SC.duration)
    assert float(kg.data.value(duration, URIRef("http://www.w3.org/2006/time#numericDuration"))) == 2.0


def test_hayabusa2_sample_return_planned_then_done_a_day_later(kg):
    planned = "event:hayabusa2-sample-return-announced-2020-10-22"
    done = "event:hayabusa2-sample-return-2020-12-06"
    assert stated_in(kg, planned) == {iri("release:2020-10-22")}
    assert stated_in(kg, done) == {iri("release:2021-02-25")}
    assert objects(kg, planned, SC.eventStatus) == {iri("status:planned")}
    assert objects(kg, done, SC.eventStatus) == {iri("status:done")}
    assert kg.data.value(iri(planned), SC.date) == Literal("2020-12-05", datatype=XSD.date)
    assert kg.data.value(iri(done), SC.date) == Literal("2020-12-06", datatype=XSD.date)
    assert objects(kg, done, SC.laterReportOf) == {iri(planned)}
    assert float(kg.data.value(iri(done), SC.sampleMassGrams)) == 5.4


def test_mission_milestones_of_the_2022_release(kg):
    assert kg.data.value(iri("event:mmx-departure-2024"), SC.year) == Literal("2024", datatype=XSD.gYear)
    assert kg.data.value(iri("event:hayabusa2-extension-to-2031"), SC.extendedUntil) == \
        Literal("2031", datatype=XSD.gYear)
    assert objects(kg, "event:hayabusa2-extension-to-2031", SC.decidedBy) == \
        {iri("organisation:government-of-japan")}


def test_third_space_dialogue_announced_twice(kg):
    first = "meeting:france-japan-space-dialogue-3-announced-2020-10-22"
    second = "meeting:france-japan-space-dialogue-3-announced-2021-02-25"
    assert objects(kg, second, SC.laterReportOf) == {iri(first)}
    for node in (first, second):
        assert objects(kg, node, SC.place) == {iri("country:france")}
        assert objects(kg, node, SC.eventStatus) == {iri("status:planned")}
        assert kg.data.value(iri(node), SC.edition) == Literal(3)


def test_press_contacts_and_their_titles_over_time(kg):
    def contacts(release):
        return objects(kg, release, SC.pressContact)
    assert contacts("release:2013-10-28") == {
        iri("person:alain-delrieu"), iri("person:pascale-bresson"), iri("person:julien-watelet")}
    assert contacts("release:2020-10-22") == {iri("person:pascale-bresson"), iri("person:raphael-sart")}
    assert contacts("release:2022-07-01") == {
        iri("person:olivia-baumann"), iri("person:pascale-bresson"), iri("person:raphael-sart")}
    sart_posts = {(kg.data.value(h, SC.attestedOn).toPython().year, kg.data.value(h, SC.post))
                  for h in kg.data.subjects(ORG.member, iri("person:raphael-sart"))}
    assert sart_posts == {(2020, iri("post:press-officer-of-cnes")), (2022, iri("post:head-of-media-of-cnes"))}


def test_agreements_and_their_parties(kg):
    assert objects(kg, "agreement:cnes-nict-framework-agreement-space-telecommunications", SC.party) == \
        {iri("organisation:cnes"), iri("organisation:nict")}
    roadmap = "agreement:france-japan-roadmap-2013-2018"
    assert objects(kg, roadmap, SC.party) == {iri("country:france"), iri("country:japan")}
    assert kg.data.value(iri(roadmap), SC.startYear) == Literal("2013", datatype=XSD.gYear)
    assert kg.data.value(iri(roadmap), SC.endYear) == Literal("2018", datatype=XSD.gYear)


def test_organisation_parents(kg):
    assert objects(kg, "organisation:isas", ORG.subOrganizationOf) == {iri("organisation:jaxa")}
    assert objects(kg, "organisation:escuc", ORG.subOrganizationOf) == {iri("organisation:jaxa")}
    assert objects(kg, "organisation:space-strategy-office", ORG.subOrganizationOf) == set()


def test_every_node_but_releases_and_vocabularies_is_traced_to_a_release(kg):
    releases = set(kg.data.subjects(RDF.type, SC.PressRelease))
    untraced = {
        subject for subject in set(kg.data.subjects(RDF.type, None))
        if subject not in releases and not kg.data.value(subject, SC.statedIn)
        and (subject, RDF.type, SC.Country) not in kg.data
        and (subject, RDF.type, URIRef("http://www.w3.org/2006/time#Duration")) not in kg.data}
    assert untraced == set()
