"""Claim alignment across the reports of one event: corroborated, conflicting, unique; and quotes matched.

A statement is a sentence with a finite verb. Statements are grouped in two passes:

1. corroboration: average-linkage clustering on a similarity that is mostly the sentence-embedding cosine, plus
   shared content words and shared entities. Two statements of one report that give different days for what they
   tell cannot be linked: a report that tells of a Wednesday and a Thursday incident tells of two incidents.
2. happenings: groups that tell of the same kind of happening (an event-type lexicon: killing, attack, arrest, ...)
   and share a rare participant (an entity or noun in few statements of the event) are compared as one; if that
   finds a conflict they become one conflicting claim, else they stay apart.

Conflicts are typed and explainable: location (same place with opposite directions, two countries, two cities),
time (different days for the same happening, never the moment someone spoke: "said Monday"), quantity (different
numbers of the same thing), other (one statement negates what a near-identical one asserts), attribution (one quote,
two speakers). Every value carries who the report credits it to.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import combinations

import numpy as np

from rashomon.names import fold
from rashomon.places import Location, find_locations, locations_conflict
from rashomon.records import (
    AnnotatedReport,
    Claim,
    Conflict,
    ConflictValue,
    Quantity,
    QuoteGroup,
    QuoteOccurrence,
    Sentence,
    Span,
    TimeExpr,
)
from rashomon.resolve import Resolution

LINK_SIMILARITY = 0.78  # average-linkage threshold for corroboration
CANNOT_LINK = -1.0  # similarity mark of two statements that may not share a group
NEGATION_SIMILARITY = 0.8
QUOTE_OVERLAP = 0.8
RARE_SHARE = 0.2  # a participant in at most this share of statements is distinctive
EVENT_TYPES: dict[str, str] = {
    **dict.fromkeys(
        ["kill", "killing", "death", "die", "dead", "slay", "assassinate", "assassination", "execute", "execution"],
        "kill",
    ),
    **dict.fromkeys(
        [
            "strike",
            "airstrike",
            "attack",
            "bomb",
            "bombing",
            "shell",
            "shelling",
            "raid",
            "assault",
            "shoot",
            "shooting",
        ],
        "attack",
    ),
    **dict.fromkeys(["injure", "injury", "wound", "hurt", "casualty"], "injure"),
    **dict.fromkeys(["arrest", "detain", "detention", "capture", "custody"], "arrest"),
    **dict.fromkeys(["harass", "harassment", "intercept"], "harass"),
    **dict.fromkeys(["protest", "demonstrate", "demonstration", "rally", "march"], "protest"),
    **dict.fromkeys(["crash", "collide", "collision", "collapse", "sink"], "crash"),
    **dict.fromkeys(["resign", "resignation", "quit"], "resign"),
    **dict.fromkeys(["elect", "election", "vote", "win"], "elect"),
    **dict.fromkeys(["earthquake", "quake", "flood", "fire", "blaze", "explosion", "explode"], "disaster"),
}
# words too general to count as a detail of their own ("the time", "a statement")
GENERIC_WORDS = frozenset(
    "time times day days week year moment statement report area way thing part number people person side first second "
    "third last next".split()
)
SPEECH_TIME = re.compile(
    r"\b(?:said|says|told|tells|announced|stated|added|reported|confirmed|statement|announcement|briefing|"
    r"interview|remarks)(?:\s+(?:issued|released|published|made|given))?\s+(?:on\s+|late\s+|early\s+|last\s+)?$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Statement:
    sentence: Sentence
    entities: frozenset[str]
    attribution: str | None


def statements_of(doc: AnnotatedReport, resolution: Resolution) -> list[Statement]:
    sources = {a.sentence: a.source.text for a in doc.attributions}
    out = []
    for k, s in enumerate(doc.sentences):
        if not s.has_verb or len(s.text.split()) < 4:
            continue
        ents = frozenset(
            eid
            for m in doc.mentions
            if s.start <= m.start and m.end <= s.end
            if (eid := resolution.entity_at(m.report, m.start, m.end)) is not None
        )
        out.append(Statement(s, ents, sources.get(k)))
    return out


def _jaccard(a: set[str] | frozenset[str], b: set[str] | frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def event_days(statement: Statement, times: Sequence[TimeExpr]) -> set[str]:
    """Days a statement gives for what it tells (not the day someone spoke)."""
    s = statement.sentence
    text_before = s.text
    days = set()
    for t in times:
        if not (s.start <= t.start < s.end) or not t.value or len(t.value) != 10:
            continue
        if SPEECH_TIME.search(text_before[: t.start - s.start]):
            continue
        days.add(t.value)
    return days


def similarity_matrix(statements: Sequence[Statement], vectors: np.ndarray, days: Sequence[set[str]]) -> np.ndarray:
    cos = vectors @ vectors.T if len(statements) else np.zeros((0, 0))
    n = len(statements)
    sim = np.array(cos, dtype=np.float64)
    for i, j in combinations(range(n), 2):
        a, b = statements[i], statements[j]
        shared = len(a.entities & b.entities) / max(3, len(a.entities | b.entities))
        bonus = 0.15 * _jaccard(set(a.sentence.lemmas), set(b.sentence.lemmas)) + 0.15 * shared
        value = min(1.0, sim[i, j] + bonus)
        if a.sentence.report == b.sentence.report and days[i] and days[j] and not days[i] & days[j]:
            value = CANNOT_LINK
        sim[i, j] = sim[j, i] = value
    np.fill_diagonal(sim, 1.0)
    return sim


def average_linkage(sim: np.ndarray, threshold: float) -> list[list[int]]:
    """Agglomerative clustering, average linkage, merging while the best pair of clusters is >= threshold.

    Two clusters holding a cannot-link pair (similarity CANNOT_LINK) are never merged. Cluster similarities are kept
    in one matrix and updated in place (Lance-Williams), so n statements cost O(n^2) memory and n vectorised steps.
    """
    n = sim.shape[0]
    if n == 0:
        return []
    avg = np.array(sim, dtype=np.float64)
    blocked = sim <= CANNOT_LINK
    np.fill_diagonal(blocked, True)
    size = np.ones(n)
    members: list[list[int]] = [[i] for i in range(n)]
    candidates = np.where(blocked, -np.inf, avg)
    while True:
        x, y = divmod(int(np.argmax(candidates)), n)
        if candidates[x, y] < threshold:
            break
        avg[x, :] = (size[x] * avg[x, :] + size[y] * avg[y, :]) / (size[x] + size[y])
        avg[:, x] = avg[x, :]
        blocked[x, :] |= blocked[y, :]
        blocked[:, x] = blocked[x, :]
        blocked[y, :] = blocked[:, y] = blocked[x, x] = True
        size[x] += size[y]
        members[x] += members[y]
        members[y] = []
        candidates[x, :] = np.where(blocked[x, :], -np.inf, avg[x, :])
        candidates[:, x] = candidates[x, :]
        candidates[y, :] = candidates[:, y] = -np.inf
    return sorted((sorted(m) for m in members if m), key=min)


def _participants(statement: Statement, resolution: Resolution) -> set[str]:
    kinds = {e.id: e.type for e in resolution.entities}
    ents = {e for e in statement.entities if kinds.get(e) not in ("GPE", "LOC", "FAC")}
    nouns = {lemma for lemma in statement.sentence.lemmas if lemma not in EVENT_TYPES and lemma.isalpha()}
    return ents | {"lemma:" + n for n in nouns}


def _event_types(statement: Statement) -> set[str]:
    return {EVENT_TYPES[lemma] for lemma in statement.sentence.lemmas if lemma in EVENT_TYPES}


@dataclass(frozen=True, slots=True)
class _Context:
    docs: dict[str, AnnotatedReport]
    resolution: Resolution
    times: dict[str, tuple[TimeExpr, ...]]
    places: frozenset[str] = frozenset()  # entity ids resolution typed as places
    cache: dict[tuple[str, int], object] = field(default_factory=dict)  # per-statement slot values


def _place_slots(ctx: _Context, st: Statement) -> tuple[list[Location], set[str]]:
    """A statement's locative place values, and every place it names (memoised: groups are compared many times)."""
    key = (st.sentence.report, st.sentence.start)
    if key not in ctx.cache:
        doc = ctx.docs[st.sentence.report]
        span = (st.sentence.start, st.sentence.end)
        inside = [m for m in doc.mentions if span[0] <= m.start < span[1]]
        entity_of = {
            (m.start, m.end): eid for m in inside if (eid := ctx.resolution.entity_at(m.report, m.start, m.end))
        }
        locations = find_locations(doc.report.text, inside, span, entity_of, ctx.places)
        named = {
            entity_of.get((m.start, m.end)) or fold(m.name)
            for m in inside
            if m.label in ("GPE", "LOC", "FAC") or entity_of.get((m.start, m.end)) in ctx.places
        }
        ctx.cache[key] = (locations, named)
    return ctx.cache[key]  # type: ignore[return-value]


