"""Answers to queries as text in a chosen format, each with its media type, kept in the cache
while the project's files stay the same: what the command line prints and a web server
sends, from one place.

Standard library only until an answer has to be computed: a cached answer is served
without loading rdflib or the store.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from .cache import Cache
from .errors import SpacecoopError
from .formats import MEDIA_TYPES, Limits
from .project import ProjectFiles, read_regular_file


@dataclass(frozen=True)
class Answer:
    """A query's answer as ``text`` in ``output_format`` (its ``media_type``); ``cut_at`` is
    the number of rows kept when the row cap cut the result, else None."""

    text: str
    output_format: str
    cut_at: int | None = None

    @property
    def media_type(self) -> str:
        return MEDIA_TYPES[self.output_format]


class Answers:
    """Answers about one project: from the cache when it holds them, else computed by the
    knowledge graph (loaded on first need) and kept. Answers from a server, and answers the
    row cap cut, are never kept."""

    def __init__(self, files: ProjectFiles, cache: Cache | None, knowledge_graph=None):
        self.files = files
        self.cache = cache
        self._kg = knowledge_graph

    @property
    def kg(self):
        if self._kg is None:
            from .kg import KnowledgeGraph
            self._kg = KnowledgeGraph(self.files, self.cache)
        return self._kg

    def saved(self, name: str, parameters: dict[str, str], output_format: str, *,
              reasoning: bool | None = None, limits: Limits = Limits(), endpoint=None,
              graphs: list[str] | None = None) -> Answer:
        """The answer of the saved query ``name`` with ``parameters`` (text values)."""
        def compute() -> Answer:
            result = self.kg.query(name, parameters, reasoning=reasoning, limits=limits,
                                   endpoint=endpoint, graphs=graphs)
            return rendered(result, output_format)
        query_file = self.files.queries_folder / f"{name}.rq"
        question = ("query", name, _content(query_file), json.dumps(sorted(parameters.items())),
                    str(reasoning), json.dumps(graphs), output_format, str(limits.max_rows))
        return self._answer(question, compute, remote=endpoint is not None)

    def sparql(self, text: str, output_format: str, *, reasoning: bool = False,
               limits: Limits = Limits(), source: str = "query", endpoint=None,
               graphs: list[str] | None = None) -> Answer:
        """The answer of the ad-hoc query ``text``."""
        def compute() -> Answer:
            result = self.kg.sparql(text, reasoning=reasoning, limits=limits, source=source,
                                    endpoint=endpoint, graphs=graphs)
            return rendered(result, output_format)
        question = ("sparql", text, str(reasoning), json.dumps(graphs), output_format, str(limits.max_rows))
        return self._answer(question, compute, remote=endpoint is not None)

    def _answer(self, question: tuple[str, ...], compute, remote: bool) -> Answer:
        if remote or self.cache is None:  # a server's graph can change behind our back
            return compute()
        key = Cache.key(*question)
        text = self.cache.read_text(key)
        if text is not None:
            return Answer(text, question[-2])
        answer = compute()
        if answer.cut_at is None:
            self.cache.write_text(key, answer.text)
        return answer



def _content(path) -> str:
    """The saved query's text as the key of its answers (its name alone would outlive an edit);
    empty for a query that does not exist (asking the knowledge graph then says so)."""
    try:
        return read_regular_file(path).decode("utf-8", "replace")
    except SpacecoopError:
        return ""


def rendered(result, output_format: str) -> Answer:
    """A query's result (:class:`results.QueryResult`) as text in ``output_format``, ending
    in a newline, lone surrogates escaped: as the command line prints it and a server sends it."""
    from .display import encodable
    text = encodable(result.render(output_format))
    if not text.endswith("\n"):
        text += "\n"
    return Answer(text, output_format, len(result.rows) if result.truncated else None)
