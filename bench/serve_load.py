"""Load on `rashomon serve`: many concurrent readers of a store whose events are already compared.

A fresh store is prepared through the server itself: `rashomon serve` starts as a subprocess on a free loopback port,
the bundled ferry example and a few short made-up stories (written for this script) are posted to
``/api/reports``, and the script waits until every event is compared (the real pipeline, in the server's worker).
Then ``concurrency`` clients (asyncio + httpx, one connection each) send requests for ``duration`` seconds: a mix
of the events list, searches and filters, event pages, the JSON API and report pages. With ``--interval 0`` each
client sends its next request as soon as the last one is answered (the most the server can do); with
``--interval S`` all clients send together every S seconds (waves of ``concurrency`` simultaneous requests).

Reported (JSON, to ``bench/results/serve_load.json`` by default): requests, errors (any status >= 400, or no
answer), latency p50/p90/p99/max in milliseconds, requests per second. The clients run on the same machine as the
server, so both share its cores.

    .venv/bin/python bench/serve_load.py                         # 200 clients, back to back, 30 s
    .venv/bin/python bench/serve_load.py --interval 5             # waves of 200 simultaneous requests every 5 s
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import ssl
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import httpx

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples" / "ferry"
RESULTS = REPO / "bench" / "results" / "serve_load.json"

# Short made-up stories, two or three outlets each (written for this benchmark).
STORIES: tuple[dict[str, str], ...] = (
    {
        "id": "gazette-fire",
        "title": "Warehouse fire in Rotterdam harbour injures four",
        "source": "Harbour Gazette",
        "published": "2024-05-02",
        "text": "ROTTERDAM: A fire tore through a grain warehouse in Rotterdam harbour on Wednesday night, injuring "
        "four workers, the fire brigade said. Mayor Anna Verbeek said the blaze was under control by dawn.",
    },
    {
        "id": "daily-fire",
        "title": "Rotterdam harbour warehouse blaze: six hurt",
        "source": "Lowlands Daily",
        "published": "2024-05-02",
        "text": "ROTTERDAM: Six workers were hurt when a grain warehouse in Rotterdam harbour caught fire on "
        "Wednesday night, according to the port authority. Mayor Anna Verbeek visited the site on Thursday.",
    },
    {
        "id": "post-flood",
        "title": "River Sava floods villages near Zagreb",
        "source": "Valley Post",
        "published": "2024-09-15",
        "text": "ZAGREB: The river Sava burst its banks on Saturday, flooding three villages south of Zagreb. "
        "Civil protection chief Marko Horvat said 200 people were evacuated by boat.",
    },
    {
        "id": "wire-flood",
        "title": "Hundreds evacuated as Sava floods villages near Zagreb",
        "source": "Adriatic Wire",
        "published": "2024-09-15",
        "text": "ZAGREB: About 250 residents were evacuated on Saturday after the river Sava flooded villages "
        "south of Zagreb, civil protection chief Marko Horvat told reporters.",
    },
    {
        "id": "times-strike",
        "title": "Lisbon tram drivers strike over pay",
        "source": "Tagus Times",
        "published": "2024-01-16",
        "text": "LISBON: Tram drivers in Lisbon walked out on Monday over pay, the drivers' union said, and no "
        "trams ran in the old town. Union leader Rui Costa said the strike would last two days.",
    },
    {
        "id": "herald-strike",
        "title": "No trams in Lisbon as drivers strike",
        "source": "Iberian Herald",
        "published": "2024-01-16",
        "text": "LISBON: Trams stood still across Lisbon on Monday as drivers began a three-day strike over pay, "
        "union leader Rui Costa said. The city council urged residents to take the metro.",
    },
)

# What readers ask for, with weights: pages and their JSON twins, searches and filters.
MIX: tuple[tuple[str, int], ...] = (
    ("list", 2),
    ("search", 2),
    ("filter", 1),
    ("api_list", 2),
    ("api_search", 1),
    ("event", 3),
    ("api_event", 2),
    ("report", 2),
    ("api_report", 1),
)
SEARCHES = ("ferry", "rotterdam", "sava villages", "tram", "nothing like this")
FILTERS = ("place=Zagreb", "conflicts=yes", "from=2024-01-01&to=2024-06-30", "actor=Rafiqul&conflicts=yes")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass(frozen=True, slots=True)
class Server:
    url: str
    pid: int


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) a process has used so far (Linux; 0 where /proc is missing)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@contextmanager
def serving(db: Path, port: int, token: str | None = None) -> Iterator[Server]:
    """`rashomon serve` on ``db`` in a subprocess; yields it once it answers, stops it on leaving."""
    env = {**os.environ, "RASHOMON_TOKEN": token or ""}
    command = [sys.executable, "-m", "rashomon.cli", "serve", "--db", str(db), "--port", str(port)]
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"rashomon serve exited: {process.stderr.read().decode() if process.stderr else ''}")
            try:
                if httpx.get(f"{url}/api/events", timeout=2, headers=_auth(token)).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("rashomon serve did not answer within 60 s")
            time.sleep(0.2)
        yield Server(url, process.pid)
    finally:
        process.terminate()
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _auth(token: str | None) -> dict[str, str]:
    return {"authorization": f"Bearer {token}"} if token else {}


def prepare(url: str, token: str | None = None, timeout: float = 300.0) -> dict[str, list[str]]:
    """Post the example and the stories, wait until every event is compared; returns the event and report ids."""
    headers = _auth(token)
    lines = [json.loads(line) for line in (EXAMPLES / "wire.jsonl").read_text(encoding="utf-8").splitlines() if line]
    assert httpx.post(f"{url}/api/reports", json=[*lines, *STORIES], headers=headers, timeout=60).status_code < 300
    for name in ("river-courier.txt", "delta-tribune.html"):
        files = {"file": (name, (EXAMPLES / name).read_bytes())}
        assert httpx.post(f"{url}/upload", files=files, headers=headers, timeout=60).status_code < 300
    deadline = time.monotonic() + timeout
    while True:
        events = httpx.get(f"{url}/api/events", headers=headers, timeout=30).json()
        if events and all(e["status"] == "compared" for e in events) and sum(len(e["reports"]) for e in events) == 9:
            return {"events": [e["id"] for e in events], "reports": [r for e in events for r in e["reports"]]}
        if time.monotonic() > deadline:
            raise RuntimeError(f"events not compared within {timeout:.0f} s: {events}")
        time.sleep(0.5)


def request_paths(ids: dict[str, list[str]], count: int, seed: int = 7) -> list[str]:
    """``count`` request paths drawn from ``MIX`` (fixed seed: every run asks for the same things)."""
    rng = random.Random(seed)
    kinds = [kind for kind, weight in MIX for _ in range(weight)]
    paths = []
    for _ in range(count):
        kind = rng.choice(kinds)
        event, report = rng.choice(ids["events"]), rng.choice(ids["reports"])
        paths.append(
            {
                "list": "/",
                "search": f"/?q={rng.choice(SEARCHES)}",
                "filter": f"/?{rng.choice(FILTERS)}",
                "api_list": "/api/events",
                "api_search": f"/api/events?q={rng.choice(SEARCHES)}",
                "event": f"/events/{event}",
                "api_event": f"/api/events/{event}",
                "report": f"/reports/{report}",
                "api_report": f"/api/reports/{report}",
            }[kind]
        )
    return paths


@dataclass(frozen=True, slots=True)
class Sample:
    path: str
    status: int  # 0: no answer
    ms: float
    problem: str = ""  # why there was no answer


async def drive(
    url: str,
    paths: Sequence[str],
    *,
    concurrency: int = 200,
    duration: float = 30.0,
    interval: float = 0.0,
    token: str | None = None,
) -> dict[str, Any]:
    """``concurrency`` clients request ``paths`` (in turn) for ``duration`` seconds; see the module's docstring."""
    samples: list[Sample] = []
    context = ssl.create_default_context()  # built once: each client would otherwise load the CA bundle
    started = time.monotonic()
    end = started + duration

    async def one_client(k: int) -> None:
        # A client (and a pool) per simulated reader: one pool of hundreds of connections is scanned per request.
        limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
        async with httpx.AsyncClient(
            base_url=url, limits=limits, timeout=60.0, headers=_auth(token), verify=context
        ) as client:
            turn = 0
            while time.monotonic() < end:
                path = paths[(k + turn * concurrency) % len(paths)]
                t0 = time.perf_counter()
                try:
                    response = await client.get(path)
                    status = response.status_code
                    problem = ""
                except httpx.HTTPError as error:
                    status, problem = 0, type(error).__name__
                samples.append(Sample(path, status, (time.perf_counter() - t0) * 1000, problem))
                turn += 1
                if interval > 0:
                    await asyncio.sleep(max(0.0, started + turn * interval - time.monotonic()))

    await asyncio.gather(*(one_client(k) for k in range(concurrency)))
    elapsed = time.monotonic() - started
    return summarize(samples, elapsed, concurrency, duration, interval)


