"""The data of the timeline and of the network views, as plain dictionaries ready for JSON:
what happened or was announced when, who met whom, and who contributes to which mission.

Read from the store with SPARQL (the data and the ontology, no reasoning). Nodes are given
by their IRIs; the web face turns them into links. Dates keep the precision the releases
give them: an item has the first and last days its date can mean (``start``, ``end``: the
sc:earliest and sc:latest of the graph) and the date in words (:func:`edtf.said`:
"25 February 2021", "week of 27 June 2022", "mid-2023").
"""

from __future__ import annotations

import re
from collections import defaultdict

from .edtf import parse_edtf, said

#: The rows of the timeline, in the order shown: each item goes in the first whose class
#: (the item's class or a superclass) it has.
CATEGORIES = (
    ("milestone", "sc:MissionEvent", "Mission milestones"),
    ("meeting", "sc:Meeting", "Meetings and visits"),
    ("meeting", "sc:Visit", "Meetings and visits"),
    ("agreement", "sc:Commitment", "Agreements and plans"),
    ("event", "sc:Event", "Other events"),
)

#: The statuses of the legend, from the least to the most advanced (sc:Status in the vocabularies).
STATUSES = (("proposed", "proposed"), ("planned", "planned"), ("under-way", "under way"), ("done", "done"))

#: How each part of a year that EDTF has no code for is said (sc:partOfYear).
#: EDTF's season codes.

_CATEGORY_VALUES = " ".join(f'({top} "{name}")' for name, top, _ in CATEGORIES)

TIMELINE_ITEMS = f"""
SELECT ?item ?category ?classLabel ?label ?when ?earliest ?latest ?precision ?part ?status ?eventKindLabel ?concludedAt
WHERE {{
  VALUES (?top ?category) {{ {_CATEGORY_VALUES} }}
  ?item a ?class .
  ?class rdfs:subClassOf* ?top .
  OPTIONAL {{ ?class rdfs:label ?classLabel FILTER(LANGMATCHES(LANG(?classLabel), "en")) }}
  OPTIONAL {{ ?item rdfs:label ?label FILTER(LANGMATCHES(LANG(?label), "en")) }}
  OPTIONAL {{ ?item sc:when ?when }}
  OPTIONAL {{ ?item sc:earliest ?earliest }}
  OPTIONAL {{ ?item sc:latest ?latest }}
  OPTIONAL {{ ?item sc:datePrecision ?precision }}
  OPTIONAL {{ ?item sc:partOfYear ?part }}
  OPTIONAL {{ ?item sc:eventStatus ?status }}
  OPTIONAL {{ ?item sc:eventKind ?eventKind .
             ?eventKind skos:prefLabel ?eventKindLabel FILTER(LANGMATCHES(LANG(?eventKindLabel), "en")) }}
  OPTIONAL {{ ?item sc:concluded ?concludedAt }}
  FILTER(ISIRI(?item))
}}
"""

#: The missions, organisations and people an item involves: those it links to directly
#: (participants, represented organisations, organisers, recipients, parties, the mission of
#: a milestone, the missions discussed…), the agency leading a milestone's mission, and the
#: organisations supplying the hardware a milestone involves.
TIMELINE_INVOLVED = """
SELECT DISTINCT ?item ?facet ?node ?label ?abbreviation
WHERE {
  VALUES ?top { sc:Event sc:Commitment }
  ?item a/rdfs:subClassOf* ?top .
  { ?item ?property ?node }
  UNION { ?item sc:ofMission/sc:ledBy ?node }
  UNION { ?item sc:involvesHardware ?hardware . ?contribution sc:item ?hardware ; sc:contributor ?node }
  VALUES (?kind ?facet) { (sc:Mission "missions") (sc:Organisation "organisations") (sc:Person "people") }
  ?node a/rdfs:subClassOf* ?kind .
  OPTIONAL { ?node rdfs:label ?label FILTER(LANGMATCHES(LANG(?label), "en")) }
  OPTIONAL { ?node sc:abbreviation ?abbreviation }
}
"""

TIMELINE_RELEASES = """
SELECT DISTINCT ?item ?release ?date
WHERE {
  VALUES ?top { sc:Event sc:Commitment }
  ?item a/rdfs:subClassOf* ?top ;
        sc:statedIn ?release .
  OPTIONAL { ?release dcterms:date ?date }
}
"""

