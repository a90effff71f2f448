"""Builders for the unit tests: hand-made parses and records, so no spaCy or ONNX model is ever loaded.

``parse_of`` tokenizes a short text on whitespace and punctuation and lets a test set, token by token, what a spaCy
pipeline would have guessed (part of speech, dependency label and head, lemma, entities)::

    parse_of("Kurilla said it .", pos="PROPN VERB PRON PUNCT", dep="nsubj ROOT dobj punct", head="1 1 1 1")

Per-token attributes are space-separated strings aligned with ``tokens_of(text)``; ``_`` keeps the default.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from rashomon.nlp import Ent, Parse, Token
from rashomon.records import Mention, Sentence

TOKEN = re.compile(r"\$|[A-Za-z]+\.(?=\s+[A-Z])|\d+(?:[.,]\d+)*|\w+(?:[-'’](?!s\b)\w+)*|[’']s\b|[^\w\s]|\n")
ABBREVIATIONS = frozenset({"Gen.", "Lt.", "Maj.", "Col.", "Mr.", "Mrs.", "Dr.", "Sgt.", "Capt.", "Adm."})


def tokens_of(text: str) -> list[tuple[int, int]]:
    """Character spans of the tokens: words (hyphenated words whole), numbers, title abbreviations with their dot,
    a possessive "'s", single punctuation marks and line breaks."""
    spans = []
    for m in TOKEN.finditer(text):
        word = m.group()
        if word.endswith(".") and len(word) > 1 and word not in ABBREVIATIONS:
            spans += [(m.start(), m.end() - 1), (m.end() - 1, m.end())]
        else:
            spans.append(m.span())
    return spans


def token_index(text: str, word: str, occurrence: int = 1) -> int:
    """Index of the ``occurrence``-th token that reads ``word``."""
    hits = [k for k, (a, b) in enumerate(tokens_of(text)) if text[a:b] == word]
    return hits[occurrence - 1]


def _default_pos(word: str) -> str:
    if word == "\n":
        return "SPACE"
    if re.fullmatch(r"\d+(?:[.,]\d+)*", word):
        return "NUM"
    if not re.search(r"\w", word):
        return "SYM" if word == "$" else "PUNCT"
    return "PROPN" if word[:1].isupper() else "NOUN"


def _column(value: str | Sequence[str] | None, n: int, what: str) -> list[str | None]:
    if value is None:
        return [None] * n
    items = value.split() if isinstance(value, str) else list(value)
    if len(items) != n:
        raise ValueError(f"{what}: {len(items)} values for {n} tokens")
    return [None if v == "_" else v for v in items]


def parse_of(
    text: str,
    *,
    pos: str | Sequence[str] | None = None,
    dep: str | Sequence[str] | None = None,
    head: str | Sequence[int] | None = None,
    lemma: str | Sequence[str] | None = None,
    tag: str | Sequence[str] | None = None,
    ents: Sequence[tuple[int, int, str]] = (),
    sents: Sequence[tuple[int, int]] | None = None,
    at: Mapping[int, Mapping[str, Any]] | None = None,
) -> Parse:
    """A Parse of ``text`` with the annotations given (token indices refer to ``tokens_of(text)``).

    Defaults: part of speech guessed from the shape (PROPN for a capital, NUM, PUNCT, else NOUN), lemma the lower-case
    word, every token its own head with an empty label, one sentence per line unless ``sents`` (token ranges) is
    given. ``at`` sets attributes of single tokens by index: ``at={3: {"dep": "nsubj", "head": 4}}``.
    """
    spans = tokens_of(text)
    n = len(spans)
    words = [text[a:b] for a, b in spans]
    pos_col = _column(pos, n, "pos")
    dep_col = _column(dep, n, "dep")
    lemma_col = _column(lemma, n, "lemma")
    tag_col = _column(tag, n, "tag")
    head_col = _column(head.split() if isinstance(head, str) else [str(h) for h in head or ()] or None, n, "head")
    ent_of = [""] * n
    for a, b, label in ents:
        for k in range(a, b):
            ent_of[k] = label
    tokens = tuple(
        Token(
            i=k,
            start=a,
            end=b,
            text=words[k],
            lemma=lemma_col[k] or words[k].lower(),
            pos=pos_col[k] or _default_pos(words[k]),
            tag=tag_col[k] or "",
            dep=dep_col[k] or "",
            head=int(head_col[k]) if head_col[k] is not None else k,
            ent=ent_of[k],
            space=b < len(text) and text[b].isspace(),
        )
        for k, (a, b) in enumerate(spans)
    )
    if at:
        tokens = tuple(replace(t, **at[t.i]) if t.i in at else t for t in tokens)
    if sents is None:
        sents = _lines(words)
    return Parse(text, tokens, tuple(sents), tuple(Ent(a, b, label) for a, b, label in ents))


def _lines(words: Sequence[str]) -> tuple[tuple[int, int], ...]:
    out, start = [], 0
    for k, w in enumerate(words):
        if w == "\n":
            if start < k:
                out.append((start, k))
            start = k + 1
    if start < len(words):
        out.append((start, len(words)))
    return tuple(out)


def sentences_for(report: str, parse: Parse) -> tuple[Sentence, ...]:
    """One Sentence per sentence of the parse, its paragraph the line it is on."""
    out = []
    for a, b in parse.sents:
        start, end = parse.char_span(a, b)
        out.append(Sentence(report, start, end, parse.text[start:end], parse.text.count("\n", 0, start)))
    return tuple(out)


def mention(
    report: str,
    text: str,
    surface: str,
    label: str,
    *,
    name: str | None = None,
    origin: str = "ner",
    strong: bool = False,
    occurrence: int = 1,
) -> Mention:
    """A Mention of the ``occurrence``-th appearance of ``surface`` in ``text``."""
    start = -1
    for _ in range(occurrence):
        start = text.index(surface, start + 1)
    return Mention(report, start, start + len(surface), surface, label, name or surface, origin, strong)
