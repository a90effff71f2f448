"""Score claim alignment and typed conflicts against a gold set (``bench/gold/claims-dev.jsonl``).

The scores read only the comparison contract (``rashomon compare --format json``): claims with their statements
and conflicts, each value a (report, start, end) span. Two spans *overlap* when they are in the same report and
share at least one character.

- A gold value is *placed* in the claim whose statement overlaps it; when several do, the one whose fact value
  (a statement's optional ``fact`` span) overlaps it, then the one with the shortest statement.
- **conflict recall**: gold conflicts for which some flagged conflict has two values, in two reports, that overlap
  two of the item's values in two reports.
- **conflict precision**: flagged conflicts that match a gold conflict that way.
- **false conflicts**: corroborated gold items that some flagged conflict matches that way, over corroborated items.
- **alignment recall**: conflict and corroborated items with two values, in two reports, placed in one claim.
- **corroborated recall**: corroborated items aligned and not flagged as a conflict.
- **hidden conflicts**: gold conflicts two of whose values that differ in words (neither's words inside the other's),
  in two reports, are placed in one claim shown as corroborated and not flagged, over gold conflicts: a dispute the
  reader is told is agreement.
- **unique recall**: unique items whose value is placed in a claim of status ``unique``, or overlaps a detail that
  the claim marks as given by one report only.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from rashomon.eval.gold import CONFLICT_TYPES, GoldEvent, GoldItem, GoldValue

Comparison = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Flag:
    """One flagged conflict: its kind, its values' spans, the claim it belongs to."""

    kind: str
    values: tuple[tuple[str, int, int], ...]
    claim: int


@dataclass
class Tally:
    """Counts behind the scores; added up over events."""

    gold: Counter[str] = field(default_factory=Counter)  # items per kind, conflicts per "conflict:<type>"
    found: Counter[str] = field(default_factory=Counter)  # conflict items found, per "conflict:<type>" and "conflict"
    aligned: Counter[str] = field(default_factory=Counter)  # items with two values placed in one claim, per kind
    corroborated: int = 0
    unique: int = 0
    false_conflicts: int = 0
    hidden: int = 0  # gold conflicts shown as corroborated
    causes: Counter[str] = field(default_factory=Counter)  # errors by cause ("missed: split", "false: ...")
    flags: Counter[str] = field(default_factory=Counter)  # flagged conflicts, per kind and "all"
    true_flags: Counter[str] = field(default_factory=Counter)  # flags matching a gold conflict, per kind and "all"
    errors: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        for mine, theirs in (
            (self.causes, other.causes),
            (self.gold, other.gold),
            (self.found, other.found),
            (self.aligned, other.aligned),
            (self.flags, other.flags),
            (self.true_flags, other.true_flags),
        ):
            mine.update(theirs)
        self.corroborated += other.corroborated
        self.unique += other.unique
        self.false_conflicts += other.false_conflicts
        self.hidden += other.hidden
        self.errors.extend(other.errors)

    def scores(self) -> dict[str, float | int | None]:
        def ratio(a: int, b: int) -> float | None:
            return round(a / b, 4) if b else None

        out: dict[str, float | int | None] = {
            "conflict_recall": ratio(self.found["conflict"], self.gold["conflict"]),
            "conflict_precision": ratio(self.true_flags["all"], self.flags["all"]),
            "false_conflict_rate": ratio(self.false_conflicts, self.gold["corroborated"]),
            "corroborated_recall": ratio(self.corroborated, self.gold["corroborated"]),
            "unique_recall": ratio(self.unique, self.gold["unique"]),
            "hidden_conflicts": ratio(self.hidden, self.gold["conflict"]),
            "alignment_recall": ratio(
                self.aligned["conflict"] + self.aligned["corroborated"],
                self.gold["conflict"] + self.gold["corroborated"],
            ),
            "gold_conflicts": self.gold["conflict"],
            "gold_corroborated": self.gold["corroborated"],
            "gold_unique": self.gold["unique"],
            "flagged_conflicts": self.flags["all"],
        }
        for cause, n in sorted(self.causes.items()):
            out[f"errors:{cause}"] = n
        for t in CONFLICT_TYPES:
            if self.gold[f"conflict:{t}"]:
                out[f"conflict_recall:{t}"] = ratio(self.found[f"conflict:{t}"], self.gold[f"conflict:{t}"])
                out[f"alignment_recall:{t}"] = ratio(self.aligned[f"conflict:{t}"], self.gold[f"conflict:{t}"])
            if self.flags[t]:
                out[f"conflict_precision:{t}"] = ratio(self.true_flags[t], self.flags[t])
        return out


