"""What is known of a candidate sentence when ranking it: where it stands, how central it is to the event, how many
other reports say the same, and signs that it reads badly out of context.

Vectors are unit sentence embeddings; a report's vector is the mean of its candidates' vectors and the event's
centroid the mean of its reports' vectors (each report weighs the same, whatever its length).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np

from rashomon.event.summary.candidates import QUOTED, Candidate, leans_on_context

FEATURES = (
    "lead",  # 1 / (1 + rank among its report's candidates)
    "relative_position",  # rank over the report's candidates, 0 (first) to 1 (last)
    "centrality",  # cosine to the event's centroid
    "report_centrality",  # cosine of its report's vector to the centroid of the other reports
    "support",  # mean over the other reports of the best cosine to one of their sentences
    "shared_facts",  # log(1 + facts it states that other reports state too), from the aligned claims
    "length",  # log of its words
    "report_length",  # log of its report's candidate words
    "quoted",  # share of its characters inside quotation marks
    "leans_on_context",  # opens on a pronoun or a connective
    "figure",  # holds a digit
    "question",  # ends with a question mark
    "unfinished",  # ends without a full stop, question or exclamation mark (a heading, a caption)
    "lead_similarity",  # mean over the other reports of the cosine to their first candidate
)


def _unit(v: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(v))
    return v / norm if norm > 0 else v


def report_vectors(candidates: Sequence[Candidate], vectors: np.ndarray, n_docs: int) -> np.ndarray:
    out = np.zeros((n_docs, vectors.shape[1]), dtype=np.float32)
    for d in range(n_docs):
        rows = [n for n, c in enumerate(candidates) if c.doc == d]
        if rows:
            out[d] = _unit(vectors[rows].mean(axis=0))
    return out


SAMPLE_REPORTS = 60  # "support" and "lead_similarity" read at most this many other reports (evenly spread)
ROW_BLOCK = 2048  # candidates compared at a time (memory: a block times the sampled reports' candidates)


def _sampled(present: Sequence[int]) -> list[int]:
    if len(present) <= SAMPLE_REPORTS:
        return list(present)
    step = len(present) / SAMPLE_REPORTS
    return [present[int(k * step)] for k in range(SAMPLE_REPORTS)]


def _other_reports(
    vectors: np.ndarray,
    doc_of: np.ndarray,
    per_doc: Mapping[int, np.ndarray],
    leads: Mapping[int, int],
    docs: list[int],
) -> tuple[np.ndarray, np.ndarray]:
    """Per candidate: the mean over the other reports (of ``docs``) of its best cosine to one of their candidates,
    and the mean of its cosine to their first candidates; a block of candidates at a time, never a matrix of all
    candidates against all."""
    n = len(vectors)
    support = np.zeros(n)
    to_leads = np.zeros(n)
    if not docs:
        return support, to_leads
    cols = np.concatenate([per_doc[d] for d in docs])
    starts = np.cumsum([0] + [len(per_doc[d]) for d in docs[:-1]])
    lead_rows = np.array([leads[d] for d in docs])
    doc_ids = np.array(docs)
    for start in range(0, n, ROW_BLOCK):
        block = vectors[start : start + ROW_BLOCK]
        best = np.maximum.reduceat(block @ vectors[cols].T, starts, axis=1)  # (block, docs)
        lead = block @ vectors[lead_rows].T
        other = doc_of[start : start + len(block), None] != doc_ids[None, :]
        count = other.sum(axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            support[start : start + len(block)] = np.where(count > 0, (best * other).sum(axis=1) / count, 0.0)
            to_leads[start : start + len(block)] = np.where(count > 0, (lead * other).sum(axis=1) / count, 0.0)
    return support, to_leads


def candidate_features(
    candidates: Sequence[Candidate], vectors: np.ndarray, n_docs: int, shared: Mapping[tuple[int, int], int]
) -> np.ndarray:
    """One row of FEATURES per candidate. ``shared`` counts, per (report, sentence), the facts other reports share.
    With more than ``SAMPLE_REPORTS`` reports, "support" and "lead_similarity" are means over an even sample of the
    other reports (the cost stays linear in the candidates)."""
    n = len(candidates)
    out = np.zeros((n, len(FEATURES)), dtype=np.float64)
    if n == 0:
        return out
    docs = report_vectors(candidates, vectors, n_docs)
    present = [d for d in range(n_docs) if docs[d].any()]
    centroid = _unit(docs[present].mean(axis=0))
    doc_of = np.array([c.doc for c in candidates])
    per_doc = {d: np.flatnonzero(doc_of == d) for d in present}
    counts = {d: len(rows) for d, rows in per_doc.items()}
    doc_words = {d: sum(candidates[int(k)].words for k in rows) for d, rows in per_doc.items()}
    leads = {d: int(rows[0]) for d, rows in per_doc.items()}
    total = docs[present].sum(axis=0)
    report_centrality = {}
    for d in present:
        rest = total - docs[d]
        report_centrality[d] = float(docs[d] @ _unit(rest)) if len(present) > 1 else 1.0
    support, to_leads = _other_reports(vectors, doc_of, per_doc, leads, _sampled(present))
    for k, c in enumerate(candidates):
        quoted = sum(len(m.group()) for m in QUOTED.finditer(c.text))
        end = c.text.rstrip("”\"’') ")[-1:]
        values = {
            "lead": 1.0 / (1 + c.rank),
            "relative_position": c.rank / max(1, counts[c.doc] - 1),
            "centrality": float(vectors[k] @ centroid),
            "report_centrality": report_centrality[c.doc],
            "support": float(support[k]),
            "shared_facts": math.log1p(shared.get((c.doc, c.sentence), 0)),
            "length": math.log(max(1, c.words)),
            "report_length": math.log(max(1, doc_words[c.doc])),
            "quoted": quoted / max(1, len(c.text)),
            "leans_on_context": float(leans_on_context(c.text)),
            "figure": float(any(ch.isdigit() for ch in c.text)),
            "question": float(end == "?"),
            "unfinished": float(end not in (".", "!", "?")),
            "lead_similarity": float(to_leads[k]),
        }
        out[k] = [values[name] for name in FEATURES]
    return out
