"""The ready questions (/questions, /questions/NAME) and the model's documentation pages
(/model, /model/shapes), over HTTP against a real `spacecoop serve`; expected contents come
from the saved query files, the releases and the ontology and shapes files."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, quote, urlencode, urlsplit

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH

from spacecoop.namespaces import SC
from spacecoop.saved_queries import load_catalogue
from webserver import call, start_serve

REPOSITORY = Path(__file__).resolve().parents[1]
CATALOGUE = load_catalogue(REPOSITORY / "queries")
BANNER = re.compile(r"^#{10,}\n#\s+(.+?)\s*\n#{10,}$", re.MULTILINE)


class Page(HTMLParser):
    """What a test reads of a page: its links (href, text), inputs, headings h2, table
    columns and rows (each cell's text and link), and its text."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []
        self.inputs: dict[str, dict] = {}
        self.headings: list[str] = []
        self.columns: list[str] = []
        self.rows: list[list[tuple[str, str | None]]] = []
        self.words: list[str] = []
        self._open: list[list] = []  # [tag, attributes, text]
        self.feed(html)
        self.text = " ".join(" ".join(self.words).split())

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "input":
            self.inputs[attributes.get("name", "")] = attributes
        elif tag == "tr":
            self.rows.append([])
        if tag in ("a", "h2", "th", "td"):
            self._open.append([tag, attributes, []])

    def handle_endtag(self, tag):
        if not self._open or self._open[-1][0] != tag:
            return
        _, attributes, text = self._open.pop()
        words = " ".join("".join(text).split())
        if tag == "a":
            self.links.append((attributes.get("href"), words))
            if self._open and self._open[-1][0] == "td":
                self._open[-1][1]["link"] = attributes.get("href")
        elif tag == "h2":
            self.headings.append(words)
        elif tag == "th":
            self.columns.append(words)
        elif tag == "td" and self.rows:
            self.rows[-1].append((words, attributes.get("link")))

    def handle_data(self, data):
        self.words.append(data)
        for opened in self._open:
            opened[2].append(data)


def page(served, path: str, status: int = 200) -> Page:
    reply = call(served.url.rstrip("/") + path)
    assert reply.status == status, (path, reply.status, reply.text[:500])
    assert reply.headers["Content-Type"].startswith("text/html")
    assert "script-src 'self'" in reply.headers["Content-Security-Policy"]
    return Page(reply.text)


def row_with(table_page: Page, *cells: str) -> list[tuple[str, str | None]]:
    """The first table row holding each of ``cells`` as a cell's text."""
    for row in table_page.rows:
        if all(any(text == cell for text, _ in row) for cell in cells):
            return row
    raise AssertionError(f"no row with {cells}: {table_page.rows}")


# ------------------------------------------------------------ the catalogue

def test_the_catalogue_lists_every_saved_query_under_its_tags(served):
    catalogue = page(served, "/questions")
    links = {href: text for href, text in catalogue.links}
    for name, saved in CATALOGUE.items():
        assert links.get(f"/questions/{name}") == saved.title, name
        for tag in saved.tags:
            assert tag in catalogue.headings
    assert len(CATALOGUE) >= 40 and catalogue.headings == sorted(catalogue.headings)


# ------------------------------------------------------------ a question's page

def test_mission_profile_of_hayabusa2_shows_what_the_releases_say(served):
    """data/releases/2020-10-22 and 2021-02-25 give Ryugu as Hayabusa2's target and sample
    source; 2021-02-25 gives JAXA as its leader."""
    profile = page(served, "/questions/mission-profile?mission=mission:hayabusa2")
    assert "What do the releases say about a given mission?" in profile.text
    sample = row_with(profile, "sc:sampleSource", "Ryugu")
    assert ("Ryugu", "/resource/body/ryugu") in sample and ("2020-10-22", None) in sample and ("2", None) in sample
    leader = row_with(profile, "sc:ledBy")
    assert ("Japan Aerospace Exploration Agency", "/resource/organisation/jaxa") in leader
    assert ("2021-02-25", None) in leader
    assert profile.columns == ["direction", "property", "value", "firstStated", "releases"]  # the label
    # column (valueLabel) is the link text of the value column
    assert profile.inputs["mission"]["value"] == "mission:hayabusa2"
    assert "Hayabusa2" in profile.text  # the picked node's label, beside the field
    hrefs = [href for href, _ in profile.links]
    for suffix in ("json", "csv", "tsv"):
        assert f"/queries/mission-profile.{suffix}?mission=mission%3Ahayabusa2" in hrefs


def test_the_data_links_and_the_editor_link_give_the_same_answer(served):
    profile = page(served, "/questions/mission-profile?mission=mission:hayabusa2")
    data = call(f"{served.url}queries/mission-profile.json?mission=mission%3Ahayabusa2")
    rows = json.loads(data.text)["results"]["bindings"]
    assert {row["value"]["value"] for row in rows} >= {"https://w3id.org/spacecoop/resource/body/ryugu",
                                                        "https://w3id.org/spacecoop/resource/organisation/jaxa"}
    editor = next(href for href, text in profile.links if href.startswith("/editor?"))
    text = parse_qs(urlsplit(editor).query)["query"][0]
    assert "VALUES (?mission) { (<https://w3id.org/spacecoop/resource/mission/hayabusa2>) }" in text
    assert text.replace(" VALUES (?mission) { (<https://w3id.org/spacecoop/resource/mission/hayabusa2>) } ", "") \
        == (REPOSITORY / "queries/mission-profile.rq").read_text(encoding="utf-8")
    bound = call(f"{served.url}sparql?{urlencode({'query': text})}", headers={"Accept": "application/sparql-results+json"})
    assert bound.status == 200 and json.loads(bound.text)["results"]["bindings"] == rows


def test_date_parameters_are_date_inputs_with_their_defaults(served):
    timeline = page(served, "/questions/timeline")
    assert timeline.inputs["from"]["type"] == "date" and timeline.inputs["from"]["value"] == "2013-01-01"
    assert timeline.inputs["to"]["type"] == "date" and timeline.inputs["to"]["value"] == "2022-12-31"
    narrowed = page(served, "/questions/timeline?from=2022-01-01&to=2022-12-31")
    assert narrowed.inputs["from"]["value"] == "2022-01-01"
    assert 0 < len([row for row in narrowed.rows if row]) < len([row for row in timeline.rows if row])


def test_a_graph_question_shows_its_triples_and_an_ask_question_its_answer(served):
    graph = page(served, "/questions/met-graph")
    assert any(text == "foaf:knows" for row in graph.rows for text, _ in row)
    assert "/queries/met-graph.ttl" in [href for href, _ in graph.links]
    assert "Yes." in page(served, "/questions/is-derived-from").text


@pytest.mark.parametrize("path, status, words", [
    ("/questions/timeline?from=2020-13-01", 400, "timeline: from='2020-13-01': not a valid xsd:date"),
    ("/questions/mission-profile?misson=mission:mmx", 400, "unknown parameter(s) misson (accepted: mission)"),
    ("/questions/mission-profile?mission=mission:hayabusa3", 400, "mission=mission:hayabusa3: no such node"),
    ("/questions/mission-profile?_reasoning=maybe", 400, "_reasoning='maybe': give on or off"),
    ("/questions/mission-profil", 404, "did you mean mission-profile?"),
])
def test_a_bad_value_shows_why_on_the_page(served, path, status, words):
    shown = page(served, path, status)
    assert words in shown.text
    assert "Ready questions" in shown.text  # still a page of the site, with its form or the list


def test_a_bad_value_keeps_the_form_and_a_typed_name_offers_the_nodes_named_so(served):
    kept = page(served, "/questions/timeline?from=2020-13-01&to=2021-01-01", 400)
    assert kept.inputs["from"]["value"] == "2020-13-01" and kept.inputs["to"]["value"] == "2021-01-01"
    typed = page(served, "/questions/mission-profile?mission=hayab", 400)
    assert typed.inputs["mission"]["value"] == "hayab"
    assert ("/questions/mission-profile?mission=mission%3Ahayabusa2", "Hayabusa2") in typed.links


def test_the_saved_querys_html_is_the_question_page(served):
    for path in ("queries/mission-profile.html?mission=mission%3Ammx", "queries/mission-profile?mission=mission%3Ammx"):
        reply = call(served.url + path, headers={"Accept": "text/html"})
        assert reply.status == 303 and reply.headers["Location"].endswith("/questions/mission-profile?mission=mission%3Ammx")
    assert json.loads(call(f"{served.url}queries.json").text)[0]["page"].startswith(f"{served.url}questions/")


# ------------------------------------------------------------ the model

def test_the_model_page_follows_the_ontology_file(served):
    text = (REPOSITORY / "ontology/spacecoop.ttl").read_text(encoding="utf-8")
    banners = BANNER.findall(text)
    model = page(served, "/model")
    assert model.headings[:len(banners)] == banners and len(banners) >= 10
    assert model.headings[len(banners)] == "Controlled vocabularies"
    ontology = Graph().parse(REPOSITORY / "ontology/spacecoop.ttl")
    reply = call(f"{served.url}model").text
    for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty):
        for term in ontology.subjects(RDF.type, kind):
            if isinstance(term, URIRef) and term.startswith(str(SC)):
                assert f'id="{term[len(SC):]}"' in reply, term
    # each term sits in the section of the file that defines it
    missions = reply[reply.index("<h2>Missions</h2>"):]
    assert missions.index('id="Mission"') < missions.index("<h2>", 1)


