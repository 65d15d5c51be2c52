"""Grow the project's graph to a given size, for the scale benchmark.

    python benchmarks/grow.py --triples 100000 --out DIR [--seed 1] [--source REPOSITORY]
                              [--additions 100 1000]

DIR becomes a complete project folder: a copy of the source's ontology/, shapes/, queries/
and data/, plus made-up press releases and the entities they name, in the project's layout:
about --triples data triples in all. A release file (data/releases/<date>-generated-release-
<n>.ttl) holds the release node, the fact nodes it states and what it states about the
entities it names (a new mission's partners, a post's organisation, sc:statedIn the release
on every entity it names); an entity file (data/entities/generated-<group>-<n>.ttl, split so
that no file is large) holds only what the entities are and are called, and general
knowledge (an organisation's country, a theme's broader theme), under one sc:EditorialNote.
The generated nodes use the project's vocabulary and IRI patterns, link to each other and to
the shipped nodes (meetings with several participants and their post holdings, contributions,
milestones and status reports restated by later releases, series editions, organisations with
their parents…), are dated as the shipped ones are (sc:when in EDTF with its bounds and
precision, from the day to the year; some announced milestones undated) and conform to the
shapes.

DIR/additions/new-release-<size>.ttl, one per --additions size, is a made-up next release of
about that many triples (new nodes pointing to existing ones), for timing
`spacecoop validate FILE`. DIR/grow.json records the parameters and a digest of the inputs.
The same parameters and inputs give byte-identical output. Turtle is written as text, node
by node, so that a million triples take little time and memory.
"""

from __future__ import annotations

import argparse
import copy
import datetime
import hashlib
import itertools
import json
import random
import re
import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from spacecoop import edtf, namespaces
from spacecoop.edtf import parse_edtf

REPOSITORY = Path(__file__).resolve().parents[1]
COPIED_FOLDERS = ("ontology", "shapes", "queries", "data")
STAMP_NAME = "grow.json"
ADDITIONS_FOLDER = "additions"
#: The prefixes of every written file: the project's, but the shapes'.
HEADER = "".join(f"@prefix {name}: <{iri}> .\n" for name, iri in namespaces.PREFIXES.items() if name != "scsh")
#: Generated entity files start a new part beyond this many triples.
ENTITY_FILE_TRIPLES = 20_000
#: Generated releases are spread over these years (later ones if there are more than days).
FIRST_DAY = datetime.date(2005, 1, 1)
LAST_DAY = datetime.date(2024, 12, 31)
#: About how many triples one generated release adds, facts and entities together.
TRIPLES_PER_RELEASE = 280
#: Generating a release of a given size, a round of facts has its meetings (each with its post
#: holdings, the largest facts) only while at least this many triples are left to the size.
MEETINGS_ROOM = 300
#: Share of picks that go to the shipped nodes (CNES, JAXA, MMX… stay the hubs).
SHIPPED_SHARE = 0.12
#: Share of picks among the most recent nodes of a pool, and how many count as recent.
RECENT_SHARE = 0.45
RECENT = 150

STATUSES = ("status:proposed", "status:planned", "status:under-way", "status:done")
PHASES = ("phase:definition", "phase:development", "phase:in-flight", "phase:extended")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
ORGANISATION_CLASSES = ("sc:SpaceAgency", "sc:ResearchInstitute", "sc:ResearchInstitute", "sc:Laboratory",
                        "sc:GovernmentBody", "sc:GovernmentBody", "sc:Consortium", "sc:WorkingGroup",
                        "sc:Organisation")
HARDWARE_CLASSES = ("sc:Instrument", "sc:Spectrometer", "sc:Radiometer", "sc:Telescope", "sc:Lander",
                    "sc:Rover", "sc:Spacecraft", "sc:Spacecraft")
MISSION_CLASSES = ("sc:ExplorationMission", "sc:SampleReturnMission", "sc:SpaceObservatory",
                   "sc:EarthObservationMission", "sc:EarthObservationMission", "sc:LauncherDemonstrator",
                   "sc:CrewedMission", "sc:MeasurementCampaign")
SCIENCE_MISSIONS = ("sc:ExplorationMission", "sc:SampleReturnMission", "sc:SpaceObservatory",
                    "sc:EarthObservationMission")
AGREEMENT_CLASSES = ("sc:CooperationAgreement", "sc:CooperationAgreement", "sc:FrameworkAgreement",
                     "sc:Plan", "sc:Plan", "sc:Roadmap", "sc:Treaty")
#: Contribution roles and what a contribution in that role names besides its mission.
ITEM_ROLES = ("crole:hardware-supply", "crole:instrument-loan", "crole:instrument-lead")
SERVICE_ROLES = ("crole:expertise", "crole:sample-analysis")
PRESS_ROLES = ("role:press-officer", "role:press-contact", "role:head-of-media")
DURATION_UNITS = (("time:unitMonth", "month"), ("time:unitYear", "year"), ("time:unitWeek", "week"))
#: What the editorial note of each group of generated entity files says the file holds.
NOTES = {
    "organisations": "What each generated country, organisation and place is and is called, and general "
                     "knowledge made up for the scale benchmark: an organisation's country, a place's country.",
    "people": "Each generated person's and post's name. Who holds which post, the post's organisation and "
              "kind, and contact details are stated by the releases, in their files.",
    "missions": "What each generated mission, piece of hardware and celestial body is and is called. What a "
                "release says about them (partners, targets, parts, orbits) is in that release's file.",
    "themes": "The generated themes, their names, and how the editors arrange them (skos:broader).",
    "series": "The generated event series, their names and a short description in the editors' words.",
    "durations": "The durations a contribution can last, 1 to 12 weeks, months or years: what each is.",
}


# ----------------------------------------------------------------------- Turtle text

def en(text: str) -> str:
    return f'"{_escaped(text)}"@en'


def plain(text: str) -> str:
    return f'"{_escaped(text)}"'


def typed(value: str, datatype: str) -> str:
    return f'"{value}"^^{datatype}'


def day(value: datetime.date) -> str:
    return typed(value.isoformat(), "xsd:date")


def spelt(value: datetime.date) -> str:
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def span(first: datetime.date, last: datetime.date) -> str:
    """An EDTF interval of days: every day from ``first`` to ``last``."""
    return f"{first.isoformat()}/{last.isoformat()}"


def week(first: datetime.date, last: datetime.date) -> str:
    """An EDTF choice of days: one day from ``first`` to ``last``, not known which."""
    return f"[{first.isoformat()}..{last.isoformat()}]"


def part_of_year(value: datetime.date) -> str:
    """The part of the year ``value`` falls in, as a release words it (start, middle, end)."""
    return "part:start" if value.month <= 4 else "part:middle" if value.month <= 8 else "part:end"


def _escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


