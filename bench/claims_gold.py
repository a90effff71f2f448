"""Build and check the claim gold set (bench/gold/claims-dev.jsonl); guidelines in bench/gold/claims-guidelines.md.

    .venv/bin/python bench/claims_gold.py show allsides:val:3        # the reports of an event, with offsets
    .venv/bin/python bench/claims_gold.py resolve DRAFT.jsonl -o OUT.jsonl   # draft values (text + context) -> offsets
    .venv/bin/python bench/claims_gold.py check bench/gold/claims-dev.jsonl  # every offset against the texts
    .venv/bin/python bench/claims_gold.py stats bench/gold/claims-dev.jsonl
    .venv/bin/python bench/claims_gold.py merge bench/gold/claims-dev.jsonl bench/gold/issue15/*.jsonl -o OUT.jsonl

``merge`` keeps the first line of each event and gives each line that has none a split: "check" (held out from
tuning) for about a third of the events, chosen by a hash of the event id (never by looking at them), else none.

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
    for split in sorted({e.split or "tune" for e in events}):
        part = [e for e in events if (e.split or "tune") == split]
        kinds = Counter(it.kind for e in part for it in e.items)
        types = Counter(it.type for e in part for it in e.items if it.kind == "conflict")
        corpora_ = Counter(e.corpus for e in part)
        print(f"{split}: events {len(part)} {dict(corpora_)}; items {dict(kinds)}; conflict types {dict(types)}")


CHECK_SHARE = 3  # one event in three, by hash, is held out


def split_of(event: str) -> str | None:
    """The split a new gold event falls in: "check" for about a third of events (a hash of its id), else None."""
    import hashlib

    return "check" if int(hashlib.sha256(event.encode()).hexdigest(), 16) % CHECK_SHARE == 0 else None


def merge(first: Path, more: list[Path], out: Path, data: Path) -> None:
    """The events of ``first`` as they are, then those of ``more`` not seen yet, each given its split."""
    from dataclasses import replace

    kept = {e.event: e for e in read_gold(first, data)}
    for path in more:
        for e in read_gold(path, data):
            if e.event not in kept:
                kept[e.event] = replace(e, split=e.split or split_of(e.event))
    write_gold(kept.values(), out)
    stats(out, data)


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
    p = sub.add_parser("merge")
    p.add_argument("gold", type=Path)
    p.add_argument("more", nargs="+", type=Path)
    p.add_argument("-o", "--output", type=Path, required=True)
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
    elif args.command == "merge":
        merge(args.gold, args.more, args.output, args.data)
    else:
        stats(args.gold, args.data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