def test_a_class_and_a_property_of_the_model(served):
    ontology = Graph().parse(REPOSITORY / "ontology/spacecoop.ttl")
    reply = call(f"{served.url}model").text
    mission = Page(entry(reply, "Mission"))
    assert str(ontology.value(SC.Mission, RDFS.label)) in mission.text
    assert str(ontology.value(SC.Mission, RDFS.comment)) in mission.text
    led_by = Page(entry(reply, "ledBy"))
    assert ontology.value(SC.ledBy, RDFS.domain) == SC.Mission and ontology.value(SC.ledBy, RDFS.range) == SC.Organisation
    assert ("#Mission", "sc:Mission") in led_by.links and ("#Organisation", "sc:Organisation") in led_by.links
    assert "domain: sc:Mission" in led_by.text and "range: sc:Organisation" in led_by.text
    vocabulary = page(served, "/model")
    assert ("/resource/status/done", "done") in vocabulary.links


def entry(html: str, name: str) -> str:
    """A term's entry in the model page: from its <dt> to the next."""
    start = html.index(f'<dt id="{name}">')
    return html[start:html.index("<dt ", start + 1)]


def test_the_shapes_page_lists_each_shape_with_its_severity(served):
    reply = call(f"{served.url}model/shapes").text
    shapes_page = Page(reply)
    files = sorted((REPOSITORY / "shapes").glob("*.ttl"))
    assert [heading for heading in shapes_page.headings] == [f"shapes/{path.name}" for path in files]
    for path in files:
        shapes = Graph().parse(path)
        for shape in (*shapes.subjects(RDF.type, SH.NodeShape), *shapes.subjects(RDF.type, SH.PropertyShape)):
            if isinstance(shape, URIRef):
                name = shape.split("#")[1]
                assert f'id="{name}"' in reply, shape
    date = Page(reply[reply.index('id="PressRelease-date"'):reply.index("</article>", reply.index('id="PressRelease-date"'))])
    assert "release date" in date.text and "violation" in date.text
    assert "A press release needs exactly one date" in date.text
    recommendations = Graph().parse(REPOSITORY / "shapes/recommendations.ttl")
    warned = next(shape for shape in recommendations.subjects(SH.severity, SH.Warning) if isinstance(shape, URIRef))
    start = reply.index(f'id="{warned.split("#")[1]}"')
    assert "severity-warning" in reply[start:reply.index("</h4>", start)]
    assert ("/model#PressRelease", "sc:PressRelease") in shapes_page.links  # a target, linked to the model


