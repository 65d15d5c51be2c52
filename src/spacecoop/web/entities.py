"""The pages people read about the graph: the home page, a page for every node, a page for
each press release, and the results of a search.

A node's page groups its statements as a reader asks for them — a person's posts and
meetings, a mission's agencies, hardware, contributions, milestones and status reports, a
meeting's participants in their posts and what it discussed, an organisation's people and
contributions — and shows every other statement grouped by property, then the nodes
pointing to it. Each row names the sources stating it (a release by its date, linked to
its page; an editorial note as such). Where a later release reports again what an earlier
one announced (sc:laterReportOf), the reports are told in one line: "announced for
5 December 2020 (release of 22 October 2020); done on 6 December 2020 (release of
25 February 2021)". Dates are shown no more precisely than the release gives them.

What a page shows is gathered once per node (the graph does not change while the server
runs) from node descriptions (:meth:`KnowledgeGraph.describe`) and the name index.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from weakref import WeakKeyDictionary

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, RDF, RDFS, SKOS, XSD
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ..description import Description, Statement
from ..edtf import in_words, said
from ..kg import KnowledgeGraph
from ..namespaces import ONTOLOGY_IRI, SC, expand_iri
from .app import Service
from .iris import local_path
from .templating import href, prefixed, render

#: How many node pages are kept once gathered.
PAGES_KEPT = 1024
#: The dumps offered on the home page: (words, path).
DUMPS = (("Turtle", "/data/spacecoop.ttl"), ("N-Triples", "/data/spacecoop.nt"),
         ("JSON-LD", "/data/spacecoop.jsonld"), ("TriG (one graph per source)", "/data/spacecoop.trig"),
         ("N-Quads (one graph per source)", "/data/spacecoop.nq"))
#: Ready questions offered on the home page: (saved query, URL parameters, words).
READY_QUESTIONS = (
    ("meeting-participant-pairs", "", "Who met whom, when and where?"),
    ("who-met-whom-between", "from=2021-01-01&to=2021-12-31", "Who met whom in 2021?"),
    ("contributions-to-mission", "mission=mission%3Ammx", "Who contributes what to MMX?"),
    ("mission-milestones", "", "Which mission milestones are planned and which are done?"),
    ("later-report-differences", "", "Where does a later release differ from an earlier one?"),
    ("press-contacts", "", "Who were the press contacts of each release?"),
)
#: The counts of the home page: (words, the class whose instances, subclasses included, are counted).
COUNTED = (("people", SC.Person), ("organisations", SC.Organisation), ("missions and campaigns", SC.Mission),
           ("pieces of hardware", SC.SpaceHardware), ("meetings, visits and other events", SC.Event),
           ("contributions", SC.Contribution), ("agreements and plans", SC.Commitment),
           ("status reports", SC.MissionStatusReport))
#: The kinds of the facts a release states, in the order its page lists them.
FACT_ORDER = (SC.Event, SC.PostHolding, SC.Contribution, SC.Commitment, SC.MissionStatusReport)

#: Properties the header of every page shows (names, description, kinds, sources named in).
NAME_PROPERTIES = (RDFS.label, SKOS.prefLabel, FOAF.name, SKOS.altLabel, SC.abbreviation)
DESCRIBING = (RDFS.comment, SKOS.definition)
DATE_PROPERTIES = (SC.when, SC.earliest, SC.latest, SC.datePrecision, SC.partOfYear)
STATUS_PROPERTIES = (SC.eventStatus, SC.contributionStatus)
#: The words of each status of an event in the line of reports (before the date, if any).
STATUS_WORDS = {"proposed": "proposed", "planned": "announced", "under-way": "under way", "done": "done"}
CONTRIBUTORS = (SC.contributor, SC.contributorCountry)
GIVES = (SC.item, SC.service)


# ---------------------------------------------------------------- what the templates show


@dataclass(frozen=True)
class Ref:
    """A piece of text, linked to ``href`` when there is one; ``css``: its class, if any."""

    text: str
    href: str | None = None
    css: str = ""
    title: str = ""


Cell = tuple  # of Ref, shown one after the other


@dataclass
class Row:
    cells: list[Cell]
    sources: Cell = ()


@dataclass
class Section:
    """A table of the page: a title, the column headers (the last column, "stated in", is
    added by the template), the rows; an id for links to it."""

    title: str
    headers: tuple[str, ...]
    rows: list[Row]
    id: str = ""
    sourced: bool = True


@dataclass
class NodePage:
    """What a node's page shows."""

    iri: str
    title: str
    kinds: Cell
    names: Cell
    notes: list[Row]
    facts: list[Row]  # the summary: (what, value) with sources
    sections: list[Section]
    documents: tuple[tuple[str, str], ...] = ()
    release: dict = field(default_factory=dict)


