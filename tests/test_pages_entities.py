"""The pages people read, against a real `spacecoop serve`: the home page, a page for every
node (statements grouped as a reader asks for them, each with the releases stating it),
the release pages and the search results; dates as precise as the releases give them,
planned and done told apart, everything from the data shown as text.

The expected contents are those of data/releases/*.ttl: MMX has CNES and DLR as partners
in the release of 25 February 2021, which also reports the Hayabusa2 samples, announced
for 5 December 2020 in the release of 22 October 2020, as brought back on 6 December."""

from __future__ import annotations

import html
import re

import pytest
from rdflib.namespace import RDF

from spacecoop.edtf import in_words
from spacecoop.namespaces import SC

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
#: The five releases: (date in words, page, title as the release gives it, or None).
RELEASES = (
    ("28 October 2013", "/resource/release/2013-10-28",
     "French-Japanese space cooperation - CNES and JAXA hold annual meeting"),
    ("22 July 2016", "/resource/release/2016-07-22",
     "France-Japan space cooperation – CNES meets Japanese partners in Tokyo"),
    ("22 October 2020", "/resource/release/2020-10-22",
     "France-Japan space cooperation – Broad status review of projects"),
    ("25 February 2021", "/resource/release/2021-02-25", None),
    ("1 July 2022", "/resource/release/2022-07-01",
     "France-Japan space cooperation – Exploration, Earth observation and launchers on the agenda"),
)
RELEASE_2020 = '<a href="/resource/release/2020-10-22" title="CNES press release of 22 October 2020">release of 22 October 2020</a>'
RELEASE_2021 = '<a href="/resource/release/2021-02-25" title="CNES press release of 25 February 2021">release of 25 February 2021</a>'


def page(served, path: str) -> str:
    from webserver import call
    reply = call(served.url + path.lstrip("/"), headers={"Accept": BROWSER})
    assert reply.status == 200, (path, reply.status, reply.text[:300])
    assert reply.headers["content-type"] == "text/html; charset=utf-8"
    return reply.text


def rows(text: str) -> list[str]:
    """Each table row of a page as its cells' text joined by " | "."""
    found = []
    for row in re.findall(r"<tr>(.*?)</tr>", text, flags=re.S):
        cells = re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, flags=re.S)
        found.append(" | ".join(html.unescape(re.sub(r"<[^>]+>", "", cell)).strip() for cell in cells))
    return found


def plain(text: str) -> str:
    """A page's text without its tags."""
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", text)))


# ---------------------------------------------------------------- dates in words


@pytest.mark.parametrize("edtf, part, words", [
    ("2022-07-01", None, "1 July 2022"), ("2023-06", None, "June 2023"), ("2023", None, "2023"),
    ("2023", "middle", "mid-2023"), ("2023", "start", "early 2023"), ("2023-21", None, "spring 2023"),
    ("2023-24", None, "winter 2023–24"), ("202X", None, "the 2020s"),
    ("[2022-06-27..2022-07-01]", None, "week of 27 June 2022"),
    ("2022-09-18/2022-09-22", None, "18–22 September 2022"),
    ("2022-09-30/2022-10-02", None, "30 September – 2 October 2022"),
    ("2023-06/2023-08", None, "June–August 2023"), ("2020/2022", None, "2020–2022"),
    ("2023-06~", None, "about June 2023"), ("2023?", None, "2023 (uncertain)"),
])
def test_dates_are_said_as_precisely_as_they_are_written(edtf, part, words):
    assert in_words(edtf, part) == words


# ---------------------------------------------------------------- home page


def test_the_home_page_lists_the_releases_the_counts_and_the_ways_in(served, kg):
    text = page(served, "/")
    for day, path, title in RELEASES:
        item = re.search(rf'<li><a href="{path}"><time datetime="[0-9-]+">{day}</time></a>(.*?)</li>', text, re.S)
        assert item, day
        assert (html.escape(title, quote=False) if title else "no title") in item.group(1), day
    people = len(set(kg.data.subjects(RDF.type, SC.Person)))
    contributions = len(set(kg.data.subjects(RDF.type, SC.Contribution)))
    assert f"<strong>{people}</strong> people" in text and people == 17
    assert f"<strong>{contributions}</strong> contributions" in text
    assert "<strong>5</strong> press releases" in text
    assert f"<strong>{kg.data_size():,}</strong> data triples" in text
    assert '<form class="find" action="/search" method="get" role="search">' in text
    for path in ("/data/spacecoop.ttl", "/data/spacecoop.nt", "/data/spacecoop.jsonld", "/data/spacecoop.trig",
                 "/data/spacecoop.nq", "/questions", "/questions/contributions-to-mission?mission=mission%3Ammx"):
        assert f'href="{path}"' in text, path
    assert "CC BY 4.0" in text and "MIT" in text


