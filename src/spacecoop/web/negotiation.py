"""Content negotiation: the format a client's Accept header asks for, among those offered.

Formats are the names of :data:`spacecoop.formats.MEDIA_TYPES`; the media types come from
that one table (plus the aliases clients also send, in :data:`ALIASES`).
"""

from __future__ import annotations

from ..formats import MEDIA_TYPES

#: Media types clients send for a format besides the one we answer with.
ALIASES = {
    "json": ("application/json",),
    "xml": ("application/xml", "text/xml"),
    "turtle": ("application/x-turtle",),
    "nt": ("text/plain",),
    "jsonld": ("application/json",),
    "html": ("application/xhtml+xml",),
}


def media_type(output_format: str) -> str:
    """The bare media type of ``output_format`` (without parameters such as charset)."""
    return MEDIA_TYPES[output_format].split(";")[0].strip()


def _accepted(header: str) -> list[tuple[str, float, int]]:
    """(media range, quality, position) for each part of an Accept header; unreadable
    qualities count as 0 (RFC 9110: a q outside 0–1 is not valid)."""
    ranges = []
    for position, part in enumerate(header.split(",")):
        name, *parameters = (piece.strip() for piece in part.split(";"))
        if not name:
            continue
        quality = 1.0
        for parameter in parameters:
            key, _, value = parameter.partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
                if not 0.0 <= quality <= 1.0:
                    quality = 0.0
        ranges.append((name.lower(), quality, position))
    return ranges


def _specificity(media_range: str, media: str) -> int | None:
    """How closely ``media_range`` matches ``media``: 3 exactly, 2 type/*, 1 */*, None not at all."""
    if media_range == media:
        return 3
    kind = media.split("/")[0]
    if media_range == f"{kind}/*":
        return 2
    if media_range == "*/*":
        return 1
    return None


def choose(accept: str | None, offered: list[str]) -> str | None:
    """The offered format the Accept header prefers: the highest quality, then the most
    specific range, then the order of ``offered`` (the server's preference). The first
    offered format when the header is missing or empty; None when nothing offered is
    acceptable (the face answers 406)."""
    if not offered:
        return None
    if not accept or not accept.strip():
        return offered[0]
    ranges = _accepted(accept)
    best, best_key = None, None
    for preference, output_format in enumerate(offered):
        for media in (media_type(output_format), *ALIASES.get(output_format, ())):
            # the quality of the most specific range matching this media type applies (RFC 9110 §12.5.1)
            matches = [(specificity, quality) for media_range, quality, _ in ranges
                       if (specificity := _specificity(media_range, media)) is not None]
            if not matches:
                continue
            specificity, quality = max(matches)
            if quality <= 0:
                continue
            is_alias = media != media_type(output_format)
            key = (quality, specificity, -is_alias, -preference)
            if best_key is None or key > best_key:
                best, best_key = output_format, key
    return best
