"""Cheap per-report features for event clustering: no parser, only regular expressions over the text.

- content words: lower-cased word tokens without stop words, a crude plural strip, sublinear term frequency
  (``1 + log tf``) with the title's words counted ``title_weight`` times;
- names: capitalised words not at the start of a sentence (a proxy for entities: people, places, organisations),
  each word on its own so that a surname alone still meets the full name; a title written in Title Case gives none;
- years (1900-2099) mentioned in the text, with their counts;
- the publication day, when the report has one;
- the lead: the title and the first words of the body, for a sentence embedding (computed by the clusterer).

Only one thing here depends on other reports: lines that the clusterer has seen in many reports of the feed (page
furniture such as share buttons, newsletter offers, archive notices) are left out before reading (``common_lines``).
Weights that depend on the feed (inverse document frequency) are applied by the clusterer.
"""

from __future__ import annotations

import hashlib
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Container, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

from rashomon.records import Report

_WORD = re.compile(r"[^\W\d_](?:[^\W_]|['’\-](?=[^\W_]))*|\d+(?:[.,]\d+)*", re.UNICODE)
_CAPITALISED = re.compile(r"[A-Z][^\W_]*(?:['’\-][^\W_]+)*")
_SENTENCE_END = re.compile(r"[.!?:;\"“”]\s*$|^\s*$")
_YEAR = re.compile(r"(?<![\d.,])(19\d\d|20\d\d)(?![\d.,]\d)")
_TITLE_MAX = 200
_LEAD_PREFIX = re.compile(r"^\s*TITLE=>.*?ARTICLE=>\s*", re.DOTALL)


@dataclass(frozen=True, slots=True)
class ReportFeatures:
    """What the clusterer knows of one report. Term and name weights are sublinear counts, not yet IDF-weighted."""

    id: str
    key: str  # the content hash, or the id when the report has none: what cluster ids are made from
    title: str
    terms: Mapping[str, float]
    names: Mapping[str, float]
    years: Mapping[int, int]
    day: int | None  # proleptic ordinal of the publication date
    lead: str = ""  # the title and the body's first words: what the sentence embedding reads


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    from rashomon import lexicon

    english = lexicon.words("stop-words")

    extra = {
        "said",
        "says",
        "say",
        "told",
        "would",
        "could",
        "also",
        "new",
        "like",
        "just",
        "year",
        "years",
        "time",
        "people",
        "according",
        "reported",
        "report",
        "reports",
        "news",
        "including",
        "it's",
        "i'm",
        "don't",
        "didn't",
        "that's",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    }
    return frozenset(english) | extra


def title_of(report: Report) -> str:
    """The report's title, else its first line when that line is short and more text follows."""
    if report.title and report.title.strip():
        return report.title.strip()
    first, _, rest = report.text.strip().partition("\n")
    first = first.strip()
    return first if rest.strip() and len(first) <= _TITLE_MAX else ""


def body_of(report: Report, title: str) -> str:
    """The text without a leading copy of the title (or an inline ``TITLE=> ... ARTICLE=>`` prefix)."""
    text = _LEAD_PREFIX.sub("", report.text, count=1)
    stripped = text.lstrip()
    return stripped[len(title) :] if title and stripped.startswith(title) else text


def normalise_word(word: str) -> str:
    """Lower case, accents folded ("Ibáñez" and "Ibanez" are one word), a possessive or plural ending dropped."""
    w = word.lower().replace("’", "'")
    if not w.isascii():
        w = "".join(c for c in unicodedata.normalize("NFKD", w) if not unicodedata.combining(c))
    if w.endswith("'s"):
        w = w[:-2]
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


@lru_cache(maxsize=1 << 18)
def _kept_word(word: str) -> str | None:
    """The word normalised, or None for a stop word or a one-letter word (cached: a feed repeats its words)."""
    w = normalise_word(word)
    return w if len(w) > 1 and w not in stop_words() else None


def _kept(words: Iterable[str], limit: int) -> list[str]:
    """Words normalised, stop words and one-letter words left out, the first ``limit``."""
    out: list[str] = []
    for word in words:
        w = _kept_word(word)
        if w is not None:
            out.append(w)
            if len(out) >= limit:
                break
    return out


def content_words(text: str, limit: int) -> list[str]:
    words = (m.group() for m in _WORD.finditer(text))
    return _kept((w for w in words if len(w) >= 2 or w.isdigit()), limit)


def is_title_case(title: str) -> bool:
    words = [w for w in _WORD.findall(title) if w[0].isalpha() and len(w) > 3]
    return bool(words) and sum(w[0].isupper() for w in words) >= 0.6 * len(words)


def name_words(text: str, limit: int) -> list[str]:
    """Capitalised words that do not open a sentence (or a line), lower-cased; stop words left out."""
    return _kept(_inner_capitalised(text), limit)


def _inner_capitalised(text: str) -> Iterator[str]:
    for m in _CAPITALISED.finditer(text):
        before = text[max(0, m.start() - 3) : m.start()]
        if m.start() == 0 or _SENTENCE_END.search(before) or "\n" in before:
            continue
        word = m.group()
        if not (word.isupper() and len(word) > 5):  # shouting, not an acronym
            yield word


def sublinear(counts: Counter[str]) -> dict[str, float]:
    return {k: 1.0 + math.log(v) for k, v in counts.items()}


def publication_day(published: str | None) -> int | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10]).toordinal()
    except ValueError:
        return None


def line_key(line: str) -> int:
    """A stable key of a line, case and spacing folded (the same on every run, unlike ``hash``)."""
    folded = " ".join(line.lower().split())
    return int.from_bytes(hashlib.blake2b(folded.encode("utf-8"), digest_size=8).digest(), "big")


def line_keys(text: str) -> set[int]:
    """The keys of a text's non-blank lines."""
    return {line_key(line) for line in text.splitlines() if line.strip()}


def without_lines(report: Report, common: Container[int]) -> Report:
    """The report without its lines whose keys are in ``common``."""
    lines = report.text.splitlines()
    kept = [line for line in lines if not line.strip() or line_key(line) not in common]
    return report if len(kept) == len(lines) else replace(report, text="\n".join(kept))


def lead_of(title: str, body: str, words: int) -> str:
    """The title and the first ``words`` words of the body, as one line of text."""
    head = " ".join(body.split()[:words])
    if not title:
        return head
    return f"{title}{'' if title[-1] in '.!?' else '.'} {head}".strip()


def extract_features(
    report: Report,
    *,
    title_weight: int = 3,
    max_words: int = 400,
    lead_words: int = 40,
    common_lines: Container[int] = frozenset(),
) -> ReportFeatures:
    """Features of one report; ``max_words`` content words of the body are read (the lead carries the event), and
    ``lead_words`` words after the title make the lead. Lines whose keys are in ``common_lines`` are not read."""
    report = without_lines(report, common_lines)
    title = title_of(report)
    body = body_of(report, title)
    body_words = content_words(body, max_words)
    title_words = content_words(title, 50)
    words = Counter(body_words)
    for w in title_words:
        words[w] += title_weight
    names = Counter(name_words(body, max_words))
    if title and not is_title_case(title):
        for w in name_words(title, 50):
            names[w] += 1
    years = Counter(int(y) for y in _YEAR.findall(title + "\n" + body[: max_words * 8]))
    return ReportFeatures(
        id=report.id,
        key=report.content_hash or report.id,
        title=title,
        terms=sublinear(words),
        names=sublinear(names),
        years=dict(years),
        day=publication_day(report.published),
        lead=lead_of(title, body, lead_words),
    )
