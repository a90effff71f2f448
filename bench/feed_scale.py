"""Ingest plus clustering through the real CLI on a large synthetic feed: throughput, peak memory and growth.

The feed is ``cluster_scale.synthetic_feed`` (sentences of the shared Multi-News and AllSides reports recombined,
dates shifted; no two texts alike) for the largest size, in publication-date order (a feed arrives in time order),
written as JSON Lines into a temporary folder, one file a chunk. Every step is a fresh ``rashomon`` process; its
wall time and peak RSS (``ru_maxrss`` from ``os.wait4``, the kernel's figure for that one child) are recorded.

- ``--mode incremental`` (default): one store; for each chunk ``rashomon ingest CHUNK --db DB`` then
  ``rashomon events --db DB``, as a feed arrives day by day.
- ``--mode batch``: for each size, a fresh store, one ``rashomon ingest`` of the first SIZE reports and one
  ``rashomon events``.

Targets (issue 8): ingest plus clustering at least 50 reports/s on this 2-core machine, peak memory under 4 GB,
time from 10k to 100k reports within 12x. Results go to ``bench/results/feed_scale.json`` (rows of the other mode
are kept) and, when matplotlib is installed, ``bench/results/feed_scale.png``.

    .venv/bin/python bench/feed_scale.py                                   # incremental, 10k chunks up to 100k
    .venv/bin/python bench/feed_scale.py --mode batch --sizes 10000 20000 50000 100000
    .venv/bin/python bench/feed_scale.py --sizes 2000 4000 --chunk 2000    # a quick check
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rashomon.eval.corpora import DEFAULT_DATA

BENCH = Path(__file__).resolve().parent
RESULTS = BENCH / "results" / "feed_scale.json"
TARGET_REPORTS_PER_S = 50.0
TARGET_PEAK_MIB = 4096.0
TARGET_GROWTH = 12.0

sys.path.insert(0, str(BENCH))
from cluster_scale import synthetic_feed  # noqa: E402


@dataclass(frozen=True, slots=True)
class Step:
    """One finished ``rashomon`` process: wall seconds, peak RSS, and the count its stderr reported."""

    seconds: float
    peak_mib: float
    count: int | None  # reports added (ingest) or events written (events)


# --- the feed --------------------------------------------------------------------------------------------


def boundaries(sizes: Sequence[int], chunk: int) -> list[int]:
    """Where chunk files end: every multiple of ``chunk`` up to the largest size, and every size."""
    largest = max(sizes)
    return sorted({*range(chunk, largest, chunk), *sizes})


def write_feed(folder: Path, ends: Sequence[int], seed: int, data: Path) -> list[Path]:
    """The feed for the largest size in date order, as JSON Lines files ending at ``ends``; their paths."""
    feed = synthetic_feed(ends[-1], seed, data)
    feed.sort(key=lambda r: r.published or "")  # stable: same-day reports keep generation order
    folder.mkdir(parents=True, exist_ok=True)
    files: list[Path] = []
    start = 0
    for number, end in enumerate(ends):
        path = folder / f"feed-{number:04d}-{end}.jsonl"
        with path.open("w", encoding="utf-8") as out:
            for r in feed[start:end]:
                fields = {"id": r.id, "text": r.text, "title": r.title, "source": r.source, "published": r.published}
                out.write(json.dumps({k: v for k, v in fields.items() if v is not None}, ensure_ascii=False) + "\n")
        files.append(path)
        start = end
    return files


# --- running the CLI -------------------------------------------------------------------------------------


def rashomon_command() -> str:
    """The installed ``rashomon`` console script: next to this Python, else on PATH."""
    beside = Path(sys.executable).parent / "rashomon"
    if beside.is_file():
        return str(beside)
    found = shutil.which("rashomon")
    if found is None:
        sys.exit("feed_scale: no `rashomon` command next to this Python or on PATH (pip install -e . first)")
    return found


def run_child(cmd: Sequence[str], log: Path) -> tuple[float, float, str]:
    """Run one command with stdout and stderr to ``log``: (wall seconds, peak RSS in MiB, its stderr text).

    ``os.wait4`` returns the rusage of exactly this child (Linux: ``ru_maxrss`` in KiB), so each step's peak is
    its own, unlike ``RUSAGE_CHILDREN``, which keeps the largest child so far.
    """
    with log.open("w", encoding="utf-8") as out:
        start = time.perf_counter()
        pid = os.posix_spawn(cmd[0], list(cmd), dict(os.environ), file_actions=_redirect(out.fileno()))
        _, status, usage = os.wait4(pid, 0)
        seconds = time.perf_counter() - start
    text = log.read_text(encoding="utf-8", errors="replace")
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        sys.exit(f"feed_scale: {' '.join(cmd)} exited {code}:\n{text[-2000:]}")
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024  # macOS reports bytes, Linux KiB
    return seconds, usage.ru_maxrss / scale, text


def _redirect(fd: int) -> list[tuple[Any, ...]]:
    return [(os.POSIX_SPAWN_DUP2, fd, 1), (os.POSIX_SPAWN_DUP2, fd, 2)]


def _count(pattern: str, text: str) -> int | None:
    match = re.search(pattern, text)
    return int(match.group(1)) if match else None


def ingest(cli: str, files: Sequence[Path], db: Path, log: Path, batch_size: int | None) -> Step:
    extra = ["--batch-size", str(batch_size)] if batch_size else []
    seconds, peak, text = run_child([cli, "ingest", *map(str, files), "--db", str(db), *extra], log)
    return Step(seconds, peak, _count(r"added (\d+)", text))


def events(cli: str, db: Path, output: Path, log: Path) -> Step:
    seconds, peak, text = run_child([cli, "events", "--db", str(db), "--format", "text", "-o", str(output)], log)
    return Step(seconds, peak, _count(r"wrote (\d+) events", text))


def store_mib(db: Path) -> float:
    """The store's size on disk, its write-ahead log included."""
    parts = [db, db.with_name(db.name + "-wal")]
    return sum(p.stat().st_size for p in parts if p.exists()) / 2**20


