"""The SPARQL editor at /editor (issue 13, point 5): YASGUI on this server's /sparql, the
project's prefixes declared, the saved queries as examples, links that open a query, and
nothing asked of any other site."""

from __future__ import annotations

import json
from urllib.parse import quote

from playwright.sync_api import expect

from browser import assert_clean, assert_fits, screenshot
from webserver import call

MMX_PARTNERS = "SELECT ?partner WHERE { mission:mmx sc:partner ?partner }"
# The 2021-02-25 release: MMX's partners are CNES and DLR.
CNES, DLR = "/resource/organisation/cnes", "/resource/organisation/dlr"


def test_the_editor_page_offers_every_saved_query(served, kg):
    reply = call(served.url + "editor")
    assert reply.status == 200
    assert "script-src 'self'" in reply.headers["content-security-policy"]
    assert '<script src="/static/vendor/yasgui/yasgui.min.js"></script>' in reply.text
    assert "<script>" not in reply.text
    for name in kg.catalogue:
        assert f'<option value="{name}">' in reply.text
    assert 'data-endpoint="/sparql"' in reply.text
    assert "&#34;mission&#34;:&#34;https://w3id.org/spacecoop/resource/mission/&#34;" in reply.text


def test_an_example_is_what_the_server_runs_for_the_saved_query(served, kg):
    examples = {entry["name"]: entry for entry in json.loads(call(served.url + "editor/examples.json").text)}
    assert set(examples) == set(kg.catalogue)
    profile = examples["mission-profile"]
    assert profile["title"] == kg.catalogue["mission-profile"].title
    assert "VALUES (?mission) { (<https://w3id.org/spacecoop/resource/mission/mmx>) }" in profile["query"]
    timeline = examples["timeline"]["query"]
    assert ('VALUES (?from ?to) { ("2013-01-01"^^<http://www.w3.org/2001/XMLSchema#date> '
            '"2022-12-31"^^<http://www.w3.org/2001/XMLSchema#date>) }') in timeline
    assert [name for name, entry in examples.items() if entry["reasoning"]] == sorted(
        name for name, saved in kg.catalogue.items() if saved.reasoning)
    for name in ("mission-profile", "agreements-between", "timeline", "is-derived-from"):
        sent = call(served.url + "sparql", "POST", examples[name]["query"],
                    {"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"})
        saved = call(served.url + f"queries/{name}.json")
        assert sent.status == saved.status == 200, name
        assert json.loads(sent.text) == json.loads(saved.text), name


def run(page) -> None:
    page.locator(".yasqe_queryButton").click()
    expect(page.locator(".yasr .dataTable tbody tr").first).to_be_visible()


def test_a_query_typed_in_the_editor_runs_on_this_server(visit):
    seen = visit("/editor")
    page = seen.page
    page.locator(".CodeMirror").click()
    page.keyboard.press("Control+A")
    page.keyboard.type(MMX_PARTNERS)
    page.keyboard.press("Escape")  # close an autocompletion list, if one is open
    run(page)
    results = page.locator(".yasr .dataTable tbody")
    expect(results.locator("tr")).to_have_count(2)
    expect(results.locator(f"a[href='{CNES}']")).to_have_text("organisation:cnes")
    expect(results.locator(f"a[href='{DLR}']")).to_have_text("organisation:dlr")
    text = page.evaluate("document.querySelector('.CodeMirror').CodeMirror.getValue()")
    assert "PREFIX mission: <https://w3id.org/spacecoop/resource/mission/>" in text
    assert "PREFIX sc: <https://w3id.org/spacecoop/ontology#>" in text
    assert any(url.endswith("/sparql") for url in seen.requests)
    assert_clean(seen)
    screenshot(page, "editor", phone=True)


def test_a_link_opens_the_editor_with_its_query_and_runs_it(visit):
    seen = visit("/editor?query=" + quote(MMX_PARTNERS) + "&endpoint=" + quote("https://dbpedia.org/sparql"))
    page = seen.page
    expect(page.locator(".yasr .dataTable tbody tr")).to_have_count(2)
    expect(page.locator(f".yasr a[href='{CNES}']")).to_be_visible()
    text = page.evaluate("document.querySelector('.CodeMirror').CodeMirror.getValue()")
    assert MMX_PARTNERS in text
    assert_clean(seen)  # the link's endpoint is not followed: nothing outside 127.0.0.1


def test_a_ready_question_loads_into_the_editor(visit):
    seen = visit("/editor", phone=True)
    page = seen.page
    page.locator("#example").select_option("mission-profile")
    expect(page.locator("#example-note")).to_contain_text("statement about the mission")
    expect(page.locator("#example-note a")).to_have_attribute("href", "/questions/mission-profile")
    text = page.evaluate("document.querySelector('.CodeMirror').CodeMirror.getValue()")
    assert "VALUES (?mission) { (<https://w3id.org/spacecoop/resource/mission/mmx>) }" in text
    run(page)
    expect(page.locator(".yasr .dataTable tbody")).to_contain_text("organisation:dlr")
    assert_fits(page)
    assert_clean(seen)
