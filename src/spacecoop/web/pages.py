"""The plain HTML pages of the web face, until the web-pages issue replaces them.

All the HTML is written here. Everything that comes from the data, a file or the request
goes through :func:`text` (``html.escape``) or :func:`term`; an IRI becomes a link only to
this server's paths or with a scheme of :data:`LINKED_SCHEMES`, so a page never holds a
script, whatever the data says."""

from __future__ import annotations

import html
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef

from ..display import encodable, short
from ..namespaces import bind_prefixes
from .iris import local_path

#: The schemes an IRI outside the graph is linked with (others are shown as text).
LINKED_SCHEMES = ("http://", "https://", "mailto:")
#: The name people know each format of a document by.
FORMAT_NAMES = {"turtle": "Turtle", "jsonld": "JSON-LD", "nt": "N-Triples", "rdfxml": "RDF/XML",
                "trig": "TriG", "nquads": "N-Quads", "html": "HTML"}

_NAMES = bind_prefixes(Graph()).namespace_manager


@dataclass(frozen=True)
class Term:
    """One term of a vocabulary document (the ontology, the shapes): its local name (the
    anchor of its entry), IRI, label and comment."""

    name: str
    iri: URIRef
    label: str | None
    comment: str | None


def text(value) -> str:
    """``value`` as HTML text or attribute value: escaped, lone surrogates written out."""
    return html.escape(encodable(str(value)), quote=True)


def link(href: str, shown: str) -> str:
    """A link to ``href`` (a path here or an allowed URL) showing the text ``shown``."""
    return f'<a href="{text(href)}">{text(shown)}</a>'


def term(node, labels: dict | None = None) -> str:
    """An RDF term: an IRI as a link with its prefixed name (and label, if known), a literal
    as its text with its language or datatype, a blank node as its label."""
    if isinstance(node, Literal):
        suffix = f"@{node.language}" if node.language else (
            f" ^^{short(node.datatype, _NAMES)}" if node.datatype else "")
        return f"“{text(node)}”" + (f"<small>{text(suffix)}</small>" if suffix else "")
    if not isinstance(node, URIRef):
        return f"<code>_:{text(node)}</code>"
    href = local_path(str(node)) or (str(node) if str(node).startswith(LINKED_SCHEMES) else None)
    shown = short(node, _NAMES)
    named = link(href, shown) if href else f"<code>{text(shown)}</code>"
    label = (labels or {}).get(node)
    return f"{named} ({text(label)})" if label is not None else named


def page(title: str, body: str) -> str:
    """A whole page titled ``title`` (text) around ``body`` (HTML)."""
    return ('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{text(title)} · spacecoop</title>\n</head>\n<body>\n{body}\n"
            '<hr>\n<p><a href="/">spacecoop</a> · <a href="/sparql">SPARQL endpoint</a> · '
            '<a href="/ontology">ontology</a></p>\n</body>\n</html>\n')


def other_formats(documents: dict[str, str]) -> str:
    """A line of links to the same document in other formats (``{format: path}``)."""
    links = " · ".join(link(path, FORMAT_NAMES[name]) for name, path in documents.items())
    return f"<p>Also as {links}</p>"


def landing_page(data_triples: int, ontology_triples: int, releases: int, dumps: dict[str, str]) -> str:
    dump_links = "".join(f"<li>{link(path, FORMAT_NAMES[name])} <code>{text(path)}</code></li>"
                         for name, path in dumps.items())
    body = f"""<h1>spacecoop</h1>
<p>The knowledge graph of France–Japan space cooperation: {data_triples:,} data triples from
{releases} press releases, and an ontology of {ontology_triples:,} triples.</p>
{search_form("")}
<h2>Query</h2>
<ul>
<li>{link("/sparql", "SPARQL 1.1 endpoint")} <code>/sparql</code> (its service description without a query)</li>
<li>{link("/queries.json", "Saved queries")} <code>/queries.json</code>, each at <code>/queries/NAME.json</code></li>
</ul>
<h2>Download</h2>
<ul>
{dump_links}
</ul>
<h2>Vocabulary</h2>
<ul>
<li>{link("/ontology", "The ontology")} <code>/ontology</code></li>
<li>{link("/shapes", "The SHACL shapes")} <code>/shapes</code></li>
</ul>
<p>Every node is served at its IRI's path: {link("/resource/mission/mmx", "/resource/mission/mmx")}
is <code>https://w3id.org/spacecoop/resource/mission/mmx</code>.</p>"""
    return page("France–Japan space cooperation", body)


def search_form(query: str) -> str:
    return ('<form action="/search" method="get"><label>Find a node by name: '
            f'<input type="search" name="q" value="{text(query)}"></label> '
            '<button type="submit">Search</button></form>')


def search_page(query: str, matches: list) -> str:
    """The results of a search (:class:`lookup.Match` objects) as a list."""
    items = "".join(f"<li>{term(match.node)} {text(match.label or '')}"
                    + (f" <small>(as “{text(match.name)}”)</small>" if match.name != match.label else "")
                    + "</li>" for match in matches)
    found = f"<ol>\n{items}\n</ol>" if matches else "<p>No node has that name.</p>"
    return page(f"search: {query}", f"<h1>Nodes named like “{text(query)}”</h1>\n{search_form(query)}\n{found}")


def description_page(description, documents: dict[str, str]) -> str:
    """A node's :class:`description.Description`: its statements, those pointing to it, and
    the sources of each."""
    labels = description.labels

    def sources(statement) -> str:
        return ", ".join(term(source, labels) for source in statement.sources)

    def rows(statements, other) -> str:
        return "\n".join(f"<tr><td>{term(s.predicate, labels)}</td><td>{term(other(s), labels)}</td>"
                         f"<td>{sources(s)}</td></tr>" for s in statements)

    heading = text(description.label) if description.label is not None else text(short(description.node, _NAMES))
    kinds = ", ".join(term(kind, labels) for kind in description.classes) or "none stated"
    shown = (f", the first {len(description.incoming)} shown" if description.truncated else "")
    body = f"""<h1>{heading}</h1>
<p><code>{text(description.node)}</code></p>
<p>Kinds: {kinds}</p>
{other_formats(documents)}
<h2>Statements ({len(description.statements)})</h2>
<table>
<tr><th>property</th><th>value</th><th>sources</th></tr>
{rows(description.statements, lambda s: s.object)}
</table>
<h2>Pointing here ({description.incoming_count}{shown})</h2>
<table>
<tr><th>property</th><th>from</th><th>sources</th></tr>
{rows(description.incoming, lambda s: s.subject)}
</table>"""
    return page(str(description.label) if description.label is not None else short(description.node, _NAMES), body)


def terms_page(title: str, iri: str, terms: list[Term], documents: dict[str, str]) -> str:
    """A vocabulary document: every term with an anchor named after it (``/ontology#Mission``)."""
    entries = "\n".join(
        f'<dt id="{text(entry.name)}"><a href="#{text(entry.name)}">{text(short(entry.iri, _NAMES))}</a>'
        + (f" {text(entry.label)}" if entry.label else "") + "</dt>"
        + (f"\n<dd>{text(entry.comment)}</dd>" if entry.comment else "")
        for entry in terms)
    body = f"""<h1>{text(title)}</h1>
<p><code>{text(iri)}</code>: {len(terms)} terms</p>
{other_formats(documents)}
<dl>
{entries}
</dl>"""
    return page(title, body)
