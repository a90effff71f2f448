"""Ranking Arabic-script names against English spellings: the Google ar2en transliteration pairs as a retrieval test.

Data: ``names/google_ar2en/ar2en-<split>.txt`` under the shared data folder (``arabic<TAB>english`` single name tokens
mined from Wikipedia; ``train`` and ``eval`` splits). Protocol of :func:`ar2en_rank`:

- every line of the split is one query: its Arabic token and its English token (lines whose Arabic or English token
  is empty are skipped);
- the candidates of a query are its English token plus ``candidates - 1`` others drawn without replacement, with
  ``random.Random(seed)`` (one generator for the whole split, queries in file order), from the split's other distinct
  English tokens (sorted, so the draw depends on the file's content only; all of them when there are fewer);
- the score function is called as ``score(arabic, english)`` for each candidate; the rank of the right English token
  is 1 + the number of other candidates that score higher *or equal* (pessimistic: a tie counts against the right
  one, so a constant scorer gets accuracy@1 = 0);
- accuracy@1 and accuracy@5 are the shares of queries ranked within 1 and 5; MRR is the mean of 1 / rank.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rashomon.eval.corpora import DEFAULT_DATA, CorpusError

AR2EN_DIR = ("names", "google_ar2en")


@dataclass(frozen=True, slots=True)
class Ar2enResult:
    split: str
    pairs: int
    candidates: int
    accuracy_at_1: float
    accuracy_at_5: float
    mrr: float


def ar2en_path(split: str = "eval", data: Path = DEFAULT_DATA) -> Path:
    return data.joinpath(*AR2EN_DIR, f"ar2en-{split}.txt")


def read_ar2en(split: str = "eval", data: Path = DEFAULT_DATA) -> list[tuple[str, str]]:
    """The (arabic, english) pairs of a split, in file order."""
    path = ar2en_path(split, data)
    if not path.is_file():
        raise CorpusError(f"{path} is absent")
    pairs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        arabic, _, english = line.partition("\t")
        if arabic.strip() and english.strip():
            pairs.append((arabic.strip(), english.strip()))
    return pairs


def rank_of(score: Callable[[str, str], float], query: str, right: str, others: list[str]) -> int:
    """1 + how many of ``others`` score at least as high as ``right`` (ties count against it)."""
    target = score(query, right)
    return 1 + sum(1 for other in others if score(query, other) >= target)


def _draw(rng: random.Random, names: list[str], skip: int, k: int) -> list[str]:
    """``k`` names drawn without replacement from ``names`` less the one at index ``skip``."""
    picks = rng.sample(range(len(names) - 1), min(k, len(names) - 1))
    return [names[i + 1 if i >= skip else i] for i in picks]


def ar2en_rank(
    score: Callable[[str, str], float],
    data: Path = DEFAULT_DATA,
    split: str = "eval",
    candidates: int = 100,
    seed: int = 0,
) -> Ar2enResult:
    """Rank each pair's English token among ``candidates`` English tokens of the split (see the module docstring)."""
    return rank_pairs(score, read_ar2en(split, data), split, candidates, seed)


def rank_pairs(
    score: Callable[[str, str], float],
    pairs: list[tuple[str, str]],
    split: str = "",
    candidates: int = 100,
    seed: int = 0,
) -> Ar2enResult:
    """:func:`ar2en_rank` on given pairs: the candidates are drawn from these pairs' English tokens."""
    names = sorted({english for _, english in pairs})
    where = {name: k for k, name in enumerate(names)}
    rng = random.Random(seed)
    ranks = []
    for arabic, english in pairs:
        ranks.append(rank_of(score, arabic, english, _draw(rng, names, where[english], candidates - 1)))
    n = len(ranks)
    return Ar2enResult(
        split=split,
        pairs=n,
        candidates=candidates,
        accuracy_at_1=sum(r == 1 for r in ranks) / n if n else 0.0,
        accuracy_at_5=sum(r <= 5 for r in ranks) / n if n else 0.0,
        mrr=sum(1 / r for r in ranks) / n if n else 0.0,
    )


def format_ar2en(result: Ar2enResult) -> str:
    """Tab-separated metric lines, as ``rashomon names score --eval`` prints them."""
    return "\n".join(
        [
            f"split\t{result.split}",
            f"pairs\t{result.pairs}",
            f"candidates\t{result.candidates}",
            f"accuracy_at_1\t{result.accuracy_at_1:.4f}",
            f"accuracy_at_5\t{result.accuracy_at_5:.4f}",
            f"mrr\t{result.mrr:.4f}",
        ]
    )