def _overlaps(span: tuple[str, int, int], value: GoldValue) -> bool:
    report, start, end = span
    return report == value.report and start < value.end and value.start < end


def _span(d: dict[str, Any], report: str | None = None) -> tuple[str, int, int]:
    return (report or d["report"], int(d["start"]), int(d["end"]))


def flags_of(comparison: Comparison) -> list[Flag]:
    return [
        Flag(str(c.get("kind")), tuple(_span(v) for v in c.get("values", ())), k)
        for k, claim in enumerate(comparison.get("claims", ()))
        for c in claim.get("conflicts", ())
    ]


def matches(flag: Flag, item: GoldItem) -> bool:
    """The flag has two values, in two reports, overlapping two of the item's values in two reports."""
    hits = [(f, g) for f in flag.values for g in item.values if _overlaps(f, g)]
    return any(f1[0] != f2[0] and g1.report != g2.report and g1 != g2 for (f1, g1), (f2, g2) in combinations(hits, 2))


def placement(comparison: Comparison, value: GoldValue) -> int | None:
    """The claim a gold value is placed in (see the module docstring), or None."""
    best: tuple[int, int, int] | None = None
    for k, claim in enumerate(comparison.get("claims", ())):
        for st in claim.get("statements", ()):
            span = _span(st)
            if not _overlaps(span, value):
                continue
            fact = st.get("fact")
            on_value = 0 if isinstance(fact, dict) and _overlaps(_span(fact, st["report"]), value) else 1
            rank = (on_value, span[2] - span[1], k)
            if best is None or rank < best:
                best = rank
    return best[2] if best is not None else None


def _is_detail(comparison: Comparison, claim: int, value: GoldValue) -> bool:
    details = comparison["claims"][claim].get("details", ())
    return any(_overlaps(_span(d), value) for d in details)


def score_event(gold: GoldEvent, comparison: Comparison) -> Tally:
    tally = Tally()
    flags = flags_of(comparison)
    claims = comparison.get("claims", ())
    for item in gold.items:
        tally.gold[item.kind] += 1
        places = {v: placement(comparison, v) for v in item.values}
        if item.kind == "unique":
            value = item.values[0]
            k = places[value]
            ok = k is not None and (claims[k].get("status") == "unique" or _is_detail(comparison, k, value))
            tally.unique += ok
            if not ok:
                tally.errors.append(_describe(gold, item, "unique not found", comparison, places))
            continue
        aligned = any(
            a.report != b.report and places[a] is not None and places[a] == places[b]
            for a, b in combinations(item.values, 2)
        )
        flagged = any(matches(f, item) for f in flags)
        key = item.kind if item.kind == "corroborated" else f"conflict:{item.type}"
        tally.aligned[item.kind] += aligned
        if item.kind == "conflict":
            tally.gold[key] += 1
            tally.aligned[key] += aligned
            tally.found["conflict"] += flagged
            tally.found[key] += flagged
            if not flagged:
                tally.hidden += _shown_corroborated(item, places, comparison)
                tally.causes["missed: " + _miss_cause(item, places, comparison)] += 1
                tally.errors.append(_describe(gold, item, "conflict missed", comparison, places))
        else:
            tally.corroborated += aligned and not flagged
            tally.false_conflicts += flagged
            if flagged:
                tally.errors.append(_describe(gold, item, "false conflict", comparison, places))
            elif not aligned:
                tally.errors.append(_describe(gold, item, "corroboration not aligned", comparison, places))
    conflicts = [it for it in gold.items if it.kind == "conflict"]
    for f in flags:
        tally.flags["all"] += 1
        tally.flags[f.kind] += 1
        if any(matches(f, it) for it in conflicts):
            tally.true_flags["all"] += 1
            tally.true_flags[f.kind] += 1
        else:
            tally.causes["false flag: " + _false_cause(f, gold)] += 1
            tally.errors.append(f"{gold.event}: spurious {f.kind} conflict: {_flag_text(comparison, f)}")
    return tally


