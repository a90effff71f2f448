"""The clusterer's state in a store: report features as JSON, line keys and embeddings as bytes, and a fingerprint
of what produced them, so that ``rashomon events`` takes only the reports that arrived since its last run.

A state saved under other settings, another feature version or another embedding model cannot be extended (its
scores would not be comparable): ``fingerprint`` tells them apart, and the caller starts again from every report.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from typing import Any

import numpy as np

from rashomon.cluster.features import ReportFeatures
from rashomon.cluster.settings import ClusterSettings
from rashomon.cluster.state import SavedReport

FEATURES_VERSION = 1  # bump when extract_features reads reports differently


def fingerprint(settings: ClusterSettings) -> str:
    """What saved features and scores depend on: the settings, the feature version and the embedding model."""
    parts: dict[str, Any] = {"features": FEATURES_VERSION, "settings": asdict(settings)}
    if settings.embedding_weight > 0:
        from rashomon.embed import model_files

        model, tokenizer = model_files()
        parts["model"] = [model.name, model.stat().st_size, tokenizer.stat().st_size]
    text = json.dumps(parts, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


def features_to_json(f: ReportFeatures) -> str:
    return json.dumps(
        {
            "id": f.id,
            "key": f.key,
            "title": f.title,
            "terms": dict(f.terms),
            "names": dict(f.names),
            "years": {str(y): n for y, n in f.years.items()},
            "day": f.day,
            "lead": f.lead,
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )


def features_from_json(text: str) -> ReportFeatures:
    d = json.loads(text)
    return ReportFeatures(
        id=d["id"],
        key=d["key"],
        title=d["title"],
        terms=d["terms"],
        names=d["names"],
        years={int(y): int(n) for y, n in d["years"].items()},
        day=d["day"],
        lead=d.get("lead", ""),
    )


def saved_to_row(r: SavedReport) -> tuple[int, str, str, bytes, str, bytes | None]:
    """(seq, report id, features JSON, line keys, top keys JSON, embedding) for the ``cluster_reports`` table."""
    vector = None if r.vector is None else np.asarray(r.vector, dtype="<f2").tobytes()
    lines = np.asarray(r.lines, dtype="<u8").tobytes()
    return r.seq, r.features.id, features_to_json(r.features), lines, json.dumps(list(r.top_keys)), vector


def saved_from_row(row: tuple[Any, ...]) -> SavedReport:
    seq, _report_id, features, lines, top_keys, vector = row
    return SavedReport(
        seq=int(seq),
        features=features_from_json(features),
        lines=np.frombuffer(lines, dtype="<u8").astype(np.uint64),
        top_keys=tuple(json.loads(top_keys)),
        vector=None if vector is None else np.frombuffer(vector, dtype="<f2").astype(np.float16),
    )
