"""Answers the server already gave, kept in memory so that the next client asking the same
question is answered at once, without a query worker.

The server never writes answers to the disk cache: a client could fill the disk with
distinct queries. In memory, the answers kept are bounded in number and in bytes, and the
least recently used go first.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable

from ..answers import Answer

#: How many answers are kept at most, and how many bytes of text in all.
MAX_ENTRIES = 1000
MAX_BYTES = 64 * 1024 * 1024


class AnswerCache:
    """Answers by question (any hashable key naming the query, its parameters, its dataset
    and the format), least recently used dropped first. The project's files do not change
    while the server runs (it serves what it loaded at start), so a kept answer never goes
    stale. Answers cut at the row cap are never kept, nor one larger than a quarter of
    ``max_bytes``. Safe to use from several threads."""

    def __init__(self, max_entries: int = MAX_ENTRIES, max_bytes: int = MAX_BYTES):
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self._answers: OrderedDict[Hashable, tuple[Answer, int]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> Answer | None:
        with self._lock:
            kept = self._answers.get(key)
            if kept is None:
                return None
            self._answers.move_to_end(key)
            return kept[0]

    def put(self, key: Hashable, answer: Answer) -> None:
        size = len(answer.text.encode("utf-8", "surrogatepass"))
        if answer.cut_at is not None or size > self.max_bytes // 4:
            return
        with self._lock:
            if key in self._answers:
                self._bytes -= self._answers.pop(key)[1]
            self._answers[key] = (answer, size)
            self._bytes += size
            while len(self._answers) > self.max_entries or self._bytes > self.max_bytes:
                self._bytes -= self._answers.popitem(last=False)[1][1]

    def __len__(self) -> int:
        return len(self._answers)