# ---------------------------------------------------------------- entity pages


def test_the_mmx_page_shows_its_partners_hardware_and_contributions_with_their_sources(served):
    text = page(served, "/doc/mission/mmx")
    assert "<h1>MMX</h1>" in text and "sample return mission" in text
    found = rows(text)
    assert "partner | CNES | release of 25 February 2021" in found
    assert "partner | DLR | release of 25 February 2021" in found
    assert f'<td class="sources">{RELEASE_2021}</td>' in text
    assert "MMX rover | rover | part of this mission | release of 25 February 2021, release of 1 July 2022" in found
    assert "CNES spectrometer for MMX | spectrometer | part of this mission | release of 25 February 2021" in found
    assert ("CNES supplies a spectrometer to MMX (2021) | CNES | supplies hardware | CNES spectrometer for MMX"
            " | under way | release of 25 February 2021") in found
    assert any(row.startswith("CNES supplies the MMX rover, built with DLR (2021) | CNES, DLR | supplies hardware"
                              " | MMX rover") for row in found)
    assert "Delivery of the MMX rover to JAXA, mid-2023 | delivery | announced for mid-2023 (release of 1 July 2022)" \
        " | release of 1 July 2022" in found
    assert "1 July 2022 | development | MMX status as of 1 July 2022 | release of 1 July 2022" in found


def test_a_person_page_shows_the_posts_held_and_the_meetings(served):
    text = page(served, "/doc/person/hiroshi-yamakawa")
    found = rows(text)
    assert ("President of JAXA | Japan Aerospace Exploration Agency | 25 February 2021 | "
            "CNES-JAXA videoconference, 25 February 2021 | release of 25 February 2021") in found
    assert ("President of JAXA | Japan Aerospace Exploration Agency | week of 27 June 2022 | "
            "CNES Chairman & CEO meets the President of JAXA, week of 27 June 2022 | release of 1 July 2022") in found
    assert ("CNES-JAXA videoconference, 25 February 2021 | 25 February 2021 |  | Jean-Yves Le Gall"
            " | release of 25 February 2021") in found
    assert ("CNES Chairman & CEO meets the President of JAXA, week of 27 June 2022 | week of 27 June 2022 | Japan"
            " | Philippe Baptiste | release of 1 July 2022") in found
    assert '<a href="/resource/meeting/2021-02-25-cnes-jaxa-videoconference">' in text


def test_a_meeting_page_shows_its_participants_in_their_posts(served):
    found = rows(page(served, "/doc/meeting/2022-06-27-cnes-chairman-meetings-japan"))
    assert "when | week of 27 June 2022 (precise to the week) (release of 1 July 2022)" in found
    assert "Philippe Baptiste | Head of CNES, as Chairman and CEO | CNES | release of 1 July 2022" in found
    assert "mission | MMX | release of 1 July 2022" in found


def test_an_event_announced_then_reported_done_says_both_plainly(served):
    line = ("announced for 5 December 2020 (release of 22 October 2020); "
            "done on 6 December 2020 (release of 25 February 2021)")
    for path in ("/doc/event/hayabusa2-sample-return-announced-2020-10-22",
                 "/doc/event/hayabusa2-sample-return-2020-12-06", "/doc/mission/hayabusa2"):
        text = page(served, path)
        assert line in plain(text), path
        assert RELEASE_2020 in text and RELEASE_2021 in text, path
    text = page(served, "/doc/event/hayabusa2-sample-return-announced-2020-10-22")
    assert '<a href="/resource/event/hayabusa2-sample-return-2020-12-06" class="status-done">' \
           "done on 6 December 2020</a>" in text
    assert '<span class="status-planned">announced for 5 December 2020</span>' in text


