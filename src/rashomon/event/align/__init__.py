"""Claims across the reports of one event, fact by fact.

1. ``facts``: each report's facts (a figure, a time, a place, a participant, a thing, a happening) with the
   event's view of them: resolved entities, anchored times, located places, whom the report credits.
2. ``similarity``: how alike two facts of one kind are: predicate, participants, counted thing, sentence embedding,
   and, for names, things and happenings, the value itself.
3. ``grouping``: facts grouped by agglomerative clustering (scikit-learn, average linkage, precomputed distance).
4. ``conflicts``: inside a group, values that cannot all be true, typed and explained (``compatibility`` decides).
5. ``claims``: groups become claims: corroborated (two reports or more, no conflict), conflicting, or unique.
``quotes`` matches quotes across reports; a quote credited to two speakers is an attribution conflict.
"""

from __future__ import annotations

from rashomon.event.align.claims import align_facts
from rashomon.event.align.quotes import group_quotes, quotes_match

__all__ = ["align_facts", "group_quotes", "quotes_match"]
