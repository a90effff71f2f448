"""Settings: every threshold of the per-event stages with its default, in one place.

A partial override keeps the other defaults: ``replace(AlignSettings(), link=0.6)``.
"""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True, slots=True)
class AlignSettings:
    """How facts are grouped across the reports of one event and when their values conflict."""

    link: float = 0.35  # average probability of "one fact" at which two groups of facts merge
    conflict: float = 0.6  # probability two facts need for their incompatible values to count as a conflict
    negation: float = 0.95  # probability two happenings need for one asserted and one denied to be a conflict
    sole_value: float = 0.8  # how alike two figures (or times) are when each is its report's only one of its kind
    restatement: float = 0.6  # the score of two facts of one report that give the same value
    paraphrase: float = 0.6  # embedding cosine at which every fact of two sentences is compared
    relative_tolerance: float = 0.05  # two figures rounded differently agree within this relative difference
    vague_low: float = 0.85  # "about 450": the range [0.85 x, 1.15 x]
    vague_high: float = 1.15
    near_low: float = 0.9  # "nearly 300": [0.9 x, x]
    quote_overlap: float = 0.8  # share of the shorter quote's words two quotes must share to be one quote

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, float) and not 0.0 <= value <= 2.0:
                raise ValueError(f"{f.name} must be in [0, 2], not {value}")


DEFAULT_ALIGN = AlignSettings()
