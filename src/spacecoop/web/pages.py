"""The plain HTML pages of the web face not yet written as templates (the vocabulary
documents, the plain page of a saved query).

Their HTML is written here by hand. Everything that comes from the data, a file or the request
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