def _attribution_at(ctx: _Context, st: Statement, start: int) -> str | None:
    for q in ctx.docs[st.sentence.report].quotes:
        if q.start <= start < q.end and q.speaker is not None:
            return q.speaker.text
    return st.attribution


def _value(ctx: _Context, st: Statement, start: int, end: int, value: str) -> ConflictValue:
    text = ctx.docs[st.sentence.report].report.text
    return ConflictValue(st.sentence.report, start, end, text[start:end], value, _attribution_at(ctx, st, start))


def location_conflicts(ctx: _Context, group: Sequence[Statement]) -> list[Conflict]:
    values = [(st, loc) for st in group for loc in _place_slots(ctx, st)[0]]
    places_of = {id(st): _place_slots(ctx, st)[1] for st in group}  # every place a statement names
    # a statement naming both places ("in Iraq and Syria") contradicts neither
    clash = {
        (i, j)
        for (i, (sa, a)), (j, (sb, b)) in combinations(enumerate(values), 2)
        if sa is not sb
        and locations_conflict(a, b)
        and (a.place == b.place or (b.place not in places_of[id(sa)] and a.place not in places_of[id(sb)]))
    }
    if not clash:
        return []
    kept = [values[k] for k in sorted({k for pair in clash for k in pair})]
    return [Conflict("location", tuple(_value(ctx, st, loc.start, loc.end, loc.text) for st, loc in kept))]