@dataclass
class Node:
    """A subject, its classes and its values (predicate → objects, as Turtle terms)."""

    subject: str
    types: tuple[str, ...]
    values: dict[str, list[str]] = field(default_factory=dict)

    def add(self, predicate: str, *objects: str) -> Node:
        """Add the objects not there yet (a triple is written once)."""
        for value in objects:
            known = self.values.setdefault(predicate, [])
            if value not in known:
                known.append(value)
        return self

    def triples(self) -> int:
        return len(self.types) + sum(len(objects) for objects in self.values.values())

    def turtle(self) -> str:
        """The node as a Turtle block, sc:statedIn last as in the shipped files; without
        classes (what a release states about an entity) the subject stands on its own line."""
        ordered = [(p, o) for p, o in self.values.items() if p != "sc:statedIn"]
        if "sc:statedIn" in self.values:
            ordered.append(("sc:statedIn", self.values["sc:statedIn"]))
        lines = [f"    {predicate} {' , '.join(objects)}" for predicate, objects in ordered]
        if not self.types:
            return f"{self.subject}\n" + " ;\n".join(lines) + " .\n"
        return " ;\n".join([f"{self.subject} a {' , '.join(self.types)}", *lines]) + " .\n"


# ----------------------------------------------------------------------- pools

@dataclass
class Pool:
    """Nodes to pick from: the shipped ones first, then the generated ones in order of
    creation; picks favour the shipped hubs and the recent nodes, as news does."""

    items: list[str] = field(default_factory=list)
    shipped: int = 0

    def add(self, item: str) -> None:
        self.items.append(item)

    def pick(self, rng: random.Random) -> str:
        choice = rng.random()
        if self.shipped and choice < SHIPPED_SHARE:
            return self.items[rng.randrange(self.shipped)]
        if choice < SHIPPED_SHARE + RECENT_SHARE:
            return self.items[rng.randrange(max(0, len(self.items) - RECENT), len(self.items))]
        return self.items[rng.randrange(len(self.items))]

    def sample(self, rng: random.Random, count: int) -> list[str]:
        """Up to ``count`` distinct picks, in the order picked."""
        picked: list[str] = []
        for _ in range(count * 3):
            if len(picked) == count or not self.items:
                break
            item = self.pick(rng)
            if item not in picked:
                picked.append(item)
        return picked

    def __bool__(self) -> bool:
        return bool(self.items)


@dataclass
class Head:
    """The latest report of a chain (a contribution, milestone, announced meeting or status
    report that a later release may restate), with what the restatement starts from."""

    node: str
    mission: str
    status: str
    role: str = ""
    kind: str = ""
    series: str = ""
    edition: str = ""


# ----------------------------------------------------------------------- the shipped graph

class Shipped:
    """What the generator reuses from the source project: prefixes, pools of shipped nodes,
    who holds which post, and the heads of the shipped report chains with their dates."""

    def __init__(self, source: Path):
        from rdflib import Graph
        self.header = HEADER
        self.namespaces = sorted(((str(iri), name) for name, iri in namespaces.PREFIXES.items()),
                                 key=lambda pair: -len(pair[0]))
        self.graph = Graph()
        self.data_files = sorted((source / "data").rglob("*.ttl"))
        #: The triples of the data files, counted file by file (a triple in two files twice).
        self.triples = 0
        for path in self.data_files:
            part = Graph().parse(path, format="turtle")
            self.triples += len(part)
            self.graph += part
        self.vocabulary = Graph().parse(source / "ontology" / "vocabularies.ttl", format="turtle")
        self.dates = {self.short(release): str(date) for release, date in
                      self.graph.subject_objects(self.iri("dcterms:date"))}

    def iri(self, name: str):
        from rdflib import URIRef
        prefix, local = name.split(":", 1)
        return URIRef(next(iri for iri, known in self.namespaces if known == prefix) + local)

    def short(self, term) -> str:
        text = str(term)
        for iri, name in self.namespaces:
            if text.startswith(iri) and re.fullmatch(r"[A-Za-z0-9][\w-]*", text[len(iri):]):
                return f"{name}:{text[len(iri):]}"
        return f"<{text}>"

    def of_class(self, *classes: str) -> list[str]:
        found = {self.short(s) for cls in classes for s in self.graph.subjects(self.iri("rdf:type"), self.iri(cls))}
        return sorted(found)

    def value(self, subject: str, predicate: str) -> str | None:
        values = self.values(subject, predicate)
        return values[0] if values else None

    def values(self, subject: str, predicate: str) -> list[str]:
        return sorted(self.short(o) for o in self.graph.objects(self.iri(subject), self.iri(predicate)))

    def label(self, subject: str, graph=None) -> str:
        graph = self.graph if graph is None else graph
        for predicate in ("rdfs:label", "skos:prefLabel"):
            for value in graph.objects(self.iri(subject), self.iri(predicate)):
                return str(value)
        return subject.split(":", 1)[1]

    def release_date(self, subject: str) -> str:
        return min(self.dates.get(release, "9999") for release in self.values(subject, "sc:statedIn"))

    def heads(self, cls: str) -> list[str]:
        """Nodes of ``cls`` no other node restates."""
        restated = {self.short(o) for o in self.graph.objects(None, self.iri("sc:laterReportOf"))}
        return [node for node in self.of_class(cls) if node not in restated]

    def roles(self) -> dict[str, str]:
        return {self.short(role): self.label(self.short(role), self.vocabulary)
                for role in sorted(self.vocabulary.subjects(self.iri("rdf:type"), self.iri("sc:Role")))}


# ----------------------------------------------------------------------- the generator

