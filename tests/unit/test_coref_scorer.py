"""The coreference scorer (MUC, B-cubed, CEAF-e) on hand-worked examples, and the ECB+ gold reading it is fed with.

No model and no shared data: the ECB+ files here are tiny hand-written ones.
"""

from __future__ import annotations

import itertools
import random
from pathlib import Path

import pytest

from rashomon.eval.coref import (
    PRF,
    CorefError,
    CorefResult,
    b_cubed,
    carries_name,
    ceaf_e,
    clusters_of,
    find_errors,
    format_errors,
    format_result,
    gold_clusters,
    gold_label,
    gold_name,
    gold_record,
    head_token,
    is_headline,
    is_name_token,
    match_mentions,
    muc,
    read_document,
    read_gold,
    result_json,
    score,
    token_offsets,
)
from rashomon.eval.corpora import ecbplus_text
from tests.unit.builders import parse_of, token_index

# The example of Pradhan et al. (2014, fig. 1), after Luo (2005): key {a,b,c} {d,e,f,g}; response {a,b} {c,d}
# {f,g,h,i}. "e" is only in the key, "h" and "i" only in the response.
KEY = [{"a", "b", "c"}, {"d", "e", "f", "g"}]
RESPONSE = [{"a", "b"}, {"c", "d"}, {"f", "g", "h", "i"}]


def close(x: PRF, p: float, r: float, f: float) -> None:
    assert x.precision == pytest.approx(p)
    assert x.recall == pytest.approx(r)
    assert x.f1 == pytest.approx(f)


# --- the scorer -------------------------------------------------------------------------------------------------


def test_muc_on_the_classic_example() -> None:
    # recall: {a,b,c} is cut by the response into {a,b} {c}: 3 - 2 = 1; {d,e,f,g} into {d} {e (missing)} {f,g}:
    #   4 - 3 = 1; over (3 - 1) + (4 - 1) = 5 -> 2/5
    # precision: {a,b} -> 1 part: 1; {c,d} -> {c} {d}: 0; {f,g,h,i} -> {f,g} {h} {i}: 1; over 1 + 1 + 3 = 5 -> 2/5
    close(muc(KEY, RESPONSE), 0.4, 0.4, 0.4)


def test_b_cubed_on_the_classic_example() -> None:
    # recall over the 7 key mentions: a 2/3, b 2/3, c 1/3, d 1/4, e 0, f 2/4, g 2/4 = 35/12 -> 35/84 = 5/12
    # precision over the 8 response mentions: a 1, b 1, c 1/2, d 1/2, f 2/4, g 2/4, h 0, i 0 = 4 -> 1/2
    # F1 = 2 * 1/2 * 5/12 / (1/2 + 5/12) = 5/11
    close(b_cubed(KEY, RESPONSE), 0.5, 5 / 12, 5 / 11)


def test_ceaf_e_on_the_classic_example() -> None:
    # phi4: K1-R1 2*2/5 = 0.8, K1-R2 2*1/5 = 0.4, K2-R2 2*1/6 = 1/3, K2-R3 2*2/8 = 0.5 (others 0)
    # best one-to-one alignment: K1-R1 + K2-R3 = 1.3 (vs 0.4 + 0.5, 0.8 + 1/3)
    # recall 1.3 / 2 key entities = 0.65, precision 1.3 / 3 response entities = 13/30, F1 = 0.52
    close(ceaf_e(KEY, RESPONSE), 13 / 30, 0.65, 0.52)


def test_conll_is_the_mean_of_the_three_f1() -> None:
    scores = score(KEY, RESPONSE)
    assert scores.conll_f1 == pytest.approx((0.4 + 5 / 11 + 0.52) / 3)  # 0.45818...
    assert scores.conll_f1 == pytest.approx(0.458182, abs=1e-6)


def test_a_perfect_response_scores_one_everywhere() -> None:
    scores = score(KEY, KEY)
    for x in (scores.muc, scores.b3, scores.ceafe):
        close(x, 1.0, 1.0, 1.0)
    assert scores.conll_f1 == pytest.approx(1.0)


def test_all_singletons_response() -> None:
    key = [{"a", "b", "c"}, {"d", "e"}]
    response = [{m} for m in "abcde"]
    # MUC: every key cluster cut into singletons keeps no link: recall 0/3; precision 0/0 -> 0
    close(muc(key, response), 0.0, 0.0, 0.0)
    # B3: recall (3 * 1/3 + 2 * 1/2) / 5 = 2/5; precision 1; F1 = 2 * 0.4 / 1.4 = 4/7
    close(b_cubed(key, response), 1.0, 0.4, 4 / 7)
    # CEAF-e: {a} with {a,b,c}: 2/4 = 0.5; {d} with {d,e}: 2/3; total 7/6
    # recall 7/6 / 2 = 7/12, precision 7/6 / 5 = 7/30, F1 = 2 * (49/360) / (49/60) = 1/3
    close(ceaf_e(key, response), 7 / 30, 7 / 12, 1 / 3)


