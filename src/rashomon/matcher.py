"""The learned name matcher: can two written names be one person's name?

A pair of names is described by typed features (``pair_features``): per-token similarity that knows transliteration
(consonant skeletons, coarse consonant classes, Jaro-Winkler), a one-to-one alignment of the tokens of the two names
with how rare each aligned token is (a shared "Muhammad" says little, a shared "Zawahiri" a lot), given name and surname
agreement, word order, initials, nicknames ("Bill" / "William"), spacing and hyphens ("Abdulhaq" / "Abdul Haq"), and
string measures from rapidfuzz. An additive logistic model (a piecewise-linear function of each feature, summed)
turns them into a probability; its weights are fitted by ``bench/train_names.py`` on the OFAC dev pairs (never on
withheld data) and shipped as ``data/name-model.json``.

Hard evidence stays outside the learned part: a generational suffix ("Jr.") or gendered titles ("Mr." / "Mrs.") that
disagree multiply the score by a penalty. Names in Arabic or Cyrillic script are romanized first.

The score says two spellings can name one person; resolution adds the context (one event, the same report, types).
"""

from __future__ import annotations

import csv
import json
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from rapidfuzz import fuzz
from rapidfuzz.distance import JaroWinkler

from rashomon.names import (
    GENERATIONS,
    fold,
    generation,
    name_similarity,
    name_tokens,
    same_skeleton,
    skeleton,
    syllables,
    without_post_nominals,
)

MODEL_FILE = "name-model.json"
NICKNAME_FILE = "nicknames.csv"
GENERATION_PENALTY = 0.4  # "Donald Trump" / "Donald Trump Jr.": the same words, two people
GENDER_PENALTY = 0.4  # "Mr. Smith" / "Mrs. Smith"
GIVEN_NAME_PENALTY = 0.5  # "Hillary Clinton" / "Bill Clinton"
STRONG = 0.9  # a token similarity that counts as the same token spelled two ways
_MALE_TITLES = frozenset({"mr", "sir", "lord", "king", "prince", "sheikh", "brother", "father"})
_FEMALE_TITLES = frozenset({"mrs", "ms", "miss", "dame", "lady", "queen", "princess", "sister", "madam"})
_CONNECTORS = frozenset({"bin", "ibn", "ben", "bint", "binti", "y", "e"})  # "Osama bin Laden", "Garcia y Lopez"
# coarse consonant classes: letters that romanizations of one sound swap (q/k/g, kh/h, dh/d/z, v/w/f, s/sh/ch)
_COARSE = str.maketrans({"q": "k", "g": "k", "c": "k", "h": "k", "z": "d", "t": "d", "v": "f", "p": "b", "u": "f"})
# a patronymic or filiation word ("Alekseyevich", "Eduardovna", "Ogly"): a middle name one report may leave out
_PATRONYMIC = re.compile(r"(?:[ey]?vich|[oe]vna|ivna|ogly|oglu|ovych|ovich|ievich|yevich|ichna|uly|kyzy)\Z")

FEATURES = (
    "hand",  # the hand-made score (rashomon.names.name_similarity)
    "aligned_mean",  # mean similarity of the one-to-one aligned tokens
    "aligned_min",  # the weakest aligned token
    "cover_min",  # the lower of the two names' rarity-weighted share of tokens matched
    "cover_max",  # the higher of them
    "extra_tokens",  # tokens of the longer name left over
    "strong_share",  # share of the shorter name's tokens matched strongly
    "rarest_shared",  # rarity of the rarest strongly matched token (0..1)
    "given",  # similarity of the given names (first tokens) when both names have one
    "surname",  # similarity of the last tokens
    "crossed",  # given name of one against the surname of the other (word order swapped)
    "set_ratio",  # rapidfuzz token_set_ratio of the folded names
    "sort_ratio",  # rapidfuzz token_sort_ratio
    "joined",  # Jaro-Winkler of the names with spaces and hyphens removed ("abdulhaq" / "abdul haq")
    "joined_skeleton",  # the same on consonant skeletons
    "coarse_share",  # share of aligned tokens equal once consonants are folded to coarse classes
    "contained",  # share of the shorter name's tokens found inside a token of the other ("Seyedmehdi" / "Mehdi")
    "all_agree",  # every token of the shorter name can be a spelling of one of the other's
    "both_ends",  # the weaker of the given-name and surname similarities
    "given_unmatched",  # given names (first tokens) matched nowhere in the other name: 0, 1 or 2
    "sibling",  # surnames agree while given names differ (relatives: "Ali Saddam Hussein" / "Hala Saddam Hussein")
    "single",  # one of the names is a single token
    "identical",  # the same tokens once folded
)