MEETINGS = """
SELECT ?meeting ?label ?when ?precision ?part ?earliest ?person ?personLabel
WHERE {
  ?meeting a/rdfs:subClassOf* sc:Meeting ;
           sc:participant ?person .
  OPTIONAL { ?meeting rdfs:label ?label FILTER(LANGMATCHES(LANG(?label), "en")) }
  OPTIONAL { ?meeting sc:when ?when }
  OPTIONAL { ?meeting sc:datePrecision ?precision }
  OPTIONAL { ?meeting sc:partOfYear ?part }
  OPTIONAL { ?meeting sc:earliest ?earliest }
  OPTIONAL { ?person rdfs:label ?personLabel FILTER(LANGMATCHES(LANG(?personLabel), "en")) }
}
"""

#: The posts each participant held at the meetings, and the countries of those posts'
#: organisations (which side of the table they sat on).
MEETING_POSTS = """
SELECT DISTINCT ?person ?postLabel ?countryLabel
WHERE {
  ?meeting a/rdfs:subClassOf* sc:Meeting ;
           sc:participant ?person .
  ?holding org:member ?person ;
           sc:attestedAt ?meeting ;
           sc:post ?post .
  OPTIONAL { ?post rdfs:label ?postLabel FILTER(LANGMATCHES(LANG(?postLabel), "en")) }
  OPTIONAL { ?post org:postIn/sc:country ?country .
             ?country rdfs:label ?countryLabel FILTER(LANGMATCHES(LANG(?countryLabel), "en")) }
}
"""

#: Who contributes to which mission: an organisation (sc:contributor, or sc:performedBy for
#: the team doing the work) or, where the release names only a nation, a country.
CONTRIBUTIONS = """
SELECT DISTINCT ?contribution ?label ?contributor ?group ?contributorLabel ?contributorShort ?mission ?missionLabel
                ?missionShort ?roleLabel ?status ?released
WHERE {
  ?contribution a sc:Contribution ;
                sc:toMission ?mission .
  { ?contribution sc:contributor ?contributor BIND("organisation" AS ?group) }
  UNION { ?contribution sc:performedBy ?contributor BIND("organisation" AS ?group) }
  UNION { ?contribution sc:contributorCountry ?contributor BIND("country" AS ?group) }
  OPTIONAL { ?contribution rdfs:label ?label FILTER(LANGMATCHES(LANG(?label), "en")) }
  OPTIONAL { ?contributor rdfs:label ?contributorLabel FILTER(LANGMATCHES(LANG(?contributorLabel), "en")) }
  OPTIONAL { ?contributor sc:abbreviation ?contributorShort }
  OPTIONAL { ?mission rdfs:label ?missionLabel FILTER(LANGMATCHES(LANG(?missionLabel), "en")) }
  OPTIONAL { ?mission sc:abbreviation ?missionShort }
  OPTIONAL { ?contribution sc:contributionRole ?role .
             ?role skos:prefLabel ?roleLabel FILTER(LANGMATCHES(LANG(?roleLabel), "en")) }
  OPTIONAL { ?contribution sc:contributionStatus ?status }
  OPTIONAL { ?contribution sc:statedIn/dcterms:date ?releaseDate }
  BIND(STR(?releaseDate) AS ?released)
}
"""

NETWORK_VIEWS = ("people", "contributions")


# ------------------------------------------------------------ the timeline

