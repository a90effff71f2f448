"""Name similarity that knows how news spells names: transliterations, particles, initials, nicknames.

"Osama al-Muhajer" and "Usamah al-Muhajir" are one romanised Arabic name: with vowels dropped (an initial vowel kept
as a vowel), a final "h" after a vowel dropped and doubled letters collapsed, both read "Vsm mhjr". The score is
approximate by design: a high score says two spellings can be one name, not that they are one person; resolution
adds the context (same event, compatible given names).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

PARTICLES = frozenset(
    [
        "al",
        "el",
        "ul",
        "ad",
        "as",
        "ash",
        "at",
        "az",
        "ar",
        "an",
        "the",
        "de",
        "del",
        "della",
        "di",
        "da",
        "du",
        "van",
        "von",
        "der",
        "den",
        "le",
        "la",
    ]
)
TITLES = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "prof",
        "sir",
        "dame",
        "lord",
        "lady",
        "gen",
        "general",
        "lt",
        "lieutenant",
        "col",
        "colonel",
        "maj",
        "major",
        "capt",
        "captain",
        "sgt",
        "sergeant",
        "adm",
        "admiral",
        "president",
        "minister",
        "sheikh",
        "imam",
        "rev",
    ]
)
# job titles news glues before a name ("Social Security Commissioner David Black"): the name starts after the last one
JOB_TITLES = frozenset(
    """commissioner secretary chairman chairwoman chair director governor senator sen rep representative mayor judge
    justice chief spokesman spokeswoman spokesperson ambassador attorney prosecutor sheriff undersheriff officer
    inspector superintendent commander coach manager ceo chancellor premier king queen prince princess pope trooper
    deputy detective constable corporal cpl patrolman firefighter marshal ranger warden""".split()
)
SINGLE_TOKEN_WEIGHT = 0.85
GENERATION_PENALTY = 0.5  # "Donald Trump" / "Donald Trump Jr.": the same words, two people
_DIGRAPHS = (
    ("dzh", "j"),  # Cyrillic and Central Asian: Dzhafar / Jafar, Zhalolov / Jalolov, Djouadi / Jouadi
    ("zh", "j"),
    ("dj", "j"),
    ("x", "ks"),  # Alexei / Aleksey
    ("ph", "f"),
    ("ck", "k"),
    ("q", "k"),
    ("dh", "d"),
    ("th", "t"),
    ("kh", "k"),
    ("gh", "g"),
    ("ou", "u"),
    ("oo", "u"),
    ("ee", "i"),
    ("w", "u"),
    ("y", "i"),
    ("j", "j"),
    ("c", "k"),
    ("z", "s"),
)


_APOSTROPHES = re.compile(r"['’ʼ`ʻ]")
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case, accents removed, apostrophes dropped, other punctuation as spaces."""
    if text.isascii():
        plain = text.lower()
    else:
        decomposed = unicodedata.normalize("NFKD", text)
        plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    plain = _APOSTROPHES.sub("", plain)
    return " ".join(_NOT_ALNUM.sub(" ", plain).split())


# a generational suffix tells a son from his father: "Donald Trump Jr." is not "Donald Trump"
GENERATIONS = {"jr": "junior", "junior": "junior", "sr": "senior", "senior": "senior", "ii": "2", "iii": "3", "iv": "4"}


# degrees and honours written after a name and a comma ("Regina Benjamin, M.D., M.B.A."); an age ("Eric Kirk, 61")
POST_NOMINALS = frozenset(
    "md phd mba mph jd llm dds dmd rn np pa esq qc kc mp mep obe mbe cbe kbe frs facs dphil msc bsc ret".split()
)


def without_post_nominals(name: str) -> str:
    """A name without degrees, honours or an age after a comma: "Regina Benjamin, M.D., M.B.A." -> Regina Benjamin.
    A list's "SURNAME, Given" order is left alone (the part after the comma is a name, not a degree)."""
    head, *tail = name.split(",")
    if not tail or not head.strip():
        return name
    for k, piece in enumerate(tail):
        key = fold(piece).replace(" ", "")
        if key and not key.isdigit() and key not in POST_NOMINALS:
            return ",".join([head, *tail[:k]]) if k else name
    return head.strip()


@lru_cache(maxsize=65536)
def name_tokens(name: str) -> tuple[str, ...]:
    """Folded tokens of a personal name without titles, particles or a generational suffix, and without the words of a
    job title glued before it ("Gen. Michael al-Kurilla" -> michael kurilla; "Donald Trump Jr." -> donald trump;
    "Social Security Commissioner David Black" -> david black)."""
    words = fold(without_post_nominals(name)).split()
    titled = [k for k, w in enumerate(words[:-1]) if w in JOB_TITLES or w in TITLES]
    if titled:
        words = words[titled[-1] + 1 :]  # "social security commissioner david black" -> david black
    return tuple(w for w in words if w not in PARTICLES and w not in TITLES and w not in GENERATIONS)


