"""The ontology's documentation as static HTML: the pages ``serve`` shows at ``/model`` and
``/model/shapes`` (:mod:`.model`), rendered from the same templates without a server, with
their stylesheets, for ``spacecoop export --docs DIR``.

The pages link to each other and to their stylesheets by relative paths; a link to another
page of the site (a node, the SPARQL endpoint, a dump) points to ``base_url`` when given,
else to the project's base, :data:`namespaces.BASE`, at which the site's paths are the
graph's IRIs (:mod:`.iris`)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from types import SimpleNamespace

from ..errors import SpacecoopError
from ..namespaces import BASE
from .model import ontology_page, shapes_page
from .templating import ENVIRONMENT, STATIC

#: The pages written: file name → (the path the server shows it at, its template, its title).
PAGES = {"model.html": ("/model", "model.html", "The model"),
         "shapes.html": ("/model/shapes", "shapes.html", "The shapes")}
#: The server's paths of the pages written, as the links between them name them.
_LOCAL = {"/model": "model.html", "/model/shapes": "shapes.html"}
_LINK = re.compile(r'(href|src|action)="(/[^"]*)"')


def write_documentation(kg, folder: Path, base_url: str | None = None) -> list[Path]:
    """Write model.html, shapes.html and their stylesheets into ``folder`` (made if need be);
    return the files written."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise SpacecoopError(f"cannot make the folder: {error.strerror or error}", str(folder)) from None
    base = (base_url or BASE).rstrip("/") + "/"
    sections, vocabularies, about = ontology_page(kg)
    contexts = {"model.html": dict(sections=sections, vocabularies=vocabularies, about=about),
                "shapes.html": dict(files=shapes_page(kg))}
    written, stylesheets = [], set()
    for name, (path, template, title) in PAGES.items():
        request = SimpleNamespace(url=SimpleNamespace(path=path))
        html = ENVIRONMENT.get_template(template).render(request=request, title=title, **contexts[name])
        html = _LINK.sub(lambda match: f'{match[1]}="{_relative(match[2], base, stylesheets)}"', html)
        (folder / name).write_text(html, encoding="utf-8")
        written.append(folder / name)
    for stylesheet in sorted(stylesheets):
        shutil.copyfile(STATIC / stylesheet, folder / stylesheet)
        written.append(folder / stylesheet)
    return written


def _relative(path: str, base: str, stylesheets: set) -> str:
    """A page's link, as the static pages hold it."""
    if path.startswith("/static/") and "/" not in path.removeprefix("/static/"):
        stylesheets.add(path.removeprefix("/static/"))
        return path.removeprefix("/static/")
    page, hash_, fragment = path.partition("#")
    if page in _LOCAL:
        return _LOCAL[page] + hash_ + fragment
    if page == "" and hash_:
        return path
    return base + path.removeprefix("/")
