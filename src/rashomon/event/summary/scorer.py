"""The sentence scorer: a linear model over FEATURES (a ridge regression of how much of a sentence human summaries
hold), fitted by bench/train_summary.py on Multi-News and shipped as ``rashomon/data/summary-model.json``."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

import numpy as np

from rashomon.event.summary.features import FEATURES

MODEL_FILE = "data/summary-model.json"


@dataclass(frozen=True, slots=True)
class SentenceModel:
    """Weights over standardised features: score = ((x - mean) / scale) . weights + bias."""

    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    bias: float

    def score(self, x: np.ndarray) -> np.ndarray:
        if len(x) == 0:
            return np.zeros(0)
        return np.asarray(((x - self.mean) / self.scale) @ self.weights + self.bias, dtype=np.float64)


def model_from_json(data: Mapping[str, object]) -> SentenceModel:
    """The model a JSON object describes (keys ``features``, ``mean``, ``scale``, ``weights``, ``bias``); a feature it
    lacks weighs nothing, one it has that FEATURES lacks is an error (the file is older than the code)."""
    names = list(data["features"])  # type: ignore[call-overload]
    unknown = [n for n in names if n not in FEATURES]
    if unknown:
        raise ValueError(f"the summary model has unknown features {unknown}; rebuild it with bench/train_summary.py")
    columns = {name: k for k, name in enumerate(names)}
    out = []
    for key, default in (("mean", 0.0), ("scale", 1.0), ("weights", 0.0)):
        given = list(data[key])  # type: ignore[call-overload]
        out.append(np.array([float(given[columns[f]]) if f in columns else default for f in FEATURES]))
    mean, scale, weights = out
    return SentenceModel(mean, np.where(scale > 0, scale, 1.0), weights, float(data["bias"]))  # type: ignore[arg-type]


@lru_cache(maxsize=1)
def default_model() -> SentenceModel:
    return model_from_json(json.loads(files("rashomon").joinpath(MODEL_FILE).read_text(encoding="utf-8")))