@dataclass(frozen=True, slots=True)
class NameModel:
    """An additive logistic model over ``FEATURES``: each feature adds a piecewise-linear function of its value
    (``values`` at ``knots``, interpolated, constant beyond the ends) to ``intercept``; the sum goes through the
    logistic function. Also the token frequencies that rarity is read from."""

    features: tuple[str, ...]
    knots: tuple[tuple[float, ...], ...]
    values: tuple[tuple[float, ...], ...]
    intercept: float
    token_counts: Mapping[str, int]  # skeleton of a name token -> the number of people whose names carry it
    people: int  # people the counts were taken over
    threshold: float = 0.5  # the lowest score at which cross-validated precision was still 0.95

    def rarity(self, token: str) -> float:
        """Inverse document frequency of a name token, scaled to [0, 1] (an unseen token is the rarest)."""
        count = self.token_counts.get(skeleton(token), 0)
        return math.log((self.people + 1) / (count + 1)) / math.log(self.people + 1)

    def contributions(self, values: Sequence[float]) -> tuple[float, ...]:
        """What each feature adds to the log-odds (the explanation of a score)."""
        return tuple(_interpolate(v, k, w) for v, k, w in zip(values, self.knots, self.values, strict=True))

    def probability(self, values: Sequence[float]) -> float:
        z = self.intercept + sum(self.contributions(values))
        return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))


def _interpolate(x: float, knots: Sequence[float], values: Sequence[float]) -> float:
    if x <= knots[0]:
        return values[0]
    for k in range(1, len(knots)):
        if x <= knots[k]:
            span = knots[k] - knots[k - 1]
            share = (x - knots[k - 1]) / span if span > 0 else 1.0
            return values[k - 1] + share * (values[k] - values[k - 1])
    return values[-1]


NEUTRAL_MODEL = NameModel(FEATURES, ((0.0, 1.0),) * len(FEATURES), ((0.0, 0.0),) * len(FEATURES), 0.0, {}, 1)


def model_from_json(data: Mapping[str, Any]) -> NameModel:
    features = tuple(str(f) for f in data["features"])
    if features != FEATURES:
        raise ValueError(f"name model has features {features}, this code computes {FEATURES}: rebuild it")
    return NameModel(
        features,
        tuple(tuple(float(v) for v in row) for row in data["knots"]),
        tuple(tuple(float(v) for v in row) for row in data["values"]),
        float(data["intercept"]),
        {str(k): int(v) for k, v in data["token_counts"].items()},
        int(data["people"]),
        float(data.get("threshold", 0.5)),
    )


def model_to_json(model: NameModel, **extra: object) -> dict[str, object]:
    return {
        **extra,
        "features": list(model.features),
        "knots": [[round(v, 6) for v in row] for row in model.knots],
        "values": [[round(v, 6) for v in row] for row in model.values],
        "intercept": round(model.intercept, 6),
        "threshold": round(model.threshold, 4),
        "people": model.people,
        "token_counts": dict(sorted(model.token_counts.items())),
    }


@lru_cache(maxsize=1)
def default_model() -> NameModel:
    """The shipped model (``data/name-model.json``)."""
    text = resources.files("rashomon").joinpath("data", MODEL_FILE).read_text(encoding="utf-8")
    return model_from_json(json.loads(text))


@lru_cache(maxsize=1)
def nicknames() -> Mapping[str, frozenset[str]]:
    """Given name -> its nicknames and the names it is a nickname of (``data/nicknames.csv``, Apache-2.0, from
    github.com/carltonnorthern/nicknames)."""
    pairs: dict[str, set[str]] = {}
    text = resources.files("rashomon").joinpath("data", NICKNAME_FILE).read_text(encoding="utf-8")
    for row in csv.reader(text.splitlines()[1:]):
        if len(row) == 3 and row[1] == "has_nickname":
            a, b = fold(row[0]), fold(row[2])
            pairs.setdefault(a, set()).add(b)
            pairs.setdefault(b, set()).add(a)
    return {k: frozenset(v) for k, v in pairs.items()}