def test_one_big_cluster_response() -> None:
    key = [{"a", "b", "c"}, {"d", "e"}]
    response = [{"a", "b", "c", "d", "e"}]
    # MUC: recall (2 + 1) / 3 = 1; precision: {a..e} cut by the key into 2 parts: (5 - 2) / 4 = 3/4; F1 6/7
    close(muc(key, response), 0.75, 1.0, 6 / 7)
    # B3: recall 1; precision (3 * 3/5 + 2 * 2/5) / 5 = 13/25; F1 = 2 * 0.52 / 1.52
    close(b_cubed(key, response), 0.52, 1.0, 2 * 0.52 / 1.52)
    # CEAF-e: phi(K1, R) = 6/8, phi(K2, R) = 4/7; one response entity: 0.75; recall 0.375, precision 0.75, F1 0.5
    close(ceaf_e(key, response), 0.75, 0.375, 0.5)


def test_twinless_mentions_count_against_both_sides() -> None:
    key = [{"a", "b"}]
    response = [{"a", "c"}]
    # MUC: b (missing) and c (spurious) are singleton parts: no link kept either way
    close(muc(key, response), 0.0, 0.0, 0.0)
    # B3: recall (a 1/2 + b 0) / 2 = 1/4; precision (a 1/2 + c 0) / 2 = 1/4
    close(b_cubed(key, response), 0.25, 0.25, 0.25)
    # CEAF-e: phi4 = 2 * 1 / (2 + 2) = 0.5 over one entity each side
    close(ceaf_e(key, response), 0.5, 0.5, 0.5)


def test_a_spurious_singleton_lowers_b3_and_ceaf_precision_but_not_muc() -> None:
    key = [{"a", "b"}]
    response = [{"a", "b"}, {"x"}]
    close(muc(key, response), 1.0, 1.0, 1.0)  # a singleton holds no link
    close(b_cubed(key, response), 2 / 3, 1.0, 0.8)  # (1 + 1 + 0) / 3
    close(ceaf_e(key, response), 0.5, 1.0, 2 / 3)  # similarity 1 over 2 response entities


def test_a_missing_mention_lowers_recall_only() -> None:
    key = [{"a", "b", "c"}]
    response = [{"a", "b"}]
    close(muc(key, response), 1.0, 0.5, 2 / 3)  # recall: {a,b} {c} -> (3 - 2) / 2
    close(b_cubed(key, response), 1.0, 4 / 9, 8 / 13)  # recall (2/3 + 2/3 + 0) / 3
    close(ceaf_e(key, response), 0.8, 0.8, 0.8)  # phi4 = 4/5


def test_mappings_and_lists_of_clusters_give_the_same_scores() -> None:
    as_map = {m: f"k{k}" for k, cluster in enumerate(KEY) for m in cluster}
    response_map = {m: k for k, cluster in enumerate(RESPONSE) for m in cluster}
    assert sorted(map(sorted, clusters_of(as_map))) == sorted(map(sorted, KEY))
    assert score(as_map, response_map) == score(KEY, RESPONSE)


def test_empty_clusterings_score_zero() -> None:
    for x in (muc(KEY, []), b_cubed(KEY, []), ceaf_e(KEY, []), muc([], []), ceaf_e([], KEY)):
        close(x, 0.0, 0.0, 0.0)


def _brute_force_ceaf(key: list[set[str]], response: list[set[str]]) -> float:
    def phi(k: set[str], r: set[str]) -> float:
        return 2 * len(k & r) / (len(k) + len(r))

    small, large, swap = (key, response, False) if len(key) <= len(response) else (response, key, True)
    best = 0.0
    for chosen in itertools.permutations(range(len(large)), len(small)):
        best = max(
            best, sum(phi(*((large[j], s) if swap else (s, large[j]))) for s, j in zip(small, chosen, strict=True))
        )
    return best


def test_ceaf_alignment_is_optimal_against_brute_force() -> None:
    rng = random.Random(7)
    for _ in range(40):
        mentions = list("abcdefghij")
        key = _random_partition(rng, mentions[: rng.randint(3, 10)])
        response = _random_partition(rng, mentions[rng.randint(0, 3) :])
        best = _brute_force_ceaf(key, response)
        x = ceaf_e(key, response)
        assert x.recall == pytest.approx(best / len(key))
        assert x.precision == pytest.approx(best / len(response))


