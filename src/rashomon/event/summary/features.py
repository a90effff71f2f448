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


def candidate_features(
    candidates: Sequence[Candidate], vectors: np.ndarray, n_docs: int, shared: Mapping[tuple[int, int], int]
) -> np.ndarray:
    """One row of FEATURES per candidate. ``shared`` counts, per (report, sentence), the facts other reports share."""
    n = len(candidates)
    out = np.zeros((n, len(FEATURES)), dtype=np.float64)
    if n == 0:
        return out
    docs = report_vectors(candidates, vectors, n_docs)
    present = [d for d in range(n_docs) if docs[d].any()]
    centroid = _unit(docs[present].mean(axis=0))
    doc_of = np.array([c.doc for c in candidates])
    sims = vectors @ vectors.T
    per_doc = {d: np.flatnonzero(doc_of == d) for d in present}
    counts = {d: len(rows) for d, rows in per_doc.items()}
    doc_words = {d: sum(candidates[int(k)].words for k in rows) for d, rows in per_doc.items()}
    leads = {d: int(rows[0]) for d, rows in per_doc.items()}
    report_centrality = {}
    for d in present:
        others = [o for o in present if o != d]
        report_centrality[d] = float(docs[d] @ _unit(docs[others].mean(axis=0))) if others else 1.0
    for k, c in enumerate(candidates):
        best = [float(sims[k, per_doc[o]].max()) for o in present if o != c.doc]
        to_leads = [float(sims[k, leads[o]]) for o in present if o != c.doc]
        quoted = sum(len(m.group()) for m in QUOTED.finditer(c.text))
        end = c.text.rstrip("”\"’') ")[-1:]
        values = {
            "lead": 1.0 / (1 + c.rank),
            "relative_position": c.rank / max(1, counts[c.doc] - 1),
            "centrality": float(vectors[k] @ centroid),
            "report_centrality": report_centrality[c.doc],
            "support": float(np.mean(best)) if best else 0.0,
            "shared_facts": math.log1p(shared.get((c.doc, c.sentence), 0)),
            "length": math.log(max(1, c.words)),
            "report_length": math.log(max(1, doc_words[c.doc])),
            "quoted": quoted / max(1, len(c.text)),
            "leans_on_context": float(leans_on_context(c.text)),
            "figure": float(any(ch.isdigit() for ch in c.text)),
            "question": float(end == "?"),
            "unfinished": float(end not in (".", "!", "?")),
            "lead_similarity": float(np.mean(to_leads)) if to_leads else 0.0,
        }
        out[k] = [values[name] for name in FEATURES]
    return out
