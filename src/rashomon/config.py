"""Settings: every threshold of the per-event stages with its default, in one place.

A partial override keeps the other defaults: ``replace(AlignSettings(), link=0.6)``.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

MAX_EVENT_REPORTS = 1000  # an event of more reports is compared on a sample of this many (rashomon.event.sample)


@dataclass(frozen=True, slots=True)
class AlignSettings:
    """How facts are grouped across the reports of one event and when their values conflict."""

    link: float = 0.35  # average probability of "one fact" at which two groups of facts merge
    conflict: float = 0.6  # probability two facts need for their incompatible values to count as a conflict
    negation: float = 0.95  # probability two happenings need for one asserted and one denied to be a conflict
    # whether a happening one report asserts and another denies is shown as a dispute at all: off, because on the dev
    # gold every such flag was two different happenings told with one verb ("paid" / "did not pay" two bills)
    negation_conflicts: bool = False
    sole_value: float = 0.8  # how alike two figures (or times) are when each is its report's only one of its kind
    restatement: float = 0.6  # the score of two facts of one report that give the same value
    paraphrase: float = 0.6  # embedding cosine at which every fact of two sentences is compared
    relative_tolerance: float = 0.05  # two figures rounded differently agree within this relative difference
    vague_low: float = 0.85  # "about 450": the range [0.85 x, 1.15 x]
    vague_high: float = 1.15
    near_low: float = 0.9  # "nearly 300": [0.9 x, x]
    quote_overlap: float = 0.8  # share of the shorter quote's words two quotes must share to be one quote
    # the figure table (rashomon.event.figures): the slot model's probability that two rows of one key fill one slot
    slot_link: float = 0.5  # ... for them to corroborate each other
    slot_dispute: float = 0.70  # ... for their values, when they cannot both be true, to be shown as a dispute
    slot_margin: float = 1.0  # how much likelier (log-odds) a disputing pair must be than any other pairing of them
    slot_sure: float = 0.99  # ... at which a pair disputes without the same verb or subject a length of time needs
    slot_paraphrase: float = 0.5  # word cosine at which two reports' sentences, each with one figure, tell one figure

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, float) and not 0.0 <= value <= 2.0:
                raise ValueError(f"{f.name} must be in [0, 2], not {value}")


DEFAULT_ALIGN = AlignSettings()


@dataclass(frozen=True, slots=True)
class SummarySettings:
    """How the cited summary picks, orders and cites report sentences (see ``rashomon.event.summary``)."""

    words: int | None = None  # the length in words; None: grows with the square root of the reports' length
    words_per_root: float = 7.0  # automatic length: this many words per square root of the reports' total words
    min_words: int = 40  # bounds of the automatic length
    max_words: int = 300
    min_sentence_words: int = 6  # shorter sentences are headings, captions or fragments
    max_sentence_words: int = 80  # longer ones are run-together lines of a scraped page
    redundancy: float = 0.7  # embedding cosine to a chosen sentence at which a candidate says nothing new
    support_similarity: float = 0.6  # cosine a sentence of another report needs before its facts are checked
    support_coverage: float = 0.7  # share of a summary sentence's content words that a supporting sentence states
    conflicts: bool = True  # name each disputed fact of a chosen sentence, with its values and sources

    def __post_init__(self) -> None:
        if self.words is not None and self.words < 1:
            raise ValueError(f"words must be at least 1, not {self.words}")
        if not 0 < self.min_words <= self.max_words:
            raise ValueError(f"need 0 < min_words <= max_words, not {self.min_words} and {self.max_words}")
        for name in ("redundancy", "support_similarity", "support_coverage"):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise ValueError(f"{name} must be in [0, 1], not {value}")


DEFAULT_SUMMARY = SummarySettings()