@pytest.mark.parametrize("path, words", [
    ("/doc/event/mmx-rover-delivery-to-jaxa-2023", "when | mid-2023 (precise to the part of year)"),
    ("/doc/meeting/2022-06-27-cnes-chairman-jaxa-president", "when | week of 27 June 2022 (precise to the week)"),
    ("/doc/event/iac-2022", "when | 18–22 September 2022 (precise to the day)"),
    ("/doc/event/2020-07-micromega-delivery-to-jaxa", "when | July 2020 (precise to the month)"),
    ("/doc/event/2017-one-planet-summit", "when | 2017 (precise to the year)"),
])
def test_dates_show_their_precision(served, path, words):
    assert any(row.startswith(words) for row in rows(page(served, path))), path


# ---------------------------------------------------------------- release pages


def test_the_release_of_25_february_2021_lists_its_facts(served):
    text = page(served, "/doc/release/2021-02-25")
    found = rows(text)
    assert "date | 25 February 2021" in found
    assert "reference | none given" in found and "press contacts | none named" in found
    assert "meeting | CNES-JAXA videoconference, 25 February 2021 | 25 February 2021" in found
    assert " | CNES supplies a spectrometer to MMX (2021) | " in found
    assert " | Hayabusa2 return of Ryugu samples to Earth, 6 December 2020 | 6 December 2020" in found
    assert "mission status report | Callisto status as of 25 February 2021 | 25 February 2021" in found
    assert '<a href="/graph/source/releases/2021-02-25-videoconference">' in text
    assert '<a href="/resource/contribution/2021-02-25-cnes-dlr-mmx-rover">' in text


def test_a_release_page_gives_its_reference_title_and_contacts(served):
    text = page(served, "/doc/release/2022-07-01")
    found = rows(text)
    assert "reference | PR042-2022" in found and "date | 1 July 2022" in found
    assert "<h1>France-Japan space cooperation – Exploration, Earth observation and launchers on the agenda</h1>" \
        in text
    assert "Olivia Baumann | Press Officer of CNES | CNES | release of 1 July 2022" in found
    assert "Raphaël Sart | Head of Media of CNES | CNES | release of 1 July 2022" in found
    assert "plan | European Commission initiative for a European space traffic management regime | " in found


# ---------------------------------------------------------------- search


def test_search_answers_a_browser_with_links_and_the_box_filled(served):
    from webserver import call
    text = page(served, "/search?q=yamakawa")
    assert '<a href="/resource/person/hiroshi-yamakawa">Hiroshi Yamakawa</a>' in text
    assert 'name="q" value="yamakawa"' in text
    assert '<span class="kind"><a href="/model#Person">person</a></span>' in text
    reply = call(served.url + "search?q=yamakawa", headers={"Accept": "application/json"})
    assert reply.headers["content-type"] == "application/json"


# ---------------------------------------------------------------- quality


PAGES = ("/", "/doc/mission/mmx", "/doc/person/hiroshi-yamakawa", "/doc/release/2021-02-25",
         "/doc/organisation/cnes", "/doc/status/done", "/search?q=mmx")


@pytest.mark.parametrize("path", PAGES)
def test_pages_need_few_requests_under_a_content_security_policy(served, path):
    """(How quick they are is measured by benchmarks/page_times.py.)"""
    from webserver import call
    reply = call(served.url + path.lstrip("/"), headers={"Accept": BROWSER})
    assert reply.status == 200
    assert "default-src 'self'" in reply.headers["content-security-policy"]
    text = reply.text
    assert text.count("<script") + text.count("<link ") + text.count("<img") <= 3, path
    assert "<script" not in text and " style=" not in text and " on" not in re.sub(r">[^<]*<", "><", text)


