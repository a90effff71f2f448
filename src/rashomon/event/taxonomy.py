"""What kind of event the reports tell of: ACLED's types for political violence and protest, a general set for other
news, decided from words in the reports and explainable by them.

Each line of ``data/event-types.tsv`` gives a pattern, the type it points to and a weight. Every match in a report
counts its weight times how early it comes (the title and the lead say what the story is about); each report's scores
are made shares so that one long report does not outvote the others, and the shares are summed over the reports. A
political-violence category (battles, explosions, violence against civilians, strategic developments) stands only
when the reports also name an armed or state actor (a military, a militia, an armed group); otherwise the best general
category wins ("a bomb at a bank" told with no armed group is crime). The matches of the chosen type are its
evidence: spans a reader can check.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from rashomon.records import Report, Sentence, Span

__all__ = ["ACLED_ARMED", "EventType", "TypeEvidence", "classify_event", "label_of"]

ACLED_ARMED = frozenset(
    {"battles", "explosions/remote violence", "violence against civilians", "strategic developments"}
)
ARMED_ACTORS = re.compile(
    r"\b(?:military|militar(?:y|ies)|army|armies|troops?|soldiers?|(?:armed|security|government|coalition|special|"
    r"us|u\.s\.|israeli|russian|ukrainian|syrian|iraqi|afghan|rebel|opposition) forces|militants?|rebels?|insurgents?|"
    r"jihadists?|militias?|militiamen|paramilitar(?:y|ies)|guerrillas?|Islamic State|ISIS|ISIL|Daesh|Taliban|al-Qaeda|"
    r"al-Shabaab?|Boko Haram|Hamas|Hezbollah|Houthis?|navy|naval|air force|marines|pirates?|armed groups?|gunmen|"
    r"warplanes?|drones?|Pentagon|Central Command|CENTCOM|NATO|defen[cs]e (?:ministry|forces|officials?))\b",
    re.IGNORECASE,
)
_POSITION = ((2, 2.5), (5, 1.5))  # sentences before index 2 count 2.5 times, before 5 1.5 times, later ones once
_TITLE = 3.0


@dataclass(frozen=True, slots=True)
class _Pattern:
    taxonomy: str
    category: str
    subtype: str | None
    weight: float
    regex: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class TypeEvidence:
    span: Span  # the words in the report
    subtype: str | None


@dataclass(frozen=True, slots=True)
class EventType:
    taxonomy: str  # "acled" or "general"
    category: str  # "explosions/remote violence", "sport", ... or "other" when nothing points anywhere
    subtype: str | None
    evidence: tuple[TypeEvidence, ...]  # matches of the chosen category, in report then text order
    scores: tuple[tuple[str, float], ...]  # every category's score, best first (for explanations and tests)
    armed_actor: bool  # whether the reports name an armed or state actor


def label_of(event_type: EventType) -> str:
    """ "Explosions/Remote violence: air/drone strike", "Sport"."""
    head = event_type.category[:1].upper() + event_type.category[1:]
    return f"{head}: {event_type.subtype}" if event_type.subtype else head


@lru_cache(maxsize=1)
def _patterns() -> tuple[_Pattern, ...]:
    text = files("rashomon").joinpath("data/event-types.tsv").read_text(encoding="utf-8")
    out = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        taxonomy, category, subtype, weight, pattern = line.split("\t")
        regex = re.compile(rf"(?<![\w-])(?:{pattern})(?![\w-])", re.IGNORECASE)
        out.append(_Pattern(taxonomy, category, None if subtype == "-" else subtype, float(weight), regex))
    return tuple(out)


def _position_weight(index: int) -> float:
    return next((w for limit, w in _POSITION if index < limit), 1.0)


def _sentence_index(starts: list[int], char: int) -> int:
    return max(0, bisect_right(starts, char) - 1)


def _report_matches(report: Report, sentences: Sequence[Sentence]) -> list[tuple[_Pattern, Span | None, float]]:
    starts = [s.start for s in sentences]
    out: list[tuple[_Pattern, Span | None, float]] = []
    for pattern in _patterns():
        if report.title:
            out.extend((pattern, None, pattern.weight * _TITLE) for _ in pattern.regex.finditer(report.title))
        for m in pattern.regex.finditer(report.text):
            weight = pattern.weight * _position_weight(_sentence_index(starts, m.start()) if starts else 0)
            out.append((pattern, Span(report.id, m.start(), m.end(), m.group()), weight))
    return out


def classify_event(reports: Sequence[Report], sentences: dict[str, Sequence[Sentence]]) -> EventType:
    """The event's type from its reports (see the module docstring)."""
    totals: dict[str, float] = defaultdict(float)
    taxonomy_of: dict[str, str] = {}
    matches_of: dict[str, list[tuple[_Pattern, Span | None, float]]] = defaultdict(list)
    armed = False
    for report in reports:
        found = _report_matches(report, sentences.get(report.id, ()))
        per: dict[str, float] = defaultdict(float)
        for pattern, span, weight in found:
            per[pattern.category] += weight
            taxonomy_of[pattern.category] = pattern.taxonomy
            matches_of[pattern.category].append((pattern, span, weight))
        whole = sum(per.values())
        for category, score in per.items():
            totals[category] += score / whole
        armed = armed or bool(ARMED_ACTORS.search(report.text)) or bool(ARMED_ACTORS.search(report.title or ""))
    ranked = sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))
    allowed = [(c, s) for c, s in ranked if armed or c not in ACLED_ARMED]
    if not allowed:
        return EventType("general", "other", None, (), tuple(ranked), armed)
    category = allowed[0][0]
    matches = matches_of[category]
    by_subtype: dict[str, float] = defaultdict(float)
    for pattern, _, weight in matches:
        if pattern.subtype:
            by_subtype[pattern.subtype] += weight
    subtype = min(by_subtype, key=lambda s: (-by_subtype[s], s)) if by_subtype else None
    evidence = tuple(
        TypeEvidence(span, pattern.subtype)
        for pattern, span, _ in sorted(
            ((p, s, w) for p, s, w in matches if s is not None),
            key=lambda item: (_rank(reports, item[1]), -item[0].weight, item[1].start if item[1] else 0),
        )
        if span is not None
    )  # per report, the weightiest words first (the record shows the first few)
    return EventType(taxonomy_of[category], category, subtype, evidence, tuple(ranked), armed)


def _rank(reports: Sequence[Report], span: Span | None) -> int:
    if span is None:
        return 0
    return next((k for k, r in enumerate(reports) if r.id == span.report), len(reports))