def time_conflicts(ctx: _Context, group: Sequence[Statement]) -> list[Conflict]:
    per_report: dict[str, set[str]] = defaultdict(set)
    values = []
    for st in group:
        for t in ctx.times[st.sentence.report]:
            if not (st.sentence.start <= t.start < st.sentence.end) or not t.value or len(t.value) != 10:
                continue
            if SPEECH_TIME.search(st.sentence.text[: t.start - st.sentence.start]):
                continue
            per_report[st.sentence.report].add(t.value)
            values.append((st, t))
    distinct = {t.value for _, t in values}
    # a report giving both days tells of two things, not one thing on two days
    if len(distinct) < 2 or any(len(days) > 1 for days in per_report.values()):
        return []
    return [Conflict("time", tuple(_value(ctx, st, t.start, t.end, t.value or "") for st, t in values))]


def significant_digits(written: str) -> int | None:
    """Significant digits of the first number as written ("1.37" -> 3, "1.4" -> 2, "150" -> 2); None for words."""
    m = re.search(r"\d[\d,]*(?:\.\d+)?", written)
    if m is None:
        return None
    digits = m.group().replace(",", "")
    if "." in digits:
        return len(digits.replace(".", "").lstrip("0")) or 1
    return len(digits.lstrip("0").rstrip("0")) or 1


def _round_sig(value: float, digits: int) -> float:
    return float(f"{value:.{digits}g}")