def joined(refs, separator: str = ", ") -> Cell:
    """``refs`` with ``separator`` between them."""
    out: list[Ref] = []
    for number, ref in enumerate(refs):
        if number:
            out.append(Ref(separator))
        out.append(ref)
    return tuple(out)


def _local_name(iri) -> str:
    return str(iri).rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


# ---------------------------------------------------------------- reading the graph


class Reader:
    """Nodes as the pages need them: descriptions (kept), labels, kinds, sources named."""

    def __init__(self, kg: KnowledgeGraph):
        self.kg = kg
        self.describe = lru_cache(maxsize=4096)(self._describe)

    def _describe(self, iri: URIRef) -> Description:
        return self.kg.describe(str(iri))

    def label(self, node) -> str:
        entry = self.kg.names.entry(str(node))
        return entry.label if entry is not None and entry.label else prefixed(node)

    def classes(self, node) -> tuple[URIRef, ...]:
        entry = self.kg.names.entry(str(node))
        return entry.classes if entry is not None else ()

    @cached_property
    def _ancestors(self) -> dict[URIRef, set[URIRef]]:
        ontology = self.kg.ontology
        return {kind: set(ontology.transitive_objects(kind, RDFS.subClassOf))
                for kind in set(ontology.subjects(RDFS.subClassOf, None))}

    def subclass_of(self, kind: URIRef, top: URIRef) -> bool:
        """Whether ``kind`` is ``top`` or one of its subclasses."""
        return top in self._ancestors.get(kind, {kind})

    def is_a(self, node, kind: URIRef) -> bool:
        return any(self.subclass_of(own, kind) for own in self.classes(node))

    def kind(self, node) -> URIRef | None:
        """The most specific of the node's classes (the first by name among several)."""
        classes = self.classes(node)
        specific = [own for own in classes
                    if not any(own != other and self.subclass_of(other, own) for other in classes)]
        return sorted(specific)[0] if specific else None

    def ref(self, node) -> Ref:
        """A node as a link to its page, or a literal as its text."""
        if isinstance(node, Literal):
            return Ref(self.literal_text(node))
        if not isinstance(node, URIRef):
            return Ref(str(node))
        return Ref(self.label(node), href(node))

    @staticmethod
    def literal_text(value: Literal) -> str:
        if value.datatype == XSD.date:
            return said(str(value))
        if value.datatype == XSD.boolean:
            return "yes" if value.toPython() is True else "no"
        return str(value)

    @cached_property
    def releases(self) -> dict[URIRef, dict]:
        """Each press release: its date (EDTF text), date in words, title, reference, label."""
        found = {}
        for iri, day, stated in self.kg.statistics().releases:
            node = URIRef(iri)
            description = self.describe(node)
            found[node] = {
                "iri": node, "href": href(node), "label": self.label(node), "date": day,
                "date_words": said(day), "facts": stated,
                "title": _first_text(description, DCTERMS.title),
                "identifier": _first_text(description, DCTERMS.identifier),
            }
        return found

    def source(self, node: URIRef) -> Ref:
        """A source as a reader names it: "release of 25 February 2021", "editorial note"."""
        if node in self.releases:
            release = self.releases[node]
            return Ref(f"release of {release['date_words']}", release["href"], title=release["label"])
        if str(node) == ONTOLOGY_IRI:
            return Ref("the ontology", "/ontology")
        if SC.EditorialNote in self.classes(node):
            return Ref("editorial note", href(node), title=self.label(node))
        return self.ref(node)

    def sources(self, statement: Statement | None) -> Cell:
        if statement is None:
            return ()
        return joined(self.source(source) for source in statement.sources)

    def statement_order(self, statement: Statement) -> tuple:
        """Statements in the order of their first release, then by the label of their subject."""
        days = [self.releases[source]["date"] for source in statement.sources if source in self.releases]
        return min(days, default="9999"), self.label(statement.subject)

    def stated_in(self, node) -> Cell:
        """The releases that state the fact ``node`` (its sc:statedIn)."""
        return joined(self.source(s.object) for s in _out(self.describe(node), SC.statedIn))

    # -------------------------------------------------------- dates, statuses, reports

    def date(self, node) -> tuple[str, str] | None:
        """A node's date in words, and its precision's label; None if it has none."""
        description = self.describe(node)
        when = _first(description, SC.when)
        if when is None:
            return None
        part = _first(description, SC.partOfYear)
        precision = _first(description, SC.datePrecision)
        try:
            words = in_words(str(when.object), _local_name(part.object) if part else None)
        except ValueError:
            words = str(when.object)
        return words, self.label(precision.object) if precision else ""

    def date_cell(self, node, missing: str = "no date given") -> Cell:
        date = self.date(node)
        return (Ref(date[0]),) if date else (Ref(missing, css="muted"),)

    def sort_key(self, node) -> tuple:
        earliest = _first(self.describe(node), SC.earliest)
        return (0, str(earliest.object)) if earliest else (1, self.label(node))

    def status(self, node) -> str | None:
        """The local name of a node's status (planned, done…), if it has one."""
        description = self.describe(node)
        for predicate in STATUS_PROPERTIES:
            found = _first(description, predicate)
            if found is not None:
                return _local_name(found.object)
        return None

    def status_cell(self, node) -> Cell:
        status = self.status(node)
        if status is None:
            return ()
        statement = next(s for p in STATUS_PROPERTIES for s in _out(self.describe(node), p))
        return (Ref(self.label(statement.object), href(statement.object), f"status-{status}"),)

    def reports(self, node) -> list[URIRef]:
        """The reports of the same fact, earliest release first: ``node``, those it is a
        later report of, and those that are later reports of it (sc:laterReportOf)."""
        chain, seen = [node], {node}
        while True:
            earlier = [s.object for s in _out(self.describe(chain[0]), SC.laterReportOf) if s.object not in seen]
            if not earlier:
                break
            chain.insert(0, earlier[0])
            seen.add(earlier[0])
        while True:
            later = [s.subject for s in _in(self.describe(chain[-1]), SC.laterReportOf) if s.subject not in seen]
            if not later:
                break
            chain.append(later[0])
            seen.add(later[0])
        return chain

    def report_line(self, node, linked: bool = False) -> Cell:
        """What each release says of the fact ``node`` reports, in one line: "announced for
        5 December 2020 (release of 22 October 2020); done on 6 December 2020 (release of
        25 February 2021)"; each report linked to its page when ``linked``."""
        parts: list[Ref] = []
        for number, report in enumerate(self.reports(node)):
            if number:
                parts.append(Ref("; "))
            words = self.report_words(report)
            css = f"status-{self.status(report)}" if self.status(report) else ""
            parts.append(Ref(words, href(report) if linked and report != node else None, css))
            parts += [Ref(" ("), *self.stated_in(report), Ref(")")]
        return tuple(parts)

    def report_words(self, node) -> str:
        """One report in words: its status with its date ("announced for 5 December 2020",
        "done on 6 December 2020"), or a status report's phase ("development, as of …")."""
        status = self.status(node)
        date = self.date(node)
        description = self.describe(node)
        phase = _first(description, SC.missionPhase)
        if phase is not None:
            return self.label(phase.object) + (f", as of {date[0]}" if date else "")
        if status is None:
            return f"{self.label(node)}" + (f", {date[0]}" if date else "")
        event = self.is_a(node, SC.Event)
        words = STATUS_WORDS.get(status, status) if event else status.replace("-", " ")
        if date is None:
            return words + (" (no date given)" if event and status in ("planned", "done") else "")
        if status in ("planned", "proposed"):
            return f"{words} for {_the(date)}"
        return f"{words} {_on(date)}"


