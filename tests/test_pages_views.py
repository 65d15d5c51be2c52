"""The timeline (/timeline, /timeline.json) and the network view (/network, /network.json):
their data against what the releases say, the pages' safety (CSP, own files only, escaped
text) and, in a headless browser, that they draw, filter and navigate."""

from __future__ import annotations

import json
import re

import pytest

from webserver import call

R = "https://w3id.org/spacecoop/resource/"
VIDEOCONFERENCE_2021 = R + "meeting/2021-02-25-cnes-jaxa-videoconference"
VIDEOCONFERENCE_2020 = R + "meeting/2020-10-22-cnes-jaxa-videoconference"
ROVER_DELIVERY = R + "event/mmx-rover-delivery-to-jaxa-2023"
MMX_DEPARTURE = R + "event/mmx-departure-2024"
LE_GALL, YAMAKAWA = R + "person/jean-yves-le-gall", R + "person/hiroshi-yamakawa"
BAPTISTE, KOBAYASHI = R + "person/philippe-baptiste", R + "person/takayuki-kobayashi"
CNES, JAXA, DLR = R + "organisation/cnes", R + "organisation/jaxa", R + "organisation/dlr"
MMX = R + "mission/mmx"


def get_json(served, path: str):
    reply = call(served.url.rstrip("/") + path)
    assert reply.status == 200, reply.text
    assert reply.headers["content-type"].startswith("application/json")
    return json.loads(reply.body)


@pytest.fixture(scope="module")
def timeline(served) -> dict:
    return get_json(served, "/timeline.json")


def item(timeline: dict, iri: str) -> dict:
    (found,) = [entry for entry in timeline["items"] + timeline["undated"] if entry["id"] == iri]
    return found


# ---------------------------------------------------------------- dates in words



# ---------------------------------------------------------------- the timeline's data


def test_the_2021_videoconference_is_a_point_on_its_day_done(timeline):
    meeting = item(timeline, VIDEOCONFERENCE_2021)
    assert {key: meeting[key] for key in ("label", "kind", "category", "when", "date", "precision", "start", "end",
                                          "point", "approximate", "status", "statusLabel", "url")} == {
        "label": "CNES-JAXA videoconference, 25 February 2021", "kind": "meeting", "category": "meeting",
        "when": "2021-02-25", "date": "25 February 2021", "precision": "day",
        "start": "2021-02-25", "end": "2021-02-25", "point": True, "approximate": False,
        "status": "done", "statusLabel": "done", "url": "/resource/meeting/2021-02-25-cnes-jaxa-videoconference"}
    # the participants, the agencies represented, and the missions discussed (release of 25 February 2021)
    assert set(meeting["people"]) == {LE_GALL, YAMAKAWA}
    assert set(meeting["organisations"]) == {CNES, JAXA}
    assert set(meeting["missions"]) == {R + "mission/" + name for name in (
        "callisto", "mmx", "hayabusa2", "gosat", "gosat-2", "magic-2019", "magic-2020")}
    assert meeting["releases"] == [{"id": R + "release/2021-02-25", "date": "2021-02-25",
                                    "url": "/resource/release/2021-02-25"}]


def test_the_mmx_rover_delivery_is_an_approximate_range_over_mid_2023_planned(timeline):
    delivery = item(timeline, ROVER_DELIVERY)
    assert {key: delivery[key] for key in ("label", "kind", "category", "when", "date", "precision", "start", "end",
                                           "point", "approximate", "status", "url")} == {
        "label": "Delivery of the MMX rover to JAXA, mid-2023", "kind": "delivery", "category": "milestone",
        "when": "2023", "date": "mid-2023", "precision": "part-of-year",
        # the release gives no bounds for "mid": the range is every day the date can mean
        "start": "2023-01-01", "end": "2023-12-31", "point": False, "approximate": True,
        "status": "planned", "url": "/resource/event/mmx-rover-delivery-to-jaxa-2023"}
    assert delivery["missions"] == [MMX]
    # JAXA receives the rover; CNES, with DLR, supplies it (release of 25 February 2021)
    assert set(delivery["organisations"]) == {CNES, DLR, JAXA}
    assert delivery["people"] == []


def test_the_mmx_departure_in_2024_is_planned_over_the_year(timeline):
    departure = item(timeline, MMX_DEPARTURE)
    assert (departure["date"], departure["start"], departure["end"], departure["approximate"], departure["status"],
            departure["kind"], departure["missions"]) == (
        "2024", "2024-01-01", "2024-12-31", True, "planned", "departure", [MMX])