def _random_partition(rng: random.Random, mentions: list[str]) -> list[set[str]]:
    groups: dict[int, set[str]] = {}
    for m in mentions:
        groups.setdefault(rng.randint(0, 4), set()).add(m)
    return list(groups.values())


# --- ECB+ reading -----------------------------------------------------------------------------------------------

DOC = """<Document doc_name="1_1ecbplus.xml">
<token t_id="1" sentence="0" number="0">http://example.org</token>
<token t_id="2" sentence="1" number="0">Police</token>
<token t_id="3" sentence="1" number="1">say</token>
<token t_id="4" sentence="1" number="2">Lindsay</token>
<token t_id="5" sentence="1" number="3">Lohan</token>
<token t_id="6" sentence="1" number="4">crashed</token>
<token t_id="7" sentence="2" number="0">Lohan</token>
<token t_id="8" sentence="2" number="1">was</token>
<token t_id="9" sentence="2" number="2">in</token>
<token t_id="10" sentence="2" number="3">Malibu</token>
<token t_id="11" sentence="3" number="0">She</token>
<token t_id="12" sentence="3" number="1">told</token>
<token t_id="13" sentence="3" number="2">police</token>
<Markables>
<HUMAN_PART_ORG m_id="1"><token_anchor t_id="2"/></HUMAN_PART_ORG>
<HUMAN_PART_PER m_id="2"><token_anchor t_id="4"/><token_anchor t_id="5"/></HUMAN_PART_PER>
<ACTION_OCCURRENCE m_id="3"><token_anchor t_id="6"/></ACTION_OCCURRENCE>
<HUMAN_PART_PER m_id="4"><token_anchor t_id="7"/></HUMAN_PART_PER>
<LOC_GEO m_id="5"><token_anchor t_id="9"/><token_anchor t_id="10"/></LOC_GEO>
<HUMAN_PART_PER m_id="6"><token_anchor t_id="11"/></HUMAN_PART_PER>
<HUMAN_PART_ORG m_id="7"><token_anchor t_id="13"/></HUMAN_PART_ORG>
<TIME_DATE m_id="8"><token_anchor t_id="8"/></TIME_DATE>
<HUMAN_PART_PER m_id="20" RELATED_TO="" TAG_DESCRIPTOR="lohan" instance_id="HUM1" />
<ACTION_OCCURRENCE m_id="22" RELATED_TO="" TAG_DESCRIPTOR="crash" instance_id="ACT1" />
<UNKNOWN_INSTANCE_TAG m_id="21" RELATED_TO="" TAG_DESCRIPTOR="" />
</Markables>
<Relations>
<CROSS_DOC_COREF r_id="1" note="HUM1"><source m_id="2" /><source m_id="4" /><target m_id="20" /></CROSS_DOC_COREF>
<CROSS_DOC_COREF r_id="2" note="ACT1"><source m_id="3" /><target m_id="22" /></CROSS_DOC_COREF>
<INTRA_DOC_COREF r_id="3"><source m_id="1" /><source m_id="7" /><target m_id="21" /></INTRA_DOC_COREF>
</Relations>
</Document>
"""


@pytest.fixture()
def ecb_file(tmp_path: Path) -> Path:
    path = tmp_path / "1" / "1_1ecbplus.xml"
    path.parent.mkdir()
    path.write_text(DOC, encoding="utf-8")
    return path


def test_token_offsets_follow_the_report_layout() -> None:
    sentences = [["Ellen", "DeGeneres", "returns"], ["She", "hosts"]]
    text = "\n".join(" ".join(s) for s in sentences)
    offsets = token_offsets(sentences)
    assert offsets == [[(0, 5), (6, 15), (16, 23)], [(24, 27), (28, 33)]]
    assert [text[a:b] for spans in offsets for a, b in spans] == [w for s in sentences for w in s]


def test_document_text_and_token_offsets_match_the_corpus_reader(ecb_file: Path) -> None:
    doc, _ = read_document(ecb_file)
    assert doc.text == ecbplus_text(ecb_file)  # the URL sentence 0 is skipped as there
    assert "1" not in doc.tokens
    assert all(doc.text[t.start : t.end] == t.text for t in doc.tokens.values())
    assert doc.tokens["7"].position == 0 and doc.tokens["10"].position == 3


