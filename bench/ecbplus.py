"""Read ECB+ documents (CAT XML) from ../shared/data/ecbplus as plain texts, for benchmarks and evaluations.

A document's text is its tokens joined by spaces, one sentence per line; sentence 0 of an ``*ecbplus.xml`` file is
the source URL and is skipped. Split topics follow ``splits.json`` (train / dev; test is withheld).
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

DEFAULT_ROOT = Path(__file__).resolve().parents[2] / "shared" / "data" / "ecbplus"


@dataclass(frozen=True, slots=True)
class Document:
    id: str  # file name without extension, e.g. "1_10ecbplus"
    topic: str
    text: str


def split_files(root: Path = DEFAULT_ROOT, split: str = "train") -> list[Path]:
    """The XML files of a split as listed in splits.json ("documents": {"train": [...], "dev": [...]})."""
    splits = json.loads((root / "splits.json").read_text(encoding="utf-8"))
    return [root / "ECB+" / name.split("_", 1)[0] / name for name in splits["documents"][split]]


def document_text(path: Path) -> str:
    root = ET.parse(path).getroot()
    sentences: dict[int, list[str]] = {}
    skip_first = path.name.endswith("ecbplus.xml")
    for token in root.iter("token"):
        number = int(token.get("sentence", "0"))
        if skip_first and number == 0:
            continue
        sentences.setdefault(number, []).append(token.text or "")
    return "\n".join(" ".join(words) for _, words in sorted(sentences.items()))


def documents(root: Path = DEFAULT_ROOT, split: str = "train", limit: int | None = None) -> Iterator[Document]:
    """The documents of a split, in topic then file order."""
    for count, path in enumerate(p for p in split_files(root, split) if p.is_file()):
        if limit is not None and count >= limit:
            return
        yield Document(path.stem, path.parent.name, document_text(path))