def _the(date: tuple[str, str]) -> str:
    return f"the {date[0]}" if date[0].startswith("week of") else date[0]


def _on(date: tuple[str, str]) -> str:
    """A date after a verb: "on 6 December 2020", "in June 2023", "in the week of …"."""
    words, _ = date
    if words.startswith("week of"):
        return f"in the {words}"
    return f"on {words}" if words[:1].isdigit() and not words[:4].isdigit() else f"in {words}"


def _out(description: Description, predicate) -> list[Statement]:
    return [s for s in description.statements if s.predicate == predicate]


def _in(description: Description, predicate) -> list[Statement]:
    return [s for s in description.incoming if s.predicate == predicate]


def _first(description: Description, predicate) -> Statement | None:
    found = _out(description, predicate)
    return found[0] if found else None


def _first_text(description: Description, predicate) -> str | None:
    found = _first(description, predicate)
    return str(found.object) if found else None


# ---------------------------------------------------------------- a node's page


class PageBuilder:
    """Gathers one node's page: each grouped section takes the statements it shows; what is
    left is shown grouped by property, then what points here."""

    def __init__(self, reader: Reader, node: URIRef):
        self.reader = reader
        self.node = node
        self.description = reader.describe(node)
        self.shown: set[tuple] = set()
        self.facts: list[Row] = []
        self.sections: list[Section] = []

    # taking statements
    def take(self, *predicates) -> list[Statement]:
        found = [s for s in self.description.statements if s.predicate in predicates]
        self.shown.update(s.triple for s in found)
        return found

    def take_incoming(self, *predicates) -> list[Statement]:
        found = [s for s in self.description.incoming if s.predicate in predicates]
        self.shown.update(s.triple for s in found)
        return found

    def fact(self, what: str, statements: list[Statement], cell: Cell | None = None, sourced: bool = True) -> None:
        """A row of the summary: ``what``, the statements' values (or ``cell``), their sources
        (unless the cell names them already: not ``sourced``)."""
        if not statements and not cell:
            return
        sources = sorted({source for s in statements for source in s.sources}) if sourced else []
        value = cell if cell is not None else joined(self.reader.ref(s.object) for s in statements)
        self.facts.append(Row([(Ref(what),), value], joined(self.reader.source(s) for s in sources)))

    def section(self, title: str, headers: tuple[str, ...], rows: list[Row]) -> None:
        if rows:
            self.sections.append(Section(title, headers, rows, title.lower().replace(" ", "-")))

    # the page
    def build(self, documents) -> NodePage:
        reader, node = self.reader, self.node
        kinds = self.take(RDF.type)
        names = self.take(*NAME_PROPERTIES)
        title = str(self.description.label) if self.description.label is not None else prefixed(node)
        other_names = sorted({str(s.object) for s in names if str(s.object) != title})
        notes = [Row([(Ref(str(s.object)),)], joined(reader.source(source) for source in s.sources))
                 for s in self.take(*DESCRIBING)]
        self._dated()
        if reader.is_a(node, SC.Person):
            self._person()
        if reader.is_a(node, SC.Mission):
            self._mission()
        if reader.is_a(node, SC.Event):
            self._event()
        if reader.is_a(node, SC.Organisation):
            self._organisation()
        if reader.is_a(node, SC.PostHolding):
            self._holding()
        if reader.is_a(node, SC.Contribution):
            self._contribution()
        release = self._release() if node in reader.releases else {}
        stated_in = self.take(SC.statedIn)
        self.fact("stated in", stated_in, joined(reader.source(s.object) for s in stated_in), sourced=False)
        self._remaining()
        return NodePage(
            iri=str(node), title=title,
            kinds=joined(reader.ref(s.object) for s in kinds if isinstance(s.object, URIRef)),
            names=joined(Ref(name) for name in other_names),
            notes=notes, facts=self.facts, sections=self.sections, documents=tuple(documents),
            release=release)

    def _dated(self) -> None:
        reader = self.reader
        when = self.take(*DATE_PROPERTIES)
        date = reader.date(self.node)
        if date is not None:
            words, precision = date
            self.fact("when", [s for s in when if s.predicate == SC.when],
                      (Ref(words), Ref(f" (precise to the {precision})" if precision else "", css="muted")))
        status = self.take(*STATUS_PROPERTIES)
        later = self.take(SC.laterReportOf) + self.take_incoming(SC.laterReportOf)
        if later or (status and reader.is_a(self.node, SC.Event)):
            self.fact("as the releases report it", status + later, reader.report_line(self.node, linked=True),
                      sourced=False)
        elif status:
            self.fact("status", status, reader.status_cell(self.node))

    # -------------------------------------------------------- by kind of node

    def _person(self) -> None:
        reader = self.reader
        rows = []
        for statement in sorted(self.take_incoming(ORG.member), key=lambda s: reader.sort_key(s.subject)):
            holding = statement.subject
            rows.append(Row([*self._post_cells(holding), reader.date_cell(holding),
                             joined(reader.ref(s.object) for s in _out(reader.describe(holding), SC.attestedAt))],
                            reader.sources(statement)))
        self.section("Posts held", ("post", "organisation", "when", "at"), rows)
        self.section("Meetings and events", ("meeting or event", "when", "place", "with"),
                     [Row([(reader.ref(s.subject),), reader.date_cell(s.subject), self._place(s.subject),
                           joined(reader.ref(other.object) for other in _out(reader.describe(s.subject), SC.participant)
                                  if other.object != self.node)], reader.sources(s))
                      for s in sorted(self.take_incoming(SC.participant), key=lambda s: reader.sort_key(s.subject))])
        self.section("Press contact of", ("release",),
                     [Row([(reader.ref(s.subject),)], reader.sources(s)) for s in self.take_incoming(SC.pressContact)])

    def _post_cells(self, holding) -> list[Cell]:
        """A post holding's post (with the title the release gives, if another) and organisation."""
        reader = self.reader
        held = reader.describe(holding)
        post = _first(held, SC.post)
        role = _first(held, ORG.role)
        if post is None:
            return [(), ()]
        post_cell = (reader.ref(post.object),) + ((Ref(", as "), reader.ref(role.object)) if role else ())
        organisations = _out(reader.describe(post.object), ORG.postIn)
        return [post_cell, joined(reader.ref(s.object) for s in organisations)]

    def _place(self, node) -> Cell:
        return joined(self.reader.ref(s.object) for s in _out(self.reader.describe(node), SC.place))

    def _mission(self) -> None:
        reader = self.reader
        self.section("Agencies and countries", ("how", "who"),
                     [Row([(Ref(reader.label(s.predicate)),), (reader.ref(s.object),)], reader.sources(s))
                      for s in self.take(SC.ledBy, SC.partner, SC.partnerCountry, SC.country)])
        parts = [Row([(reader.ref(s.subject),), self._kind(s.subject), (Ref("part of this mission"),)],
                     reader.sources(s)) for s in self.take_incoming(SC.partOfMission)]
        parts += [Row([(reader.ref(s.object),), self._kind(s.object), (Ref("main instrument"),)], reader.sources(s))
                  for s in self.take(SC.mainInstrument)]
        self.section("Hardware and parts", ("what", "kind", "how"), parts)
        self.section("Contributions", ("contribution", "who", "role", "gives", "status"),
                     [Row([(reader.ref(s.subject),), self._contributors(s.subject),
                           self._values(s.subject, SC.contributionRole), self._values(s.subject, *GIVES),
                           self._status_and_report(s.subject)], reader.sources(s))
                      for s in sorted(self.take_incoming(SC.toMission), key=reader.statement_order)])
        self._milestones(self.take_incoming(SC.ofMission))
        self.section("Status reports", ("as of", "phase", "report"),
                     [Row([reader.date_cell(s.subject), self._values(s.subject, SC.missionPhase),
                           (reader.ref(s.subject),)], reader.sources(s))
                      for s in sorted(self.take_incoming(SC.aboutMission), key=lambda s: reader.sort_key(s.subject))])
        self._discussed_at()

    def _milestones(self, statements: list[Statement]) -> None:
        """The mission's events, the reports of one event in one row."""
        reader = self.reader
        chains: dict[tuple, list[Statement]] = {}
        for statement in statements:
            chains.setdefault(tuple(reader.reports(statement.subject)), []).append(statement)
        rows = []
        for chain, stated in sorted(chains.items(), key=lambda item: reader.sort_key(item[0][-1])):
            rows.append(Row([(reader.ref(chain[-1]),), self._values(chain[-1], SC.eventKind),
                             reader.report_line(chain[-1], linked=True)],
                            joined(reader.source(source) for source in sorted({x for s in stated for x in s.sources}))))
        self.section("Milestones and events", ("event", "kind", "as the releases report it"), rows)

    def _discussed_at(self) -> None:
        reader = self.reader
        self.section("Discussed at", ("meeting or visit", "when"),
                     [Row([(reader.ref(s.subject),), reader.date_cell(s.subject)], reader.sources(s))
                      for s in sorted(self.take_incoming(SC.discussedMission, SC.discussedEvent,
                                                         SC.discussedAgreement, SC.discussedTheme),
                                      key=lambda s: reader.sort_key(s.subject))])

    def _contributors(self, contribution) -> Cell:
        reader = self.reader
        described = reader.describe(contribution)
        who = joined(reader.ref(s.object) for p in CONTRIBUTORS for s in _out(described, p))
        by = _out(described, SC.performedBy)
        if by:
            who += (Ref(" (performed by "), *joined(reader.ref(s.object) for s in by), Ref(")"))
        return who

    def _values(self, node, *predicates) -> Cell:
        described = self.reader.describe(node)
        return joined(self.reader.ref(s.object) for p in predicates for s in _out(described, p))

    def _kind(self, node) -> Cell:
        kind = self.reader.kind(node)
        return (self.reader.ref(kind),) if kind else ()

    def _status_and_report(self, node) -> Cell:
        reader = self.reader
        if len(reader.reports(node)) > 1:
            return reader.report_line(node, linked=True)
        return reader.status_cell(node)

    def _event(self) -> None:
        reader = self.reader
        self.fact("place", self.take(SC.place))
        self.fact("on the occasion of", self.take(SC.occasion))
        self.fact("by videoconference", self.take(SC.byVideoconference))
        holdings = defaultdict(list)
        for statement in self.take_incoming(SC.attestedAt):
            member = _first(reader.describe(statement.subject), ORG.member)
            if member is not None:
                holdings[member.object].append(statement.subject)
        rows = []
        for statement in self.take(SC.participant):
            person = statement.object
            held = holdings.pop(person, [None])
            for holding in held:
                cells = self._post_cells(holding) if holding is not None else [(), ()]
                rows.append(Row([(reader.ref(person),), *cells], reader.sources(statement)))
        for person, held in holdings.items():  # a post attested here by someone not listed as a participant
            rows += [Row([(reader.ref(person),), *self._post_cells(holding)], ()) for holding in held]
        self.section("Participants", ("person", "post", "organisation"), rows)
        self.section("Organisations represented", ("organisation",),
                     [Row([(reader.ref(s.object),)], reader.sources(s)) for s in self.take(SC.representedOrganisation)])
        self.section("Discussed", ("what", "about"),
                     [Row([(Ref(reader.label(s.predicate).removeprefix("discussed ")),), (reader.ref(s.object),)],
                          reader.sources(s))
                      for s in self.take(SC.discussedMission, SC.discussedEvent, SC.discussedAgreement,
                                         SC.discussedTheme)])
        self.section("Held on this occasion", ("meeting or event", "when"),
                     [Row([(reader.ref(s.subject),), reader.date_cell(s.subject)], reader.sources(s))
                      for s in sorted(self.take_incoming(SC.occasion), key=lambda s: reader.sort_key(s.subject))])

    def _organisation(self) -> None:
        reader = self.reader
        rows = []
        for post_statement in self.take_incoming(ORG.postIn):
            post = post_statement.subject
            holdings = sorted(_in(reader.describe(post), SC.post), key=lambda s: reader.sort_key(s.subject))
            for statement in holdings:
                held = reader.describe(statement.subject)
                role = _first(held, ORG.role)
                rows.append(Row([(reader.ref(post),) + ((Ref(", as "), reader.ref(role.object)) if role else ()),
                                 joined(reader.ref(s.object) for s in _out(held, ORG.member)),
                                 reader.date_cell(statement.subject)], reader.sources(statement)))
            if not holdings:
                rows.append(Row([(reader.ref(post),), (), ()], reader.sources(post_statement)))
        self.section("People and posts", ("post", "person", "when"), rows)
        self.section("Missions", ("how", "mission"),
                     [Row([(Ref(reader.label(s.predicate)),), (reader.ref(s.subject),)], reader.sources(s))
                      for s in self.take_incoming(SC.ledBy, SC.partner, SC.operatedBy)])
        self.section("Contributions", ("how", "contribution", "to mission", "role", "status"),
                     [Row([(Ref(reader.label(s.predicate)),), (reader.ref(s.subject),),
                           self._values(s.subject, SC.toMission), self._values(s.subject, SC.contributionRole),
                           self._status_and_report(s.subject)], reader.sources(s))
                      for s in sorted(self.take_incoming(SC.contributor, SC.performedBy, SC.recipient,
                                                         SC.requestedBy, SC.performedAt), key=reader.statement_order)])
        self.section("Meetings", ("meeting or event", "when"),
                     [Row([(reader.ref(s.subject),), reader.date_cell(s.subject)], reader.sources(s))
                      for s in sorted(self.take_incoming(SC.representedOrganisation),
                                      key=lambda s: reader.sort_key(s.subject))])

    def _holding(self) -> None:
        member = self.take(ORG.member)
        self.fact("person", member)
        self.fact("post", self.take(SC.post))
        self.fact("title given", self.take(ORG.role))
        self.fact("attested at", self.take(SC.attestedAt))

    def _contribution(self) -> None:
        for predicate in (SC.toMission, SC.contributor, SC.contributorCountry, SC.performedBy, SC.contributionRole,
                          SC.item, SC.service, SC.recipient):
            self.fact(self.reader.label(predicate), self.take(predicate))

    def _release(self) -> dict:
        """A release's own facts: date, reference, title, contacts, every fact it states."""
        reader, node = self.reader, self.node
        release = dict(reader.releases[node])
        self.take(DCTERMS.date, DCTERMS.title, DCTERMS.identifier)
        contacts = []
        for statement in self.take(SC.pressContact):
            person = statement.object
            held = [s.subject for s in _in(reader.describe(person), ORG.member)
                    if node in {x.object for x in _out(reader.describe(s.subject), SC.statedIn)}
                    and not _out(reader.describe(s.subject), SC.attestedAt)]
            cells = self._post_cells(held[0]) if held else [(), ()]
            contacts.append(Row([(reader.ref(person),), *cells], reader.sources(statement)))
        self.section("Press contacts", ("person", "post", "organisation"), contacts)
        release["contacts"] = len(contacts)
        stated = self.take_incoming(SC.statedIn)
        facts, named = defaultdict(list), defaultdict(list)
        for statement in stated:
            subject = statement.subject
            kind = reader.kind(subject)
            typed_here = kind is not None and node in reader.kg.sources_of((subject, RDF.type, kind))
            (facts if typed_here else named)[kind].append(subject)
        for title, groups, headers in (("Facts it states", facts, ("kind", "fact", "when")),
                                       ("What else it names", named, ("kind", "node"))):
            rows = []
            for kind, subjects in sorted(groups.items(), key=lambda item: (self._fact_rank(item[0]),
                                                                           reader.label(item[0]))):
                for number, subject in enumerate(sorted(subjects, key=lambda subject: (reader.sort_key(subject),
                                                                                     reader.label(subject)))):
                    kind_cell = ((reader.ref(kind),) if kind else (Ref("other"),)) if number == 0 else ()
                    date = (reader.date_cell(subject, ""),) if len(headers) == 3 else ()
                    rows.append(Row([kind_cell, (reader.ref(subject),), *date]))
            if rows:
                self.sections.append(Section(title, headers, rows, title.lower().replace(" ", "-"), sourced=False))
        graph = next((g for s in self.description.statements if s.predicate == RDF.type for g in s.graphs), None)
        release["source_graph"] = local_path(graph) if graph else None
        release["stated"] = len(stated)
        return release

    def _fact_rank(self, kind) -> int:
        for rank, top in enumerate(FACT_ORDER):
            if kind is not None and self.reader.subclass_of(kind, top):
                return rank
        return len(FACT_ORDER)

    def _remaining(self) -> None:
        """Every statement no section took, grouped by property; then what points here."""
        reader = self.reader
        rest = [s for s in self.description.statements if s.triple not in self.shown]
        self.section("Other statements", ("property", "value"), _grouped(reader, rest, lambda s: s.object))
        pointing = [s for s in self.description.incoming if s.triple not in self.shown]
        title = "Pointing here"
        if self.description.truncated:
            title += f" (the first {len(self.description.incoming)} of {self.description.incoming_count})"
        self.section(title, ("property", "from"), _grouped(reader, pointing, lambda s: s.subject))