# ------------------------------------------------------------ escaping

def test_the_pages_escape_what_the_files_say(project_copy, tmp_path):
    query = project_copy / "queries/releases-overview.rq"
    query.write_text(query.read_text(encoding="utf-8")
                     .replace("#+ title: ", "#+ title: <script>alert(1)</script> ", 1)
                     .replace("#+ description: ", "#+ description: <img src=x onerror=alert(2)> ", 1)
                     .replace("#+ tags: ", "#+ tags: <b>bold</b>, ", 1), encoding="utf-8")
    ontology = project_copy / "ontology/spacecoop.ttl"
    ontology.write_text(ontology.read_text(encoding="utf-8").replace(
        "#  Missions\n", "#  Missions <script>alert(3)</script>\n", 1).replace(
        'rdfs:label "mission"@en ;', 'rdfs:label "mission"@en ;\n    rdfs:comment "<script>alert(4)</script>"@en ;', 1),
        encoding="utf-8")
    server = start_serve(project_copy, tmp_path)
    try:
        for path in ("questions", "questions/releases-overview", "model", "model/shapes"):
            reply = call(server.url + path)
            assert reply.status == 200, (path, reply.text[:300])
            assert "<script>alert" not in reply.text and "<img src=x" not in reply.text and "<b>bold" not in reply.text
            assert "script-src 'self'" in reply.headers["Content-Security-Policy"]
            assert "<script>" not in reply.text  # the only scripts are files: <script src=…>
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in call(server.url + "questions").text
        model = call(server.url + "model").text
        assert "Missions &lt;script&gt;alert(3)&lt;/script&gt;" in model and "&lt;script&gt;alert(4)" in model
        linked = call(server.url + "questions/releases-overview?" + urlencode({"_timeout": '"><script>x'}))
        assert linked.status == 400 and "<script>x" not in linked.text
    finally:
        server.stop()


