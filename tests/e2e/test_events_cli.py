"""The analyst's path: ingest a feed into the store, list and export its events, compare a feed of several stories
(each compared on its own unless --one-event). Texts are made up."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

FERRY = [
    "A ferry carrying 150 passengers capsized on the Meghna river near Chandpur on Tuesday, killing 12 people.",
    "At least 12 people died when an overcrowded ferry capsized in a storm on the Meghna river near Chandpur.",
    "Rescuers searched the Meghna river for missing passengers after the ferry capsized near Chandpur.",
]
QUAKE = [
    "A magnitude 6.1 earthquake struck the mountains of central Peru on Sunday, toppling adobe homes in Huancayo.",
    "The 6.1 earthquake shook Huancayo and nearby Andean villages, where adobe homes collapsed, officials said.",
]


def _feed(tmp_path: Path) -> Path:
    feed = tmp_path / "feed.jsonl"
    lines = [{"id": f"ferry-{k}", "text": t} for k, t in enumerate(FERRY)]
    lines += [{"id": f"quake-{k}", "text": t} for k, t in enumerate(QUAKE)]
    feed.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    return feed


def test_cluster_puts_every_report_in_exactly_one_story(run_cli, tmp_path: Path) -> None:
    code, out, _ = run_cli("cluster", str(_feed(tmp_path)))
    assert code == 0
    data = json.loads(out)
    assert data["schema"] == "rashomon.clusters/1"
    groups = sorted(sorted(c["reports"]) for c in data["clusters"])
    assert groups == [["ferry-0", "ferry-1", "ferry-2"], ["quake-0", "quake-1"]]


def test_ingest_then_events_lists_and_exports_the_stories(run_cli, tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    feed = _feed(tmp_path)
    assert run_cli("ingest", str(feed), "--db", str(db))[0] == 0
    code, out, _ = run_cli("events", "--db", str(db), "--format", "json")
    assert code == 0
    first = json.loads(out)
    assert first["schema"] == "rashomon.events/1"
    assert sorted(len(e["reports"]) for e in first["events"]) == [2, 3]
    run_cli("ingest", str(feed), "--db", str(db))  # the same feed again adds nothing, ids stay
    assert json.loads(run_cli("events", "--db", str(db), "--format", "json")[1]) == first
    code, out, _ = run_cli("events", "--db", str(db), "--format", "csv")
    assert code == 0 and out.splitlines()[0].startswith("id,label,start,end,size,reports")
    assert run_cli("events", "--db", str(db), "--format", "parquet")[0] != 0  # parquet needs -o


def test_events_without_a_store_is_a_usage_error(run_cli, tmp_path: Path) -> None:
    code, _, err = run_cli("events", "--db", str(tmp_path / "none.db"))
    assert code != 0 and "ingest" in err


@pytest.mark.model
def test_compare_of_two_stories_says_so_and_compares_each(run_cli, tmp_path: Path) -> None:
    feed = _feed(tmp_path)
    code, out, err = run_cli("compare", str(feed), "--format", "json", "--no-embeddings")
    assert code == 0
    assert "2 different stories" in err
    comparisons = json.loads(out)
    assert sorted(len(c["reports"]) for c in comparisons) == [2, 3]
    code, out, err = run_cli("compare", str(feed), "--format", "json", "--no-embeddings", "--one-event")
    assert code == 0 and "stories" not in err
    assert len(json.loads(out)["reports"]) == 5


@pytest.mark.model
def test_compare_one_stored_event_by_id_prefix_and_keep_its_annotations(run_cli, tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    assert run_cli("ingest", str(_feed(tmp_path)), "--db", str(db))[0] == 0
    events = json.loads(run_cli("events", "--db", str(db), "--format", "json")[1])["events"]
    ferry = next(e for e in events if len(e["reports"]) == 3)
    prefix = ferry["id"][:8]
    code, out, err = run_cli("compare", "--db", str(db), "--event", prefix, "--format", "json", "--no-embeddings")
    assert code == 0, err
    assert sorted(r["id"] for r in json.loads(out)["reports"]) == sorted(ferry["reports"])
    assert "0 with stored annotations" in err
    code, again, err = run_cli(
        "compare", "--db", str(db), "--event", ferry["id"], "--format", "json", "--no-embeddings"
    )
    assert code == 0 and "3 with stored annotations" in err
    assert json.loads(again)["reports"] == json.loads(out)["reports"]


def test_compare_of_an_unknown_stored_event_is_a_usage_error(run_cli, tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    assert run_cli("ingest", str(_feed(tmp_path)), "--db", str(db))[0] == 0
    code, _, err = run_cli("compare", "--db", str(db), "--event", "ev-nothing")
    assert code != 0 and "no stored event" in err
    code, _, err = run_cli("compare", str(_feed(tmp_path)), "--db", str(db), "--event", "ev-")
    assert code != 0 and "not both" in err


@pytest.mark.model
def test_html_of_two_stories_is_one_page_each(run_cli, tmp_path: Path) -> None:
    feed = _feed(tmp_path)
    code, _, err = run_cli("compare", str(feed), "--format", "html", "--no-embeddings")
    assert code != 0 and "-o FILE.html" in err
    code, _, err = run_cli("compare", str(feed), "--format", "html", "--no-embeddings", "-o", str(tmp_path / "p.html"))
    assert code == 0, err
    pages = sorted(tmp_path.glob("p-*.html"))
    assert [p.name for p in pages] == ["p-1.html", "p-2.html"]
    assert all(p.read_text(encoding="utf-8").count("<html") == 1 for p in pages)
