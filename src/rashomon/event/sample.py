"""A documented sample of an event too large to compare whole.

An event larger than ``Settings.max_reports`` is compared on a sample of that many reports rather than refused:
- half of them the **earliest** reports (by publication time; undated reports after dated ones, then input order):
  the first accounts, where a story's figures and places are first given;
- the rest the **most echoed** reports: those whose phrases (runs of three words) the other reports repeat the most,
  the accounts most of the coverage cites or copies. A text already taken (the same content) is not taken twice.

The sample is the same for the same reports in any order (ties are broken by content hash). Cost: one pass over the
words of every report, a counter of hashed phrases (memory bounded by the distinct phrases).
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from rashomon.records import Report

POLICY = "earliest and most echoed reports"
SHINGLE = 3  # words per phrase
MAX_SHINGLES = 2000  # phrases read per report (its opening, where a report gives its account)


@dataclass(frozen=True, slots=True)
class EventSample:
    """The reports compared (in input order), the ids of those left out, and how many there were in all."""

    kept: tuple[Report, ...]
    left_out: tuple[str, ...]
    total: int

    @property
    def sampled(self) -> bool:
        return bool(self.left_out)

    def to_dict(self) -> dict[str, object]:
        return {
            "reports": self.total,
            "compared": len(self.kept),
            "policy": POLICY,
            "left_out": list(self.left_out),
        }


def _hash(report: Report) -> str:
    return report.content_hash or hashlib.sha256(report.text.encode("utf-8", "surrogatepass")).hexdigest()


def _shingles(text: str) -> set[int]:
    words = re.findall(r"[a-z0-9]+", text.lower())[: MAX_SHINGLES + SHINGLE]
    return {zlib.crc32(" ".join(words[i : i + SHINGLE]).encode()) for i in range(max(0, len(words) - SHINGLE + 1))}


def echo_scores(reports: Sequence[Report], hashes: Sequence[str] | None = None) -> list[float]:
    """Per report, how many other distinct texts repeat its phrases, on average over its phrases (``hashes``: the
    reports' content hashes, when already known)."""
    hashes = hashes if hashes is not None else [_hash(r) for r in reports]
    first_of: dict[str, int] = {}
    for i, h in enumerate(hashes):
        first_of.setdefault(h, i)
    phrases = {i: _shingles(reports[i].text) for i in first_of.values()}
    seen: Counter[int] = Counter()
    for ps in phrases.values():
        seen.update(ps)
    out = []
    for h in hashes:
        ps = phrases[first_of[h]]
        out.append(sum(seen[p] - 1 for p in ps) / len(ps) if ps else 0.0)
    return out


def sample_reports(reports: Sequence[Report], limit: int) -> EventSample:
    """All the reports when there are at most ``limit`` (or ``limit`` is 0: no bound); else the sample above."""
    if limit <= 0 or len(reports) <= limit:
        return EventSample(tuple(reports), (), len(reports))
    hashes = [_hash(r) for r in reports]
    by_time = sorted(
        range(len(reports)), key=lambda i: (reports[i].published is None, reports[i].published or "", hashes[i])
    )
    chosen: dict[int, None] = {}  # in the order taken
    texts: set[str] = set()

    def take(order: Sequence[int], upto: int) -> None:
        for i in order:
            if len(chosen) >= upto:
                return
            if hashes[i] not in texts:
                chosen[i] = None
                texts.add(hashes[i])

    take(by_time, limit // 2)
    scores = echo_scores(reports, hashes)
    take(sorted(range(len(reports)), key=lambda i: (-scores[i], hashes[i])), limit)
    if len(chosen) < limit:  # fewer distinct texts than the bound: copies fill the rest, earliest first
        rest = [i for i in by_time if i not in chosen]
        chosen.update(dict.fromkeys(rest[: limit - len(chosen)]))
    keep = chosen
    return EventSample(
        tuple(r for i, r in enumerate(reports) if i in keep),
        tuple(r.id for i, r in enumerate(reports) if i not in keep),
        len(reports),
    )