def numbers_agree(a: Quantity, b: Quantity) -> bool:
    """Equal, or equal once the more precise figure is rounded like the coarser one ($1.37 trillion ~ $1.4 trillion)."""
    if a.value == b.value:
        return True
    da, db = significant_digits(a.text), significant_digits(b.text)
    if da is None or db is None or da == db:
        return False
    coarse = min(da, db)
    return _round_sig(a.value, coarse) == _round_sig(b.value, coarse)


def _happening(q: Quantity) -> str | None:
    """What a count is a count of happening to: the event type of its verb ("killed", "died" -> kill)."""
    return EVENT_TYPES.get(q.predicate, q.predicate) if q.predicate else None


def comparable(a: Quantity, b: Quantity) -> bool:
    """Two figures for one thing: same counted noun and unit, and not tied to different happenings
    ("shot three people" and "two people died" count different things)."""
    if (a.counted or "", a.unit) != (b.counted or "", b.unit):
        return False
    ha, hb = _happening(a), _happening(b)
    return ha is None or hb is None or ha == hb


def quantity_conflicts(ctx: _Context, group: Sequence[Statement]) -> list[Conflict]:
    items = [
        (st, q)
        for st in group
        for q in ctx.docs[st.sentence.report].quantities
        if st.sentence.start <= q.start < st.sentence.end and (q.counted or q.unit)
    ]
    out = []
    seen: set[int] = set()
    for k, (_, q) in enumerate(items):
        if k in seen:
            continue
        bucket = [j for j, (_, other) in enumerate(items) if comparable(q, other)]
        seen.update(bucket)
        per_report: dict[str, set[float]] = defaultdict(set)
        for j in bucket:
            per_report[items[j][0].sentence.report].add(items[j][1].value)
        if any(len(values) > 1 for values in per_report.values()):
            continue  # a report giving two figures for it counts two things ("3 feet" and "6 feet"), not one
        clash = any(
            items[x][0].sentence.report != items[y][0].sentence.report and not numbers_agree(items[x][1], items[y][1])
            for x, y in combinations(bucket, 2)
        )
        if clash:
            values = tuple(
                _value(ctx, st, qq.start, qq.end, _quantity_value(qq.value, qq.unit, qq.counted or ""))
                for st, qq in (items[j] for j in bucket)
            )
            out.append(Conflict("quantity", values))
    return out


def _quantity_value(value: float, unit: str | None, counted: str) -> str:
    number = f"{int(value)}" if value == int(value) else f"{value:g}"
    return " ".join(x for x in (number, unit or "", counted) if x)


def negation_conflicts(
    ctx: _Context, group: Sequence[Statement], sim: Callable[[Statement, Statement], float]
) -> list[Conflict]:
    for a, b in combinations(group, 2):
        if (
            not _conditional(a.sentence.text)
            and not _conditional(b.sentence.text)
            and a.sentence.report != b.sentence.report
            and a.sentence.negated != b.sentence.negated
            and sim(a, b) >= NEGATION_SIMILARITY
        ):
            return [
                Conflict(
                    "other",
                    tuple(
                        _value(
                            ctx, st, st.sentence.start, st.sentence.end, "denies" if st.sentence.negated else "asserts"
                        )
                        for st in (a, b)
                    ),
                )
            ]
    return []


def _conditional(text: str) -> bool:
    """A hypothetical ("If ...", "Should ...") asserts nothing to contradict."""
    return re.match(r"\W*(?:if|unless|should|were|had)\b", text, re.IGNORECASE) is not None


def find_conflicts(
    ctx: _Context, group: Sequence[Statement], sim: Callable[[Statement, Statement], float]
) -> list[Conflict]:
    if len({st.sentence.report for st in group}) < 2 and len(group) < 2:
        return []
    return [
        *location_conflicts(ctx, group),
        *time_conflicts(ctx, group),
        *quantity_conflicts(ctx, group),
        *negation_conflicts(ctx, group, sim),
    ]