def test_parameter_names_and_values_in_links_are_quoted(served):
    value = 'mission:mmx"><script>'
    reply = call(f"{served.url}questions/mission-profile?mission={quote(value)}")
    assert reply.status == 400 and "<script>" not in reply.text and 'value="mission:mmx&#34;&gt;&lt;script&gt;"' in reply.text


# ------------------------------------------------------------ in a browser

def test_a_question_asked_from_its_form_in_a_browser(visit):
    """Type part of a name in the mission field, pick Hayabusa2 among the nodes offered,
    ask: the page of the answer shows Ryugu, its address holds the mission."""
    from playwright.sync_api import expect

    from browser import assert_clean_on_both_widths, screenshot
    seen = visit("/questions/mission-profile")
    field = seen.page.locator("#parameter-mission")
    field.fill("")
    field.press_sequentially("hayab", delay=30)
    choice = seen.page.get_by_role("option", name=re.compile(r"^Hayabusa2 mission:hayabusa2"))
    expect(choice).to_be_visible()
    screenshot(seen.page, "question-choices")
    choice.click()
    expect(field).to_have_value("mission:hayabusa2")
    seen.page.get_by_role("button", name="Ask").click()
    seen.page.wait_for_url("**/questions/mission-profile?mission=mission%3Ahayabusa2*")
    expect(seen.page.locator("table.result")).to_contain_text("Ryugu")
    expect(seen.page.locator("table.result")).to_contain_text("Japan Aerospace Exploration Agency")
    assert_clean_on_both_widths(seen, "question-mission-profile")


def test_the_model_pages_in_a_browser(visit):
    """The pages are long (some 20,000 px): the screenshots are of the window, at an entry."""
    from browser import PHONE, SCREENSHOTS, assert_clean, assert_fits
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for path, name in (("/model#Mission", "model"), ("/model/shapes#PressRelease", "model-shapes")):
        seen = visit(path)
        assert_clean(seen)
        seen.page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))
        seen.page.set_viewport_size(PHONE)
        assert_fits(seen.page)
        seen.page.screenshot(path=str(SCREENSHOTS / f"{name}-phone.png"))
