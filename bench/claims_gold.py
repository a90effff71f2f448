"""Build and check the claim gold set (bench/gold/claims-dev.jsonl); guidelines in bench/gold/claims-guidelines.md.

    .venv/bin/python bench/claims_gold.py show allsides:val:3        # the reports of an event, with offsets
    .venv/bin/python bench/claims_gold.py resolve DRAFT.jsonl -o OUT.jsonl   # draft values (text + context) -> offsets
    .venv/bin/python bench/claims_gold.py check bench/gold/claims-dev.jsonl  # every offset against the texts
    .venv/bin/python bench/claims_gold.py stats bench/gold/claims-dev.jsonl

Report texts come from ../shared/data (see rashomon.eval.corpora); nothing of them is stored here beyond value spans.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from rashomon.eval import corpora
from rashomon.eval.gold import GoldError, parse_event, read_gold, write_gold


def show(event: str, data: Path) -> None:
    for r in corpora.event_reports(event, data):
        print(f"=== report {r.id}  ({len(r.text)} chars)")
        offset = 0
        for line in r.text.split("\n"):
            print(f"[{offset:>5}] {line}")
            offset += len(line) + 1
        print()


def resolve(drafts: list[Path], out: Path, data: Path) -> int:
    events, bad = [], 0
    for path in drafts:
        for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not raw.strip():
                continue
            try:
                events.append(parse_event(json.loads(raw), data))
            except (GoldError, corpora.CorpusError, json.JSONDecodeError) as exc:
                print(f"{path}:{n}: {exc}", file=sys.stderr)
                bad += 1
    write_gold(events, out)
    print(f"wrote {len(events)} events to {out}; {bad} lines with errors", file=sys.stderr)
    return 1 if bad else 0


def stats(path: Path, data: Path) -> None:
    events = list(read_gold(path, data))
    kinds = Counter(it.kind for e in events for it in e.items)
    types = Counter(it.type for e in events for it in e.items if it.kind == "conflict")
    corpora_ = Counter(e.corpus for e in events)
    print(f"events {len(events)} {dict(corpora_)}; items {dict(kinds)}; conflict types {dict(types)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=corpora.DEFAULT_DATA, help="the shared data folder")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("show").add_argument("event")
    p = sub.add_parser("resolve")
    p.add_argument("drafts", nargs="+", type=Path)
    p.add_argument("-o", "--output", type=Path, required=True)
    sub.add_parser("check").add_argument("gold", type=Path)
    sub.add_parser("stats").add_argument("gold", type=Path)
    args = parser.parse_args()
    if not args.data.is_dir():
        print(f"{args.data} is absent: the gold set needs ../shared/data", file=sys.stderr)
        return 1
    if args.command == "show":
        show(args.event, args.data)
    elif args.command == "resolve":
        return resolve(args.drafts, args.output, args.data)
    elif args.command == "check":
        n = sum(1 for _ in read_gold(args.gold, args.data))
        print(f"{args.gold}: {n} events, every value matches its text")
    else:
        stats(args.gold, args.data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
