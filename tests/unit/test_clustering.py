"""Event clustering on hand-made reports: different happenings of one kind apart, one story's versions together."""

from __future__ import annotations

import itertools
from dataclasses import replace

import numpy as np
import pytest

from rashomon.cluster import ClusterSettings, ClusterState, cluster_id, cluster_reports
from rashomon.cluster.features import extract_features, name_words
from rashomon.eval.clusters import bcubed
from rashomon.records import Report


def _report(rid: str, title: str, text: str, published: str | None = None) -> Report:
    return Report(id=rid, title=title, text=text, published=published, content_hash=f"hash-{rid}")


QUAKE_PERU = [
    _report(
        "peru-a",
        "Magnitude 7.0 earthquake strikes southern Peru near Arequipa",
        "A magnitude 7.0 earthquake struck southern Peru on Tuesday, killing at least 12 people in Arequipa "
        "province. Rescuers in Chala searched collapsed adobe homes, and President Castillo declared an emergency.",
    ),
    _report(
        "peru-b",
        "Deadly quake hits Arequipa, Peru",
        "At least 12 people died when a strong earthquake hit Arequipa in southern Peru. The quake, measured at "
        "magnitude 7.0, toppled adobe homes in Chala; Castillo said rescuers were still searching.",
    ),
    _report(
        "peru-c",
        "Peru earthquake: Chala residents dig through rubble",
        "Residents of Chala, in Peru's Arequipa region, dug through the rubble of adobe homes after the "
        "magnitude 7.0 earthquake that killed 12 people, officials said. Castillo flew to the area.",
    ),
]
QUAKE_JAPAN = [
    _report(
        "japan-a",
        "Earthquake shakes Hokkaido, Japan; Tomari plant checked",
        "A magnitude 6.1 earthquake shook Hokkaido in northern Japan on Sunday. The Tomari nuclear plant "
        "reported no damage, and Sapporo trains were halted while engineers inspected tracks.",
    ),
    _report(
        "japan-b",
        "Hokkaido quake halts Sapporo trains",
        "Trains in Sapporo were halted after a 6.1 magnitude quake struck Hokkaido. Operators of the Tomari "
        "nuclear plant said the reactors were safe; Japan's weather agency warned of aftershocks.",
    ),
]


def _partition(clusters: tuple) -> set[frozenset[str]]:
    return {frozenset(c.reports) for c in clusters}


def test_two_earthquakes_stay_apart_and_each_story_joins() -> None:
    clusters = cluster_reports(QUAKE_PERU + QUAKE_JAPAN)
    assert _partition(clusters) == {
        frozenset({"peru-a", "peru-b", "peru-c"}),
        frozenset({"japan-a", "japan-b"}),
    }


def test_every_report_is_in_exactly_one_cluster() -> None:
    lone = _report("vote", "Parliament passes budget", "The Estonian parliament passed the 2024 budget on Monday.")
    clusters = cluster_reports([*QUAKE_PERU, *QUAKE_JAPAN, lone])
    ids = [r for c in clusters for r in c.reports]
    assert sorted(ids) == sorted(r.id for r in [*QUAKE_PERU, *QUAKE_JAPAN, lone])


def test_cluster_ids_and_labels_do_not_depend_on_input_order() -> None:
    reports = QUAKE_PERU + QUAKE_JAPAN
    expected = cluster_reports(reports)
    for order in itertools.islice(itertools.permutations(reports), 0, 120, 17):
        assert cluster_reports(list(order)) == expected


def test_cluster_id_comes_from_member_content() -> None:
    clusters = cluster_reports(QUAKE_JAPAN)
    assert [c.id for c in clusters] == [cluster_id(["hash-japan-a", "hash-japan-b"])]


@pytest.mark.parametrize("split", [1, 2, 3, 4])
def test_incremental_adds_give_the_batch_result(split: int) -> None:
    reports = QUAKE_JAPAN + QUAKE_PERU
    state = ClusterState()
    state.add(reports[:split])
    assert state.add(reports[split:]) == cluster_reports(reports)


def test_a_bridging_report_merges_two_clusters_in_incremental_mode() -> None:
    state = ClusterState()
    first = state.add([QUAKE_PERU[0], QUAKE_JAPAN[0]])
    assert len(first) == 2
    merged = state.add(QUAKE_PERU[1:])
    assert frozenset({"peru-a", "peru-b", "peru-c"}) in _partition(merged)