def merge_happenings(
    groups: list[list[int]],
    statements: Sequence[Statement],
    resolution: Resolution,
    conflicts_of: Callable[[list[int]], list[Conflict]],
) -> list[list[int]]:
    """Join groups that tell of one happening, when joining them shows a conflict."""
    parts = [_participants(st, resolution) for st in statements]
    frequency = Counter(p for ps in parts for p in ps)
    limit = max(2, int(RARE_SHARE * len(statements)))
    rare = [{p for p in ps if frequency[p] <= limit} for ps in parts]
    kinds = [_event_types(st) for st in statements]
    merged = [list(g) for g in groups]
    changed = True
    while changed:
        changed = False
        for x, y in combinations(range(len(merged)), 2):
            gx, gy = merged[x], merged[y]
            shared_kind = set().union(*(kinds[i] for i in gx)) & set().union(*(kinds[i] for i in gy))
            shared_part = set().union(*(rare[i] for i in gx)) & set().union(*(rare[i] for i in gy))
            if not shared_kind or not shared_part:
                continue
            joined = sorted(gx + gy)
            if _n_values(conflicts_of(joined)) > _n_values(conflicts_of(gx)) + _n_values(conflicts_of(gy)):
                merged[x] = joined
                del merged[y]
                changed = True
                break
    return merged


def report_vocabulary(doc: AnnotatedReport) -> frozenset[str]:
    """Every content lemma a report uses, with names folded, to tell what the other reports never mention."""
    words = {lemma for s in doc.sentences for lemma in s.lemmas}
    words |= {w for m in doc.mentions for w in fold(m.name).split()}
    return frozenset(words)


def unique_details(
    ctx: _Context, group: Sequence[Statement], vocabulary: dict[str, frozenset[str]]
) -> tuple[Span, ...]:
    """Noun phrases of a shared claim that only one report gives: none of their words appear in any other report."""
    out = []
    reports_of: dict[str, set[str]] = defaultdict(set)
    for e in ctx.resolution.entities:
        reports_of[e.id] = {m.report for m in e.mentions}
    for st in group:
        report = st.sentence.report
        doc = ctx.docs[report]
        others = set().union(*(v for r, v in vocabulary.items() if r != report))
        shared = [  # names the other reports also give, under whatever spelling
            (m.start, m.end)
            for m in doc.mentions
            if len(reports_of.get(ctx.resolution.entity_at(report, m.start, m.end) or "", ())) > 1
        ]
        taken = shared + [(t.start, t.end) for t in ctx.times[report]]
        for p in doc.phrases:
            if not (st.sentence.start <= p.start and p.end <= st.sentence.end):
                continue
            if any(a < p.end and p.start < b for a, b in taken):
                continue
            words = {w for lemma in p.lemmas for w in fold(lemma).split()} - GENERIC_WORDS
            if words and not words & others:
                out.append(Span(p.report, p.start, p.end, p.text))
    return tuple(out)


def _n_values(conflicts: Sequence[Conflict]) -> int:
    return sum(len(c.values) for c in conflicts)