def test_gold_clusters_cross_then_intra_then_singletons() -> None:
    clusters = gold_clusters("d", {"1", "2", "3", "4"}, [("HUM1", ["1", "2", "99"])], [("21", ["2", "3"])])
    assert clusters == {"1": "HUM1", "2": "HUM1", "3": "d/intra/21", "4": "d/4"}


def test_read_gold_keeps_entities_of_the_selected_sentences(ecb_file: Path) -> None:
    doc, mentions = read_gold(ecb_file, {1, 2})
    by_text = {g.text: g for g in mentions}
    # no event (crashed), no time (was), nothing of sentence 3 (She, police)
    assert sorted(by_text) == ["Lindsay Lohan", "Lohan", "Police", "in Malibu"]
    assert by_text["Lindsay Lohan"].cluster == by_text["Lohan"].cluster == "ecbplus:1:ecbplus/HUM1"
    assert by_text["Police"].cluster == "ecbplus:1:ecbplus/1_1ecbplus/intra/21"
    assert by_text["in Malibu"].cluster == "ecbplus:1:ecbplus/1_1ecbplus/5"
    assert all(doc.text[g.start : g.end] == g.text for g in mentions)
    _, everything = read_gold(ecb_file, None)
    assert len(everything) == 6


def test_named_mentions_of_the_file(ecb_file: Path) -> None:
    doc, mentions = read_gold(ecb_file, {1, 2})
    common = {"police", "told", "crashed", "say", "was", "in"}
    named = [g.text for g in mentions if carries_name(g.tokens, doc.sentences, common)]
    # "Police" starts its sentence and is written lower case elsewhere; "Lohan" starts one but is no common word
    assert named == ["Lindsay Lohan", "Lohan", "in Malibu"]


@pytest.mark.parametrize(
    ("word", "ambiguous", "expected"),
    [
        ("DeGeneres", False, True),  # a capital mid-sentence
        ("Navy", False, True),
        ("DeGeneres", True, True),  # sentence-initial, but not a common word
        ("Police", True, False),  # sentence-initial and a common word
        ("Police", False, True),  # mid-sentence: "Bloomington Police"
        ("The", True, False),  # function words never
        ("He", False, False),
        ("I", False, False),
        ("We've", True, False),
        ("MacFarlane's", False, True),
        ("police", False, False),  # lower case never
        ("76ers", False, False),  # no letter first
        ('"Obama', False, True),  # leading punctuation skipped
        ("@TheAcademy", False, True),
        ("NBA", True, True),  # all capitals, not a common word
        ("U.S.", True, True),  # an abbreviation with periods
        ("US", True, True),  # two capitals, "us" excepted from the function words
        ("DRIVER", False, False),  # a shouted common word
        ("WILLIAMS", True, True),
        ("Host", True, False),
    ],
)
def test_is_name_token(word: str, ambiguous: bool, expected: bool) -> None:
    common = {"police", "driver", "host", "us", "the"}
    assert is_name_token(word, case_ambiguous=ambiguous, common=common) is expected


def test_headlines_are_title_case_sentences() -> None:
    assert is_headline("Ellen DeGeneres To Host Oscars".split())
    assert not is_headline("Ellen DeGeneres will host the Oscars again".split())
    assert not is_headline("Obama Speaks".split())  # too short to tell


def test_gold_names_labels_and_records(ecb_file: Path) -> None:
    assert gold_name("in the Gulf of Aden") == "Gulf of Aden"
    assert gold_name("Seth MacFarlane's") == "Seth MacFarlane"
    assert gold_name("The") == "The"
    assert gold_label("HUMAN_PART_PER", "Obama") == "PERSON"
    assert gold_label("LOC_FAC", "Dolby Theatre") == "FAC"
    assert gold_label("NON_HUMAN_PART", "Toyota Camry") == "OTHER"
    _, mentions = read_gold(ecb_file, {1, 2})
    record = gold_record(next(g for g in mentions if g.text == "Lindsay Lohan"))
    assert (record.report, record.label, record.name, record.origin, record.strong_type) == (
        "1_1ecbplus",
        "PERSON",
        "Lindsay Lohan",
        "gold",
        True,
    )


# --- matching system mentions to gold ones ------------------------------------------------------------------------