def token_counts(names_by_person: Iterable[Iterable[str]]) -> tuple[dict[str, int], int]:
    """For each name-token skeleton, the number of people with a name carrying it; and the number of people."""
    counts: dict[str, int] = {}
    people = 0
    for names in names_by_person:
        people += 1
        for key in {skeleton(t) for name in names for t in match_tokens(name)}:
            counts[key] = counts.get(key, 0) + 1
    return counts, people


def reorder(name: str) -> str:
    """ "GADDAFI, Muammar" -> "Muammar GADDAFI": a list's "SURNAME, Given" order as a report writes it."""
    head, comma, tail = name.partition(",")
    if comma and tail.strip() and "," not in tail and len(head.split()) <= 4:
        return f"{tail.strip()} {head.strip()}"
    return name


@lru_cache(maxsize=65536)
def match_tokens(name: str) -> tuple[str, ...]:
    """The tokens a name is matched on: in given-name-first order, without titles, particles, degrees, a generational
    suffix, or connectors inside the name ("bin", "ibn", "y"). Words in Arabic or Cyrillic script stay in their
    script (lower case), to be compared letter by letter with a Latin spelling (``token_score``)."""
    if not name.isascii() and _scripts_in(name):
        return tuple(_mixed_tokens(name))
    tokens = name_tokens(reorder(without_post_nominals(name)))
    return tokens[:1] + tuple(t for t in tokens[1:] if t not in _CONNECTORS) if tokens else ()


def _scripts_in(name: str) -> bool:
    from rashomon.romanize import script_of

    return any(script_of(word) in ("arabic", "cyrillic") for word in name.split())


def _mixed_tokens(name: str) -> list[str]:
    from rashomon.romanize import script_of

    out: list[str] = []
    for word in re.split(r"[\s\-‐–]+", name):
        if script_of(word) in ("arabic", "cyrillic"):
            out.append(word.lower())
        else:
            out.extend(t for t in name_tokens(word) if t not in _CONNECTORS)
    return out


@lru_cache(maxsize=65536)
def latin(token: str) -> str:
    """A token in Latin letters: Arabic or Cyrillic romanized and folded (for string measures and rarity)."""
    if token.isascii():
        return token
    from rashomon.romanize import romanize

    return fold(romanize(token)).replace(" ", "")


@lru_cache(maxsize=262144)
def token_score(a: str, b: str) -> float:
    """Similarity of two name tokens: initials, nicknames, skeletons, then Jaro-Winkler; a token in Arabic or
    Cyrillic script is scored as a spelling of the other (``rashomon.romanize.script_similarity``)."""
    if a == b:
        return 1.0
    if not (a.isascii() and b.isascii()):
        from rashomon.romanize import script_similarity

        return float(script_similarity(a, b))
    if len(a) == 1 or len(b) == 1:
        return 1.0 if a[0] == b[0] else 0.0
    if b in nicknames().get(a, ()):
        return 1.0
    if same_skeleton(a, b):
        return 0.95
    return float(JaroWinkler.similarity(a, b))


AGREE = 0.85  # a token similarity at which two tokens can be one name part spelled two ways


@lru_cache(maxsize=262144)
def tokens_agree(a: str, b: str) -> bool:
    """Two name tokens can be one name part: similar enough, an initial of the other, a nickname, or the same
    consonants once romanization classes are folded (Qadhafi / Gaddafi, Serhiy / Sergey)."""
    if token_score(a, b) >= AGREE:
        return True
    if not (a.isascii() and b.isascii()):
        return False
    return min(len(a), len(b)) >= 3 and _coarse(a) == _coarse(b) and syllables(a) == syllables(b)


@lru_cache(maxsize=65536)
def _coarse(token: str) -> str:
    return re.sub(r"(.)\1+", r"\1", skeleton(token).translate(_COARSE))


def _align(ta: Sequence[str], tb: Sequence[str]) -> list[tuple[int, int, float]]:
    """A one-to-one alignment of tokens, most similar pairs first (greedy; names are short)."""
    cells = sorted(
        ((token_score(x, y), i, j) for i, x in enumerate(ta) for j, y in enumerate(tb)),
        key=lambda c: (-c[0], c[1], c[2]),
    )
    used_a: set[int] = set()
    used_b: set[int] = set()
    out = []
    for sim, i, j in cells:
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            out.append((i, j, sim))
    return out