# --- the two modes ---------------------------------------------------------------------------------------


def _rate(reports: int, seconds: float) -> float:
    return round(reports / max(seconds, 1e-9), 1)


def incremental(cli: str, work: Path, files: Sequence[Path], ends: Sequence[int], batch_size: int | None) -> list[dict]:
    """One store fed chunk by chunk, clustering after each chunk."""
    db = work / "incremental.db"
    for stale in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
        stale.unlink(missing_ok=True)
    rows: list[dict] = []
    total_ingest = total_events = 0.0
    start = 0
    for number, (path, end) in enumerate(zip(files, ends, strict=True)):
        size = end - start
        added = ingest(cli, [path], db, work / f"ingest-{number:04d}.log", batch_size)
        clustered = events(cli, db, work / "events.txt", work / f"events-{number:04d}.log")
        total_ingest += added.seconds
        total_events += clustered.seconds
        rows.append(
            {
                "mode": "incremental",
                "reports": end,
                "chunk_reports": size,
                "added": added.count,
                "events": clustered.count,
                "ingest_s": round(added.seconds, 2),
                "events_s": round(clustered.seconds, 2),
                "ingest_reports_per_s": _rate(size, added.seconds),
                "combined_reports_per_s": _rate(size, added.seconds + clustered.seconds),
                "ingest_peak_mib": round(added.peak_mib, 1),
                "events_peak_mib": round(clustered.peak_mib, 1),
                "cumulative_ingest_s": round(total_ingest, 2),
                "cumulative_events_s": round(total_events, 2),
                "cumulative_s": round(total_ingest + total_events, 2),
                "overall_reports_per_s": _rate(end, total_ingest + total_events),
                "store_mib": round(store_mib(db), 1),
            }
        )
        print_row(rows[-1])
        start = end
    return rows