class Grower:
    """Generates releases one after another, each stating new facts about new and existing
    entities; what entities are and are called is kept until the end, what a release states
    (its facts, and about the entities it names) is written release by release."""

    def __init__(self, shipped: Shipped, seed: str):
        self.shipped = shipped
        self.rng = random.Random(seed)
        self.number = 0
        self.entities: dict[str, Node] = {}
        self.entity_groups: dict[str, str] = {}
        self.entity_triples = 0
        self.release = ""
        self.date = FIRST_DAY
        self.facts: list[Node] = []
        self.statements: dict[str, Node] = {}
        self.holdings: dict[str, Node] = {}
        self.introduced: list[Node] = []
        self._pools_from_shipped()

    # --------------------------------------------------------- setting up

    def _pools_from_shipped(self) -> None:
        s = self.shipped
        self.roles = s.roles()
        self.labels: dict[str, str] = {}
        self.countries = self._pool(s.of_class("sc:Country"))
        self.organisations = self._pool(s.of_class("sc:Organisation", *ORGANISATION_CLASSES))
        self.organisation_country = {o: s.value(o, "sc:country") for o in self.organisations.items}
        self.posts = self._pool(s.of_class("sc:Post"))
        self.post_organisation = {p: s.value(p, "org:postIn") for p in self.posts.items}
        self.person_post: dict[str, str] = {}
        for holding in s.of_class("sc:PostHolding"):
            self.person_post[s.value(holding, "org:member")] = s.value(holding, "sc:post")
        self.people = self._pool(sorted(self.person_post))
        self.people_by_country: dict[str, Pool] = {}
        for person in self.people.items:
            self._file_person_by_country(person, shipped=True)
        self.press_people = self._pool([p for p in self.people.items if s.value(self.person_post[p], "org:role")
                                        in PRESS_ROLES])
        self.missions = self._pool(s.of_class("sc:Mission", *MISSION_CLASSES))
        self.mission_classes = {m: s.values(m, "rdf:type")[0] for m in self.missions.items}
        self.observation_missions = self._pool(s.of_class("sc:EarthObservationMission"))
        self.crewed_missions = self._pool(s.of_class("sc:CrewedMission"))
        self.hardware = self._pool(s.of_class("sc:SpaceHardware", *HARDWARE_CLASSES))
        self.spacecraft = self._pool(s.of_class("sc:Spacecraft"))
        self.mission_hardware: dict[str, list[str]] = {}
        for item in self.hardware.items:
            for mission in s.values(item, "sc:partOfMission"):
                self.mission_hardware.setdefault(mission, []).append(item)
        self.bodies = self._pool(s.of_class("sc:Planet", "sc:Moon", "sc:Asteroid", "sc:Star"))
        self.planets = self._pool(s.of_class("sc:Planet"))
        self.themes = self._pool(s.of_class("sc:Theme"))
        self.cities = self._pool(s.of_class("sc:City"))
        self.facilities = self._pool(s.of_class("sc:Facility"))
        self.series = self._pool(s.of_class("sc:EventSeries"))
        self.next_edition = {series: 1 + max([int(edition) for event in s.graph.subjects(s.iri("sc:inSeries"), s.iri(series))
                                               for edition in s.graph.objects(event, s.iri("sc:edition"))] or [0])
                             for series in self.series.items}
        self.edition_datatype = next((s.short(edition.datatype) for edition in
                                      sorted(s.graph.objects(None, s.iri("sc:edition")))), "xsd:integer")
        self.durations = Pool()
        self.new_durations()
        self.contribution_roles = sorted(self._vocabulary("sc:ContributionRole"))
        self.event_kinds = sorted(self._vocabulary("sc:EventKind"))
        self.labels.update({node: s.label(node) for pool in (self.missions, self.posts, self.organisations,
                                                                self.people, self.hardware) for node in pool.items})
        self.agreements = Pool()
        self.done_events = Pool()
        self.contribution_heads: list[Head] = []
        self.milestone_heads: list[Head] = []
        self.announced_meetings: list[Head] = []
        self.report_heads: dict[str, Head] = {}
        self.pending = sorted(self._shipped_facts(), key=lambda pair: pair[0])
        #: The entities a release states sc:statedIn on when it names them (not durations).
        self.mentionable = {item for pool in (self.countries, self.organisations, self.posts, self.people,
                                              self.missions, self.hardware, self.bodies, self.themes,
                                              self.cities, self.facilities, self.series)
                            for item in pool.items}

    def _pool(self, items: list[str]) -> Pool:
        return Pool(list(items), len(items))

    def _shipped_facts(self):
        """(date, action) for each shipped fact a generated release may point to: it becomes
        available to releases dated on or after its own release."""
        s = self.shipped
        for agreement in s.of_class("sc:Commitment", "sc:Agreement", *AGREEMENT_CLASSES):
            yield s.release_date(agreement), (lambda a=agreement: self.agreements.add(a))
        for event in s.of_class("sc:Event", "sc:Meeting", "sc:Conference", "sc:Summit", "sc:StateVisit",
                                "sc:Celebration", "sc:MissionEvent"):
            if s.value(event, "sc:eventStatus") == "status:done":
                yield s.release_date(event), (lambda e=event: self.done_events.add(e))
        for node in s.heads("sc:Contribution"):
            head = Head(node, s.value(node, "sc:toMission"), s.value(node, "sc:contributionStatus"),
                        role=s.value(node, "sc:contributionRole"))
            yield s.release_date(node), (lambda h=head: self.contribution_heads.append(h))
        for node in s.heads("sc:MissionEvent"):
            if s.value(node, "sc:eventStatus") == "status:planned":
                head = Head(node, s.value(node, "sc:ofMission"), "status:planned", kind=s.value(node, "sc:eventKind"))
                yield s.release_date(node), (lambda h=head: self.milestone_heads.append(h))
        for node in s.heads("sc:MissionStatusReport"):
            head = Head(node, s.value(node, "sc:aboutMission"), s.value(node, "sc:missionPhase"))
            yield s.release_date(node), (lambda h=head: self.report_heads.__setitem__(h.mission, h))

    def _file_person_by_country(self, person: str, shipped: bool = False) -> None:
        country = self.organisation_country.get(self.post_organisation.get(self.person_post[person]))
        if country:
            pool = self.people_by_country.setdefault(country, Pool())
            pool.add(person)
            if shipped:
                pool.shipped += 1

    # --------------------------------------------------------- helpers

    def next_number(self) -> int:
        self.number += 1
        return self.number

    def chance(self, probability: float) -> bool:
        return self.rng.random() < probability

    def between(self, low: int, high: int) -> int:
        return self.rng.randint(low, high)

    def days_before(self, low: int, high: int) -> datetime.date:
        return self.date - datetime.timedelta(days=self.between(low, high))

    def fact(self, subject: str, cls: str, label: str) -> Node:
        node = Node(subject, (cls,)).add("rdfs:label", en(label))
        self.facts.append(node)
        return node

    def entity(self, group: str, subject: str, classes: tuple[str, ...], label: str) -> Node:
        """A new entity as its entity file gives it (kind, names, general knowledge); what
        the introducing release says of it goes to :meth:`about`."""
        node = Node(subject, classes).add("rdfs:label", en(label))
        self.entities[subject] = node
        self.entity_groups[subject] = group
        self.labels[subject] = label
        self.mentionable.add(subject)
        self.introduced.append(node)
        return node

    def about(self, subject: str) -> Node:
        """What this release states about the entity ``subject``, in the release's file."""
        return self.statements.setdefault(subject, Node(subject, ()))

    def stated(self, node: Node) -> Node:
        return node.add("sc:statedIn", self.release)

    def dated(self, node: Node, when: str, part: str = "") -> Node:
        """sc:when ``when`` (EDTF) with its bounds and precision; ``part`` (part:middle…)
        makes a year a part of that year."""
        meant = parse_edtf(when)
        node.add("sc:when", plain(when)).add("sc:earliest", day(meant.earliest)).add("sc:latest", day(meant.latest))
        node.add("sc:datePrecision", "precision:part-of-year" if part else f"precision:{meant.precision}")
        return node.add("sc:partOfYear", part) if part else node

    def past(self, *whens: str) -> str:
        """The first of ``whens`` over by the release's date (the last one is a day before it)."""
        return next(when for when in whens if parse_edtf(when).latest <= self.date)

    def maybe_comment(self, node: Node, text: str, probability: float = 0.3) -> None:
        if self.chance(probability):
            node.add("rdfs:comment", en(text))

    def status_after(self, status: str, probability: float, steps: tuple[str, ...] = STATUSES) -> str:
        """``status``, or the next of ``steps`` with ``probability``."""
        index = steps.index(status) if status in steps else 1
        if index < len(steps) - 1 and self.chance(probability):
            return steps[index + 1]
        return steps[index]

    def slug(self, name: str) -> str:
        return name.split(":", 1)[1]

    # --------------------------------------------------------- entities

    def new_country(self) -> str:
        n = self.next_number()
        subject = f"country:generated-country-{n}"
        self.entity("organisations", subject, ("sc:Country",), f"Generated country {n}")
        self.countries.add(subject)
        return subject

    def new_organisation(self) -> str:
        n = self.next_number()
        cls = self.rng.choice(ORGANISATION_CLASSES)
        kind = cls.split(":")[1].lower()
        subject = f"organisation:generated-{kind}-{n}"
        node = self.entity("organisations", subject, (cls,), f"Generated {kind} {n}")
        if self.chance(0.9):
            node.add("sc:country", self.countries.pick(self.rng))
        if self.chance(0.5):
            node.add("sc:abbreviation", plain(f"G{kind[:3].upper()}{n}"))
        if self.chance(0.3):
            self.about(subject).add("org:subOrganizationOf", self.organisations.pick(self.rng))
        self.maybe_comment(node, f"An organisation made up for the scale benchmark ({kind}).")
        self.organisations.add(subject)
        self.organisation_country[subject] = node.values.get("sc:country", [None])[0]
        return subject

    def new_post(self, press: bool = False) -> str:
        organisation = (self.new_organisation() if self.chance(0.3) else self.organisations.pick(self.rng))
        role = self.rng.choice(PRESS_ROLES if press else [r for r in self.roles if r not in PRESS_ROLES])
        n = self.next_number()
        subject = f"post:generated-post-{n}"
        self.entity("people", subject, ("sc:Post",), f"{self.roles[role].capitalize()} of {self.labels[organisation]} ({n})")
        self.about(subject).add("org:postIn", organisation).add("org:role", role)
        self.posts.add(subject)
        self.post_organisation[subject] = organisation
        return subject

    def new_person(self, press: bool = False) -> str:
        """A person and the post they hold: a new post, or one someone held before them."""
        post = self.new_post(press) if press or not self.posts or self.chance(0.6) else self.posts.pick(self.rng)
        n = self.next_number()
        subject = f"person:generated-person-{n}"
        name = f"Generated Person {n}"
        self.entity("people", subject, ("sc:Person",), name).add("foaf:name", plain(name))
        if press:
            self.about(subject).add("foaf:mbox", f"<mailto:generated.person.{n}@example.cnes.fr>")
            self.about(subject).add("foaf:phone", f"<tel:+331447{n % 100000:05d}>")
        self.people.add(subject)
        self.person_post[subject] = post
        self._file_person_by_country(subject)
        if press:
            self.press_people.add(subject)
        return subject

    def new_body(self) -> str:
        n = self.next_number()
        cls = self.rng.choice(("sc:Asteroid", "sc:Asteroid", "sc:Moon", "sc:Planet"))
        kind = cls.split(":")[1].lower()
        subject = f"body:generated-{kind}-{n}"
        self.entity("missions", subject, (cls,), f"Generated {kind} {n}")
        if cls == "sc:Moon":
            self.about(subject).add("sc:orbits", self.planets.pick(self.rng))
        self.bodies.add(subject)
        if cls == "sc:Planet":
            self.planets.add(subject)
        return subject

    def new_theme(self) -> str:
        n = self.next_number()
        subject = f"theme:generated-theme-{n}"
        label = f"generated theme {n}"
        node = self.entity("themes", subject, ("sc:Theme",), label).add("skos:prefLabel", en(label))
        if self.chance(0.3):
            node.add("skos:broader", self.themes.pick(self.rng))
        if self.chance(0.15):
            node.add("skos:altLabel", en(f"theme {n} of the benchmark"))
        self.themes.add(subject)
        return subject

    def new_place(self) -> str:
        n = self.next_number()
        if self.chance(0.7):
            subject = f"place:generated-city-{n}"
            node = self.entity("organisations", subject, ("sc:City",), f"Generated City {n}")
            self.cities.add(subject)
        else:
            subject = f"place:generated-facility-{n}"
            node = self.entity("organisations", subject, ("sc:Facility",), f"Generated Facility {n}")
            self.facilities.add(subject)
        node.add("sc:locatedIn", self.countries.pick(self.rng))
        return subject

    def new_series(self) -> str:
        n = self.next_number()
        subject = f"series:generated-series-{n}"
        node = self.entity("series", subject, ("sc:EventSeries",), f"Generated event series {n}")
        if self.chance(0.5):
            node.add("sc:abbreviation", plain(f"GES{n}"))
        self.maybe_comment(node, "A recurring meeting made up for the scale benchmark.", 0.5)
        self.series.add(subject)
        self.next_edition[subject] = 1
        return subject

    def new_durations(self) -> None:
        """The shared duration nodes: 1 to 12 weeks, months or years."""
        for unit, word in DURATION_UNITS:
            for amount in range(1, 13):
                subject = f"duration:generated-{amount}-{word}s"
                node = Node(subject, ("time:Duration",)).add("rdfs:label", en(f"{amount} {word}s"))
                node.add("time:numericDuration", typed(f"{amount}.0", "xsd:decimal")).add("time:unitType", unit)
                self.entities[subject] = node
                self.entity_groups[subject] = "durations"
                self.entity_triples += node.triples()
                self.durations.add(subject)

    def new_hardware(self, mission: str) -> str:
        n = self.next_number()
        cls = self.rng.choice(HARDWARE_CLASSES)
        kind = cls.split(":")[1].lower()
        subject = f"hardware:generated-{kind}-{n}"
        self.entity("missions", subject, (cls,), f"Generated {kind} {n} of {self.labels[mission]}")
        node = self.about(subject).add("sc:partOfMission", mission)
        spacecraft = [h for h in self.mission_hardware.get(mission, []) if h in self.spacecraft.items[-RECENT:]]
        if cls == "sc:Spacecraft":
            node.add("sc:operatedBy", self.organisations.pick(self.rng))
            if spacecraft and self.chance(0.5):
                node.add("sc:fliesInFormationWith", spacecraft[-1])
                self.about(spacecraft[-1]).add("sc:fliesInFormationWith", subject)
            self.spacecraft.add(subject)
        elif spacecraft and self.chance(0.6):
            node.add("sc:carriedBy", spacecraft[-1])
        if self.chance(0.15):
            node.add("sc:heritageFrom", self.hardware.pick(self.rng))
        if self.chance(0.2):
            node.add("sc:country", self.countries.pick(self.rng))
        self.hardware.add(subject)
        self.mission_hardware.setdefault(mission, []).append(subject)
        return subject

    def new_mission(self) -> str:
        n = self.next_number()
        cls = self.rng.choice(MISSION_CLASSES)
        subject = f"mission:generated-mission-{n}"
        label = f"Generated mission {n}"
        entity = self.entity("missions", subject, (cls,), label)
        if self.chance(0.4):
            entity.add("sc:abbreviation", plain(f"GM{n}"))
        if self.chance(0.2):
            entity.add("skos:altLabel", en(f"Benchmark mission {n}"))
        node = self.about(subject)
        if self.chance(0.6):
            node.add("sc:country", self.countries.pick(self.rng))
        if self.chance(0.5):
            node.add("sc:ledBy", self.organisations.pick(self.rng))
        node.add("sc:partner", *self.organisations.sample(self.rng, self.between(0, 3)))
        if self.chance(0.3):
            node.add("sc:partnerCountry", self.countries.pick(self.rng))
        if cls in ("sc:ExplorationMission", "sc:SampleReturnMission"):
            target = self.new_body() if self.chance(0.3) else self.bodies.pick(self.rng)
            node.add("sc:targetBody", target)
            if cls == "sc:SampleReturnMission":
                node.add("sc:sampleSource", target)
        elif cls in ("sc:SpaceObservatory", "sc:EarthObservationMission"):
            node.add("sc:studies", *self.themes.sample(self.rng, self.between(1, 2)))
        elif cls == "sc:CrewedMission":
            node.add("sc:crewMember", self.people.pick(self.rng))
            if self.crewed_missions:
                node.add("sc:destination", self.crewed_missions.pick(self.rng))
            self.crewed_missions.add(subject)
        elif cls == "sc:MeasurementCampaign":
            self.dated(node, str(self.date.year))
            node.add("sc:participatingMission", *self.observation_missions.sample(self.rng, 2))
        if cls == "sc:EarthObservationMission":
            self.observation_missions.add(subject)
        self.maybe_comment(entity, "A mission made up for the scale benchmark.")
        self.missions.add(subject)
        self.mission_classes[subject] = cls
        for _ in range(self.between(1, 3)):
            self.new_hardware(subject)
        if cls in SCIENCE_MISSIONS and self.chance(0.4):
            node.add("sc:mainInstrument", self.mission_hardware[subject][0])
        return subject

    def new_entities(self) -> None:
        """The entities a release introduces (a country now and then, people with their
        posts, missions with their hardware, themes, places, series)."""
        if len(self.countries.items) < 40 and self.chance(0.08):
            self.new_country()
        for _ in range(self.between(0, 3)):
            self.new_person()
        if self.chance(0.3):
            self.new_person(press=True)
        for _ in range(self.between(0, 2)):
            self.new_mission()
        for _ in range(self.between(0, 2)):
            self.new_theme()
        if self.chance(0.3):
            self.new_place()
        if self.chance(0.05):
            self.new_series()
        if self.chance(0.2):
            self.new_organisation()

    # --------------------------------------------------------- facts

    def holding(self, person: str, at: str | None, when: str) -> None:
        """The post ``person`` holds, as this release attests it (once per release) at the
        time ``when`` (EDTF) of the event ``at``, or on the release's date."""
        post = self.person_post[person]
        existing = self.holdings.get(person)
        if existing is not None and at and "sc:attestedAt" not in existing.values:
            self.facts.remove(existing)  # a press contact's, dated by the release: the event dates it
            existing = None
        if existing is None:
            subject = f"holding:{self.slug(person)}-{self.slug(post)}-{self.date.isoformat()}"
            existing = self.fact(subject, "sc:PostHolding",
                                 f"{self.labels[person]}, {self.labels[post]} ({spelt(parse_edtf(when).latest)})")
            existing.add("org:member", person).add("sc:post", post)
            self.stated(self.dated(existing, when))
            self.holdings[person] = existing
        if at:
            existing.add("sc:attestedAt", at)

    def participants(self) -> list[str]:
        """People from two or three countries, one to three from each side."""
        countries = [c for c in self.people_by_country if self.people_by_country[c]]
        sides = (["country:france", "country:japan"] if self.chance(0.6) and
                 {"country:france", "country:japan"} <= set(countries)
                 else self.rng.sample(countries, min(len(countries), self.between(2, 3))))
        people: list[str] = []
        for side in sides:
            people += [p for p in self.people_by_country[side].sample(self.rng, self.between(1, 3)) if p not in people]
        while len(people) < 2:
            person = self.people.pick(self.rng)
            if person not in people:
                people.append(person)
        return people

    def meeting(self, main: bool) -> str:
        n = self.next_number()
        last = self.days_before(0, 5) if main else self.days_before(20, 400)
        subject = f"meeting:{last.isoformat()}-generated-meeting-{n}"
        node = self.fact(subject, "sc:Meeting", f"Generated meeting {n}, {spelt(last)}")
        self.maybe_comment(node, "Review of the cooperation between the agencies, made up for the benchmark.", 0.5)
        choice = self.rng.random()
        if choice < 0.15:
            when = span(last - datetime.timedelta(days=self.between(1, 4)), last)
        elif choice < 0.25:
            when = self.past(last.isoformat()[:7], last.isoformat())
        elif choice < 0.33:
            when = week(last - datetime.timedelta(days=4), last)
        else:
            when = last.isoformat()
        self.dated(node, when)
        if self.chance(0.3):
            node.add("sc:byVideoconference", "true")
        elif self.chance(0.8):
            node.add("sc:place", self.cities.pick(self.rng))
        else:
            node.add("sc:place", self.countries.pick(self.rng))
        if self.series and self.chance(0.15):
            series = self.series.pick(self.rng)
            node.add("sc:inSeries", series)
            node.add("sc:edition", self.edition(self._edition(series)))
        node.add("sc:eventStatus", "status:done")
        people = self.participants()
        node.add("sc:participant", *people)
        organisations = [self.post_organisation[self.person_post[p]] for p in people]
        organisations += self.organisations.sample(self.rng, self.between(0, 2))
        node.add("sc:representedOrganisation", *dict.fromkeys(organisations))
        node.add("sc:discussedTheme", *self.themes.sample(self.rng, self.between(1, 4)))
        node.add("sc:discussedMission", *self.missions.sample(self.rng, self.between(1, 6)))
        node.add("sc:discussedEvent", *self.done_events.sample(self.rng, self.between(0, 2)))
        node.add("sc:discussedAgreement", *self.agreements.sample(self.rng, self.between(0, 2)))
        self.stated(node)
        for person in people:
            self.holding(person, subject, when)
        self.done_events.add(subject)
        return subject

    def edition(self, number: int) -> str:
        """An edition number written as the shipped data writes them."""
        if self.edition_datatype == "xsd:integer":
            return str(number)
        return typed(str(number), self.edition_datatype)

    def _edition(self, series: str) -> int:
        edition = self.next_edition[series]
        self.next_edition[series] = edition + 1
        return edition

    def announced_meeting(self) -> None:
        """A planned edition of a series, or a later release's restatement of one."""
        if self.announced_meetings and self.chance(0.5):
            index = self.rng.randrange(len(self.announced_meetings))
            earlier = self.announced_meetings[index]
            series, edition = earlier.series, earlier.edition
        else:
            earlier, index = None, None
            series = self.series.pick(self.rng)
            edition = str(self._edition(series))
        n = self.next_number()
        subject = f"meeting:generated-announced-meeting-{n}"
        node = self.fact(subject, "sc:Meeting", f"Edition {edition} of {self.slug(series)}, as announced ({n})")
        if earlier:
            node.add("sc:laterReportOf", earlier.node)
        node.add("sc:inSeries", series).add("sc:edition", self.edition(int(edition)))
        if self.chance(0.5):
            node.add("sc:place", self.cities.pick(self.rng))
        done = earlier is not None and self.chance(0.5)
        if done:
            self.dated(node, self.days_before(1, 30).isoformat()).add("sc:eventStatus", "status:done")
            self.announced_meetings.pop(index)
            self.done_events.add(subject)
        else:
            if self.chance(0.8):
                self.dated(node, str(self.date.year + self.between(0, 1)))
            else:
                node.add("rdfs:comment", en("Announced without a date."))
            node.add("sc:eventStatus", "status:planned")
            head = Head(subject, "", "status:planned", series=series, edition=edition)
            if index is None:
                self.announced_meetings.append(head)
            else:
                self.announced_meetings[index] = head
        self.stated(node)

    def press_contacts(self, release: Node) -> None:
        people = self.press_people.sample(self.rng, self.between(1, 3))
        release.add("sc:pressContact", *people)
        for person in people:
            self.holding(person, None, self.date.isoformat())

    def contribution(self, missions: list[str]) -> None:
        restated = self.contribution_heads and self.chance(0.4)
        if restated:
            index = self.rng.randrange(len(self.contribution_heads))
            earlier = self.contribution_heads[index]
            mission, role = earlier.mission, earlier.role
            status = self.status_after(earlier.status, 0.5)
            if self.chance(0.1):
                role = self.rng.choice(self.contribution_roles)
        else:
            mission = self.rng.choice(missions)
            role = self.rng.choice(self.contribution_roles)
            status = self.rng.choice(STATUSES)
        n = self.next_number()
        subject = f"contribution:{self.date.isoformat()}-generated-contribution-{n}"
        node = self.fact(subject, "sc:Contribution",
                         f"Generated contribution {n} to {self.labels.get(mission, self.slug(mission))} ({self.date.year})")
        self.maybe_comment(node, "A share in a mission, made up for the scale benchmark.")
        if restated:
            node.add("sc:laterReportOf", earlier.node)
        if self.chance(0.7):
            node.add("sc:contributor", *self.organisations.sample(self.rng, self.between(1, 3)))
        else:
            node.add("sc:contributorCountry", *self.countries.sample(self.rng, self.between(1, 2)))
        node.add("sc:toMission", mission).add("sc:contributionRole", role)
        if role in ITEM_ROLES:
            items = self.mission_hardware.get(mission) or self.hardware.items
            node.add("sc:item", self.rng.choice(items))
        if role in SERVICE_ROLES:
            node.add("sc:service", self.themes.pick(self.rng))
        if self.chance(0.2):
            node.add("sc:recipient", self.organisations.pick(self.rng))
        if self.chance(0.15):
            node.add("sc:performedBy", self.organisations.pick(self.rng))
        if self.chance(0.05):
            node.add("sc:performedAt", self.organisations.pick(self.rng))
        if self.chance(0.1):
            node.add("sc:requestedBy", self.organisations.pick(self.rng))
        if role == "crole:instrument-loan" or self.chance(0.03):
            node.add("sc:duration", self.durations.pick(self.rng))
        node.add("sc:contributionStatus", status)
        self.stated(node)
        head = Head(subject, mission, status, role=role)
        if restated:
            self.contribution_heads[index] = head
        else:
            self.contribution_heads.append(head)

    def _vocabulary(self, cls: str) -> set[str]:
        s = self.shipped
        return {s.short(term) for term in s.vocabulary.subjects(s.iri("rdf:type"), s.iri(cls))}

    def milestone(self, missions: list[str]) -> None:
        """A mission milestone: announced (planned, dated later or not at all), reported done
        (dated before the release), or a later release's restatement of an announced one."""
        restated = self.milestone_heads and self.chance(0.35)
        if restated:
            index = self.rng.randrange(len(self.milestone_heads))
            earlier = self.milestone_heads[index]
            mission, kind = earlier.mission, earlier.kind
            done = self.chance(0.6)
        else:
            mission = self.rng.choice(missions)
            kind = self.rng.choice(self.event_kinds)
            done = self.chance(0.4)
        n = self.next_number()
        subject = f"event:generated-{self.slug(kind)}-{n}"
        node = self.fact(subject, "sc:MissionEvent",
                         f"Generated {self.slug(kind).replace('-', ' ')} {n} of {self.labels.get(mission, self.slug(mission))}")
        if restated:
            node.add("sc:laterReportOf", earlier.node)
        node.add("sc:eventKind", kind).add("sc:ofMission", mission)
        hardware = self.mission_hardware.get(mission)
        if hardware and kind in ("kind:landing", "kind:delivery", "kind:launch") and self.chance(0.6):
            node.add("sc:involvesHardware", self.rng.choice(hardware))
        if kind == "kind:extension":
            node.add("sc:extendedUntil", typed(str(self.date.year + self.between(2, 9)), "xsd:gYear"))
            node.add("sc:decidedBy", self.organisations.pick(self.rng))
        if kind == "kind:delivery" and self.chance(0.5):
            node.add("sc:recipient", self.organisations.pick(self.rng))
        if kind == "kind:launch" and self.facilities and self.chance(0.5):
            node.add("sc:place", self.facilities.pick(self.rng))
        if done:
            self._past_time(node)
            if kind == "kind:sample-return" and self.chance(0.7):
                node.add("sc:sampleMassGrams", typed(f"{self.between(1, 999) / 10:.1f}", "xsd:decimal"))
            node.add("sc:eventStatus", "status:done")
            self.done_events.add(subject)
        else:
            self._future_time(node)
            node.add("sc:eventStatus", "status:planned")
        self.stated(node)
        head = Head(subject, mission, "status:planned", kind=kind)
        if restated and done:
            self.milestone_heads.pop(index)
        elif restated:
            self.milestone_heads[index] = head
        elif not done:
            self.milestone_heads.append(head)

    def _past_time(self, node: Node) -> str:
        """A time over by the release's date, returned: a day, a month, a week, a year or a
        span of days (a month or year not over yet gives way to the day)."""
        last = self.days_before(0, 300)
        choice = self.rng.random()
        if choice < 0.45:
            when = last.isoformat()
        elif choice < 0.75:
            when = self.past(last.isoformat()[:7], last.isoformat())
        elif choice < 0.8:
            when = week(last - datetime.timedelta(days=self.between(2, 6)), last)
        elif choice < 0.9:
            when = self.past(str(last.year), last.isoformat()[:7], last.isoformat())
        else:
            when = span(last - datetime.timedelta(days=self.between(1, 10)), last)
        self.dated(node, when)
        return when

    def _future_time(self, node: Node) -> None:
        """A time not over by the release's date: a year, a part of a year (mid-2023), a
        month, a day or a span of days; or none (the release gives no date)."""
        choice = self.rng.random()
        later = self.date + datetime.timedelta(days=self.between(1, 900))
        if choice < 0.3:
            self.dated(node, str(later.year))
        elif choice < 0.4:
            self.dated(node, str(later.year), part_of_year(later))
        elif choice < 0.6:
            self.dated(node, later.isoformat()[:7])
        elif choice < 0.75:
            self.dated(node, later.isoformat())
        elif choice < 0.8:
            self.dated(node, span(later, later + datetime.timedelta(days=self.between(1, 4))))
        else:
            node.add("rdfs:comment", en("No date given."))

    def other_event(self) -> None:
        """A conference of a series, a summit, a celebration, a state visit or another event."""
        n = self.next_number()
        choice = self.rng.random()
        if choice < 0.4 and self.series:
            series = self.series.pick(self.rng)
            edition = self._edition(series)
            node = self.fact(f"event:generated-conference-{n}", "sc:Conference",
                             f"Edition {edition} of {self.labels.get(series, self.slug(series))} ({n})")
            node.add("sc:inSeries", series).add("sc:edition", self.edition(edition))
            node.add("sc:place", self.cities.pick(self.rng))
            node.add("sc:discussedTheme", *self.themes.sample(self.rng, self.between(0, 2)))
            done = self.chance(0.5)
        elif choice < 0.55:
            node = self.fact(f"event:generated-summit-{n}", "sc:Summit", f"Generated summit {n}")
            done = True
        elif choice < 0.7:
            node = self.fact(f"event:generated-celebration-{n}", "sc:Celebration", f"Generated celebration {n}")
            if self.facilities:
                node.add("sc:place", self.facilities.pick(self.rng))
            done = True
        elif choice < 0.85:
            node = self.fact(f"event:generated-state-visit-{n}", "sc:StateVisit", f"Generated state visit {n}")
            node.add("sc:place", self.countries.pick(self.rng))
            node.add("sc:participant", self.people.pick(self.rng))
            done = True
        else:
            node = self.fact(f"event:generated-event-{n}", "sc:Event", f"Generated event {n}")
            node.add("sc:inPresenceOf", *self.posts.sample(self.rng, self.between(1, 2)))
            done = True
        if done:
            when = self._past_time(node)
            node.add("sc:eventStatus", "status:done")
            self.done_events.add(node.subject)
            for visitor in node.values.get("sc:participant", []):
                self.holding(visitor, node.subject, when)
        else:
            self._future_time(node)
            node.add("sc:eventStatus", "status:planned")
        self.stated(node)

    def agreement(self) -> None:
        n = self.next_number()
        cls = self.rng.choice(AGREEMENT_CLASSES)
        kind = cls.split(":")[1].lower()
        node = self.fact(f"agreement:generated-{kind}-{n}", cls, f"Generated {kind} {n}")
        self.maybe_comment(node, "An agreement made up for the scale benchmark.")
        parties = self.organisations.sample(self.rng, self.between(0, 3))
        if not parties or self.chance(0.3):
            parties += self.countries.sample(self.rng, self.between(1, 2))
        node.add("sc:party", *parties)
        if cls == "sc:Roadmap" or (cls == "sc:Plan" and self.chance(0.3)):
            first = self.date.year - self.between(0, 2)
            node.add("sc:startYear", typed(str(first), "xsd:gYear"))
            node.add("sc:endYear", typed(str(first + self.between(1, 8)), "xsd:gYear"))
        elif cls == "sc:CooperationAgreement" and self.chance(0.4):
            self.dated(node, str(self.date.year - self.between(1, 3)))
        if self.done_events and self.chance(0.4):
            node.add("sc:concluded", self.done_events.pick(self.rng))
        node.add("sc:subject", *self.themes.sample(self.rng, self.between(0, 3)))
        if self.agreements and self.chance(0.15):
            node.add("sc:contributesTo", self.agreements.pick(self.rng))
        if cls == "sc:FrameworkAgreement" and self.chance(0.3):
            node.add("sc:governs", self.organisations.pick(self.rng))
        self.stated(node)
        self.agreements.add(node.subject)

    def status_report(self, mission: str) -> None:
        earlier = self.report_heads.get(mission)
        phase = self.status_after(earlier.status if earlier else self.rng.choice(PHASES[:3]), 0.3, PHASES)
        subject = f"report:{self.slug(mission)}-{self.date.isoformat()}"
        node = self.fact(subject, "sc:MissionStatusReport",
                         f"{self.labels.get(mission, self.slug(mission))} status as of {spelt(self.date)}")
        self.maybe_comment(node, "Stage of the mission as the release gives it.", 0.2)
        if earlier:
            node.add("sc:laterReportOf", earlier.node)
        node.add("sc:aboutMission", mission).add("sc:missionPhase", phase)
        self.stated(self.dated(node, self.date.isoformat()))
        self.report_heads[mission] = Head(subject, mission, phase)

    def release_node(self, n: int) -> Node:
        node = self.fact(self.release, "sc:PressRelease", f"Generated CNES press release {n} of {spelt(self.date)}")
        if self.chance(0.7):
            node.add("dcterms:title", en(f"France-Japan space cooperation – generated release {n}"))
        node.add("dcterms:date", day(self.date))
        if self.chance(0.5):
            node.add("dcterms:identifier", plain(f"PR{n % 1000:03d}-{self.date.year}"))
        node.add("dcterms:publisher", "organisation:cnes").add("dcterms:language", plain("en"))
        node.add("dcterms:subject", *self.themes.sample(self.rng, self.between(2, 8)))
        return node

    # --------------------------------------------------------- releases

    def grow_release(self, n: int, date: datetime.date, target: int | None = None) -> tuple[str, str]:
        """Release ``n`` of ``date`` with its facts (about ``target`` triples if given, else a
        usual mix): returns its file stem and Turtle text."""
        self.date = date
        self.release = f"release:{date.isoformat()}-generated-{n}"
        self.facts, self.statements, self.holdings, self.introduced = [], {}, {}, []
        while self.pending and self.pending[0][0] <= date.isoformat():
            self.pending.pop(0)[1]()
        if target is None:
            self.new_entities()
        release = self.release_node(n)
        if self.chance(0.6):
            self.press_contacts(release)
        if target is None:
            steps = self._fact_steps()
        else:  # rounds of facts until the target, which they overshoot little
            steps = itertools.chain.from_iterable(
                self._fact_steps(meetings=target - self.release_triples() >= MEETINGS_ROOM)
                for _ in itertools.count())
        for _ in steps:
            if target is not None and self.release_triples() >= target:
                break
        self.entity_triples += sum(node.triples() for node in self.introduced)
        about = [self.stated(self.about(subject)) for subject in self.named()]
        text = "".join(node.turtle() + "\n" for node in self.facts)
        text += ("# What this release states about the entities it names (what they are and are called\n"
                 "# is in data/entities/).\n\n") + "".join(node.turtle() + "\n" for node in about)
        stem = f"{date.isoformat()}-generated-release-{n}"
        return stem, text

    def _fact_steps(self, meetings: bool = True):
        """A usual mix of facts, one fact (with its post holdings) a step; ``meetings``
        False leaves out the meetings (the largest steps)."""
        if meetings:
            self.meeting(main=True)
            yield
            if self.chance(0.4):
                self.meeting(main=False)
                yield
        missions = [m for node in self.facts for m in node.values.get("sc:discussedMission", [])]
        missions = missions or self.missions.sample(self.rng, 3)
        for _ in range(self.between(2, 6)):
            self.contribution(missions)
            yield
        for _ in range(self.between(1, 4)):
            self.milestone(missions)
            yield
        if self.series and self.chance(0.25):
            self.announced_meeting()
            yield
        for _ in range(self.between(0, 2)):
            self.other_event()
            yield
        for _ in range(self.between(0, 2)):
            self.agreement()
            yield
        for mission in dict.fromkeys(self.rng.sample(missions, min(len(missions), self.between(1, 3)))):
            if f"report:{self.slug(mission)}-{self.date.isoformat()}" not in {f.subject for f in self.facts}:
                self.status_report(mission)
                yield

    def named(self) -> list[str]:
        """The entities this release names: those it introduces, those its facts name and
        those it states something about (and what that names), in order of appearance."""
        found = dict.fromkeys(node.subject for node in self.introduced)
        for node in self.facts + list(self.statements.values()):
            found.update(dict.fromkeys(value for objects in node.values.values() for value in objects
                                       if value in self.mentionable))
        found.update(dict.fromkeys(self.statements))
        return list(found)

    def release_triples(self) -> int:
        """The triples of this release's file so far, sc:statedIn on the entities it names included."""
        return (sum(node.triples() for node in self.facts) + len(self.named())
                + sum(node.triples() - len(node.values.get("sc:statedIn", [])) for node in self.statements.values()))

    def entity_files(self) -> dict[str, tuple[str, int]]:
        """File stem → Turtle text and triple count for the generated entities, a group split
        into parts, each file under its sc:EditorialNote."""
        files: dict[str, list[Node]] = {}
        sizes: dict[str, int] = {}
        parts: dict[str, int] = {}
        for subject, node in self.entities.items():
            group = self.entity_groups[subject]
            if sizes.get(group, 0) + node.triples() > ENTITY_FILE_TRIPLES and sizes.get(group):
                parts[group] = parts.get(group, 1) + 1
                sizes[group] = 0
            stem = f"generated-{group}-{parts.get(group, 1):03d}"
            if stem not in files:
                note = Node(f"source:entities-{stem}", ("sc:EditorialNote",))
                note.add("rdfs:label", en(f"Editorial note: {stem.replace('-', ' ')}"))
                files[stem] = [note.add("rdfs:comment", en(NOTES[group]))]
            files[stem].append(node)
            sizes[group] = sizes.get(group, 0) + node.triples()
        return {stem: ("".join(node.turtle() + "\n" for node in nodes), sum(node.triples() for node in nodes))
                for stem, nodes in files.items()}


