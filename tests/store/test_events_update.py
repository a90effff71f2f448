"""Events kept up to date over a store: an update reads only new reports, they join or open events, a bridging
report merges two, a stopped update loses nothing, and other settings start again from scratch. Texts are made up."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from rashomon.cluster import ClusterSettings, cluster_reports
from rashomon.records import Report
from rashomon.store.base import Batch
from rashomon.store.events import update_events
from rashomon.store.reads import iter_events, iter_reports
from rashomon.store.sqlite import SQLiteStore

FERRY = [
    "A ferry carrying 150 passengers capsized on the Meghna river near Chandpur on Tuesday, killing 12 people.",
    "At least 12 people died when an overcrowded ferry capsized in a storm on the Meghna river near Chandpur.",
    "Rescuers searched the Meghna river for missing passengers after the ferry capsized near Chandpur.",
    "The Chandpur ferry was overloaded when it capsized on the Meghna, survivors told rescuers on Wednesday.",
]
QUAKE = [
    "A magnitude 6.1 earthquake struck the mountains of central Peru on Sunday, toppling adobe homes in Huancayo.",
    "The 6.1 earthquake shook Huancayo and nearby Andean villages, where adobe homes collapsed, officials said.",
    "Aftershocks rattled Huancayo a day after the 6.1 earthquake destroyed adobe homes in central Peru.",
]
# without embeddings, two halves of one story that share no word, and a report that tells both
HALF_A = "Volcano Merapi erupted, raining ash columns over Yogyakarta villages."
HALF_B = "Sleman district evacuated Kaliurang hamlets overnight."
BRIDGE = "Merapi erupted: ash columns over Yogyakarta, and Sleman district evacuated Kaliurang hamlets."
WORDS_ONLY = ClusterSettings(embedding_weight=0.0)


def _report(text: str) -> Report:
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Report(id=digest[:16], text=text, content_hash=digest)


def _add(store: SQLiteStore, texts: list[str]) -> None:
    run = store.start_run(["test"], annotate=False)
    store.write_batch(run, Batch(tuple(_report(t) for t in texts)))


def _partition(clusters: object) -> set[frozenset[str]]:
    return {frozenset(c.reports) for c in clusters}  # type: ignore[attr-defined]


def _stored_partition(store: SQLiteStore) -> set[frozenset[str]]:
    with store.reader() as conn:
        return {frozenset(e.reports) for e in iter_events(conn)}


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SQLiteStore]:
    with SQLiteStore(tmp_path / "store.db") as s:
        yield s


def test_an_update_reads_only_new_reports_and_ends_as_one_batch_run(store: SQLiteStore) -> None:
    _add(store, [FERRY[0], FERRY[1], QUAKE[0]])
    first = update_events(store)
    assert (first.added, first.held, first.rebuilt) == (3, 0, True)
    _add(store, [FERRY[2], FERRY[3], QUAKE[1], QUAKE[2]])
    second = update_events(store)
    assert (second.added, second.held, second.rebuilt) == (4, 3, False)
    with store.reader() as conn:
        everything = cluster_reports(list(iter_reports(conn)))
    assert _partition(second.clusters) == _partition(everything) == _stored_partition(store)
    assert {len(c.reports) for c in second.clusters} == {4, 3}
    assert {c.id for c in second.clusters} == {c.id for c in everything}  # ids from content, not from history


def test_an_update_with_nothing_new_keeps_every_event(store: SQLiteStore) -> None:
    _add(store, FERRY + QUAKE)
    first = update_events(store)
    again = update_events(store)
    assert (again.added, again.rebuilt) == (0, False)
    assert again.clusters == first.clusters


def test_a_report_that_bridges_two_events_merges_them(store: SQLiteStore) -> None:
    _add(store, [HALF_A, HALF_B])
    before = update_events(store, WORDS_ONLY)
    assert len(before.clusters) == 2
    _add(store, [BRIDGE])
    after = update_events(store, WORDS_ONLY)
    assert after.added == 1
    assert [len(c.reports) for c in after.clusters] == [3]


def test_a_stopped_update_leaves_the_last_one_whole_and_the_next_redoes_it(
    store: SQLiteStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    _add(store, FERRY[:2])
    update_events(store)
    saved = _stored_partition(store)
    _add(store, QUAKE)

    def stopped(*_args: object, **_kwargs: object) -> None:
        raise KeyboardInterrupt

    with monkeypatch.context() as m:
        m.setattr("rashomon.store.sqlite._replace_events", stopped)
        with pytest.raises(KeyboardInterrupt):
            update_events(store)
    assert _stored_partition(store) == saved  # the transaction was rolled back: state and events as before
    redone = update_events(store)
    assert (redone.added, redone.held) == (3, 2)
    assert len(redone.clusters) == 2


def test_other_settings_start_again_from_every_report(store: SQLiteStore) -> None:
    _add(store, FERRY + QUAKE)
    update_events(store)
    other = update_events(store, ClusterSettings(threshold=0.5))
    assert (other.added, other.held, other.rebuilt) == (7, 0, True)
    back = update_events(store)
    assert back.rebuilt
    assert _partition(back.clusters) == {
        frozenset(_report(t).id for t in FERRY),
        frozenset(_report(t).id for t in QUAKE),
    }