def pair_features(a: str, b: str, model: NameModel) -> tuple[float, ...]:
    """The ``FEATURES`` of a pair of names, symmetric in the two names."""
    ta, tb = _without_lone_patronymics(match_tokens(a), match_tokens(b))
    if not ta or not tb:
        return (0.0,) * len(FEATURES)
    if (len(ta), ta) > (len(tb), tb):
        ta, tb = tb, ta
    aligned = _align(ta, tb)
    sims = [s for _, _, s in aligned]
    rare_a = [model.rarity(latin(t)) for t in ta]
    rare_b = [model.rarity(latin(t)) for t in tb]
    cover_a = sum(rare_a[i] * s for i, _, s in aligned) / (sum(rare_a) or 1.0)
    cover_b = sum(rare_b[j] * s for _, j, s in aligned) / (sum(rare_b) or 1.0)
    strong = [(i, j) for i, j, s in aligned if s >= STRONG]
    both_long = len(ta) > 1 and len(tb) > 1
    given_a = max(token_score(ta[0], t) for t in tb) < STRONG
    given_b = max(token_score(tb[0], t) for t in ta) < STRONG
    surname = token_score(ta[-1], tb[-1])
    given = token_score(ta[0], tb[0]) if both_long else 1.0
    mean = sum(sims) / len(sims)
    strings = _string_features(ta, tb, aligned) if _all_latin(ta, tb) else (mean,) * 7
    return (
        strings[0],
        mean,
        min(sims),
        min(cover_a, cover_b),
        max(cover_a, cover_b),
        float(len(tb) - len(ta)),
        len(strong) / len(ta),
        max((max(rare_a[i], rare_b[j]) for i, j in strong), default=0.0),
        given,
        surname,
        max(token_score(ta[0], tb[-1]), token_score(ta[-1], tb[0])) if both_long else 0.0,
        *strings[1:],
        float(all(any(tokens_agree(x, y) for y in tb) for x in ta)),
        min(given, surname),
        float(given_a) + float(given_b) if both_long else 0.0,
        surname * (1.0 - given) if both_long and given_a and given_b else 0.0,
        float(len(ta) == 1),
        float(ta == tb),
    )


def _all_latin(ta: Sequence[str], tb: Sequence[str]) -> bool:
    return all(t.isascii() for t in (*ta, *tb))


def _string_features(
    ta: Sequence[str], tb: Sequence[str], aligned: Sequence[tuple[int, int, float]]
) -> tuple[float, ...]:
    """The features read from the names as strings (hand score, rapidfuzz ratios, Jaro-Winkler of the joined names
    and skeletons, coarse classes, glued tokens). Across scripts they would compare a romanization that has no short
    vowels with a spelling that has them, so there each is the mean aligned token score instead."""
    fa, fb = " ".join(ta), " ".join(tb)
    ja, jb = fa.replace(" ", ""), fb.replace(" ", "")
    ka, kb = "".join(skeleton(t) for t in ta), "".join(skeleton(t) for t in tb)
    return (
        name_similarity(fa, fb),
        fuzz.token_set_ratio(fa, fb) / 100.0,
        fuzz.token_sort_ratio(fa, fb) / 100.0,
        float(JaroWinkler.similarity(ja, jb)),
        float(JaroWinkler.similarity(ka, kb)),
        sum(_coarse(ta[i]) == _coarse(tb[j]) for i, j, _ in aligned) / len(aligned),
        _contained(ta, tb),
    )


def _contained(ta: Sequence[str], tb: Sequence[str]) -> float:
    """Share of the tokens of ``ta`` (four letters or more) written inside a longer token of ``tb``, as their
    skeletons: names glued together ("Seyedmehdi" holds "Mehdi", "Abousofian" holds "Sufian")."""
    keys_b = [skeleton(latin(t)) for t in tb]
    found = 0
    for t in ta:
        key = skeleton(latin(t))
        found += len(t) >= 4 and any(len(k) > len(key) and key in k for k in keys_b)
    return found / len(ta)


def _is_patronymic(token: str) -> bool:
    return len(token) > 5 and _PATRONYMIC.search(token) is not None


