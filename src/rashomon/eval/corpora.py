"""Report texts of the shared evaluation corpora, with the ids and offsets the gold sets use.

- AllSides (``allsides/<split>.source``): a line is one story told by three outlets, joined by `` [SEP] ``. Report
  ``k`` (0, 1, 2) of line ``n`` (0-based) has the id ``allsides:<split>:<n>:<k>`` and its text is the segment exactly
  as the file gives it (``TITLE=> ... ARTICLE=> ...``). The event of the line is ``allsides:<split>:<n>``.
- Multi-News (``multinews/multinews_validation_250.jsonl``): a line is one story; document ``k`` (0-based, blank
  documents included in the count) of the line whose ``row`` is ``n`` has the id ``multinews:val:<n>:<k>`` and its
  text is the document exactly as the file gives it. The event of the line is ``multinews:val:<n>``.
- ECB+ (``ecbplus/ECB+/<topic>/<doc>.xml``): the id is the file name without ``.xml`` (``2_10ecbplus``); the text is
  the tokens joined by single spaces, one sentence a line (sentence 0 of an ``*ecbplus.xml`` file is the source URL
  and is skipped). An event is a sub-topic: ``ecbplus:<topic>:ecb`` or ``ecbplus:<topic>:ecbplus``.

Every offset in a gold set is a Python string index into these texts.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DEFAULT_DATA = Path(__file__).resolve().parents[3].parent / "shared" / "data"
SEPARATOR = " [SEP] "
_ALLSIDES_ID = re.compile(r"allsides:(?P<split>[a-z]+):(?P<line>\d+):(?P<k>\d+)\Z")
_ALLSIDES_EVENT = re.compile(r"allsides:(?P<split>[a-z]+):(?P<line>\d+)\Z")
_MULTINEWS_ID = re.compile(r"multinews:val:(?P<row>\d+):(?P<k>\d+)\Z")
_MULTINEWS_EVENT = re.compile(r"multinews:val:(?P<row>\d+)\Z")
MULTINEWS_FILE = ("multinews", "multinews_validation_250.jsonl")
_ECB_ID = re.compile(r"(?P<topic>\d+)_(?P<n>\d+)(?P<kind>ecb|ecbplus)\Z")


class CorpusError(LookupError):
    """A report or event id that the data folder does not hold."""


@dataclass(frozen=True, slots=True)
class CorpusReport:
    id: str
    text: str
    event: str


def is_allsides(report_id: str) -> bool:
    return _ALLSIDES_ID.match(report_id) is not None


@lru_cache(maxsize=8)
def _allsides_lines(path: Path) -> tuple[str, ...]:
    return tuple(path.read_text(encoding="utf-8").splitlines())


def allsides_story(line: int, split: str = "val", data: Path = DEFAULT_DATA) -> list[CorpusReport]:
    """The three reports of one AllSides line."""
    path = data / "allsides" / f"{split}.source"
    if not path.is_file():
        raise CorpusError(f"{path} is absent")
    lines = _allsides_lines(path)
    if not 0 <= line < len(lines):
        raise CorpusError(f"{path} has no line {line} (0-based; {len(lines)} lines)")
    event = f"allsides:{split}:{line}"
    return [CorpusReport(f"{event}:{k}", text, event) for k, text in enumerate(lines[line].split(SEPARATOR))]


@lru_cache(maxsize=2)
def _multinews_rows(path: Path) -> dict[int, tuple[str, ...]]:
    rows = (json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    return {int(row["row"]): tuple(row["documents"]) for row in rows}


def multinews_story(row: int, data: Path = DEFAULT_DATA) -> list[CorpusReport]:
    """The documents of one Multi-News line (by its ``row`` field); blank documents are skipped but keep their k."""
    path = data.joinpath(*MULTINEWS_FILE)
    if not path.is_file():
        raise CorpusError(f"{path} is absent")
    rows = _multinews_rows(path)
    if row not in rows:
        raise CorpusError(f"{path} has no row {row}")
    event = f"multinews:val:{row}"
    return [CorpusReport(f"{event}:{k}", text, event) for k, text in enumerate(rows[row]) if text.strip()]


def ecbplus_path(doc_id: str, data: Path = DEFAULT_DATA) -> Path:
    m = _ECB_ID.match(doc_id)
    if m is None:
        raise CorpusError(f"{doc_id!r} is not an ECB+ document id such as 2_10ecbplus")
    return data / "ecbplus" / "ECB+" / m["topic"] / f"{doc_id}.xml"


def ecbplus_text(path: Path) -> str:
    """Tokens joined by spaces, a sentence a line; the URL sentence of ``*ecbplus.xml`` files skipped."""
    root = ET.parse(path).getroot()
    sentences: dict[int, list[str]] = {}
    skip_first = path.name.endswith("ecbplus.xml")
    for token in root.iter("token"):
        number = int(token.get("sentence", "0"))
        if skip_first and number == 0:
            continue
        sentences.setdefault(number, []).append(token.text or "")
    return "\n".join(" ".join(words) for _, words in sorted(sentences.items()))


def ecbplus_event(doc_id: str) -> str:
    m = _ECB_ID.match(doc_id)
    if m is None:
        raise CorpusError(f"{doc_id!r} is not an ECB+ document id such as 2_10ecbplus")
    return f"ecbplus:{m['topic']}:{m['kind']}"


def ecbplus_report(doc_id: str, data: Path = DEFAULT_DATA) -> CorpusReport:
    path = ecbplus_path(doc_id, data)
    if not path.is_file():
        raise CorpusError(f"{path} is absent")
    return CorpusReport(doc_id, ecbplus_text(path), ecbplus_event(doc_id))


def report(report_id: str, data: Path = DEFAULT_DATA) -> CorpusReport:
    """One report by its gold-set id (AllSides, Multi-News or ECB+)."""
    m = _ALLSIDES_ID.match(report_id)
    if m is not None:
        story = allsides_story(int(m["line"]), m["split"], data)
        k = int(m["k"])
        if k >= len(story):
            raise CorpusError(f"{report_id}: the line has {len(story)} reports")
        return story[k]
    m = _MULTINEWS_ID.match(report_id)
    if m is not None:
        found = [r for r in multinews_story(int(m["row"]), data) if r.id == report_id]
        if not found:
            raise CorpusError(f"{report_id}: no such (non-blank) document")
        return found[0]
    return ecbplus_report(report_id, data)


def ecbplus_split(split: str, data: Path = DEFAULT_DATA) -> list[str]:
    """Document ids of an ECB+ split as listed in splits.json, in its order."""
    splits = json.loads((data / "ecbplus" / "splits.json").read_text(encoding="utf-8"))
    return [name.removesuffix(".xml") for name in splits["documents"][split]]


def ecbplus_documents(
    split: str = "train", data: Path = DEFAULT_DATA, limit: int | None = None
) -> Iterator[CorpusReport]:
    for count, doc_id in enumerate(d for d in ecbplus_split(split, data) if ecbplus_path(d, data).is_file()):
        if limit is not None and count >= limit:
            return
        yield ecbplus_report(doc_id, data)


def doc_number(doc_id: str) -> int:
    m = _ECB_ID.match(doc_id)
    return int(m["n"]) if m else 0


def ecbplus_event_documents(event: str, data: Path = DEFAULT_DATA, limit: int | None = 5) -> list[str]:
    """The documents of an ECB+ sub-topic (``ecbplus:<topic>:<ecb|ecbplus>``), by document number, first ``limit``."""
    _, topic, kind = event.split(":")
    folder = data / "ecbplus" / "ECB+" / topic
    if not folder.is_dir():
        raise CorpusError(f"{folder} is absent")
    ids = [p.stem for p in folder.glob(f"{topic}_*{kind}.xml") if (m := _ECB_ID.match(p.stem)) and m["kind"] == kind]
    ids.sort(key=doc_number)
    return ids[:limit] if limit is not None else ids


def event_reports(event: str, data: Path = DEFAULT_DATA) -> list[CorpusReport]:
    """The reports of a gold-set event id: an AllSides line, a Multi-News line, or the first five documents of an ECB+
    sub-topic."""
    m = _ALLSIDES_EVENT.match(event)
    if m is not None:
        return allsides_story(int(m["line"]), m["split"], data)
    m = _MULTINEWS_EVENT.match(event)
    if m is not None:
        return multinews_story(int(m["row"]), data)
    if event.startswith("ecbplus:"):
        return [ecbplus_report(d, data) for d in ecbplus_event_documents(event, data)]
    raise CorpusError(
        f"{event!r} is not an event id (allsides:<split>:<line>, multinews:val:<row> or ecbplus:<topic>:<ecb|ecbplus>)"
    )
