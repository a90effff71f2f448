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
_DIGRAPHS = (
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


def fold(text: str) -> str:
    """Lower case, accents removed, apostrophes dropped, other punctuation as spaces."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    plain = re.sub(r"['’ʼ`ʻ]", "", plain)
    return " ".join(re.sub(r"[^a-z0-9]+", " ", plain).split())


def name_tokens(name: str) -> tuple[str, ...]:
    """Folded tokens of a personal name without titles or particles ("Gen. Michael al-Kurilla" -> michael kurilla)."""
    words = fold(name).split()
    return tuple(w for w in words if w not in PARTICLES and w not in TITLES)


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


def token_similarity(a: str, b: str) -> float:
    from rapidfuzz.distance import JaroWinkler

    if a == b:
        return 1.0
    if skeleton(a) == skeleton(b) and min(len(a), len(b)) >= 3:
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
    """Similarity in [0, 1] of two personal names, surname weighted most."""
    ta, tb = name_tokens(a), name_tokens(b)
    if not ta or not tb:
        return 0.0
    surname = token_similarity(ta[-1], tb[-1])
    if len(ta) == 1 or len(tb) == 1:
        return surname * 0.9
    given = ta[:-1], tb[:-1]
    first = 1.0 if given_names_compatible(*given) else token_similarity(given[0][0], given[1][0]) * 0.6
    return 0.65 * surname + 0.35 * first