def test_planned_and_done_reports_of_one_event_are_both_on_the_timeline(timeline):
    returns = [(entry["date"], entry["status"]) for entry in timeline["items"]
               if entry["id"].startswith(R + "event/hayabusa2-sample-return")]
    assert returns == [("5 December 2020", "planned"), ("6 December 2020", "done")]


def test_a_week_and_a_span_of_days_are_ranges_only_the_week_approximate(timeline):
    trip = item(timeline, R + "meeting/2022-06-27-cnes-chairman-jaxa-president")
    assert (trip["date"], trip["start"], trip["end"], trip["approximate"], trip["point"]) == (
        "week of 27 June 2022", "2022-06-27", "2022-07-01", True, False)
    congress = item(timeline, R + "event/iac-2022")
    assert (congress["date"], congress["start"], congress["end"], congress["approximate"], congress["point"]) == (
        "18–22 September 2022", "2022-09-18", "2022-09-22", False, False)


def test_an_undated_agreement_takes_the_date_of_the_event_it_was_concluded_at(timeline):
    roadmap = item(timeline, R + "agreement/france-japan-roadmap-2013-2018")
    assert (roadmap["category"], roadmap["date"], roadmap["status"], roadmap["datedBy"]["id"]) == (
        "agreement", "June 2013", None, R + "event/2013-06-francois-hollande-state-visit-japan")


def test_undated_items_are_listed_apart_not_placed(timeline):
    undated = {entry["id"] for entry in timeline["undated"]}
    assert {R + "event/callisto-launch-from-guiana-space-centre", R + "event/mmx-rover-landing-on-phobos",
            R + "agreement/paris-agreement"} <= undated
    assert all(entry["start"] is None and entry["end"] is None for entry in timeline["undated"])
    assert all(entry["start"] <= entry["end"] for entry in timeline["items"])
    assert [entry["start"] for entry in timeline["items"]] == sorted(entry["start"] for entry in timeline["items"])


def test_the_filters_offer_every_mission_organisation_and_person_the_items_involve(timeline):
    for facet in ("missions", "organisations", "people"):
        offered = {node["id"] for node in timeline[facet]}
        assert offered == {iri for entry in timeline["items"] + timeline["undated"] for iri in entry[facet]}, facet
    labels = {facet: {node["id"]: node["label"] for node in timeline[facet]}
              for facet in ("missions", "organisations", "people")}
    assert labels["missions"][MMX] == "MMX"
    assert (labels["organisations"][CNES], labels["organisations"][JAXA]) == ("CNES", "JAXA")
    assert (labels["people"][LE_GALL], labels["people"][YAMAKAWA]) == ("Jean-Yves Le Gall", "Hiroshi Yamakawa")
    jaxa = next(node for node in timeline["organisations"] if node["id"] == JAXA)
    assert (jaxa["name"], jaxa["url"]) == ("Japan Aerospace Exploration Agency", "/resource/organisation/jaxa")
    mmx_items = {entry["id"] for entry in timeline["items"] if MMX in entry["missions"]}
    assert {ROVER_DELIVERY, MMX_DEPARTURE, VIDEOCONFERENCE_2021, VIDEOCONFERENCE_2020} <= mmx_items


# ---------------------------------------------------------------- the network's data


def test_who_met_whom_links_le_gall_and_yamakawa_by_their_two_videoconferences(served):
    network = get_json(served, "/network.json?view=people")
    people = {node["id"]: node for node in network["nodes"]}
    assert (people[LE_GALL]["label"], people[LE_GALL]["group"], people[LE_GALL]["url"]) == (
        "Jean-Yves Le Gall", "France", "/resource/person/jean-yves-le-gall")
    assert (people[YAMAKAWA]["group"], people[YAMAKAWA]["posts"]) == ("Japan", ["President of JAXA"])
    edges = {frozenset((edge["from"], edge["to"])): edge for edge in network["edges"]}
    met = edges[frozenset((LE_GALL, YAMAKAWA))]
    assert (met["count"], met["label"]) == (2, "2")
    assert [(meeting["id"], meeting["date"], meeting["url"]) for meeting in met["meetings"]] == [
        (VIDEOCONFERENCE_2020, "22 October 2020", "/resource/meeting/2020-10-22-cnes-jaxa-videoconference"),
        (VIDEOCONFERENCE_2021, "25 February 2021", "/resource/meeting/2021-02-25-cnes-jaxa-videoconference")]
    # each met Philippe Baptiste in a meeting of his 2022 trip, not each other: no edge between them
    assert frozenset((BAPTISTE, YAMAKAWA)) in edges and frozenset((BAPTISTE, KOBAYASHI)) in edges
    assert frozenset((YAMAKAWA, KOBAYASHI)) not in edges
    assert {edge["from"] for edge in network["edges"]} | {edge["to"] for edge in network["edges"]} <= set(people)