def timeline_data(kg) -> dict:
    """Every event (meetings, visits, mission milestones, summits, conferences, celebrations)
    and every agreement or plan, as items of a timeline.

    Each item has its IRI (``id``), ``label``, ``kind`` (the milestone's kind, else its
    class), ``category`` (the row of the timeline), its date (``when`` as the release gives
    it, ``date`` in words, ``precision``, ``start`` and ``end`` as YYYY-MM-DD), whether the
    date is ``approximate`` (less precise than a day) and whether the item is a ``point``
    (one known day), its ``status`` (None for an agreement, which has none), the missions,
    organisations and people it involves (IRIs) and the releases stating it. An agreement
    the releases do not date, but say was concluded at a dated event, takes that event's date
    (``datedBy``). Items without a date are in ``undated``; ``missions``, ``organisations``
    and ``people`` list the nodes the items involve, with their labels.
    """
    items: dict[str, dict] = {}
    categories = [name for name, _, _ in CATEGORIES]
    for row in _rows(kg, TIMELINE_ITEMS):
        iri = str(row["item"])
        item = items.get(iri)
        if item is None:
            item = items[iri] = _new_item(iri, row)
        elif categories.index(str(row["category"])) < categories.index(item["category"]):
            item["category"] = str(row["category"])
            item["kind"] = _text(row["eventKindLabel"]) or _text(row["classLabel"]) or item["kind"]

    facets = {"missions": {}, "organisations": {}, "people": {}}
    for row in _rows(kg, TIMELINE_INVOLVED):
        item = items.get(str(row["item"]))
        if item is None:
            continue
        facet, node = str(row["facet"]), str(row["node"])
        if node not in item[facet]:
            item[facet].append(node)
        facets[facet].setdefault(node, _named(node, row["label"], row["abbreviation"]))
    for row in _rows(kg, TIMELINE_RELEASES):
        item = items.get(str(row["item"]))
        if item is not None:
            item["releases"].append({"id": str(row["release"]), "date": _text(row["date"])})

    for item in items.values():
        concluded_at = items.get(item.pop("concludedAt") or "")
        if item["start"] is None and concluded_at is not None and concluded_at["start"] is not None:
            for key in ("when", "date", "precision", "start", "end", "approximate", "point"):
                item[key] = concluded_at[key]
            item["datedBy"] = {"id": concluded_at["id"], "label": concluded_at["label"]}
        for facet in facets:
            item[facet].sort(key=lambda node, facet=facet: facets[facet][node]["label"].casefold())
        item["releases"].sort(key=lambda release: (release["date"] or "", release["id"]))

    dated = sorted((item for item in items.values() if item["start"] is not None),
                   key=lambda item: (item["start"], item["end"], item["label"], item["id"]))
    undated = sorted((item for item in items.values() if item["start"] is None),
                     key=lambda item: (item["label"].casefold(), item["id"]))
    shown_categories = {item["category"] for item in items.values()}
    return {
        "items": dated,
        "undated": undated,
        "categories": [{"id": name, "label": words} for name, _, words in _unique_categories()
                       if name in shown_categories],
        "statuses": [{"id": name, "label": words} for name, words in STATUSES],
        **{facet: sorted(nodes.values(), key=lambda node: (node["label"].casefold(), node["id"]))
           for facet, nodes in facets.items()},
    }


def _new_item(iri: str, row: dict) -> dict:
    status = _local_name(row["status"])
    item = {
        "id": iri,
        "label": _text(row["label"]) or iri,
        "kind": _text(row["eventKindLabel"]) or _text(row["classLabel"]) or "",
        "category": str(row["category"]),
        "status": status,
        "statusLabel": dict(STATUSES).get(status, status),
        "missions": [], "organisations": [], "people": [], "releases": [],
        "concludedAt": _text(row["concludedAt"]),
    }
    item.update(_dating(_text(row["when"]), _text(row["earliest"]), _text(row["latest"]),
                        _local_name(row["precision"]), _local_name(row["part"])))
    return item


def _dating(when: str | None, earliest: str | None, latest: str | None,
            precision: str | None, part: str | None) -> dict:
    """An item's date fields; all None when the graph gives no first and last day."""
    if earliest is None or latest is None:
        return {"when": when, "date": said(when, part) if when else None,
                "precision": precision, "start": None, "end": None, "approximate": None, "point": None}
    try:
        parsed = parse_edtf(when) if when else None
    except ValueError:
        parsed = None
    qualified = parsed is not None and (parsed.approximate or parsed.uncertain)
    approximate = (precision or (parsed.precision if parsed else "day")) != "day" or qualified
    words = said(when, part) if when else (
        said(earliest) if earliest == latest else f"{said(earliest)} to {said(latest)}")
    return {"when": when, "date": words, "precision": precision, "start": earliest, "end": latest,
            "approximate": approximate, "point": not approximate and earliest == latest}


def _unique_categories():
    seen = set()
    for name, top, words in CATEGORIES:
        if name not in seen:
            seen.add(name)
            yield name, top, words


# ------------------------------------------------------------ the network views

def network_data(kg, view: str) -> dict:
    """The nodes and edges of one network view: ``people`` (who met whom: people as nodes,
    an edge between two participants of the same meeting, with the meetings) or
    ``contributions`` (organisations, countries and missions as nodes, an edge from each
    contributor to each mission it contributes to, with the roles and the contributions).
    ValueError for another view."""
    if view == "people":
        return _people_network(kg)
    if view == "contributions":
        return _contributions_network(kg)
    raise ValueError(f"no network view {view!r} (views: {', '.join(NETWORK_VIEWS)})")


