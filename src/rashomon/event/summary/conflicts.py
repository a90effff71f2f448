"""A disputed fact in words: each value, the reports that give it and whom they credit."""

from __future__ import annotations

from collections.abc import Mapping

from rashomon.event.disputes import who_says_what
from rashomon.records import Citation, Claim, Conflict, SummarySentence

# kinds a reader can take in from two quoted values; an attribution or "other" dispute needs the claim's context
DESCRIBED_KINDS = frozenset({"location", "time", "quantity", "entity"})


def readable(conflict: Conflict) -> bool:
    """Two values a reader can tell apart, of a kind that quoted values explain."""
    return conflict.kind in DESCRIBED_KINDS and len({v.text.casefold() for v in conflict.values}) > 1


def describe_conflict(claim: Claim, labels: Mapping[str, str] | None = None) -> list[SummarySentence]:
    """One sentence per readable conflict: each distinct value with the outlets (``labels``: report id -> name; the id
    where absent) that give it and whom they credit."""
    out = []
    for conflict in filter(readable, claim.conflicts):
        parts = who_says_what(conflict.values, labels or {}, quote=True)
        text = f"Reports disagree on the {conflict.kind}: " + " vs. ".join(parts) + "."
        out.append(SummarySentence(text, tuple(Citation(v.report, v.start, v.end) for v in conflict.values)))
    return out