def summarize(
    samples: Sequence[Sample], elapsed: float, concurrency: int, duration: float, interval: float
) -> dict[str, Any]:
    times = sorted(s.ms for s in samples)
    errors = [s for s in samples if s.status == 0 or s.status >= 400]

    def pct(p: float) -> float:
        return round(times[min(len(times) - 1, int(p * len(times)))], 1) if times else 0.0

    by_status: dict[str, int] = {}
    for s in samples:
        by_status[str(s.status)] = by_status.get(str(s.status), 0) + 1
    return {
        "concurrency": concurrency,
        "duration_s": duration,
        "interval_s": interval,
        "elapsed_s": round(elapsed, 2),
        "requests": len(samples),
        "errors": len(errors),
        "error_samples": [f"{s.status or s.problem} {s.path}" for s in errors[:10]],
        "statuses": by_status,
        "latency_ms": {
            "p50": pct(0.50),
            "p90": pct(0.90),
            "p99": pct(0.99),
            "max": round(times[-1], 1) if times else 0,
        },
        "requests_per_s": round(len(samples) / elapsed, 1) if elapsed else 0.0,
    }


def run(concurrency: int, duration: float, interval: float, folder: Path | None = None) -> dict[str, Any]:
    """Prepare a store in ``folder`` (a temporary one by default), serve it, and drive the load once."""
    with tempfile.TemporaryDirectory() as tmp:
        db = (folder or Path(tmp)) / "serve-load.db"
        with serving(db, free_port()) as server:
            t0 = time.monotonic()
            ids = prepare(server.url)
            prepared = time.monotonic() - t0
            paths = request_paths(ids, 5000)
            server_cpu, client_cpu = cpu_seconds(server.pid), time.process_time()
            result = asyncio.run(
                drive(server.url, paths, concurrency=concurrency, duration=duration, interval=interval)
            )
            server_cpu, client_cpu = cpu_seconds(server.pid) - server_cpu, time.process_time() - client_cpu
    return {
        **result,
        "server_cpu_s": round(server_cpu, 1),
        "server_cpu_ms_per_request": round(1000 * server_cpu / max(1, result["requests"]), 2),
        "client_cpu_s": round(client_cpu, 1),
        "events": len(ids["events"]),
        "reports": len(ids["reports"]),
        "prepare_s": round(prepared, 1),
    }


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--concurrency", type=int, default=200)
    parser.add_argument("--duration", type=float, default=30.0)
    parser.add_argument("--interval", type=float, default=0.0, help="seconds between waves (0: back to back)")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    result = run(args.concurrency, args.duration, args.interval)
    command = " ".join(["bench/serve_load.py", *(argv if argv is not None else sys.argv[1:])])
    result = {"command": command, "date": date.today().isoformat(), "cpus": os.cpu_count(), **result}
    text = json.dumps(result, indent=2)
    print(text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    runs: dict[str, Any] = {}
    if args.out.exists():
        runs = json.loads(args.out.read_text(encoding="utf-8")).get("runs", {})
    runs["back_to_back" if args.interval == 0 else f"waves_every_{args.interval:g}s"] = result
    args.out.write_text(json.dumps({"runs": runs}, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