def batch(
    cli: str,
    work: Path,
    files: Sequence[Path],
    ends: Sequence[int],
    sizes: Sequence[int],
    *,
    keep: bool,
    batch_size: int | None,
) -> list[dict]:
    """For each size, a fresh store: one ingest of the first ``size`` reports, then one clustering."""
    rows: list[dict] = []
    for size in sorted(sizes):
        db = work / f"batch-{size}.db"
        for stale in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
            stale.unlink(missing_ok=True)
        upto = [f for f, end in zip(files, ends, strict=True) if end <= size]
        added = ingest(cli, upto, db, work / f"batch-ingest-{size}.log", batch_size)
        clustered = events(cli, db, work / f"batch-events-{size}.txt", work / f"batch-events-{size}.log")
        total = added.seconds + clustered.seconds
        rows.append(
            {
                "mode": "batch",
                "reports": size,
                "added": added.count,
                "events": clustered.count,
                "ingest_s": round(added.seconds, 2),
                "events_s": round(clustered.seconds, 2),
                "cumulative_s": round(total, 2),
                "ingest_reports_per_s": _rate(size, added.seconds),
                "events_reports_per_s": _rate(size, clustered.seconds),
                "combined_reports_per_s": _rate(size, total),
                "overall_reports_per_s": _rate(size, total),
                "ingest_peak_mib": round(added.peak_mib, 1),
                "events_peak_mib": round(clustered.peak_mib, 1),
                "store_mib": round(store_mib(db), 1),
            }
        )
        print_row(rows[-1])
        if not keep:
            for done in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
                done.unlink(missing_ok=True)
    return rows


# --- reporting -------------------------------------------------------------------------------------------

COLUMNS = (
    ("reports", "reports", "{:>8}"),
    ("ingest_s", "ingest s", "{:>9.2f}"),
    ("ingest_reports_per_s", "ingest r/s", "{:>10.1f}"),
    ("events_s", "events s", "{:>9.2f}"),
    ("events", "events", "{:>7}"),
    ("combined_reports_per_s", "step r/s", "{:>9.1f}"),
    ("cumulative_s", "total s", "{:>9.2f}"),
    ("overall_reports_per_s", "total r/s", "{:>9.1f}"),
    ("ingest_peak_mib", "ingest MiB", "{:>10.1f}"),
    ("events_peak_mib", "events MiB", "{:>10.1f}"),
    ("store_mib", "store MiB", "{:>9.1f}"),
)


def _width(title: str, fmt: str) -> int:
    return max(len(title), len(fmt.format(0)))


def print_header() -> None:
    print("  ".join(f"{title:>{_width(title, fmt)}}" for _, title, fmt in COLUMNS), flush=True)


def print_row(row: dict) -> None:
    cells = []
    for key, title, fmt in COLUMNS:
        value = row.get(key)
        width = _width(title, fmt)
        cells.append(f"{'-':>{width}}" if value is None else f"{fmt.format(value):>{width}}")
    print("  ".join(cells), flush=True)


def summarise(rows: Sequence[dict]) -> dict[str, Any]:
    """Growth from the smallest to the largest size, and the targets met or missed."""
    first, last = rows[0], rows[-1]
    peak = max(max(r["ingest_peak_mib"], r["events_peak_mib"]) for r in rows)
    growth = last["cumulative_s"] / first["cumulative_s"] if first["cumulative_s"] else float("inf")
    summary: dict[str, Any] = {
        "from_reports": first["reports"],
        "to_reports": last["reports"],
        "reports_ratio": round(last["reports"] / first["reports"], 2),
        "time_ratio": round(growth, 2),
        "overall_reports_per_s": last["overall_reports_per_s"],
        "peak_mib": peak,
    }
    if last["mode"] == "incremental":  # a truly incremental step costs the same at any store size
        first_step = first["ingest_s"] + first["events_s"]
        last_step = last["ingest_s"] + last["events_s"]
        summary["last_step_over_first_step"] = round(last_step / first_step, 2) if first_step else None
    return summary


def print_summary(summary: dict[str, Any]) -> None:
    rate, peak, growth = summary["overall_reports_per_s"], summary["peak_mib"], summary["time_ratio"]
    print(
        f"\n{summary['from_reports']} -> {summary['to_reports']} reports ({summary['reports_ratio']}x): time grew "
        f"{growth}x (target <= {TARGET_GROWTH:g}x for 10x reports: {_verdict(growth <= TARGET_GROWTH)})"
    )
    if "last_step_over_first_step" in summary:
        print(f"last chunk's ingest+events took {summary['last_step_over_first_step']}x the first chunk's")
    print(f"overall {rate} reports/s (target >= {TARGET_REPORTS_PER_S:g}: {_verdict(rate >= TARGET_REPORTS_PER_S)})")
    print(f"peak RSS {peak:.0f} MiB (target < {TARGET_PEAK_MIB:.0f}: {_verdict(peak < TARGET_PEAK_MIB)})")


