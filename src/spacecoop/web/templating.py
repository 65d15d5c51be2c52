"""The pages people read: Jinja2 templates (``web/templates/``) with autoescaping on, so
that everything from the data is text, never markup; scripts and styles are files under
``web/static/`` (the Content-Security-Policy allows no inline script)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, select_autoescape
from rdflib import Literal, URIRef
from starlette.requests import Request
from starlette.responses import HTMLResponse

from ..namespaces import BASE, SC, SCSH, bind_prefixes
from .iris import local_path

TEMPLATES = Path(__file__).parent / "templates"
STATIC = Path(__file__).parent / "static"

#: What every page may load: only this server's own files (scripts, styles, fonts, data),
#: images also as data: URLs; inline styles for the vendored widgets, which set them.
CONTENT_SECURITY_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                           "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
                           "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'")

#: The links of every page's header: (path, words).
NAVIGATION = (
    ("/", "Home"), ("/questions", "Questions"), ("/editor", "SPARQL editor"),
    ("/timeline", "Timeline"), ("/network", "Network"), ("/model", "Model"),
)

_NAMESPACES = bind_prefixes(__import__("rdflib").Graph()).namespace_manager


def href(iri) -> str | None:
    """The local page of a node of this graph (a term of the ontology or the shapes: its entry
    on the model's pages), or the IRI itself for an http(s) node elsewhere; None for anything
    else (a javascript: IRI is never a link)."""
    text = str(iri)
    for namespace, page in ((str(SC), "/model#"), (str(SCSH), "/model/shapes#")):
        if text.startswith(namespace) and len(text) > len(namespace):
            return page + quote(text[len(namespace):], safe="")
    if text.startswith(BASE):
        return local_path(text)
    if text.startswith(("http://", "https://", "mailto:")):
        return text
    return None


def prefixed(iri) -> str:
    """``iri`` as a prefixed name where one of the project's prefixes fits."""
    try:
        return _NAMESPACES.normalizeUri(URIRef(str(iri)))
    except Exception:
        return str(iri)


def shown(term) -> str:
    """A term as people read it: a literal's text, an IRI's prefixed name."""
    if isinstance(term, Literal):
        return str(term)
    return prefixed(term)


def _environment() -> Environment:
    environment = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(default=True),
                              trim_blocks=True, lstrip_blocks=True)
    environment.globals.update(navigation=NAVIGATION, href=href, prefixed=prefixed, shown=shown)
    environment.filters["urlquote"] = lambda text: quote(str(text), safe="")
    return environment


ENVIRONMENT = _environment()


def render(request: Request, template: str, status_code: int = 200, **context) -> HTMLResponse:
    """The page ``template`` filled with ``context`` (and the request, for its path)."""
    html = ENVIRONMENT.get_template(template).render(request=request, **context)
    return HTMLResponse(html, status_code=status_code)
