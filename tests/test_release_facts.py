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


def meeting_posts(kg, meeting: str) -> dict[URIRef, tuple]:
    """participant → (post held at the meeting, title on the holding or None), from the post
    holdings attested there."""
    posts = {}
    for holding in kg.data.subjects(SC.attestedAt, iri(meeting)):
        posts[kg.data.value(holding, ORG.member)] = (kg.data.value(holding, SC.post),
                                                     kg.data.value(holding, ORG.role))
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


def date_of(kg, node: str | URIRef) -> tuple:
    """sc:when (EDTF, a plain string), sc:earliest, sc:latest (days) and the precision of a node."""
    subject = node if isinstance(node, URIRef) else iri(node)
    return (kg.data.value(subject, SC.when), kg.data.value(subject, SC.earliest),
            kg.data.value(subject, SC.latest), kg.data.value(subject, SC.datePrecision))


def dated(when: str, earliest: str, latest: str, precision: str) -> tuple:
    return (Literal(when), Literal(earliest, datatype=XSD.date), Literal(latest, datatype=XSD.date),
            iri(precision))


DAY_OF = {release: dated(day, day, day, "precision:day") for release, day in
          [("release:2013-10-28", "2013-10-28"), ("release:2016-07-22", "2016-07-22"),
           ("release:2020-10-22", "2020-10-22"), ("release:2021-02-25", "2021-02-25")]}
#: "The week of 27 June" (2022): one day of that week, Monday 27 June to the release's 1 July.
WEEK_OF_27_JUNE_2022 = dated("[2022-06-27..2022-07-01]", "2022-06-27", "2022-07-01", "precision:week")

HEAD_OF_CNES_AS_PRESIDENT = ("post:head-of-cnes", "role:president")  # "CNES President"
HEAD_OF_CNES_AS_CHAIRMAN = ("post:head-of-cnes", "role:chairman-and-ceo")  # "Chairman & CEO"

