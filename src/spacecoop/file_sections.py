"""The sections of one of the project's Turtle files, as its comment banners divide it, so
that a page documenting the ontology or the shapes follows the file:

    #################################################################
    #  Provenance: press releases and the facts they state
    #################################################################
    #  Comment lines right under the banner are the section's notes.

    sc:Source a owl:Class ;
        ...

Each statement starting at the beginning of a line belongs to the section above it; its
subject is kept as written (``sc:Source``, ``<https://…>``, ``[]``). Lines inside a
triple-quoted string are text, never a banner or a subject.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_BANNER = re.compile(r"#{10,}\s*")
_TITLE = re.compile(r"#\s+(?P<title>\S.*?)\s*")
_SUBJECT = re.compile(r"(?P<subject><[^>\s]*>|\[\]|[A-Za-z][\w.-]*:[\w.-]*|:[\w.-]*)(?=[\s;,]|$)")


@dataclass(frozen=True)
class Statement:
    """One statement of the file: its subject as written and its text."""

    subject: str
    text: str


@dataclass(frozen=True)
class Section:
    """The part of a file under one banner (``title`` None: what comes before the first
    banner), with its notes (the comment lines right under the banner, without their ``#``)
    and its statements, in file order."""

    title: str | None
    notes: tuple[str, ...]
    statements: tuple[Statement, ...]


def file_sections(text: str) -> list[Section]:
    """The sections of a Turtle file's ``text``, in file order."""
    lines = text.splitlines()
    sections: list[tuple[str | None, list[str], list[Statement]]] = [(None, [], [])]
    in_string = taking_notes = False
    statement: list[str] = []
    number = 0

    def close_statement() -> None:
        if statement:
            subject = _SUBJECT.match(statement[0])["subject"]
            sections[-1][2].append(Statement(subject, "\n".join(statement).rstrip()))
            statement.clear()

    while number < len(lines):
        line = lines[number]
        if not in_string and _is_banner(lines, number):
            close_statement()
            sections.append((_TITLE.fullmatch(lines[number + 1])["title"], [], []))
            taking_notes, number = True, number + 3
            continue
        if not in_string and line.startswith("#"):
            if taking_notes or (len(sections) == 1 and not sections[0][2]):
                sections[-1][1].append(line.lstrip("#").strip())
        elif not in_string and not line.strip():
            close_statement()
            taking_notes = False
        elif not in_string and not statement and not line[0].isspace() and not line.startswith("@") \
                and _SUBJECT.match(line):
            statement.append(line)
            taking_notes = False
        elif statement:
            statement.append(line)
        if line.count('"""') % 2:
            in_string = not in_string
        number += 1
    close_statement()
    return [Section(title, tuple(notes), tuple(statements)) for title, notes, statements in sections
            if title is not None or notes or statements]


def _is_banner(lines: list[str], number: int) -> bool:
    return (number + 2 < len(lines) and bool(_BANNER.fullmatch(lines[number]))
            and bool(_TITLE.fullmatch(lines[number + 1])) and bool(_BANNER.fullmatch(lines[number + 2])))


def paragraphs(notes: tuple[str, ...]) -> list[str]:
    """Notes as paragraphs: lines joined, a new paragraph at an empty line or at a line
    that starts an item of a list (``- …``, ``3. …``)."""
    found: list[list[str]] = []
    for line in notes:
        if not line:
            found.append([])
        elif not found or re.match(r"(-|\d+\.)\s", line):
            found.append([line])
        else:
            found[-1].append(line)
    return [" ".join(words) for words in found if words]