def align_claims(
    docs: Sequence[AnnotatedReport],
    resolution: Resolution,
    times: dict[str, tuple[TimeExpr, ...]],
    vectors_of: Callable[[list[str]], np.ndarray],
) -> tuple[Claim, ...]:
    places = frozenset(e.id for e in resolution.entities if e.type in ("GPE", "LOC", "FAC"))
    ctx = _Context({d.report.id: d for d in docs}, resolution, times, places)
    statements = [st for d in docs for st in statements_of(d, resolution)]
    if not statements:
        return ()
    vectors = vectors_of([st.sentence.text for st in statements])
    days = [event_days(st, times[st.sentence.report]) for st in statements]
    sim = similarity_matrix(statements, vectors, days)
    position = {id(st): k for k, st in enumerate(statements)}

    def pair_sim(a: Statement, b: Statement) -> float:
        return float(sim[position[id(a)], position[id(b)]])

    groups = average_linkage(sim, LINK_SIMILARITY) if len(docs) > 1 else [[i] for i in range(len(statements))]
    # Split groups to one report each when the event has a single report: every claim is unique there.

    def conflicts_of(members: list[int]) -> list[Conflict]:
        return find_conflicts(ctx, [statements[i] for i in members], pair_sim)

    if len(docs) > 1:
        groups = merge_happenings(groups, statements, resolution, conflicts_of)
    vocabulary = {d.report.id: report_vocabulary(d) for d in docs}
    claims: list[Claim] = []
    for members in sorted(groups, key=lambda g: _reading_order(statements, g, docs)):
        group = [statements[i] for i in members]
        reports = {st.sentence.report for st in group}
        conflicts = conflicts_of(members) if len(reports) > 1 else []
        status = "unique" if len(reports) == 1 else ("conflicting" if conflicts else "corroborated")
        spans = tuple(Span(st.sentence.report, st.sentence.start, st.sentence.end, st.sentence.text) for st in group)
        details = unique_details(ctx, group, vocabulary) if len(reports) > 1 else ()
        claims.append(Claim(f"C{len(claims) + 1}", status, spans, tuple(conflicts), details))
    return tuple(claims)


def _reading_order(
    statements: Sequence[Statement], group: Sequence[int], docs: Sequence[AnnotatedReport]
) -> tuple[int, int]:
    order = {d.report.id: k for k, d in enumerate(docs)}
    return min((order[statements[i].sentence.report], statements[i].sentence.start) for i in group)


# ---- quotes -------------------------------------------------------------------------------------------------------


def quote_tokens(text: str) -> list[str]:
    """Words of a quote for matching: folded, editorial insertions ("[drones]") and ellipses dropped."""
    text = re.sub(r"\[[^\]]*\]", " ", text)
    return fold(text.replace("…", " ").replace("...", " ")).split()


def quotes_match(a: str, b: str) -> bool:
    ta, tb = quote_tokens(a), quote_tokens(b)
    if min(len(ta), len(tb)) < 3:
        return False
    ca, cb = Counter(ta), Counter(tb)
    overlap = sum((ca & cb).values()) / min(len(ta), len(tb))
    return overlap >= QUOTE_OVERLAP


def group_quotes(
    docs: Sequence[AnnotatedReport], resolution: Resolution
) -> tuple[tuple[QuoteGroup, ...], tuple[Claim, ...]]:
    """Match quotes across reports; a quote credited to two different speakers is an attribution conflict."""
    quotes = [q for d in docs for q in d.quotes]
    parent = list(range(len(quotes)))

    def find(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for i, j in combinations(range(len(quotes)), 2):
        if quotes_match(quotes[i].text, quotes[j].text):
            parent[find(j)] = find(i)
    buckets: dict[int, list[int]] = defaultdict(list)
    for i in range(len(quotes)):
        buckets[find(i)].append(i)
    groups: list[QuoteGroup] = []
    claims: list[Claim] = []
    for members in sorted(buckets.values(), key=min):
        occ = []
        for i in members:
            q = quotes[i]
            speaker = resolution.entity_at(q.report, q.speaker.start, q.speaker.end) if q.speaker else None
            occ.append(
                QuoteOccurrence(q.report, q.start, q.end, q.text, speaker, q.speaker.text if q.speaker else None)
            )
        speakers = {o.speaker for o in occ if o.speaker is not None}
        agreed = next(iter(speakers)) if len(speakers) == 1 else None
        text = max((o.text for o in occ), key=len)
        qid = f"Q{len(groups) + 1}"
        groups.append(QuoteGroup(qid, text, agreed, tuple(occ)))
        if len(speakers) > 1:
            values = tuple(
                ConflictValue(o.report, o.start, o.end, o.text, o.speaker or "", o.speaker_text) for o in occ
            )
            statements = tuple(Span(o.report, o.start, o.end, o.text) for o in occ)
            claims.append(Claim(qid, "conflicting", statements, (Conflict("attribution", values),)))
    return tuple(groups), tuple(claims)