# Each meeting and visit: its release, kind, date, place (None: videoconference), occasion,
# represented organisations, and people in their posts, with the title on the holding where the
# post's title changes over time. A release saying that one person met several others that day
# ("met … and …", "after these meetings") gives one meeting per person met, on the occasion of
# the visit or annual meeting: it does not say the others met each other.
MEETINGS = {
    # "For the annual meeting between CNES and [JAXA], CNES President Jean-Yves Le Gall met …
    # Naoki Okumura, President of JAXA, Masao Sakauchi, President of NICT … and Junya Nishimoto,
    # Director of the Space Strategy Office"; "[joint working groups] report on their progress at
    # yearly meetings like the one currently being held in Tokyo"
    "meeting:2013-10-28-cnes-jaxa-annual-meeting-tokyo": (
        "release:2013-10-28", SC.Meeting, DAY_OF["release:2013-10-28"], "place:tokyo", None,
        {"organisation:cnes", "organisation:jaxa", "organisation:cnes-jaxa-joint-working-groups"}, {
            "person:jean-yves-le-gall": HEAD_OF_CNES_AS_PRESIDENT,
            "person:naoki-okumura": ("post:president-of-jaxa", None)}),
    "meeting:2013-10-28-cnes-nict-tokyo": (
        "release:2013-10-28", SC.Meeting, DAY_OF["release:2013-10-28"], "place:tokyo",
        "meeting:2013-10-28-cnes-jaxa-annual-meeting-tokyo", {"organisation:cnes", "organisation:nict"}, {
            "person:jean-yves-le-gall": HEAD_OF_CNES_AS_PRESIDENT,
            "person:masao-sakauchi": ("post:president-of-nict", None)}),
    "meeting:2013-10-28-cnes-space-strategy-office-tokyo": (
        "release:2013-10-28", SC.Meeting, DAY_OF["release:2013-10-28"], "place:tokyo",
        "meeting:2013-10-28-cnes-jaxa-annual-meeting-tokyo",
        {"organisation:cnes", "organisation:space-strategy-office"}, {
            "person:jean-yves-le-gall": HEAD_OF_CNES_AS_PRESIDENT,
            "person:junya-nishimoto": ("post:director-of-the-space-strategy-office", None)}),
    # "Friday 22 July in Tokyo, CNES President Jean-Yves Le Gall met the agency's Japanese
    # partners: … Naoki Okumura …; Saku Tsuneta …; Shuzo Takada …; and Masaaki Tanaka";
    # "After these meetings"
    "meeting:2016-07-22-cnes-japanese-partners-tokyo": (
        "release:2016-07-22", SC.Visit, DAY_OF["release:2016-07-22"], "place:tokyo", None,
        {"organisation:cnes"}, {"person:jean-yves-le-gall": HEAD_OF_CNES_AS_PRESIDENT}),
    "meeting:2016-07-22-cnes-jaxa-tokyo": (
        "release:2016-07-22", SC.Meeting, DAY_OF["release:2016-07-22"], "place:tokyo",
        "meeting:2016-07-22-cnes-japanese-partners-tokyo", {"organisation:cnes", "organisation:jaxa"}, {
            "person:jean-yves-le-gall": HEAD_OF_CNES_AS_PRESIDENT,
            "person:naoki-okumura": ("post:president-of-jaxa", None)}),
    "meeting:2016-07-22-cnes-isas-tokyo": (
        "release:2016-07-22", SC.Meeting, DAY_OF["release:2016-07-22"], "place:tokyo",
        "meeting:2016-07-22-cnes-japanese-partners-tokyo", {"organisation:cnes", "organisation:isas"}, {
            "person:jean-yves-le-gall": HEAD_OF_CNES_AS_PRESIDENT,
            "person:saku-tsuneta": ("post:director-general-of-isas", None)}),
    "meeting:2016-07-22-cnes-national-space-policy-secretariat-tokyo": (
        "release:2016-07-22", SC.Meeting, DAY_OF["release:2016-07-22"], "place:tokyo",
        "meeting:2016-07-22-cnes-japanese-partners-tokyo",
        {"organisation:cnes", "organisation:national-space-policy-secretariat"}, {
            "person:jean-yves-le-gall": HEAD_OF_CNES_AS_PRESIDENT,
            "person:shuzo-takada": ("post:director-general-of-the-national-space-policy-secretariat", None)}),
    "meeting:2016-07-22-cnes-mext-tokyo": (
        "release:2016-07-22", SC.Meeting, DAY_OF["release:2016-07-22"], "place:tokyo",
        "meeting:2016-07-22-cnes-japanese-partners-tokyo",
        {"organisation:cnes", "organisation:mext-research-and-development-bureau"}, {
            "person:jean-yves-le-gall": HEAD_OF_CNES_AS_PRESIDENT,
            "person:masaaki-tanaka": ("post:director-general-of-the-mext-research-and-development-bureau", None)}),
    # "CNES President Jean-Yves Le Gall and Hiroshi Yamakawa, President of [JAXA], held a
    # videoconference meeting" (both releases)
    "meeting:2020-10-22-cnes-jaxa-videoconference": (
        "release:2020-10-22", SC.Meeting, DAY_OF["release:2020-10-22"], None, None,
        {"organisation:cnes", "organisation:jaxa"}, {
            "person:jean-yves-le-gall": HEAD_OF_CNES_AS_PRESIDENT,
            "person:hiroshi-yamakawa": ("post:president-of-jaxa", None)}),
    "meeting:2021-02-25-cnes-jaxa-videoconference": (
        "release:2021-02-25", SC.Meeting, DAY_OF["release:2021-02-25"], None, None,
        {"organisation:cnes", "organisation:jaxa"}, {
            "person:jean-yves-le-gall": HEAD_OF_CNES_AS_PRESIDENT,
            "person:hiroshi-yamakawa": ("post:president-of-jaxa", None)}),
    # "The week of 27 June, on the occasion of celebrations marking CNES's 60th anniversary …, the
    # agency's Chairman & CEO Philippe Baptiste met Takayuki Kobayashi, Minister of Economic
    # Security, … and Hiroshi Yamakawa, President of [JAXA]. The trip …"
    "meeting:2022-06-27-cnes-chairman-meetings-japan": (
        "release:2022-07-01", SC.Visit, WEEK_OF_27_JUNE_2022, "country:japan",
        "event:2022-cnes-60th-anniversary-celebrations-japan", {"organisation:cnes"},
        {"person:philippe-baptiste": HEAD_OF_CNES_AS_CHAIRMAN}),
    "meeting:2022-06-27-cnes-chairman-minister-of-economic-security": (
        "release:2022-07-01", SC.Meeting, WEEK_OF_27_JUNE_2022, "country:japan",
        "meeting:2022-06-27-cnes-chairman-meetings-japan",
        {"organisation:cnes", "organisation:government-of-japan"}, {
            "person:philippe-baptiste": HEAD_OF_CNES_AS_CHAIRMAN,
            "person:takayuki-kobayashi": ("post:minister-of-economic-security", None)}),
    "meeting:2022-06-27-cnes-chairman-jaxa-president": (
        "release:2022-07-01", SC.Meeting, WEEK_OF_27_JUNE_2022, "country:japan",
        "meeting:2022-06-27-cnes-chairman-meetings-japan", {"organisation:cnes", "organisation:jaxa"}, {
            "person:philippe-baptiste": HEAD_OF_CNES_AS_CHAIRMAN,
            "person:hiroshi-yamakawa": ("post:president-of-jaxa", None)}),
}


