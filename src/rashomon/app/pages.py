"""Rendered event pages, kept in memory by event version: a comparison page is rendered once, then served as is."""

from __future__ import annotations

import threading
from collections import OrderedDict

MAX_PAGES = 64


class PageCache:
    def __init__(self, size: int = MAX_PAGES) -> None:
        self._size = size
        self._pages: OrderedDict[tuple[str, str], str] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, event_id: str, mark: str) -> str | None:
        with self._lock:
            html = self._pages.get((event_id, mark))
            if html is not None:
                self._pages.move_to_end((event_id, mark))
            return html

    def put(self, event_id: str, mark: str, html: str) -> None:
        with self._lock:
            self._pages[(event_id, mark)] = html
            self._pages.move_to_end((event_id, mark))
            while len(self._pages) > self._size:
                self._pages.popitem(last=False)
