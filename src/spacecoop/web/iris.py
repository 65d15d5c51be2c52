"""The graph's IRIs and this server's paths, one function each way: an IRI under
:data:`namespaces.BASE` is served at the same path here (``https://w3id.org/spacecoop/
resource/mission/mmx`` at ``/resource/mission/mmx``). The RDF keeps the canonical IRIs;
links in HTML pages point to the paths."""

from __future__ import annotations

from urllib.parse import quote, unquote

from ..formats import iri_segment
from ..namespaces import BASE

#: The ASCII characters an IRI holds and a URL path keeps as they are (so is '%': an IRI's
#: percent-encodings stay as they are).
_KEPT_IN_PATH = "-._~!$&'()*+,;=:@/?#%[]"


def local_path(iri: str) -> str | None:
    """The path at which this server serves ``iri`` (its fragment kept, its non-ASCII
    characters percent-encoded as in a URL), or None for an IRI outside :data:`BASE`."""
    if not iri.startswith(BASE):
        return None
    return "/" + quote(iri[len(BASE):], safe=_KEPT_IN_PATH)


def iri_of(path: str) -> str:
    """The IRI served at ``path`` as a client sent it (percent-encoded or not): each
    segment decoded, then encoded again as the project writes IRIs (:func:`formats.iri_segment`:
    non-ASCII letters as they are, '/' and '%' encoded), so that every spelling of a path
    names one IRI."""
    segments = path.removeprefix("/").split("/")
    return BASE + "/".join(iri_segment(unquote(segment, errors="surrogateescape")) for segment in segments)