@pytest.mark.parametrize("meeting, expected", MEETINGS.items())
def test_meeting_participants_in_their_posts(kg, meeting, expected):
    release, kind, date, place, occasion, organisations, posts = expected
    assert stated_in(kg, meeting) == {iri(release)}
    assert set(kg.data.objects(iri(meeting), RDF.type)) == {kind}
    assert date_of(kg, meeting) == date
    if place is None:
        assert kg.data.value(iri(meeting), SC.byVideoconference) == Literal(True)
        assert objects(kg, meeting, SC.place) == set()
    else:
        assert objects(kg, meeting, SC.place) == {iri(place)}
    assert objects(kg, meeting, SC.occasion) == ({iri(occasion)} if occasion else set())
    assert objects(kg, meeting, SC.representedOrganisation) == {iri(o) for o in organisations}
    assert objects(kg, meeting, SC.participant) == {iri(person) for person in posts}
    assert meeting_posts(kg, meeting) == {
        iri(person): (iri(post), iri(title) if title else None) for person, (post, title) in posts.items()}
    for holding in kg.data.subjects(SC.attestedAt, iri(meeting)):  # attested on the meeting's date
        assert date_of(kg, holding) == date


def test_the_head_of_cnes_is_one_post_whatever_its_title(kg):
    assert objects(kg, "post:head-of-cnes", ORG.postIn) == {iri("organisation:cnes")}
    assert objects(kg, "post:head-of-cnes", ORG.role) == {iri("role:head")}
    for old in ("post:president-of-cnes", "post:chairman-and-ceo-of-cnes"):
        assert (iri(old), None, None) not in kg.data and (None, None, iri(old)) not in kg.data


def test_a_visit_keeps_what_was_discussed_on_it(kg):
    """The releases give the subjects of a trip, not the meeting each came up at."""
    visit = "meeting:2022-06-27-cnes-chairman-meetings-japan"
    assert objects(kg, visit, SC.discussedMission) == {iri(m) for m in (
        "mission:mmx", "mission:hayabusa2", "mission:litebird", "mission:aos-accp", "mission:callisto")}
    for meeting in ("meeting:2022-06-27-cnes-chairman-minister-of-economic-security",
                    "meeting:2022-06-27-cnes-chairman-jaxa-president"):
        assert objects(kg, meeting, SC.discussedMission) == set()
        assert objects(kg, meeting, SC.discussedTheme) == set()


def test_hollande_in_post_at_the_june_2013_state_visit(kg):
    holding = "holding:francois-hollande-president-of-france-2013-10-28"
    assert objects(kg, holding, SC.attestedAt) == {iri("event:2013-06-francois-hollande-state-visit-japan")}
    assert date_of(kg, holding) == dated("2013-06", "2013-06-01", "2013-06-30", "precision:month")


# (contribution, release, contributors or countries, mission, role, item)
CONTRIBUTIONS = [
    ("contribution:2013-10-28-cnes-bepicolombo-instrument-funding", "release:2013-10-28",
     {"organisation:cnes"}, "mission:bepicolombo", "crole:instrument-funding",
     "hardware:bepicolombo-cnes-funded-instruments"),
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
    assert date_of(kg, planned) == dated("2020-12-05", "2020-12-05", "2020-12-05", "precision:day")
    assert date_of(kg, done) == dated("2020-12-06", "2020-12-06", "2020-12-06", "precision:day")
    assert objects(kg, done, SC.laterReportOf) == {iri(planned)}
    assert float(kg.data.value(iri(done), SC.sampleMassGrams)) == 5.4


def test_mission_milestones_of_the_2022_release(kg):
    assert date_of(kg, "event:mmx-departure-2024") == dated("2024", "2024-01-01", "2024-12-31", "precision:year")
    delivery = "event:mmx-rover-delivery-to-jaxa-2023"  # "mid-2023": the year, its middle named
    assert date_of(kg, delivery) == dated("2023", "2023-01-01", "2023-12-31", "precision:part-of-year")
    assert objects(kg, delivery, SC.partOfYear) == {iri("part:middle")}
    extension = "event:hayabusa2-extension-to-2031"  # the release does not date the decision
    assert date_of(kg, extension) == (None, None, None, None)
    assert kg.data.value(iri(extension), SC.extendedUntil) == Literal("2031", datatype=XSD.gYear)
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
    sart_posts = {(kg.data.value(h, SC.earliest).toPython().year, kg.data.value(h, SC.post))
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


def test_every_node_but_sources_and_vocabularies_is_traced_to_a_release(kg):
    sources = set(kg.data.subjects(RDF.type, SC.PressRelease)) | set(kg.data.subjects(RDF.type, SC.EditorialNote))
    untraced = {
        subject for subject in set(kg.data.subjects(RDF.type, None))
        if subject not in sources and not kg.data.value(subject, SC.statedIn)
        and (subject, RDF.type, SC.Country) not in kg.data
        and (subject, RDF.type, URIRef("http://www.w3.org/2006/time#Duration")) not in kg.data}
    assert untraced == set()