def _verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


def save(rows: list[dict], mode: str, results: Path) -> list[dict]:
    """Write this mode's rows, keeping the other mode's from an earlier run; all rows."""
    kept: list[dict] = []
    if results.is_file():
        kept = [r for r in json.loads(results.read_text(encoding="utf-8")) if r.get("mode") != mode]
    everything = kept + rows
    results.parent.mkdir(parents=True, exist_ok=True)
    results.write_text(json.dumps(everything, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {results}")
    return everything


def plot(rows: Sequence[dict], path: Path) -> None:
    """Seconds against reports (ingest, events, combined), one panel a mode, with a linear reference line."""
    if importlib.util.find_spec("matplotlib") is None:
        print("matplotlib is not installed: no plot (the JSON has the numbers)")
        return
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    modes = [m for m in ("incremental", "batch") if any(r["mode"] == m for r in rows)]
    fig, axes = plt.subplots(1, len(modes), figsize=(6 * len(modes), 4.5), squeeze=False)
    for ax, mode in zip(axes[0], modes, strict=True):
        part = sorted((r for r in rows if r["mode"] == mode), key=lambda r: r["reports"])
        xs = [r["reports"] for r in part]
        if mode == "incremental":
            ingest_s = [r["cumulative_ingest_s"] for r in part]
            events_s = [r["cumulative_events_s"] for r in part]
        else:
            ingest_s = [r["ingest_s"] for r in part]
            events_s = [r["events_s"] for r in part]
        combined = [a + b for a, b in zip(ingest_s, events_s, strict=True)]
        ax.plot(xs, ingest_s, "o-", label="ingest")
        ax.plot(xs, events_s, "s-", label="events")
        ax.plot(xs, combined, "^-", label="ingest + events")
        ax.plot(xs, [combined[0] * x / xs[0] for x in xs], "k--", linewidth=1, label="linear from first point")
        ax.set_title(f"{mode}: {'cumulative ' if mode == 'incremental' else ''}seconds")
        ax.set_xlabel("reports")
        ax.set_ylabel("seconds")
        ax.grid(alpha=0.3)
        ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
    print(f"wrote {path}")


# --- main ------------------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mode", choices=["incremental", "batch"], default="incremental")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 20_000, 50_000, 100_000])
    parser.add_argument("--chunk", type=int, default=10_000, help="reports a feed file (an incremental step)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--keep", type=Path, metavar="DIR", help="write the feed and stores here and keep them")
    parser.add_argument("--batch-size", type=int, help="pass --batch-size N to `rashomon ingest`")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data folder (%(default)s)")
    parser.add_argument("--results", type=Path, default=RESULTS, help=f"JSON results file (default: {RESULTS})")
    args = parser.parse_args()
    if args.chunk < 1 or min(args.sizes) < 1:
        parser.error("--chunk and --sizes must be positive")
    if not (args.data / "multinews").is_dir():
        print(f"feed_scale: no shared data at {args.data}: skipped")
        return
    cli = rashomon_command()
    ends = boundaries(args.sizes, args.chunk)
    with tempfile.TemporaryDirectory(prefix="feed_scale-") as scratch:
        work = args.keep if args.keep is not None else Path(scratch)
        start = time.perf_counter()
        files = write_feed(work / "feed", ends, args.seed, args.data)
        took = time.perf_counter() - start
        print(f"feed: {ends[-1]} reports in {len(files)} files under {work / 'feed'} ({took:.1f} s)", flush=True)
        print_header()
        if args.mode == "incremental":
            rows = incremental(cli, work, files, ends, args.batch_size)
        else:
            rows = batch(cli, work, files, ends, args.sizes, keep=args.keep is not None, batch_size=args.batch_size)
    cpus = os.cpu_count()
    for row in rows:
        row.update({"seed": args.seed, "chunk": args.chunk, "cpus": cpus})
    summary = summarise(rows)
    print_summary(summary)
    rows[-1]["summary"] = summary
    everything = save(rows, args.mode, args.results)
    plot(everything, args.results.with_suffix(".png"))


if __name__ == "__main__":
    main()
