"""Flag precision on events outside the claim gold: every dispute rashomon shows, judged by reading.

The claim gold (bench/gold/claims-dev.jsonl, claims-train.jsonl) scores recall and precision on the events it holds.
This audit asks the reader's question on many more events: of the disputes shown, how many are real? It compares
every AllSides val line, Multi-News val row and ECB+ sub-topic of ../shared/data that neither gold holds, lists
each flag with its values' sentences, and scores the flags against verdicts written by reading them
(bench/gold/flag-audit.jsonl: the event, the flag's values as spans, "real" or "false", and why). A flag matches a
verdict when two of its values, in two reports, are values of the verdict. Flags no verdict covers are listed as
unjudged: judge them (``--list``) and add them, or the precision reads only the flags judged.

    .venv/bin/python bench/flag_audit.py                  # precision on the judged flags, the unjudged listed
    .venv/bin/python bench/flag_audit.py --list           # every flag with its sentences, to judge
    .venv/bin/python bench/flag_audit.py --json out.json  # the flags and scores as JSON

Events are compared with word overlap instead of sentence embeddings (the claims never read them). The verdicts
were written after reading the flags of this audit, and rules were then changed on what they showed: this audit is
a third look at precision, not a held-out test (the claim gold's check split is that).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
GOLDS = (REPO / "bench" / "gold" / "claims-dev.jsonl", REPO / "bench" / "gold" / "claims-train.jsonl")
VERDICTS = REPO / "bench" / "gold" / "flag-audit.jsonl"
TODAY = date(2025, 1, 1)

Span = tuple[str, int, int]


def gold_events() -> set[str]:
    return {json.loads(line)["event"] for path in GOLDS if path.is_file() for line in path.open(encoding="utf-8")}


def audit_events(data: Path) -> list[str]:
    """Every event of ../shared/data that no claim gold holds, in a fixed order."""
    from rashomon.eval import corpora

    taken = gold_events()
    events = [f"allsides:val:{n}" for n in range(len(corpora._allsides_lines(data / "allsides" / "val.source")))]
    events += [f"multinews:val:{r}" for r in sorted(corpora._multinews_rows(data.joinpath(*corpora.MULTINEWS_FILE)))]
    topics = sorted((p.name for p in (data / "ecbplus" / "ECB+").iterdir() if p.name.isdigit()), key=int)
    events += [f"ecbplus:{t}:{kind}" for t in topics for kind in ("ecb", "ecbplus")]
    return [e for e in events if e not in taken]


def _sentence(text: str, start: int, end: int) -> str:
    a = max(text.rfind(". ", 0, start) + 2, text.rfind("\n", 0, start) + 1, 0)
    ends = [k for k in (text.find(". ", end), text.find("\n", end)) if k >= 0]
    return " ".join(text[a : min(ends) + 1 if ends else len(text)].split())


def flags_of_event(event: str, data: Path) -> Iterator[dict[str, Any]]:
    from rashomon.annotate import annotate
    from rashomon.eval import corpora
    from rashomon.eval.claims import flags_of
    from rashomon.pipeline import Settings, compare_annotated, lexical_vectors
    from rashomon.records import Report
    from rashomon.serialize import comparison_to_dict

    corpus_reports = corpora.event_reports(event, data)
    texts = {r.id: r.text for r in corpus_reports}
    docs = list(annotate([Report(r.id, r.text) for r in corpus_reports], today=TODAY, n_process=1))
    settings = Settings(today=TODAY, embeddings=False)
    comparison = comparison_to_dict(compare_annotated(docs, settings, lexical_vectors, group=event))
    for flag in flags_of(comparison):
        values = [
            {"report": r, "start": s, "end": e, "text": texts[r][s:e], "sentence": _sentence(texts[r], s, e)}
            for r, s, e in flag.values
        ]
        yield {"event": event, "kind": flag.kind, "values": values}


def _spans(values: Sequence[dict[str, Any]]) -> list[Span]:
    return [(str(v["report"]), int(v["start"]), int(v["end"])) for v in values]


def matches(flag: dict[str, Any], verdict: dict[str, Any]) -> bool:
    """Two of the flag's values, in two reports, are values of the verdict."""
    if flag["event"] != verdict["event"]:
        return False
    mine = set(_spans(flag["values"]))
    shared = [s for s in _spans(verdict["values"]) if s in mine]
    return len({s[0] for s in shared}) >= 2


def read_verdicts(path: Path) -> list[dict[str, Any]]:
    if not path.is_file():
        return []
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            verdict = json.loads(line)
            if verdict.get("verdict") not in ("real", "false"):
                raise SystemExit(f"{path}:{n}: verdict must be 'real' or 'false'")
            out.append(verdict)
    return out


def score(flags: Sequence[dict[str, Any]], verdicts: Sequence[dict[str, Any]]) -> dict[str, Any]:
    judged = real = 0
    unjudged = []
    for flag in flags:
        found = [v for v in verdicts if matches(flag, v)]
        if not found:
            unjudged.append(flag)
            continue
        judged += 1
        real += any(v["verdict"] == "real" for v in found)
    return {
        "flags": len(flags),
        "judged": judged,
        "real": real,
        "precision": round(real / judged, 3) if judged else None,
        "unjudged": unjudged,
    }


def _show(flag: dict[str, Any]) -> str:
    lines = [f"{flag['event']}  {flag['kind']}"]
    for v in flag["values"]:
        lines.append(f"    {v['report']} [{v['start']}:{v['end']}] {v['text']!r} | {v['sentence'][:240]}")
    return "\n".join(lines)


def _stderr() -> Any:
    from rich.console import Console

    return Console(stderr=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--verdicts", type=Path, default=VERDICTS)
    parser.add_argument("--list", action="store_true", help="print every flag with its values' sentences")
    parser.add_argument("--json", type=Path, help="write the flags and the scores here")
    args = parser.parse_args()
    if not (args.data / "allsides").is_dir():
        print(f"skipped: {args.data} is absent", file=sys.stderr)
        return 1
    from rich.progress import track

    started = time.perf_counter()
    events = audit_events(args.data)
    flags = [f for e in track(events, description="events", console=_stderr()) for f in flags_of_event(e, args.data)]
    result = score(flags, read_verdicts(args.verdicts))
    result.update(events=len(events), seconds=round(time.perf_counter() - started, 1))
    if args.list:
        print("\n".join(_show(f) for f in flags))
    print(
        f"{result['events']} events outside the claim gold: {result['flags']} flags, {result['judged']} judged, "
        f"{result['real']} real: precision {result['precision']} ({result['seconds']} s)"
    )
    for flag in result["unjudged"]:
        print("unjudged: " + _show(flag))
    if args.json:
        payload = json.dumps({**result, "all": flags}, indent=1, ensure_ascii=False)
        args.json.write_text(payload + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