# ----------------------------------------------------------------------- the project

def release_dates(planned: int, taken: set[str]):
    """Distinct days in increasing order, the first ``planned`` evenly spread over
    FIRST_DAY..LAST_DAY and then one a day, avoiding the days of the shipped releases."""
    days = (LAST_DAY - FIRST_DAY).days
    previous = FIRST_DAY - datetime.timedelta(days=1)
    index = 0
    while True:
        candidate = FIRST_DAY + datetime.timedelta(days=index * days // planned) if index < planned else previous
        candidate = max(candidate, previous + datetime.timedelta(days=1))
        while candidate.isoformat() in taken:
            candidate += datetime.timedelta(days=1)
        yield candidate
        previous, index = candidate, index + 1


def source_digest(source: Path) -> str:
    """SHA-256 of the copied folders' files, of this generator and of the modules of the
    package it uses."""
    digest = hashlib.sha256(b"".join(Path(module).read_bytes() for module in (__file__, edtf.__file__,
                                                                              namespaces.__file__)))
    for folder in COPIED_FOLDERS:
        for path in sorted((source / folder).rglob("*")):
            if path.is_file():
                digest.update(str(path.relative_to(source)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def parameters(triples: int, seed: int, additions: list[int], source: Path) -> dict:
    return {"triples": triples, "seed": seed, "additions": sorted(additions), "inputs": source_digest(source)}


def write_file(path: Path, header: str, comment: str, body: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"{comment}\n\n{header}\n{body}", encoding="utf-8")


def grow(source: Path, out: Path, triples: int, seed: int = 1, additions: list[int] = (100, 1000)) -> dict:
    """Write the grown project into ``out`` (which must not exist or be empty); returns
    what grow.json records, with the number of data triples written."""
    if out.exists() and any(out.iterdir()):
        raise SystemExit(f"{out}: not empty; give a new folder")
    shipped = Shipped(source)
    for folder in COPIED_FOLDERS:
        shutil.copytree(source / folder, out / folder)
    grower = Grower(shipped, f"spacecoop-grow {seed} {triples}")
    planned = max(1, (triples - shipped.triples) // TRIPLES_PER_RELEASE + 1)
    dates = release_dates(planned, set(shipped.dates.values()))
    written, n = shipped.triples, 0
    while written + grower.entity_triples < triples:
        n += 1
        stem, text = grower.grow_release(n, next(dates))
        write_file(out / "data" / "releases" / f"{stem}.ttl", shipped.header,
                   f"# Generated release {n} for the scale benchmark (benchmarks/grow.py): the release\n"
                   f"# node, every fact node it states and what it states about the entities it names.", text)
        written += grower.release_triples()
    for stem, (text, count) in grower.entity_files().items():
        write_file(out / "data" / "entities" / f"{stem}.ttl", shipped.header,
                   "# What the entities the generated releases name are and are called (benchmarks/grow.py).",
                   text)
        written += count
    for index, size in enumerate(sorted(additions)):
        # each addition starts from the project as written: a later one must not point to
        # the nodes of an earlier one, which the project does not hold
        alone = copy.deepcopy(grower)
        stem, text = alone.grow_release(n + 1 + index, next(dates), target=size)
        count = alone.release_triples()
        write_file(out / ADDITIONS_FOLDER / f"new-release-{size}.ttl", shipped.header,
                   f"# A made-up next release of {count} triples for timing `spacecoop validate FILE`\n"
                   f"# (benchmarks/grow.py): new nodes pointing to nodes of the project.", text)
    stamp = {**parameters(triples, seed, list(additions), source), "data_triples": written, "releases": n}
    (out / STAMP_NAME).write_text(json.dumps(stamp, indent=2) + "\n")
    return stamp


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, required=True, help="about how many data triples")
    parser.add_argument("--out", type=Path, required=True, help="a new (or empty) folder")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--source", type=Path, default=REPOSITORY, help="the project to grow")
    parser.add_argument("--additions", type=int, nargs="*", default=[100, 1000],
                        help="sizes of the made-up next releases written to additions/")
    options = parser.parse_args()
    started = time.perf_counter()
    stamp = grow(options.source, options.out, options.triples, options.seed, options.additions)
    print(f"{options.out}: {stamp['data_triples']} data triples in {stamp['releases']} generated releases "
          f"and the shipped data, {time.perf_counter() - started:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