def test_the_contribution_network_links_cnes_to_mmx_with_its_roles(served):
    network = get_json(served, "/network.json?view=contributions")
    nodes = {node["id"]: node for node in network["nodes"]}
    assert (nodes[CNES]["group"], nodes[MMX]["group"], nodes[JAXA]["label"]) == ("organisation", "mission", "JAXA")
    assert nodes[R + "country/france"]["group"] == "country"
    edges = {(edge["from"], edge["to"]): edge for edge in network["edges"]}
    cnes_mmx = edges[(CNES, MMX)]
    # the 2021 release: a spectrometer, the rover (with DLR) and spaceflight dynamics expertise
    assert cnes_mmx["roles"] == ["provides expertise", "supplies hardware"]
    assert cnes_mmx["label"] == "provides expertise, supplies hardware"
    assert {contribution["id"] for contribution in cnes_mmx["contributions"]} == {
        R + "contribution/2021-02-25-cnes-mmx-spectrometer", R + "contribution/2021-02-25-cnes-mmx-spaceflight-dynamics",
        R + "contribution/2021-02-25-cnes-dlr-mmx-rover"}
    assert all(contribution["url"].startswith("/resource/contribution/") for contribution in cnes_mmx["contributions"])
    # the 2022 release names only the nations for the rover: France and Germany
    assert edges[(R + "country/france", MMX)]["roles"] == ["supplies hardware", "takes part"]
    assert (DLR, MMX) in edges and (R + "country/germany", MMX) in edges


def test_an_unknown_network_view_is_400(served):
    reply = call(served.url + "network.json?view=planets")
    assert reply.status == 400 and "people, contributions" in reply.text
    assert call(served.url + "network?view=planets").status == 400


# ---------------------------------------------------------------- the pages


@pytest.mark.parametrize("path", ["/timeline", "/network", "/network?view=contributions"])
def test_the_pages_load_only_this_servers_files_with_the_csp(served, path):
    reply = call(served.url.rstrip("/") + path)
    assert reply.status == 200
    assert "script-src 'self'" in reply.headers["content-security-policy"]
    page = reply.text
    assert re.findall(r"<script(?![^>]*\bsrc=)", page) == []  # no inline script
    assert not re.search(r"\son[a-z]+=", page)  # no event-handler attribute
    for url in re.findall(r'<(?:script|link|img)[^>]*(?:src|href)="([^"]+)"', page):
        if url.startswith("data:"):  # the empty favicon: no request
            continue
        assert url.startswith("/static/"), url
        assert call(served.url.rstrip("/") + url).status == 200, url


def test_the_timeline_page_lists_items_and_the_undated_ones_and_keeps_a_chosen_filter(served):
    page = call(served.url + "timeline?person=" + LE_GALL).text
    assert 'data-src="/timeline.json"' in page
    assert '<a href="/resource/event/mmx-rover-delivery-to-jaxa-2023">Delivery of the MMX rover to JAXA, mid-2023</a>' in page
    undated = page.split("Not placed on the timeline")[1]
    assert "Callisto launch from the Guiana Space Centre (announced 2021)" in undated
    assert "MMX departure, 2024" not in undated
    assert f'<option value="{LE_GALL}" selected>Jean-Yves Le Gall</option>' in page
    assert f'<option value="{JAXA}">JAXA (Japan Aerospace Exploration Agency)</option>' in page


def test_the_network_page_lists_its_links_as_text(served):
    page = call(served.url + "network").text
    assert 'data-src="/network.json?view=people"' in page
    assert re.search(r'<a href="/resource/person/hiroshi-yamakawa">Hiroshi Yamakawa</a> and\s*'
                     r'<a href="/resource/person/jean-yves-le-gall">Jean-Yves Le Gall</a>:\s*2 meetings', page)
    page = call(served.url + "network?view=contributions").text
    assert re.search(r'<a href="/resource/organisation/cnes">CNES</a> → <a href="/resource/mission/mmx">MMX</a>:\s*'
                     r'provides expertise, supplies hardware', page)


