"""The clusterer's thresholds and weights, one configuration for every feed (chosen on ECB+, AllSides, Multi-News)."""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True, slots=True)
class ClusterSettings:
    """How alike two reports must be to tell of one event, and how the candidates are found.

    The score of two reports is ``(1 - name_weight) * terms + name_weight * names + year_weight * years
    - day_weight * min(1, days apart / day_window) + embedding_weight * (lead - embedding_center)``: ``terms`` and
    ``names`` are cosines of IDF-weighted vectors, ``lead`` the cosine of the sentence embeddings (MiniLM) of the
    title and the first ``embedding_words`` words of the body,
    ``years`` is +1 when both mention a common year, -1 when both mention years and none in common, else 0;
    the day term applies only when both reports have a publication date. Clusters are merged by average linkage
    while their average score reaches ``threshold``; then each cluster of at most ``attach_size`` reports joins the
    cluster its reports score best with on average, when that average reaches ``attach_threshold``. A line found in
    at least ``boilerplate_reports`` reports of the feed is page furniture and is not read.

    Candidates for exact scoring come from an inverted index on each report's ``top_keys`` words and from the
    ``neighbours`` nearest embeddings in an approximate nearest-neighbour index (usearch HNSW). With
    ``embedding_weight`` 0 no model is loaded and only the word index finds candidates.
    """

    threshold: float = 0.27
    attach_threshold: float = 0.12  # the average score at which a small cluster joins its best-scoring cluster
    attach_size: int = 1  # clusters of at most this many reports are attached after linkage
    boilerplate_reports: int = 5  # a line (case and spacing folded) in this many reports is not read
    name_weight: float = 0.15
    year_weight: float = 0.05
    day_weight: float = 0.1
    day_window: float = 14.0  # days apart at which the whole day penalty applies
    title_weight: int = 3  # a title word counts as this many body words
    max_words: int = 400  # content words read from a report's body (the lead carries the event)
    top_keys: int = 8  # a report's highest-weighted words that the candidate index looks up
    max_postings: int = 5000  # a word in more reports than this is too common to find candidates with
    recent_postings: int = 1000  # of the reports holding a word, the latest this many are looked up
    max_candidates: int = 50  # candidates scored exactly per report, those sharing the most top words first
    max_component: int = 1500  # reports linked into one component beyond which linkage runs on the sparse edges
    embedding_weight: float = 0.2
    embedding_center: float = 0.6  # the lead cosine that neither raises nor lowers the score
    embedding_words: int = 30  # body words embedded after the title (40 scored the same, 25% slower)
    neighbours: int = 10  # nearest embeddings looked up per report as candidates

    @property
    def link_threshold(self) -> float:
        """The score at which two reports are linked into one component (linkage and attachment both need it)."""
        return min(self.threshold, self.attach_threshold)

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, float) and value < 0:
                raise ValueError(f"{f.name} must not be negative, not {value}")
            if isinstance(value, int) and value < 1 and f.name != "title_weight":
                raise ValueError(f"{f.name} must be at least 1, not {value}")
        if not 0.0 < self.threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1], not {self.threshold}")
        if not 0.0 <= self.name_weight <= 1.0:
            raise ValueError(f"name_weight must be in [0, 1], not {self.name_weight}")


DEFAULT_CLUSTER = ClusterSettings()