def test_head_token_goes_through_prepositions() -> None:
    text = "He was outside the Sam 's Club in Bloomington ."
    # outside -> Club (pobj), the/Sam/'s -> Club, in -> Club, Bloomington -> in
    club = token_index(text, "Club")
    heads = {token_index(text, "outside"): 1, token_index(text, "the"): club, token_index(text, "Sam"): club}
    heads |= {token_index(text, "'s"): token_index(text, "Sam"), club: token_index(text, "outside")}
    heads |= {token_index(text, "in"): club, token_index(text, "Bloomington"): token_index(text, "in")}
    parse = parse_of(
        text, at={i: {"head": h} for i, h in heads.items()} | {token_index(text, "outside"): {"pos": "ADP"}}
    )
    start = text.index("outside")
    end = text.index(" .")
    assert head_token(parse, start, end) == (text.index("Club"), text.index("Club") + 4)
    assert head_token(parse, 0, 0) is None


def test_head_token_breaks_ties_against_prepositions_then_for_the_last() -> None:
    text = "He was at the scene in Queens ."
    at_, scene, in_ = token_index(text, "at"), token_index(text, "scene"), token_index(text, "in")
    # "the scene" hangs from "at", "in Queens" from the verb: two fragments of two tokens in the span
    at = {token_index(text, "the"): {"head": scene}, scene: {"head": at_}, in_: {"head": 1, "pos": "ADP"}}
    at[token_index(text, "Queens")] = {"head": in_}
    parse = parse_of(text, at=at)
    start = text.index("the scene")
    assert head_token(parse, start, text.index(" .")) == (text.index("scene"), text.index("scene") + 5)
    # a name the parser left in pieces (every token its own head): the last piece
    assert head_token(parse_of("Ellen DeGeneres"), 0, 15) == (6, 15)


def test_match_mentions_needs_the_gold_head() -> None:
    # gold: "in Queens" (0, 9) head "Queens" (3, 9); "a Vancouver office" (20, 38) head "office" (32, 38)
    gold = [(0, 9), (20, 38)]
    heads: list[tuple[int, int] | None] = [(3, 9), (32, 38)]
    system = [(3, 9), (22, 31)]  # "Queens", "Vancouver"
    assert match_mentions(gold, heads, system) == {0: 0}


def test_match_mentions_one_to_one_best_overlap_first() -> None:
    gold = [(0, 15)]
    heads: list[tuple[int, int] | None] = [(6, 15)]
    system = [(0, 20), (0, 15), (6, 15)]  # the exact span wins; the others stay unmatched
    assert match_mentions(gold, heads, system) == {1: 0}
    assert match_mentions(gold, [None], system) == {}


# --- errors and output --------------------------------------------------------------------------------------------


def test_find_errors_reports_merges_and_splits() -> None:
    key = {("d", 0, 5): "t:ecb/A", ("d", 10, 15): "t:ecb/A", ("d", 20, 25): "t:ecb/B", ("d", 30, 35): "t:ecb/C"}
    response = {("d", 0, 5): "t:ecb/E1", ("d", 10, 15): "t:ecb/E2", ("d", 20, 25): "t:ecb/E3"}
    response[("d", 30, 35)] = "t:ecb/E3"
    texts = {("d", 0, 5): "Obama", ("d", 10, 15): "Barack Obama", ("d", 20, 25): "U.S.", ("d", 30, 35): "America"}
    errors = find_errors(key, response, texts)
    assert errors == [
        CorefError("t:ecb", "merged", ((("America", 1),), (("U.S.", 1),))),
        CorefError("t:ecb", "split", ((("Barack Obama", 1),), (("Obama", 1),))),
    ]
    assert format_errors(errors).splitlines() == ["t:ecb merged: America | U.S.", "t:ecb split: Barack Obama | Obama"]


def test_result_json_and_table() -> None:
    result = CorefResult(
        split="dev",
        mentions="system",
        muc=PRF(0.9, 0.6, 0.72),
        b3=PRF(0.8, 0.5, 0.615),
        ceafe=PRF(0.7, 0.7, 0.7),
        conll_f1=0.678,
        subtopics=2,
        documents=4,
        gold_mentions=10,
        response_mentions=8,
        system_mentions=30,
        matched=8,
        key_clusters=3,
        response_clusters=4,
        seconds=1.5,
    )
    data = result_json(result)
    assert data["mention_recall"] == 0.8
    assert data["muc"] == {"precision": 0.9, "recall": 0.6, "f1": 0.72}
    table = format_result(result)
    assert "CoNLL" in table and "0.6780" in table and "mention recall 0.8000" in table


def test_match_mentions_by_overlap_takes_any_shared_character() -> None:
    gold = [(0, 9), (20, 38)]
    heads: list[tuple[int, int] | None] = [(0, 9), (20, 38)]
    system = [(3, 9), (22, 31)]  # "Queens", "Vancouver"
    assert match_mentions(gold, heads, system, overlap=True) == {0: 0, 1: 1}