def test_adding_a_known_report_again_changes_nothing() -> None:
    state = ClusterState()
    before = state.add(QUAKE_PERU)
    assert state.add(QUAKE_PERU[:1]) == before


def test_reports_far_apart_in_time_need_more_in_common() -> None:
    a = replace(QUAKE_JAPAN[0], published="2023-01-01")
    b = replace(QUAKE_JAPAN[1], published="2023-01-02")
    late = replace(QUAKE_JAPAN[1], published="2024-06-01")
    strict = ClusterSettings(day_weight=1.0)
    assert len(cluster_reports([a, b], strict)) == 1
    assert len(cluster_reports([a, late], strict)) == 2


def test_cluster_span_and_label() -> None:
    a = replace(QUAKE_JAPAN[0], published="2023-01-01")
    b = replace(QUAKE_JAPAN[1], published="2023-01-02T08:00:00")
    (cluster,) = cluster_reports([a, b])
    assert (cluster.start, cluster.end) == ("2023-01-01", "2023-01-02")
    assert cluster.label in {a.title, b.title}


def test_name_words_skip_sentence_starts() -> None:
    assert name_words("The quake hit Hokkaido. Trains stopped in Sapporo.", 50) == ["hokkaido", "sapporo"]


def test_features_weigh_the_title_up() -> None:
    f = extract_features(QUAKE_JAPAN[1])
    assert f.terms["hokkaido"] > f.terms["aftershock"]


def test_bcubed_of_a_perfect_and_a_lumped_clustering() -> None:
    gold = {"a": "x", "b": "x", "c": "y"}
    assert bcubed({"a": "1", "b": "1", "c": "2"}, gold) == (1.0, 1.0, 1.0)
    p, r, _ = bcubed({"a": "1", "b": "1", "c": "1"}, gold)
    assert (round(p, 3), r) == (0.556, 1.0)


def test_settings_are_checked() -> None:
    with pytest.raises(ValueError, match="threshold"):
        ClusterSettings(threshold=0.0)


def test_a_straggler_joins_the_cluster_it_scores_best_with_on_average() -> None:
    import numpy as np

    from rashomon.cluster.state import attach_small

    scores = np.array(
        [
            [1.0, 0.6, 0.20, 0.0],
            [0.6, 1.0, 0.12, 0.0],
            [0.20, 0.12, 1.0, 0.05],
            [0.0, 0.0, 0.05, 1.0],
        ]
    )
    settings = ClusterSettings(threshold=0.3, attach_threshold=0.15)
    assert attach_small(scores, [0, 0, 1, 2], settings) == [0, 0, 0, 1]
    assert attach_small(scores, [0, 0, 1, 2], replace(settings, attach_threshold=0.2)) == [0, 0, 1, 2]


def test_lines_common_in_the_feed_are_not_read() -> None:
    furniture = "Tweet with a location. You can add location information to your Tweets."
    pages = [
        _report(f"page-{k}", "", f"{furniture}\n{text}")
        for k, text in enumerate(
            [
                "Dockers at the harbour walked out over pay.",
                "An orchestra premiered a symphony for bells.",
                "The glacier retreated further this summer.",
                "Pension funds lost value in the downturn.",
                "A satellite burned up over the Pacific.",
            ]
        )
    ]
    clusters = cluster_reports(pages, ClusterSettings(boilerplate_reports=5))
    assert len(clusters) == len(pages)
    state = ClusterState(ClusterSettings(boilerplate_reports=5))
    state.add(pages)
    assert all("tweet" not in f.terms for f in state.features)


def test_a_wire_story_carried_word_for_word_by_many_outlets_is_one_event_not_boilerplate() -> None:
    wire = (
        "A ferry carrying 150 passengers capsized on the Meghna river near Chandpur on Tuesday.\n"
        "Rescuers pulled 40 survivors from the water, police said.\n"
        "At least 12 people died."
    )
    quake = "A magnitude 6.1 earthquake struck central Peru on Sunday.\nAdobe homes collapsed in Huancayo."
    reports = [_report(f"w{k}", "", wire) for k in range(6)] + [_report(f"q{k}", "", quake) for k in range(2)]
    assert _partition(cluster_reports(reports)) == {
        frozenset(f"w{k}" for k in range(6)),
        frozenset({"q0", "q1"}),
    }