def _shown_corroborated(item: GoldItem, places: dict[GoldValue, int | None], comparison: Comparison) -> bool:
    """Two of the item's values that differ (``_differ``), in two reports, stand in one claim the comparison shows
    as corroborated (two reports that agree with each other against a third are not that)."""
    claims = comparison.get("claims", ())
    return any(
        a.report != b.report
        and _differ(a.text, b.text)
        and places[a] is not None
        and places[a] == places[b]
        and claims[places[a]].get("status") == "corroborated"
        for a, b in combinations(item.values, 2)
    )


def _differ(a: str, b: str) -> bool:
    """Two values that differ in words, neither's words a part of the other's ("Baehr" / "Brad Baehr", "$500,000" /
    "about $500,000" are one value told twice)."""
    wa, wb = set(re.findall(r"[\w$%.,'-]+", a.casefold())), set(re.findall(r"[\w$%.,'-]+", b.casefold()))
    return not (wa <= wb or wb <= wa)


def _miss_cause(item: GoldItem, places: dict[GoldValue, int | None], comparison: Comparison) -> str:
    """Why a gold conflict was missed, as far as the output shows it: its values are in no claim, in claims of
    one report only, in different claims, or in one claim that flags nothing."""
    placed = [(v, k) for v, k in places.items() if k is not None]
    if len({v.report for v, _ in placed}) < 2:
        return "values not read"
    claims = {k for _, k in placed}
    if len(claims) > 1:
        shared = any(a.report != b.report and ka == kb for (a, ka), (b, kb) in combinations(placed, 2))
        if not shared:
            return "values in different claims"
    kinds = {comparison["claims"][k].get("kind") for k in claims}
    if kinds <= {"thing", "event", "participant"}:
        return f"one claim, not flagged ({item.type}: no typed comparison of such values)"
    return "one claim, not flagged"


def _false_cause(flag: Flag, gold: GoldEvent) -> str:
    """What a false flag compares: two values of one corroborated fact, values of two gold facts, or values the gold
    does not list (details or background it leaves out)."""
    items = [k for v in flag.values for k, it in enumerate(gold.items) for g in it.values if _overlaps(v, g)]
    if not items:
        return "values the gold does not list"
    if len(set(items)) == 1:
        kind = gold.items[items[0]].kind
        return "one corroborated fact" if kind == "corroborated" else f"one {kind} fact"
    return "values of different facts"


def _value_text(v: GoldValue) -> str:
    return f"{v.report.rsplit(':', 1)[-1]}:{v.text!r}"


def _describe(
    gold: GoldEvent, item: GoldItem, what: str, comparison: Comparison, places: dict[GoldValue, int | None]
) -> str:
    claims = comparison.get("claims", ())
    where = ", ".join(
        f"{_value_text(v)}->{claims[k]['id'] + '/' + claims[k]['status'] if k is not None else 'none'}"
        for v, k in places.items()
    )
    kind = f"{item.kind}/{item.type}" if item.type else item.kind
    return f"{gold.event}: {what} [{kind}] {item.fact!r}: {where}"