def _without_lone_patronymics(ta: tuple[str, ...], tb: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Patronymics set aside when only one name has one ("Aleksey Alekseyevich Zaytsev" / "Alexei Zaitsev")."""
    pa, pb = any(map(_is_patronymic, ta[1:])), any(map(_is_patronymic, tb[1:]))
    if pa == pb:
        return ta, tb
    strip = lambda ts: ts[:1] + tuple(t for t in ts[1:] if not _is_patronymic(t))  # noqa: E731
    return (strip(ta), tb) if pa else (ta, strip(tb))


def title_gender(name: str) -> str:
    """ "m" or "f" when the name carries a gendered title ("Mr.", "Mrs.", "Sheikh"), else ""."""
    words = set(fold(name).split()) - GENERATIONS.keys()
    if words & _MALE_TITLES:
        return "m"
    if words & _FEMALE_TITLES:
        return "f"
    return ""


def penalty(a: str, b: str) -> float:
    """Hard evidence that two names are two people: different generational suffixes or gendered titles (and a name
    with no name token at all, such as "Dr." alone, is nobody's name: 0)."""
    if not match_tokens(a) or not match_tokens(b):
        return 0.0
    factor = 1.0
    if generation(a) != generation(b):
        factor *= GENERATION_PENALTY
    ga, gb = title_gender(a), title_gender(b)
    if ga and gb and ga != gb:
        factor *= GENDER_PENALTY
    if _other_given_names(match_tokens(a), match_tokens(b)):
        factor *= GIVEN_NAME_PENALTY
    return factor


def _other_given_names(ta: Sequence[str], tb: Sequence[str]) -> bool:
    """Both names have a given name and a surname, the surnames agree, and neither given name is found anywhere in
    the other name: relatives ("Hillary Clinton" / "Bill Clinton"), not one person."""
    if len(ta) < 2 or len(tb) < 2 or len(ta[0]) < 2 or len(tb[0]) < 2 or not tokens_agree(ta[-1], tb[-1]):
        return False
    return not any(tokens_agree(ta[0], t) for t in tb) and not any(tokens_agree(tb[0], t) for t in ta)


def name_score(a: str, b: str, model: NameModel | None = None) -> float:
    """The probability in [0, 1] that two written names can be one person's name (see the module docstring)."""
    m = model or default_model()
    return m.probability(pair_features(a, b, m)) * penalty(a, b)


def explain(a: str, b: str, model: NameModel | None = None) -> str:
    """A table of the features of a pair, what each adds to the log-odds, and the score."""
    m = model or default_model()
    values = pair_features(a, b, m)
    lines = [f"{a!r} / {b!r}", f"{'feature':<18}{'value':>8}{'adds':>8}"]
    for name, value, part in zip(m.features, values, m.contributions(values), strict=True):
        lines.append(f"{name:<18}{value:>8.3f}{part:>+8.2f}")
    lines.append(f"{'intercept':<26}{m.intercept:>+8.2f}")
    factor = penalty(a, b)
    if factor < 1.0:
        lines.append(f"penalty x{factor:.2f} (a generational suffix or gendered titles disagree)")
    score = m.probability(values) * factor
    verdict = "can be one person's name" if score >= m.threshold else "two names"
    lines.append(f"score {score:.4f} (threshold {m.threshold:.4f}): {verdict}")
    return "\n".join(lines)


def score_pairs(pairs: Iterable[tuple[str, str]], model: NameModel | None = None) -> list[float]:
    """``name_score`` of many pairs at once (the additive model evaluated per feature column with numpy)."""
    import numpy as np

    m = model or default_model()
    pairs = list(pairs)
    if not pairs:
        return []
    x = np.array([pair_features(a, b, m) for a, b in pairs], dtype=float)
    z = np.full(len(pairs), m.intercept)
    for f, (knots, values) in enumerate(zip(m.knots, m.values, strict=True)):
        z += np.interp(x[:, f], knots, values)
    probability = 1.0 / (1.0 + np.exp(-np.clip(z, -60.0, 60.0)))
    return [float(p) * penalty(a, b) for p, (a, b) in zip(probability, pairs, strict=True)]


__all__ = [
    "FEATURES",
    "NameModel",
    "default_model",
    "explain",
    "match_tokens",
    "name_score",
    "pair_features",
    "score_pairs",
    "token_score",
]
