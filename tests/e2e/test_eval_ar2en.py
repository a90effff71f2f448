"""Ranking Arabic names against English spellings (rashomon.eval.names) on the Google ar2en eval split stays above a
pinned floor, and the ranking protocol counts ties against the right name.

The floor sits 0.02 under what script_similarity measured when it was pinned (accuracy@1 0.9937, MRR 0.9956 on the
1,431 eval pairs, 100 candidates, seed 0); the full split takes about 5 s. Needs ../shared/data/names/google_ar2en.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from rashomon.eval.corpora import CorpusError
from rashomon.eval.names import ar2en_path, ar2en_rank, format_ar2en
from rashomon.romanize import script_similarity
from tests.conftest import SHARED

DATA = SHARED / "data"
FLOOR_ACCURACY_AT_1 = 0.97
FLOOR_MRR = 0.975


@pytest.mark.skipif(
    not ar2en_path("eval", DATA).is_file(),
    reason=f"{ar2en_path('eval', DATA)} is absent (../shared/data holds the evaluation data)",
)
def test_script_similarity_ranks_the_right_english_name_first() -> None:
    result = ar2en_rank(script_similarity, DATA, split="eval")
    assert result.pairs == 1431 and result.candidates == 100
    assert result.accuracy_at_1 >= FLOOR_ACCURACY_AT_1
    assert result.mrr >= FLOOR_MRR
    assert result.accuracy_at_5 >= result.accuracy_at_1


@pytest.mark.skipif(
    not ar2en_path("eval", DATA).is_file(),
    reason=f"{ar2en_path('eval', DATA)} is absent (../shared/data holds the evaluation data)",
)
def test_the_name_matcher_ranks_the_right_english_name_first_on_the_first_400_eval_pairs() -> None:
    from rashomon.eval.names import rank_pairs, read_ar2en
    from rashomon.matcher import name_score

    # the whole split through the matcher gives 0.9902 at 1 (rashomon eval ar2en, about 25 s); 400 pairs (0.9825)
    # keep CI fast
    result = rank_pairs(name_score, read_ar2en("eval", DATA)[:400], "eval", candidates=100)
    assert result.accuracy_at_1 >= 0.96


def _tiny_split(root: Path) -> Path:
    folder = root / "names" / "google_ar2en"
    folder.mkdir(parents=True)
    lines = ["آرثر\tarthur", "أسامة\tosama", "محمد\tmohammed", "بشار\tbashar", "حافظ\thafez", "\tempty"]
    (folder / "ar2en-eval.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


def test_ties_count_against_the_right_name(tmp_path: Path) -> None:
    data = _tiny_split(tmp_path)
    constant = ar2en_rank(lambda a, e: 0.5, data, split="eval", candidates=3)
    assert constant.pairs == 5 and constant.accuracy_at_1 == 0.0
    assert constant.mrr == pytest.approx(1 / 3)


def test_a_perfect_scorer_ranks_every_name_first(tmp_path: Path) -> None:
    data = _tiny_split(tmp_path)
    answers = {"آرثر": "arthur", "أسامة": "osama", "محمد": "mohammed", "بشار": "bashar", "حافظ": "hafez"}
    result = ar2en_rank(lambda a, e: float(answers[a] == e), data, split="eval", candidates=100)
    assert result.candidates == 100 and result.accuracy_at_1 == 1.0 and result.mrr == 1.0
    assert ar2en_rank(script_similarity, data, split="eval").accuracy_at_1 == 1.0
    text = format_ar2en(result)
    assert "accuracy_at_1\t1.0000" in text and "pairs\t5" in text


def test_the_same_seed_draws_the_same_candidates(tmp_path: Path) -> None:
    data = _tiny_split(tmp_path)

    def recorded() -> list[tuple[str, str]]:
        calls: list[tuple[str, str]] = []

        def score(arabic: str, english: str) -> float:
            calls.append((arabic, english))
            return 0.0

        ar2en_rank(score, data, split="eval", candidates=3, seed=7)
        return calls

    assert recorded() == recorded()


def test_an_absent_split_is_named(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match=r"ar2en-train\.txt"):
        ar2en_rank(script_similarity, tmp_path, split="train")
