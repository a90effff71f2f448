"""Annotations are stored as JSON and load back as the very records that were stored."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rashomon.records import Span
from rashomon.store import SQLiteStore, ingest_paths, stored_id
from rashomon.store.codec import CodecError, annotations_from_json, annotations_to_json
from rashomon.store.reads import annotator_of, get_annotated
from tests.store.helpers import TEXT, hand_annotated


def test_annotations_round_trip_through_json() -> None:
    annotated = hand_annotated()
    loaded = annotations_from_json(annotated.report, annotations_to_json(annotated))
    assert loaded == annotated
    assert isinstance(loaded.times[0].spec, tuple) and isinstance(loaded.facts[0].clause, tuple)
    assert isinstance(loaded.quotes[0].speaker, Span)


def test_the_json_leaves_the_report_to_its_own_row() -> None:
    data = json.loads(annotations_to_json(hand_annotated()))
    assert "report" not in data
    assert data["schema"] == "rashomon.annotations/1"


def test_a_field_added_later_with_a_default_reads_old_json() -> None:
    annotated = hand_annotated()
    data = json.loads(annotations_to_json(annotated))
    del data["facts"]
    for sentence in data["sentences"]:
        del sentence["negated"]
    loaded = annotations_from_json(annotated.report, json.dumps(data))
    assert loaded.facts == () and loaded.sentences[0].negated is False


def test_annotations_that_do_not_fit_the_records_are_refused() -> None:
    annotated = hand_annotated()
    data = json.loads(annotations_to_json(annotated))
    data["mentions"][0]["start"] = "zero"
    with pytest.raises(CodecError, match=r"Mention\.start"):
        annotations_from_json(annotated.report, json.dumps(data))
    with pytest.raises(CodecError):
        annotations_from_json(annotated.report, '{"schema": "something else"}')


@pytest.mark.model
def test_ingest_stores_annotations_that_load_back_without_parsing(tmp_path: Path) -> None:
    from rashomon.annotate import annotate
    from rashomon.store.ingest import as_stored

    feed = tmp_path / "a.txt"
    feed.write_text("Title: Ferry\n\n" + TEXT + "\n", encoding="utf-8")
    with SQLiteStore(tmp_path / "s.db") as store:
        result = ingest_paths([str(feed)], store, annotate=True, n_process=1)
        assert result.annotated == 1
        with store.reader() as conn:
            stored = get_annotated(conn, result.added[0])
            assert stored is not None
            assert annotator_of(conn, result.added[0]) is not None
    assert stored.report.id == result.added[0] == stored_id(stored.report.content_hash)
    assert all(m.report == stored.report.id for m in stored.mentions)
    assert stored == next(annotate([as_stored(stored.report)]))
    assert any(m.text == "Kurilla" for m in stored.mentions)


@pytest.mark.model
def test_reports_stored_without_annotations_are_annotated_by_a_later_annotating_run(tmp_path: Path) -> None:
    feed = tmp_path / "a.txt"
    feed.write_text(TEXT + "\n", encoding="utf-8")
    with SQLiteStore(tmp_path / "s.db") as store:
        first = ingest_paths([str(feed)], store)
        second = ingest_paths([str(feed)], store, annotate=True, n_process=1)
        third = ingest_paths([str(feed)], store, annotate=True, n_process=1)
        with store.reader() as conn:
            assert get_annotated(conn, first.added[0]) is not None
    assert (first.annotated, second.annotated, third.annotated) == (0, 1, 0)
    assert second.added == () and len(second.duplicates) == 1
