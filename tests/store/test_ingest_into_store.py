"""ingest_paths: new reports stored in batches, the stored ones skipped, bad input reported and the rest kept."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from rashomon.records import Report
from rashomon.store import Batch, EventRow, SQLiteStore, ingest_paths, stored_id
from rashomon.store.ingest import processes_for
from rashomon.store.reads import count_reports, get_report, iter_events, iter_reports, skips_of_run
from tests.store.helpers import content, hand_annotated, write_feed


def test_ingesting_the_same_feed_twice_adds_nothing(tmp_path: Path) -> None:
    feed = write_feed(tmp_path / "feed.jsonl", 12)
    with SQLiteStore(tmp_path / "s.db") as store:
        first = ingest_paths([str(feed)], store, batch_size=5)
        before = content(tmp_path / "s.db")
        second = ingest_paths([str(feed)], store, batch_size=5)
        with store.reader() as conn:
            assert count_reports(conn) == 12
            assert [s.kind for s in skips_of_run(conn, second.run)] == ["duplicate"] * 12
    assert len(first.added) == 12 and first.skips == ()
    assert second.added == () and len(second.duplicates) == 12
    assert content(tmp_path / "s.db") == before


def test_ids_come_from_content_not_from_input_order(tmp_path: Path) -> None:
    feed = write_feed(tmp_path / "feed.jsonl", 6)
    lines = feed.read_text(encoding="utf-8").splitlines()
    backwards = tmp_path / "backwards.jsonl"
    backwards.write_text("\n".join(reversed(lines)) + "\n", encoding="utf-8")
    with SQLiteStore(tmp_path / "a.db") as a, SQLiteStore(tmp_path / "b.db") as b:
        ingest_paths([str(feed)], a, batch_size=4)
        ingest_paths([str(backwards)], b, batch_size=4)
    dump_a, dump_b = content(tmp_path / "a.db"), content(tmp_path / "b.db")
    # the path differs; everything else (ids, hashes, texts, metadata) is the same
    assert [r[:9] for r in dump_a["reports"]] == [r[:9] for r in dump_b["reports"]]


def test_a_stored_report_keeps_its_metadata_and_input_id(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    line = {
        "id": "x1",
        "text": "A ferry capsized.",
        "title": "T",
        "source": "S",
        "url": "https://e.x/1",
        "published": "9 July 2023",
        "event": "ferry",
    }
    feed.write_text(json.dumps(line) + "\n", encoding="utf-8")
    with SQLiteStore(tmp_path / "s.db") as store:
        (rid,) = ingest_paths([str(feed)], store).added
        with store.reader() as conn:
            report = get_report(conn, rid)
            input_id = conn.execute("SELECT input_id FROM reports WHERE id = ?", (rid,)).fetchone()[0]
    assert report == Report(
        rid,
        "A ferry capsized.",
        str(feed),
        "T",
        "S",
        "https://e.x/1",
        "2023-07-09",
        "ferry",
        report.content_hash if report else "",
    )
    assert rid == stored_id(report.content_hash if report else "") and input_id == "x1"


def test_bad_input_is_reported_and_the_rest_stored(tmp_path: Path) -> None:
    feed = write_feed(tmp_path / "feed.jsonl", 3)
    with feed.open("a", encoding="utf-8") as handle:
        handle.write('{"id": "broken", "text": \n{"id": "no-text"}\n')
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 4)
    good = tmp_path / "good.txt"
    good.write_text("Title: Good\n\nA good report.\n", encoding="utf-8")
    inputs = [
        str(feed),
        str(tmp_path / "empty.txt"),
        str(tmp_path / "binary.txt"),
        str(tmp_path / "missing.txt"),
        str(good),
    ]
    with SQLiteStore(tmp_path / "s.db") as store:
        result = ingest_paths(inputs, store, batch_size=2)
        with store.reader() as conn:
            assert count_reports(conn) == 4
            logged = {(s.input, s.kind) for s in skips_of_run(conn)}
    reasons = {s.input: s.reason for s in result.rejected}
    assert reasons[f"{feed}:4"].startswith("invalid JSON")
    assert reasons[f"{feed}:5"] == 'missing "text"'
    assert reasons[str(tmp_path / "empty.txt")] == "empty file"
    assert reasons[str(tmp_path / "binary.txt")] == "binary file, not text"
    assert reasons[str(tmp_path / "missing.txt")] == "no such file or directory"
    assert logged == {(name, "rejected") for name in reasons}
    assert len(result.added) == 4


def test_a_text_repeated_within_one_run_is_stored_once(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Same text.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Title: Other title\n\nSame text.\n", encoding="utf-8")
    with SQLiteStore(tmp_path / "s.db") as store:
        result = ingest_paths([str(tmp_path)], store)
        with store.reader() as conn:
            (report,) = iter_reports(conn)
    assert report.path == str(tmp_path / "a.txt") and report.title is None  # the first one read wins
    assert [(s.input, s.reason) for s in result.duplicates] == [
        (f"{tmp_path / 'b.txt'}#b", "same text as an earlier input of this run")
    ]


def test_folders_and_stdin_are_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "a.txt").write_text("Report a.\n", encoding="utf-8")
    (folder / ".hidden.txt").write_text("Hidden.\n", encoding="utf-8")
    write_feed(folder / "feed.jsonl", 2)
    (tmp_path / "nothing").mkdir()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"From standard input.\n")))
    with SQLiteStore(tmp_path / "s.db") as store:
        result = ingest_paths([str(folder), "-", str(tmp_path / "nothing")], store)
        with store.reader() as conn:
            paths = sorted(str(r.path) for r in iter_reports(conn))
    assert paths == sorted([str(folder / "feed.jsonl")] * 2 + [str(folder / "sub" / "a.txt"), "-"])
    assert [(s.input, s.reason) for s in result.rejected] == [
        (str(tmp_path / "nothing"), "folder has no files to read")
    ]


def test_a_batch_that_fails_leaves_nothing_of_itself(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    feed = write_feed(tmp_path / "feed.jsonl", 10)
    store = SQLiteStore(tmp_path / "s.db")
    real = SQLiteStore.write_batch
    calls = []

    def failing_second(self: SQLiteStore, run: int, batch: Batch) -> None:
        calls.append(batch)
        if len(calls) == 2:  # fail after the batch's reports are inserted, before its commit
            orphan = hand_annotated()  # annotations of a report that is not stored: a foreign key error
            return real(self, run, Batch(batch.reports, (orphan,), batch.skips))
        return real(self, run, batch)

    monkeypatch.setattr(SQLiteStore, "write_batch", failing_second)
    with pytest.raises(Exception, match="FOREIGN KEY"):
        ingest_paths([str(feed)], store, batch_size=4)
    with store.reader() as conn:
        assert count_reports(conn) == 4
    monkeypatch.setattr(SQLiteStore, "write_batch", real)
    ingest_paths([str(feed)], store, batch_size=4)
    store.close()
    with SQLiteStore(tmp_path / "clean.db") as clean:
        ingest_paths([str(feed)], clean, batch_size=4)
    assert content(tmp_path / "s.db") == content(tmp_path / "clean.db")


def test_events_are_replaced_whole(tmp_path: Path) -> None:
    feed = write_feed(tmp_path / "feed.jsonl", 3)
    with SQLiteStore(tmp_path / "s.db") as store:
        a, b, c = ingest_paths([str(feed)], store).added
        store.replace_events([("e1", "Ferry", "2024-03-13", "2024-03-14", (a, b)), ("e2", "Other", None, None, (c,))])
        with pytest.raises(Exception, match="FOREIGN KEY"):
            store.replace_events([EventRow("e3", "Bad", None, None, (a, "no-such-report"))])
        with store.reader() as conn:
            events = list(iter_events(conn))
        store.replace_events([EventRow("e4", "All", None, None, (a, b, c))])
        with store.reader() as conn:
            after = list(iter_events(conn))
    assert events == [
        EventRow("e1", "Ferry", "2024-03-13", "2024-03-14", tuple(sorted((a, b)))),
        EventRow("e2", "Other", None, None, (c,)),
    ]
    assert after == [EventRow("e4", "All", None, None, tuple(sorted((a, b, c))))]


def test_a_report_is_in_one_event_at_most(tmp_path: Path) -> None:
    feed = write_feed(tmp_path / "feed.jsonl", 1)
    with SQLiteStore(tmp_path / "s.db") as store:
        (a,) = ingest_paths([str(feed)], store).added
        with pytest.raises(Exception, match="UNIQUE"):
            store.replace_events([("e1", "One", None, None, (a,)), ("e2", "Two", None, None, (a,))])


def test_batch_size_must_be_positive(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "s.db") as store, pytest.raises(ValueError, match="batch_size"):
        ingest_paths([], store, batch_size=0)


@pytest.mark.parametrize(("reports", "cpus", "expected"), [(3, 16, 1), (100, 2, 2), (100, 16, 8), (40, 16, 5)])
def test_parsing_processes_follow_the_cpus_and_the_batch(reports: int, cpus: int, expected: int) -> None:
    assert processes_for(reports, cpus) == expected