def _people_network(kg) -> dict:
    meetings: dict[str, dict] = {}
    participants: dict[str, set[str]] = defaultdict(set)
    people: dict[str, dict] = {}
    for row in _rows(kg, MEETINGS):
        meeting, person = str(row["meeting"]), str(row["person"])
        if meeting not in meetings:
            when = _text(row["when"])
            meetings[meeting] = {"id": meeting, "label": _text(row["label"]) or meeting,
                                 "date": said(when, _local_name(row["part"])) if when else None,
                                 "start": _text(row["earliest"])}
        participants[meeting].add(person)
        people.setdefault(person, {"id": person, "label": _text(row["personLabel"]) or person,
                                   "group": None, "posts": [], "meetings": 0})
    for row in _rows(kg, MEETING_POSTS):
        person = people[str(row["person"])]
        post, country = _text(row["postLabel"]), _text(row["countryLabel"])
        if post and post not in person["posts"]:
            person["posts"].append(post)
        if country and (person["group"] is None or country < person["group"]):
            person["group"] = country

    pairs: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for meeting, present in participants.items():
        for person in present:
            people[person]["meetings"] += 1
        ordered = sorted(present)
        for index, first in enumerate(ordered):
            for second in ordered[index + 1:]:
                pairs[(first, second)].append(meetings[meeting])
    edges = []
    for (first, second), shared in sorted(pairs.items()):
        shared.sort(key=lambda meeting: (meeting["start"] or "~", meeting["id"]))
        edges.append({"id": f"{first} {second}", "from": first, "to": second, "count": len(shared),
                      "label": str(len(shared)), "meetings": shared})
    nodes = sorted(people.values(), key=lambda node: (node["label"].casefold(), node["id"]))
    for node in nodes:
        node["posts"].sort()
        node["group"] = node["group"] or "other"
    return {"view": "people", "nodes": nodes, "edges": edges,
            "groups": sorted({node["group"] for node in nodes})}


def _contributions_network(kg) -> dict:
    nodes: dict[str, dict] = {}
    edges: dict[tuple[str, str], dict] = {}
    for row in _rows(kg, CONTRIBUTIONS):
        contributor, mission = str(row["contributor"]), str(row["mission"])
        nodes.setdefault(contributor, _named(contributor, row["contributorLabel"], row["contributorShort"],
                                             group=str(row["group"])))
        nodes.setdefault(mission, _named(mission, row["missionLabel"], row["missionShort"], group="mission"))
        edge = edges.setdefault((contributor, mission), {"id": f"{contributor} {mission}", "from": contributor,
                                                         "to": mission, "roles": [], "contributions": []})
        role = _text(row["roleLabel"])
        if role and role not in edge["roles"]:
            edge["roles"].append(role)
        contribution = str(row["contribution"])
        if all(known["id"] != contribution for known in edge["contributions"]):
            status = _local_name(row["status"])
            edge["contributions"].append({"id": contribution, "label": _text(row["label"]) or contribution,
                                          "role": role, "status": status,
                                          "statusLabel": dict(STATUSES).get(status, status),
                                          "released": _text(row["released"])})
    for edge in edges.values():
        edge["roles"].sort()
        edge["contributions"].sort(key=lambda contribution: (contribution["released"] or "", contribution["id"]))
        edge["label"] = ", ".join(edge["roles"])
        edge["count"] = len(edge["contributions"])
    return {"view": "contributions",
            "nodes": sorted(nodes.values(), key=lambda node: (node["group"], node["label"].casefold(), node["id"])),
            "edges": [edges[key] for key in sorted(edges)],
            "groups": ["organisation", "country", "mission"]}


# ------------------------------------------------------------ reading rows

def _rows(kg, text: str) -> list[dict]:
    return kg.sparql(text, source="views").as_dicts()


def _named(iri: str, label, abbreviation, **more) -> dict:
    """A node for a filter or a graph: its ``label`` (the abbreviation where it has one,
    JAXA rather than its full name) and full ``name``."""
    name = _text(label) or iri
    return {"id": iri, "label": _text(abbreviation) or name, "name": name, **more}


def _text(term) -> str | None:
    return None if term is None else str(term)


def _local_name(term) -> str | None:
    """The last segment of an IRI of the vocabularies (status:done → "done")."""
    return None if term is None else re.split(r"[/#]", str(term))[-1]