def test_what_the_data_holds_is_shown_as_text(project_copy, tmp_path):
    from webserver import start_serve
    missions = project_copy / "data" / "entities" / "missions.ttl"
    text = missions.read_text()
    assert 'rdfs:label "MMX"@en ;' in text
    missions.write_text(text.replace('rdfs:label "MMX"@en ;', 'rdfs:label "<script>alert(1)</script>"@en ;\n'
                                     '    rdfs:comment "<img src=x onerror=alert(2)>"@en ;'))
    served = start_serve(project_copy, tmp_path)
    try:
        pages = {path: page(served, path) for path in ("/doc/mission/mmx", "/doc/organisation/cnes",
                                                       "/doc/release/2021-02-25", "/search?q=alert")}
    finally:
        served.stop()
    for path, text in pages.items():
        assert "<script" not in text and "<img" not in text, path
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text, path
    assert "<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>" in pages["/doc/mission/mmx"]
    assert "&lt;img src=x onerror=alert(2)&gt;" in pages["/doc/mission/mmx"]


# ---------------------------------------------------------------- in a browser


def test_from_the_home_page_a_search_for_mmx_leads_to_its_page(visit):
    from playwright.sync_api import expect

    from browser import assert_clean_on_both_widths, screenshot
    seen = visit("/")
    seen.page.locator("#find-q").fill("mmx")
    seen.page.locator("form.find button").click()
    seen.page.wait_for_url("**/search?q=mmx")
    expect(seen.page.locator("#find-q")).to_have_value("mmx")
    screenshot(seen.page, "search-mmx")
    seen.page.get_by_role("link", name="MMX", exact=True).first.click()
    seen.page.wait_for_url("**/doc/mission/mmx")
    expect(seen.page.locator("h1")).to_have_text("MMX")
    partners = seen.page.locator("#agencies-and-countries")
    expect(partners).to_contain_text("DLR")
    expect(partners).to_contain_text("release of 25 February 2021")
    expect(seen.page.locator("#contributions")).to_contain_text("CNES supplies a spectrometer to MMX")
    assert_clean_on_both_widths(seen, "entity-mmx")


def test_a_release_page_in_a_browser(visit):
    from playwright.sync_api import expect

    from browser import assert_clean, screenshot
    seen = visit("/resource/release/2022-07-01")
    expect(seen.page.locator("#press-contacts")).to_contain_text("Olivia Baumann")
    assert_clean(seen)
    screenshot(seen.page, "release-2022-07-01", phone=True)


def test_a_new_user_finds_who_met_jaxas_president_in_2021_and_what_cnes_supplies_to_mmx(visit):
    """The issue's walk, by clicks and names only, no SPARQL: from the home page to JAXA, its
    President's 2021 meeting (the videoconference of 25 February 2021: Jean-Yves Le Gall, then
    President of CNES, met Hiroshi Yamakawa), the release saying so, then what CNES supplies to
    MMX (the 2021 release: a spectrometer, the rover with DLR, spaceflight dynamics)."""
    from playwright.sync_api import expect

    from browser import assert_clean, screenshot
    seen = visit("/")
    page = seen.page
    page.locator("#find-q").fill("jaxa")
    page.locator("form.find button").click()
    page.get_by_role("link", name="Japan Aerospace Exploration Agency", exact=True).first.click()
    page.wait_for_url("**/doc/organisation/jaxa")
    page.get_by_role("link", name="CNES-JAXA videoconference, 25 February 2021").first.click()
    page.wait_for_url("**/doc/meeting/2021-02-25-cnes-jaxa-videoconference")
    participants = page.locator("#participants")
    for words in ("Hiroshi Yamakawa", "President of JAXA", "Jean-Yves Le Gall", "release of 25 February 2021"):
        expect(participants).to_contain_text(words)
    screenshot(page, "walk-meeting-2021")
    participants.get_by_role("link", name="release of 25 February 2021").first.click()
    page.wait_for_url("**/doc/release/2021-02-25")
    expect(page.locator("main")).to_contain_text("CNES-JAXA videoconference, 25 February 2021")
    page.locator("header.site input[type=search]").fill("MMX")
    page.locator("header.site input[type=search]").press("Enter")
    page.get_by_role("link", name="MMX", exact=True).first.click()
    page.wait_for_url("**/doc/mission/mmx")
    contributions = page.locator("#contributions")
    for words in ("CNES supplies a spectrometer to MMX", "CNES supplies the MMX rover, built with DLR",
                  "CNES spaceflight dynamics expertise for MMX"):
        expect(contributions).to_contain_text(words)
    screenshot(page, "walk-mmx-contributions")
    assert_clean(seen)