@lru_cache(maxsize=65536)
def generation(name: str) -> str:
    """The generational suffix of a name ("junior", "senior", "2", "3", ...), or "" when it has none."""
    words = fold(name).split()
    return next((GENERATIONS[w] for w in reversed(words[1:]) if w in GENERATIONS), "")


def same_generation(a: str, b: str) -> bool:
    """Two names can be one person as far as their suffixes go: the same suffix, or neither has one."""
    return generation(a) == generation(b)


@lru_cache(maxsize=65536)
def skeleton(token: str) -> str:
    """A spelling-tolerant key: consonants in order, an initial vowel as 'v', final 'h' after a vowel dropped."""
    t = fold(token).replace(" ", "")
    for a, b in _DIGRAPHS:
        t = t.replace(a, b)
    if len(t) > 2 and t.endswith("h") and t[-2] in "aeiou":
        t = t[:-1]
    head = "v" if t[:1] in ("a", "e", "i", "o", "u") else t[:1]
    rest = re.sub(r"[aeiou]", "", t[1:])
    key = head + rest
    return re.sub(r"(.)\1+", r"\1", key)


@lru_cache(maxsize=65536)
def syllables(token: str) -> int:
    """Vowel groups of a token once romanization variants are folded (ou, oo, y, w): Osama and Usamah have three."""
    t = fold(token).replace(" ", "")
    for a, b in _DIGRAPHS:
        t = t.replace(a, b)
    return len(re.findall(r"[aeiou]+", t))


def same_skeleton(a: str, b: str) -> bool:
    """One name spelled two ways: the same consonant skeleton and as many vowel groups ("Omar" / "Emerio" are not)."""
    return min(len(a), len(b)) >= 3 and skeleton(a) == skeleton(b) and syllables(a) == syllables(b)


@lru_cache(maxsize=262144)
def token_similarity(a: str, b: str) -> float:
    from rapidfuzz.distance import JaroWinkler

    if a == b:
        return 1.0
    if same_skeleton(a, b):
        return 0.95
    return float(JaroWinkler.similarity(a, b))


def given_names_compatible(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Given names agree: same (up to spelling), an initial of the other, or one side has none."""
    if not a or not b:
        return True
    x, y = a[0], b[0]
    if len(x) == 1 or len(y) == 1:
        return x[0] == y[0]
    return token_similarity(x, y) >= 0.88


def name_similarity(a: str, b: str) -> float:
    """Similarity in [0, 1] of two personal names, tolerant of spelling, particles, titles and extra names.

    Each name token of the shorter name is matched to its most similar token of the other; the score is the mean of
    those best matches averaged with the weakest one, so one name that matches nothing ("Hafez" against "Bashar")
    pulls the score down however well the rest agrees. A single-token name is discounted (a surname alone says less).
    """
    ta, tb = name_tokens(a), name_tokens(b)
    if not ta or not tb:
        return 0.0
    if len(ta) > len(tb):
        ta, tb = tb, ta
    best = [max(token_similarity(x, y) for y in tb) for x in ta]
    score = SINGLE_TOKEN_WEIGHT * best[0] if len(best) == 1 else 0.5 * sum(best) / len(best) + 0.5 * min(best)
    return score if same_generation(a, b) else GENERATION_PENALTY * score


def _thresholds(labels: list[int], scores: list[float]) -> list[tuple[float, float]]:
    """(precision, recall) at every distinct score threshold, highest first; equal scores stay together."""
    ranked = sorted(zip(scores, labels, strict=True), key=lambda x: -x[0])
    positives = sum(labels)
    out, hits = [], 0
    for k, (score, label) in enumerate(ranked, start=1):
        hits += label
        if k < len(ranked) and ranked[k][0] == score:
            continue
        out.append((hits / k, hits / positives if positives else 0.0))
    return out


def average_precision(labels: list[int], scores: list[float]) -> float:
    """Average precision: the sum over thresholds of precision times the recall gained (as scikit-learn computes it)."""
    total, previous = 0.0, 0.0
    for precision, recall in _thresholds(labels, scores):
        total += (recall - previous) * precision
        previous = recall
    return total


def recall_at_precision(labels: list[int], scores: list[float], precision: float = 0.95) -> float:
    """The highest recall reachable by a threshold whose precision is at least ``precision``."""
    return max((r for p, r in _thresholds(labels, scores) if p >= precision), default=0.0)