def test_the_pages_escape_what_the_data_holds(project_copy, tmp_path):
    from webserver import start_serve
    release = project_copy / "data" / "releases" / "2021-02-25-videoconference.ttl"
    release.write_text(release.read_text() + """
meeting:2021-03-01-injected a sc:Meeting ;
    rdfs:label "<script>alert(1)</script> meeting"@en ;
    sc:when "2021-03-01" ; sc:earliest "2021-03-01"^^xsd:date ; sc:latest "2021-03-01"^^xsd:date ;
    sc:datePrecision precision:day ; sc:eventStatus status:done ;
    sc:participant person:jean-yves-le-gall , person:injected ;
    sc:statedIn release:2021-02-25 .
person:injected a sc:Person ; rdfs:label "<img src=x onerror=alert(2)>"@en ; sc:statedIn release:2021-02-25 .
""")
    served = start_serve(project_copy, tmp_path)
    try:
        pages = {path: call(served.url.rstrip("/") + path).text for path in ("/timeline", "/network")}
        timeline = json.loads(call(served.url + "timeline.json").body)
    finally:
        served.stop()
    for path, page in pages.items():
        assert "<script>alert" not in page and "<img" not in page, path
    assert "&lt;script&gt;alert(1)&lt;/script&gt; meeting</a>" in pages["/timeline"]
    assert "&lt;img src=x onerror=alert(2)&gt;</a>" in pages["/network"]
    assert item(timeline, R + "meeting/2021-03-01-injected")["label"] == "<script>alert(1)</script> meeting"


# ---------------------------------------------------------------- in a browser


def test_the_timeline_draws_its_items_and_a_filter_narrows_them(visit):
    from playwright.sync_api import expect
    from browser import assert_clean, screenshot
    seen = visit("/timeline")
    page = seen.page
    expect(page.locator("#timeline[data-ready='true']")).to_have_count(1)
    expect(page.locator("#timeline .vis-item").first).to_be_visible()
    expect(page.locator("#timeline")).to_contain_text("MMX departure, 2024")
    everything = page.locator("#timeline .vis-item").count()
    assert_clean(seen)
    screenshot(page, "timeline", phone=True)

    page.select_option("select[name=person]", BAPTISTE)
    expect(page.locator("#timeline-count")).to_have_text(re.compile(r"^3 of \d+ dated items\.$"))
    expect(page.locator("#timeline")).to_contain_text("CNES Chairman & CEO meets the President of JAXA")
    assert 0 < page.locator("#timeline .vis-item").count() < everything
    assert "person=" in page.url
    expect(page.locator("#timeline-undated li:visible")).to_have_count(0)
    expect(page.locator("#timeline-undated-none")).to_be_visible()
    screenshot(page, "timeline-filtered")
    assert_clean(seen)


def test_a_click_on_a_timeline_item_opens_its_page(visit):
    from playwright.sync_api import expect
    seen = visit("/timeline?mission=" + MMX)
    page = seen.page
    expect(page.locator("#timeline[data-ready='true']")).to_have_count(1)
    page.locator("#timeline .vis-item", has_text="MMX departure, 2024").click()
    page.wait_for_url(re.compile(r"/event/mmx-departure-2024"))


@pytest.mark.parametrize("view, node, text", [
    ("people", YAMAKAWA, "Hiroshi Yamakawa"),
    ("contributions", MMX, "MMX"),
])
def test_the_network_draws_and_a_click_on_a_node_opens_its_page(visit, view, node, text):
    from playwright.sync_api import expect
    from browser import assert_clean, screenshot
    seen = visit(f"/network?view={view}")
    page = seen.page
    expect(page.locator("#network[data-ready='true']")).to_have_count(1)
    expect(page.locator("#network canvas")).to_have_count(1)
    assert_clean(seen)
    screenshot(page, f"network-{view}", phone=True)

    seen = visit(f"/network?view={view}")  # afresh: the screenshots resized the canvas
    page = seen.page
    expect(page.locator("#network[data-ready='true']")).to_have_count(1)
    position = page.evaluate("""iri => {
        const network = document.getElementById("network").visNetwork;
        const point = network.canvasToDOM(network.getPositions([iri])[iri]);
        const box = document.querySelector("#network canvas").getBoundingClientRect();
        return {x: box.left + point.x, y: box.top + point.y};
    }""", node)
    page.mouse.click(position["x"], position["y"])
    page.wait_for_url(re.compile(re.escape(node.removeprefix(R))))
    expect(page.locator("h1")).to_contain_text(text)
