"""How likely two facts are to state one fact: candidate pairs, their features, a learned score.

Candidates (never all pairs: an event of twenty reports has thousands of facts; figures, times and places the
figure table holds are compared there, slot by slot, and never reach this module):
- facts that share a key: an entity, a head word, a predicate, an event type, the same value (a key shared by more
  than ``MAX_BLOCK`` facts pairs each with the next ``WINDOW`` of them only, so the cost stays linear);
- every pair of facts from two sentences of different reports whose vectors are close (paraphrases: each sentence's
  closest few, see ``claims._paraphrases``).
Two facts of one report are a candidate only when they give the same value (the report restating itself).

Features (``FEATURES``) are what the facts are about (predicate, event type, participants, role, context sentence:
word vectors' cosine and shared lemmas) and what they say (same value, head word, entity, lemmas; counts: the counted
thing and whether the figures' ranges meet; times: whether they can be one time), with the kinds of the two facts.
A logistic regression fitted on the dev gold set (``bench/train_align.py``) turns them into a probability; its
weights ship as ``rashomon/data/align-model.json``.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

import numpy as np

from rashomon.config import DEFAULT_ALIGN, AlignSettings
from rashomon.event.align.compatibility import count_range, interval_of
from rashomon.event.align.facts import EventFact
from rashomon.event.align.lexicon import counted_class, event_type
from rashomon.records import FactKind

MAX_BLOCK = 40
WINDOW = 6  # in a larger block, each fact is paired with the next WINDOW facts sharing the key
LIGHT_PREDICATES = frozenset({"", "be", "have", "do", "get", "make", "take", "accord", "say", "tell"})
KINDS: tuple[FactKind, ...] = ("count", "time", "place", "participant", "thing", "event")
# kinds that may state one fact; any other pair of kinds never does
KIND_PAIRS: tuple[tuple[str, str], ...] = (
    ("count", "count"),
    ("time", "time"),
    ("place", "place"),
    ("participant", "participant"),
    ("thing", "thing"),
    ("event", "event"),
    ("event", "thing"),
    ("participant", "place"),
    ("participant", "thing"),
    ("place", "thing"),
    ("count", "thing"),
    ("thing", "time"),
)
_PAIR_INDEX = {frozenset(p): k for k, p in enumerate(KIND_PAIRS)}
# KIND_PAIR_TABLE[a, b]: the index in KIND_PAIRS of kinds a and b (positions in KINDS), -1 when they never match
KIND_PAIR_TABLE = np.array([[_PAIR_INDEX.get(frozenset((a, b)), -1) for b in KINDS] for a in KINDS], dtype=np.int64)


def kind_codes(facts: Sequence[EventFact]) -> np.ndarray:
    return np.array([KINDS.index(f.fact.kind) for f in facts], dtype=np.int64)


SIGNALS = (
    "context",
    "context_words",
    "same_predicate",
    "same_event_type",
    "participants",
    "same_role",
    "same_value",
    "same_head",
    "value_words",
    "same_entity",
    "other_entity",
    "counted_match",
    "same_topic",
    "counted_missing",
    "ranges_meet",
    "times_meet",
    "both_lead",
    "window_words",
    "value_ratio",
    "same_grain",
    "only_such_value",
)
FEATURES: tuple[str, ...] = (
    *SIGNALS,
    *(f"kinds:{a}-{b}" for a, b in KIND_PAIRS),
    *(f"context*{k}" for k in KINDS),
    *(f"same_value*{k}" for k in KINDS),
    *(f"same_predicate*{k}" for k in KINDS),
)


# Two figures, times or places are one fact when they are about the same thing, whatever their values: a conflict is
# two values of one fact. The "about" model sees these pairs with the value features zeroed, so agreement of the
# values never decides whether they are about one thing (the compatibility tests decide whether they agree).
VALUE_KINDS = frozenset({"count", "time", "place"})
VALUE_FEATURES = frozenset(
    {"same_value", "same_head", "value_words", "same_entity", "other_entity", "ranges_meet", "times_meet"}
    | {f"same_value*{k}" for k in KINDS}
)


@dataclass(frozen=True, slots=True)
class Model:
    """A logistic regression over ``FEATURES``."""

    weights: np.ndarray
    bias: float

    def probability(self, x: np.ndarray) -> np.ndarray:
        if x.shape[0] == 0:
            return np.zeros(0, dtype=np.float32)
        return (1.0 / (1.0 + np.exp(-(x @ self.weights + self.bias)))).astype(np.float32)


@dataclass(frozen=True, slots=True)
class AlignModel:
    """``fact``: two facts state one fact (all features). ``about``: per kind (count, time, place), two figures,
    two times or two places are about one thing, whatever their values (``about_features``)."""

    fact: Model
    about: dict[str, Model]

    def about_probability(self, facts: Sequence[EventFact], pairs: np.ndarray, x: np.ndarray) -> np.ndarray:
        """The "about" probability of each pair of two facts of one valued kind; 0 for any other pair."""
        out = np.zeros(len(pairs), dtype=np.float32)
        if len(pairs) == 0:
            return out
        codes = kind_codes(facts)
        ki, kj = codes[pairs[:, 0]], codes[pairs[:, 1]]
        for kind, model in self.about.items():
            rows = (ki == KINDS.index(kind)) & (kj == KINDS.index(kind))
            if rows.any():
                out[rows] = model.probability(about_features(x[rows]))
        return out


def _model(data: dict[str, object], names: list[str]) -> Model:
    weights = dict(zip(names, data["weights"], strict=True))  # type: ignore[call-overload]
    missing = [f for f in FEATURES if f not in weights]
    if missing:
        raise ValueError(f"the alignment model lacks features {missing}; rebuild it with bench/train_align.py")
    return Model(np.array([weights[f] for f in FEATURES], dtype=np.float64), float(data["bias"]))  # type: ignore[arg-type]


def model_from_json(data: dict[str, object]) -> AlignModel:
    names = list(data["features"])  # type: ignore[call-overload]
    models: dict[str, dict[str, object]] = data["models"]  # type: ignore[assignment]
    about = {kind: _model(models[f"about:{kind}"], names) for kind in sorted(VALUE_KINDS) if f"about:{kind}" in models}
    return AlignModel(_model(models["fact"], names), about)


@lru_cache(maxsize=1)
def default_model() -> AlignModel:
    text = files("rashomon").joinpath("data/align-model.json").read_text(encoding="utf-8")
    return model_from_json(json.loads(text))


# ---- per-fact arrays ------------------------------------------------------------------------------------------------


def _codes(keys: Sequence[str]) -> np.ndarray:
    """Integer codes; -1 for the empty key, which matches nothing."""
    table: dict[str, int] = {}
    return np.array([table.setdefault(k, len(table)) if k else -1 for k in keys], dtype=np.int64)


def value_key(f: EventFact) -> str:
    """What a fact says, as a key: the figure and counted thing, the time, the entity, the words, the verb."""
    kind = f.fact.kind
    if kind == "count" and f.quantity is not None:
        q = f.quantity
        return f"count:{q.value:g}|{q.unit}|{counted_class(q.counted)}"
    if kind == "time":
        day = (f.time.value if f.time is not None and f.time.value else "") or f.fact.text.lower()
        spec = f.time.spec_dict() if f.time is not None else {}
        clock = f"|{spec.get('part', '')}|{spec.get('hour', '')}:{spec.get('minute', '')}"
        timed = "part" in spec or "hour" in spec
        return "time:" + day + (clock if timed else "")  # "Tuesday night" is not "Tuesday afternoon"
    if kind == "place" and f.location is not None and f.location.directions:
        return f"place:{f.entity or f.fact.text.lower()}|{''.join(sorted(f.location.directions))}"
    if f.entity is not None:
        return "entity:" + f.entity
    if kind == "event":
        return "event:" + f.fact.predicate + ("/not" if f.fact.negated else "")
    return "words:" + (" ".join(f.fact.lemmas) or f.fact.head)


def _predicate(f: EventFact) -> str:
    return f.fact.predicate if f.fact.predicate not in LIGHT_PREDICATES else ""


def _binary_rows(sets: Sequence[Sequence[str]]) -> tuple[np.ndarray, np.ndarray]:
    """A row-per-set incidence matrix in (indptr, indices) form, for set intersections over many pairs."""
    vocab: dict[str, int] = {}
    indptr = [0]
    indices: list[int] = []
    for s in sets:
        indices.extend(sorted({vocab.setdefault(w, len(vocab)) for w in s}))
        indptr.append(len(indices))
    return np.array(indptr, dtype=np.int64), np.array(indices, dtype=np.int64)


def candidate_pairs(facts: Sequence[EventFact], sentence_of: np.ndarray, paraphrases: np.ndarray) -> np.ndarray:
    """(m, 2) index pairs, i < j, worth scoring. ``sentence_of``: each fact's sentence row; ``paraphrases``: (k, 2)
    pairs of sentence rows close enough that all their facts are compared."""
    n = len(facts)
    if n < 2:
        return np.zeros((0, 2), dtype=np.int64)
    reports = np.array([f.report_rank for f in facts], dtype=np.int64)
    key_codes: dict[str, int] = {}
    values = np.array([key_codes.setdefault(value_key(f), len(key_codes)) for f in facts], dtype=np.int64)
    blocks: dict[str, list[int]] = defaultdict(list)
    for i, f in enumerate(facts):
        for key in _block_keys(f):
            blocks[key].append(i)
    chunks = []
    for members in blocks.values():
        if len(members) < 2:
            continue
        m = np.array(members, dtype=np.int64)
        if len(m) <= MAX_BLOCK:
            a, b = np.triu_indices(len(m), k=1)
            chunks.append(np.stack([m[a], m[b]], axis=1))
        else:  # a key many facts share: each is paired with the next few (a chain), so the cost stays linear
            for step in range(1, WINDOW + 1):
                chunks.append(np.stack([m[:-step], m[step:]], axis=1))
    if len(paraphrases):
        order = np.argsort(sentence_of, kind="stable")
        starts = np.searchsorted(sentence_of[order], np.arange(int(sentence_of.max()) + 2))
        for s, t in paraphrases:
            fa = order[starts[s] : starts[s + 1]]
            fb = order[starts[t] : starts[t + 1]]
            if len(fa) and len(fb):
                chunks.append(np.stack(np.meshgrid(fa, fb, indexing="ij"), axis=-1).reshape(-1, 2))
    if not chunks:
        return np.zeros((0, 2), dtype=np.int64)
    found = np.concatenate(chunks)
    found = np.sort(found, axis=1)
    first, second = found[:, 0], found[:, 1]
    keep = (first != second) & ((reports[first] != reports[second]) | (values[first] == values[second]))
    found = np.unique(found[keep], axis=0)
    kinds = kind_codes(facts)
    allowed = KIND_PAIR_TABLE[kinds[found[:, 0]], kinds[found[:, 1]]] >= 0
    return found[allowed].reshape(-1, 2)


def _block_keys(f: EventFact) -> list[str]:
    keys = [value_key(f)]
    if f.fact.head and f.fact.kind != "count":
        keys.append("head:" + f.fact.head)
    if _predicate(f):
        keys.append("predicate:" + f.fact.predicate)
        if (kind := event_type(f.fact.predicate)) is not None:
            keys.append("type:" + kind)
    if f.fact.kind in ("thing", "event") and (kind := event_type(f.fact.head)) is not None:
        keys.append("type:" + kind)
    return keys


# ---- features --------------------------------------------------------------------------------------------------------


def pair_features(
    facts: Sequence[EventFact],
    pairs: np.ndarray,
    context: np.ndarray,
    context_words: Sequence[frozenset[str]],
    sentence_of: np.ndarray,
    settings: AlignSettings = DEFAULT_ALIGN,
) -> np.ndarray:
    """(m, len(FEATURES)) feature rows for the pairs. ``context``: unit vectors per sentence row;
    ``context_words``: content lemmas per sentence row. (For many chunks of pairs of one event, build one
    ``Featurizer`` and call it per chunk: what it knows of each fact is worked out once.)"""
    return Featurizer(facts, context, context_words, sentence_of, settings)(pairs)


class _Sets:
    """Sets of one kind per row (a fact's lemmas, a sentence's words) as a sparse incidence matrix, built once, to
    measure the overlap of many pairs of rows."""

    def __init__(self, sets: Sequence[frozenset[str]]) -> None:
        from scipy.sparse import csr_matrix

        indptr, indices = _binary_rows([sorted(x) for x in sets])
        width = int(indices.max()) + 1 if len(indices) else 1
        self.matrix = csr_matrix((np.ones(len(indices), dtype=np.float32), indices, indptr), shape=(len(sets), width))
        self.size = np.diff(indptr).astype(np.float32)

    def overlap(self, pairs: np.ndarray, mode: str) -> np.ndarray:
        """Per pair: |A & B| / |A | B| ("jaccard") or / min(|A|, |B|) ("smaller"); 0 for two empty sets."""
        if len(pairs) == 0:
            return np.zeros(0, dtype=np.float32)
        m = self.matrix
        inter = np.asarray(m[pairs[:, 0]].multiply(m[pairs[:, 1]]).sum(axis=1)).ravel()
        a, b = self.size[pairs[:, 0]], self.size[pairs[:, 1]]
        denominator = (a + b - inter) if mode == "jaccard" else np.minimum(a, b)
        return np.where(denominator > 0, inter / np.maximum(denominator, 1.0), 0.0).astype(np.float32)


class Featurizer:
    """Feature rows for pairs of an event's facts: what each fact contributes (codes, word sets, ranges) is worked
    out once when it is built; each call then costs the pairs it is given."""

    def __init__(
        self,
        facts: Sequence[EventFact],
        context: np.ndarray,
        context_words: Sequence[frozenset[str]],
        sentence_of: np.ndarray,
        settings: AlignSettings = DEFAULT_ALIGN,
    ) -> None:
        self.context = context
        self.sentence_of = sentence_of
        self.settings = settings
        self.sentence_words = _Sets(context_words)
        self.participants = _Sets([f.participants - {f.entity} for f in facts])
        self.value_lemmas = _Sets([frozenset(f.fact.lemmas) for f in facts])
        self.windows = _Sets([frozenset(f.fact.window) for f in facts])
        entity = [f.entity or "" for f in facts]
        counted = [counted_class(f.quantity.counted) if f.quantity is not None else "" for f in facts]
        signatures = [value_signature(f) for f in facts]
        self.codes = {
            "predicate": _codes([_predicate(f) for f in facts]),
            "event_type": _codes([event_type(_predicate(f)) or "" for f in facts]),
            "role": _codes([f.fact.role if f.fact.role not in ("none", "self") else "" for f in facts]),
            "value": _codes([value_key(f) for f in facts]),
            "head": _codes([f.fact.head for f in facts]),
            "entity": _codes(entity),
            "counted": _codes(counted),
            "topic": _codes([counted[k] or (event_type(f.fact.topic) or f.fact.topic) for k, f in enumerate(facts)]),
            "grain": _codes([time_grain(f) for f in facts]),
            "signature": _codes(signatures),
        }
        self.has_entity = np.array([bool(e) for e in entity])
        self.present = np.array([bool(c) for c in counted])
        self.is_count = np.array([f.fact.kind == "count" for f in facts])
        self.single = _single_value(facts, signatures)
        self.lead = np.array([f.fact.sentence <= 1 for f in facts])
        self.kinds = kind_codes(facts)
        self.ranges = _ranges(facts, settings)
        self.days = _days(facts)
        self.magnitudes = np.array(
            [abs(f.quantity.value) if f.quantity is not None else np.nan for f in facts], dtype=np.float64
        )

    def _same(self, name: str, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        codes = self.codes[name]
        return ((codes[i] == codes[j]) & (codes[i] >= 0)).astype(np.float32)

    def __call__(self, pairs: np.ndarray) -> np.ndarray:
        m = len(pairs)
        x = np.zeros((m, len(FEATURES)), dtype=np.float32)
        if m == 0:
            return x
        i, j = pairs[:, 0], pairs[:, 1]
        col = {name: k for k, name in enumerate(FEATURES)}
        si, sj = self.sentence_of[i], self.sentence_of[j]
        ctx = _row_cosines(self.context, si, sj)
        x[:, col["context"]] = ctx
        x[:, col["context_words"]] = self.sentence_words.overlap(np.stack([si, sj], axis=1), "jaccard")
        x[:, col["same_predicate"]] = self._same("predicate", i, j)
        x[:, col["same_event_type"]] = self._same("event_type", i, j)
        x[:, col["participants"]] = self.participants.overlap(pairs, "smaller")
        x[:, col["same_role"]] = self._same("role", i, j)
        x[:, col["same_value"]] = self._same("value", i, j)
        x[:, col["same_head"]] = self._same("head", i, j)
        x[:, col["value_words"]] = self.value_lemmas.overlap(pairs, "jaccard")
        x[:, col["same_entity"]] = self._same("entity", i, j)
        x[:, col["other_entity"]] = (self.has_entity[i] & self.has_entity[j]).astype(np.float32) - x[
            :, col["same_entity"]
        ]
        # one entity under two spellings ("Osama al-Muhajer" / "Usamah al-Muhajir") says the same words
        x[:, col["value_words"]] = np.maximum(x[:, col["value_words"]], x[:, col["same_entity"]])
        x[:, col["same_head"]] = np.maximum(x[:, col["same_head"]], x[:, col["same_entity"]])
        x[:, col["counted_match"]] = self._same("counted", i, j)
        x[:, col["same_topic"]] = self._same("topic", i, j)
        both_counts = self.is_count[i] & self.is_count[j]
        x[:, col["counted_missing"]] = (both_counts & (self.present[i] != self.present[j])).astype(np.float32)
        low, high = self.ranges
        with np.errstate(invalid="ignore"):
            meet = (low[i] <= high[j]) & (low[j] <= high[i])
        x[:, col["ranges_meet"]] = np.nan_to_num(meet.astype(np.float32)) * both_counts
        first, last = self.days
        with np.errstate(invalid="ignore"):
            days_meet = (first[i] <= last[j]) & (first[j] <= last[i])
        x[:, col["times_meet"]] = np.nan_to_num(days_meet.astype(np.float32))
        x[:, col["window_words"]] = self.windows.overlap(pairs, "jaccard")
        a, b = self.magnitudes[i], self.magnitudes[j]
        with np.errstate(invalid="ignore", divide="ignore"):
            ratio = np.minimum(a, b) / np.maximum(a, b)
        x[:, col["value_ratio"]] = np.nan_to_num(ratio, nan=0.0).astype(np.float32) * both_counts
        x[:, col["same_grain"]] = self._same("grain", i, j)
        x[:, col["only_such_value"]] = (self._same("signature", i, j) > 0) & self.single[i] & self.single[j]
        x[:, col["both_lead"]] = (self.lead[i] & self.lead[j]).astype(np.float32)
        ki, kj = self.kinds[i], self.kinds[j]
        pair_kind = KIND_PAIR_TABLE[ki, kj]
        for k, (ka, kb) in enumerate(KIND_PAIRS):
            x[:, col[f"kinds:{ka}-{kb}"]] = pair_kind == k
        for n_kind, kind in enumerate(KINDS):
            both = ((ki == n_kind) & (kj == n_kind)).astype(np.float32)
            x[:, col[f"context*{kind}"]] = ctx * both
            x[:, col[f"same_value*{kind}"]] = x[:, col["same_value"]] * both
            x[:, col[f"same_predicate*{kind}"]] = x[:, col["same_predicate"]] * both
        return x


def _ranges(facts: Sequence[EventFact], settings: AlignSettings) -> tuple[np.ndarray, np.ndarray]:
    low = np.full(len(facts), np.nan)
    high = np.full(len(facts), np.nan)
    for k, f in enumerate(facts):
        q = f.quantity
        if q is not None:
            r = count_range(q.value, q.text, f.fact.qualifier, settings)
            low[k], high[k] = r.low, r.high
    return low, high


def _days(facts: Sequence[EventFact]) -> tuple[np.ndarray, np.ndarray]:
    first = np.full(len(facts), np.nan)
    last = np.full(len(facts), np.nan)
    for k, f in enumerate(facts):
        span = interval_of(f.time.value) if f.time is not None and f.time.value else None
        if span is not None:
            first[k], last[k] = span
    return first, last


def _row_cosines(context: np.ndarray, si: np.ndarray, sj: np.ndarray, chunk: int = 50_000) -> np.ndarray:
    """The cosine of sentence rows si[k] and sj[k] (unit rows), computed once per distinct sentence pair and a chunk
    at a time: many fact pairs share a sentence pair, and rows of pairs would not fit in memory at once."""
    if len(si) == 0:
        return np.zeros(0, dtype=np.float32)
    width = int(max(si.max(), sj.max())) + 1
    keys, back = np.unique(si.astype(np.int64) * width + sj, return_inverse=True)
    distinct = np.stack([keys // width, keys % width], axis=1)
    out = np.empty(len(distinct), dtype=np.float32)
    for start in range(0, len(distinct), chunk):
        part = distinct[start : start + chunk]
        out[start : start + len(part)] = np.einsum("ij,ij->i", context[part[:, 0]], context[part[:, 1]])
    return np.clip(out[np.asarray(back).ravel()], 0.0, 1.0)


def valued_pairs(facts: Sequence[EventFact], pairs: np.ndarray) -> np.ndarray:
    """Pairs of two figures, two times or two places."""
    if len(pairs) == 0:
        return np.zeros(0, dtype=bool)
    codes = kind_codes(facts)
    valued = np.array([k in VALUE_KINDS for k in KINDS])
    ki, kj = codes[pairs[:, 0]], codes[pairs[:, 1]]
    return (ki == kj) & valued[ki]


def about_features(x: np.ndarray) -> np.ndarray:
    """The features with every sign of agreeing values removed: what the "about" model reads."""
    out = x.copy()
    for name in VALUE_FEATURES:
        out[:, FEATURES.index(name)] = 0.0
    return out


def value_signature(f: EventFact) -> str:
    """What kind of value a figure or a time is, within its report: its unit and what it counts or dates ("percent
    rise", "people kill", "day strike")."""
    kind = f.fact.kind
    if kind == "count" and f.quantity is not None:
        q = f.quantity
        about = counted_class(q.counted) or (event_type(f.fact.topic) or f.fact.topic)
        return f"count|{q.unit}|{about}" if about else ""
    if kind == "time":
        happening = event_type(f.fact.predicate) or f.fact.predicate
        return f"time|{time_grain(f)}|{happening}" if happening not in LIGHT_PREDICATES else ""
    return ""


def _single_value(facts: Sequence[EventFact], signatures: Sequence[str]) -> np.ndarray:
    """Facts whose report gives one value only for their signature (the report's one figure of dead, say): two such
    facts of two reports with one signature are most likely about one thing."""
    values: dict[tuple[int, str], set[str]] = defaultdict(set)
    for f, sig in zip(facts, signatures, strict=True):
        if sig:
            values[(f.report_rank, sig)].add(value_key(f))
    return np.array(
        [bool(sig) and len(values[(f.report_rank, sig)]) == 1 for f, sig in zip(facts, signatures, strict=True)]
    )


def time_grain(f: EventFact) -> str:
    """How fine a time is: a clock time, a part of a day, a day, a month, a year, a span, a relative time."""
    t = f.time
    if t is None:
        return ""
    spec = t.spec_dict()
    if "hour" in spec:
        return "clock"
    if "part" in spec:
        return "part"
    if t.kind in ("weekday", "day-relative", "same-day") or "day" in spec:
        return "day"
    value = t.value or ""
    return {10: "day", 7: "month", 4: "year"}.get(len(value), t.kind)
