"""Which report sentences may enter a summary, and the stretch of each that is kept.

A candidate is a sentence with a finite verb, of a reasonable length, that is not page furniture (share buttons,
photo credits, sign-up forms, links), not cut short ("...") and not a quote credited to a bare pronoun ("..., he
added": a reader of the summary cannot tell who). A leading dateline ("WASHINGTON (AP) — ") is cut off, nothing else
is changed, so a candidate is always a verbatim stretch of its report.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rashomon.config import SummarySettings
from rashomon.records import AnnotatedReport, Sentence

# page furniture of scraped news pages, wherever it appears in a sentence
BOILERPLATE = re.compile(
    r"""(?ix)
    tweet\s+with\s+a\s+location | location\s+information | \bsign\s+up\b | \bsubscribe\b | \bnewsletters?\b
    | click\s+here | \bcookies?\b | privacy\s+policy | terms\s+of\s+(?:use|service) | all\s+rights\s+reserved
    | \bcopyright\b | © | https?:// | \bwww\. | \b\S+@\S+\.[a-z]{2,}\b | \bjavascript\b | your\s+browser
    | getty\s+images | \bap\s+photo\b | story\s+continues | follow\s+us | share\s+this | \bbyline\b
    | contributed\s+to\s+this\s+report | this\s+(?:article|story)\s+(?:was|has\s+been)\s+(?:updated|corrected)
    | ^\s*(?:photo|image|video|watch|read\s+more|related|advertisement|file|caption|credit|editor'?s\s+note)
      \b\s*[:|\-–—]
    """
)
# "WASHINGTON (AP) — ", "NEW YORK, N.Y. - ", "DHAKA: ", "(CNN) "
DATELINE = re.compile(
    r"""^(?:[A-Z][A-Z.'’\- ]+(?:,\s*[A-Z][A-Za-z.]+)*\s*(?:\([A-Za-z .]+\)\s*)?(?:[-—–]+|(?<=[A-Z]):)\s+
    | \((?:CNN|AP|Reuters|AFP|UPI)[^)]{0,30}\)\s*(?:[-—–]+\s*)?)""",
    re.X,
)
QUOTED = re.compile(r"“[^”]*(?:”|$)|\"[^\"]*(?:\"|$)")
PRONOUN_SPEAKER = re.compile(r"[”\"]\s*,?\s*(?:he|she|they|it)\s+(?:said|added|says|adds|continued|noted)\b", re.I)
# a sentence opening on these leans on the one before it
DANGLING_OPENERS = re.compile(r"^(?:He|She|They|It|His|Her|Their|Its|This|That|These|Those|But|And|Also|So)\b")
WORD = re.compile(r"\w+(?:[-'’]\w+)*")


@dataclass(frozen=True, slots=True)
class Candidate:
    """A sentence that may enter the summary: where it is, and the verbatim stretch of it that is kept."""

    doc: int  # index of its report in the event
    sentence: int  # index of the sentence in its report
    start: int  # the kept stretch (a dateline cut off)
    end: int
    text: str
    rank: int  # candidates of the same report before it
    words: int
    paragraph: int  # index of its paragraph in its report


def word_count(text: str) -> int:
    return len(WORD.findall(text))


def is_boilerplate(text: str) -> bool:
    return BOILERPLATE.search(text) is not None


def stands_alone(text: str) -> bool:
    """A sentence a reader can take out of its report: not credited to a bare pronoun ("he added")."""
    outside_quotes = QUOTED.sub(" ", text)
    return (
        PRONOUN_SPEAKER.search(text) is None
        and not text.lstrip().startswith(("He ", "She ", "They ", "It "))
        and re.search(r"[A-Za-z]{2}", outside_quotes) is not None  # a bare quote names no speaker
    )


def leans_on_context(text: str) -> bool:
    """Opens on a pronoun or a connective, or is credited to a bare pronoun: it needs the sentence before it."""
    return not stands_alone(text) or DANGLING_OPENERS.match(text.lstrip("“\"‘' ")) is not None


def kept_stretch(sentence: Sentence) -> tuple[int, int]:
    """The sentence's offsets without a leading dateline."""
    m = DATELINE.match(sentence.text)
    cut = m.end() if m and m.end() < len(sentence.text) else 0
    return sentence.start + cut, sentence.end


def candidates_of(docs: Sequence[AnnotatedReport], settings: SummarySettings) -> list[Candidate]:
    """Every report's candidate sentences, report by report, in reading order."""
    out = []
    for d, doc in enumerate(docs):
        rank = 0
        for k, sentence in enumerate(doc.sentences):
            start, end = kept_stretch(sentence)
            text = doc.report.text[start:end]
            words = word_count(text)
            if (
                not sentence.has_verb
                or not settings.min_sentence_words <= words <= settings.max_sentence_words
                or is_boilerplate(text)
                or text.rstrip(" ”\"'’").endswith(("...", "…"))  # a teaser cut short
                or PRONOUN_SPEAKER.search(text) is not None
            ):
                continue
            out.append(Candidate(d, k, start, end, text, rank, words, sentence.paragraph))
            rank += 1
    return out