def _grouped(reader: Reader, statements: list[Statement], other) -> list[Row]:
    """One row per statement, by property label; the label only on its group's first row."""
    rows = []
    ordered = sorted(statements, key=lambda s: (reader.label(s.predicate), reader.label(other(s))))
    for number, statement in enumerate(ordered):
        first = number == 0 or ordered[number - 1].predicate != statement.predicate
        predicate = (Ref(reader.label(statement.predicate), href(statement.predicate), title=prefixed(statement.predicate)),)
        rows.append(Row([predicate if first else (), (reader.ref(other(statement)),)], reader.sources(statement)))
    return rows


# ---------------------------------------------------------------- the pages


class EntityPages:
    """The node pages, release pages, search results and home page of one knowledge graph."""

    def __init__(self, kg: KnowledgeGraph):
        self.kg = kg
        self.reader = Reader(kg)
        self.page = lru_cache(maxsize=PAGES_KEPT)(self._page)

    def _page(self, iri: str, documents: tuple) -> NodePage:
        return PageBuilder(self.reader, URIRef(iri)).build(documents)

    async def node_response(self, request: Request, iri: str, documents: dict[str, str], headers: dict) -> Response:
        """The page of the node ``iri`` (:class:`lookup.UnknownNodeError` if the graph has none)."""
        await run_in_threadpool(self.kg.resolve, iri)
        page = await run_in_threadpool(self.page, iri, tuple(documents.items()))
        template = "release.html" if page.release else "entity.html"
        response = render(request, template, title=page.title, page=page)
        response.headers.update(headers)
        return response

    def search_response(self, request: Request, text: str, matches: list, headers: dict) -> Response:
        results = [{"ref": Ref(match.label or prefixed(match.node), href(match.node)),
                    "kinds": joined(self.reader.ref(kind) for kind in match.classes),
                    "matched": match.name if match.name != match.label else None,
                    "iri": prefixed(match.node)} for match in matches]
        response = render(request, "search.html", title=f"Search: {text}", query=text, results=results)
        response.headers.update(headers)
        return response

    @cached_property
    def home(self) -> dict:
        reader = self.reader
        figures = self.kg.statistics()
        per_class: dict[str, int] = defaultdict(int)
        for name, count in figures.entities_per_class.items():
            per_class[name] += count
        counts = []
        for words, top in COUNTED:
            total = sum(count for name, count in per_class.items()
                        if reader.subclass_of(_expanded(name), top))
            counts.append((words, total))
        counts.append(("press releases", len(figures.releases)))
        catalogue = self.kg.catalogue
        questions = [(f"/questions/{name}" + (f"?{parameters}" if parameters else ""), words)
                     for name, parameters, words in READY_QUESTIONS if name in catalogue]
        return {"releases": list(reader.releases.values()), "counts": counts,
                "data_triples": figures.data_triples, "ontology_triples": figures.ontology_triples,
                "questions": questions, "dumps": DUMPS}

    async def home_response(self, request: Request) -> Response:
        home = await run_in_threadpool(lambda: self.home)
        return render(request, "home.html", title="France–Japan space cooperation", **home)


def _expanded(name: str) -> URIRef:
    try:
        return expand_iri(name)
    except ValueError:
        return URIRef(name)


_PAGES: WeakKeyDictionary[KnowledgeGraph, EntityPages] = WeakKeyDictionary()


def pages_of(kg: KnowledgeGraph) -> EntityPages:
    """The pages of ``kg``, one set per graph (shared with the linked-data routes)."""
    if kg not in _PAGES:
        _PAGES[kg] = EntityPages(kg)
    return _PAGES[kg]


def routes(service: Service) -> list[Route]:
    pages = pages_of(service.kg)
    pages.home  # gathered now (the name index, the ontology, the figures), not during the first request
    return [Route("/", pages.home_response)]