def _flag_text(comparison: Comparison, flag: Flag) -> str:
    texts = {r["id"]: r["text"] for r in comparison.get("reports", ())}
    shown = [f"{report.rsplit(':', 1)[-1]}:{texts.get(report, '')[s:e]!r}" for report, s, e in flag.values]
    return f"{comparison['claims'][flag.claim]['id']} " + " vs ".join(shown)


def score(golds: Sequence[GoldEvent], comparisons: Iterable[Comparison]) -> tuple[Tally, dict[str, Tally]]:
    """Totals, and totals per corpus and per split ("split:tune", "split:check")."""
    total, per_corpus = Tally(), dict[str, Tally]()
    for gold, comparison in zip(golds, comparisons, strict=True):
        t = score_event(gold, comparison)
        total.add(t)
        per_corpus.setdefault(gold.corpus, Tally()).add(t)
        per_corpus.setdefault(f"split:{gold.split or 'tune'}", Tally()).add(t)
    return total, per_corpus


def comparisons_by_event(lines: Iterable[Comparison], golds: Sequence[GoldEvent]) -> Iterator[Comparison]:
    """Predictions read from ``compare --by-event --format jsonl`` output, in gold order (matched on ``group``)."""
    by_group = {str(c.get("group")): c for c in lines}
    for g in golds:
        if g.event not in by_group:
            raise KeyError(f"no comparison for event {g.event!r} among the predictions")
        yield by_group[g.event]


def gold_reports(golds: Sequence[GoldEvent], data: Any) -> list[Any]:
    """The reports of the gold events, each with its event id as the ``event`` field (for ``--by-event``)."""
    import hashlib

    from rashomon.eval import corpora
    from rashomon.records import Report

    out = []
    for g in golds:
        for rid in g.reports:
            text = g.texts[rid] if g.texts is not None else corpora.report(rid, data).text
            out.append(Report(rid, text, event=g.event, content_hash=hashlib.sha256(text.encode()).hexdigest()))
    return out


def annotate_gold(golds: Sequence[GoldEvent], data: Any, settings: Any) -> dict[str, Any]:
    """Every report of the gold events annotated once (one parse), by id."""
    from rashomon.annotate import annotate

    reports = gold_reports(golds, data)
    docs = annotate(reports, model=settings.model, today=settings.today, n_process=settings.n_process)
    return {d.report.id: d for d in docs}


def predict(
    golds: Sequence[GoldEvent], data: Any, settings: Any, docs: dict[str, Any] | None = None
) -> list[Comparison]:
    """Run the compare path on every gold event and return the contract dicts; ``docs``: the reports already
    annotated (``annotate_gold``)."""
    from rashomon.pipeline import compare_annotated, default_vectorizer
    from rashomon.serialize import comparison_to_dict

    docs = docs if docs is not None else annotate_gold(golds, data, settings)
    vectorize = default_vectorizer(settings)
    found = (
        comparison_to_dict(compare_annotated([docs[r] for r in g.reports], settings, vectorize, group=g.event))
        | {"group": g.event}
        for g in golds
    )
    return list(comparisons_by_event(found, golds))


def format_scores(total: Tally, per_corpus: dict[str, Tally]) -> str:
    rows = [("all", total.scores()), *((name, t.scores()) for name, t in sorted(per_corpus.items()))]
    keys = list(dict.fromkeys(k for _, s in rows for k in s))
    width = max(len(k) for k in keys)
    lines = [f"{'':<{width}}  " + "  ".join(f"{name:>9}" for name, _ in rows)]
    for k in keys:
        cells = []
        for _, s in rows:
            v = s.get(k)
            cells.append(f"{'-':>9}" if v is None else f"{v:>9}" if isinstance(v, int) else f"{v:>9.3f}")
        lines.append(f"{k:<{width}}  " + "  ".join(cells))
    return "\n".join(lines)