class _LeadEmbedder:
    """Leads mapped to fixed unit vectors by their first word (a stand-in for the sentence model)."""

    def __init__(self, vectors: dict[str, list[float]]) -> None:
        self.vectors = vectors
        self.calls = 0

    def encode(self, texts: list[str], batch_size: int = 8) -> np.ndarray:
        self.calls += 1
        rows = [np.resize(np.asarray(self.vectors[t.split()[0]], dtype=np.float32), 384) for t in texts]
        return np.asarray([r / np.linalg.norm(r) for r in rows], dtype=np.float32)


def test_reports_sharing_no_word_join_through_their_nearest_embeddings() -> None:
    # the same story in two languages' worth of words: the word index finds no candidate, the embeddings do
    a = _report("a", "Alpha", "Zorbax glimmered over Quentar while Vell fled across the plains.")
    b = _report("b", "Beta", "Mirlo tavern keepers hid Ostrig bread beneath Pallin floorboards all winter.")
    embedder = _LeadEmbedder({"Alpha.": [1.0, 0.2], "Beta.": [1.0, 0.21]})
    only_meaning = ClusterSettings(embedding_weight=1.0, embedding_center=0.0, name_weight=0.0)
    (cluster,) = cluster_reports([a, b], only_meaning, embedder=embedder)
    assert cluster.reports == ("a", "b")
    apart = _LeadEmbedder({"Alpha.": [1.0, 0.0], "Beta.": [0.0, 1.0]})
    assert len(cluster_reports([a, b], only_meaning, embedder=apart)) == 2


def test_no_model_is_used_when_embeddings_weigh_nothing() -> None:
    embedder = _LeadEmbedder({})
    clusters = cluster_reports(QUAKE_PERU + QUAKE_JAPAN, ClusterSettings(embedding_weight=0.0), embedder=embedder)
    assert embedder.calls == 0
    assert _partition(clusters) == {frozenset(r.id for r in QUAKE_PERU), frozenset(r.id for r in QUAKE_JAPAN)}


def test_nearest_neighbour_index_finds_each_vectors_closest_rows() -> None:
    from rashomon.cluster.state import Vectors

    rng = np.random.default_rng(7)
    base = rng.normal(size=(600, 384)).astype(np.float32)
    base /= np.linalg.norm(base, axis=1, keepdims=True)
    twins = base + 0.05 * rng.normal(size=base.shape).astype(np.float32)
    twins /= np.linalg.norm(twins, axis=1, keepdims=True)
    vectors = Vectors()
    vectors.add(base)
    vectors.add(twins)  # row 600 + k is a near copy of row k (and the rows outgrow their first block)
    found = vectors.nearest(list(range(600, 1200)), count=3)
    assert sum(k - 600 in near for k, near in zip(range(600, 1200), found, strict=True)) >= 594
    assert all(k not in near for k, near in zip(range(600, 1200), found, strict=True))
    again = Vectors()
    again.add_rows(np.vstack([base, twins]))
    assert again.load_index(vectors.to_bytes())
    assert again.nearest(list(range(600, 1200)), count=3) == found
    assert not Vectors().load_index(vectors.to_bytes())  # a graph of other rows is not taken


def test_a_restored_state_with_split_components_goes_on_as_the_original() -> None:
    small = ClusterSettings(embedding_weight=0.0, max_component=2, threshold=0.3, attach_threshold=0.05)
    reports = sorted(QUAKE_PERU + QUAKE_JAPAN, key=lambda r: r.id)
    original = ClusterState(small)
    first = original.add(reports[:-1])
    changes = original.take_changes()
    restored = ClusterState.restore(changes.reports, changes.edges, first, small)
    assert restored.clusters() == first
    assert restored.add(reports[-1:]) == original.add(reports[-1:])


def test_cluster_errors_are_counted_by_kind() -> None:
    from rashomon.eval.clusters import error_counts

    gold = {"a1": "A", "a2": "A", "a3": "A", "b1": "B", "b2": "B", "c1": "C"}
    predicted = {"a1": "x", "a2": "x", "a3": "y", "b1": "z", "b2": "x", "c1": "w"}
    # A split (x, y); a3 alone though A has others; b1 alone; x holds A and B; c1 alone but C has one report
    assert error_counts(predicted, gold) == {
        "split_events": 2,
        "lone_reports": 2,
        "mixed_clusters": 1,
        "events_in_mixed_clusters": 2,
    }
