"""The cited summary against human summaries: ROUGE of rashomon's summary and of baselines, and citation precision.

Corpora (under the shared data folder):

- ``multinews`` (``multinews/multinews_validation_250.jsonl``): a line is one cluster; its ``documents`` (already a
  list; blank ones left out, scraping noise kept) are the reports, ids ``multinews:val:<row>:<k>``; the reference is
  ``summary`` without its leading "– ".
- ``allsides`` (``allsides/val.source`` and ``val.target``): a line of ``val.source`` is one story told by three
  outlets, joined by `` [SEP] ``; a report's text is the segment's ``ARTICLE=>`` part (its ``TITLE=>`` part is the
  report's title), ids ``allsides:val:<line>:<k>``; the reference is the ``ARTICLE=>`` part of the same line of
  ``val.target``.

Systems, each summary cut to the same word budget (``rashomon.summarize.word_budget`` of the cluster's reports):

- ``rashomon``: the ``summary`` of ``compare_annotated``, as ``rashomon compare`` prints it.
- ``lead``: the first sentence of each report in turn, then the second of each, ... (the reports' own sentences).
- ``centroid``: sentences by embedding cosine to the mean of all sentence vectors, a near-duplicate (cosine 0.8 to
  one taken) skipped, then put in reading order.

Scores: ROUGE-1, ROUGE-2 and ROUGE-Lsum F1 (``rouge_score`` with the Porter stemmer; for Lsum the sentences are
joined by newlines), averaged over clusters, times 100.

Citation precision (independent of the summarizer's own check): a citation of a summary sentence is *supported* when
its cited span contains the sentence's facts: every figure (a number, digits or a number word, as a value), every
name word (a capitalised word that is not the sentence's first word nor a common word) and at least
``CONTENT_COVERAGE`` of its content words (stemmed, stop words left out); a possessive 's is cut off either apostrophe.
A sentence that names a dispute ("Reports disagree on ...: “X” (a) vs. “Y” (b)") instead needs each cited span (a
value as its report writes it) to contain, or be part of, one of the values it quotes. Precision is supported citations
over all citations; the other reports' precision leaves out each sentence's first citation (its own span, supported by
construction) and dispute sentences; ``cited`` is the share of summary sentences with a citation.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

import numpy as np

from rashomon.eval.corpora import DEFAULT_DATA, SEPARATOR, CorpusError
from rashomon.records import AnnotatedReport, Report, SummarySentence

Corpus = Literal["multinews", "allsides"]
CORPORA: tuple[Corpus, ...] = ("multinews", "allsides")
SYSTEMS = ("rashomon", "lead", "centroid")
MULTINEWS_FILE = ("multinews", "multinews_validation_250.jsonl")
CONTENT_COVERAGE = 0.6
CENTROID_REDUNDANCY = 0.8
_ARTICLE = re.compile(r"\s*TITLE=>\s*(?P<title>.*?)\s*ARTICLE=>\s*(?P<body>.*)\Z", re.DOTALL)
Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class SummaryCase:
    """One cluster: its reports and the human summary."""

    id: str
    reports: tuple[Report, ...]
    reference: str


@dataclass(frozen=True, slots=True)
class Rouge:
    rouge1: float
    rouge2: float
    rougeLsum: float
    words: float  # average summary length in words


@dataclass(frozen=True, slots=True)
class SummaryScores:
    corpus: str
    clusters: int
    systems: Mapping[str, Rouge]
    citation_precision: float  # supported citations over all citations
    other_citation_precision: float  # the same over citations of other reports than the sentence's own
    cited: float  # share of summary sentences with at least one citation
    sentences: int
    citations: int
    other_citations: int
    seconds: float
    unsupported: tuple[str, ...] = field(default_factory=tuple)  # a few unsupported citations, for --errors


# --- loaders ---------------------------------------------------------------------------------------------


def load_cases(corpus: str, data: Path = DEFAULT_DATA, limit: int | None = None) -> list[SummaryCase]:
    """The clusters of a corpus in file order (the first ``limit``); CorpusError when its files are absent."""
    if corpus == "multinews":
        cases = load_multinews(data)
    elif corpus == "allsides":
        cases = load_allsides(data)
    else:
        raise ValueError(f"unknown corpus {corpus!r}; one of {', '.join(CORPORA)}")
    return cases[:limit] if limit is not None else cases


def load_multinews(data: Path = DEFAULT_DATA) -> list[SummaryCase]:
    path = data.joinpath(*MULTINEWS_FILE)
    if not path.is_file():
        raise CorpusError(f"{path} is absent")
    cases = []
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        event = f"multinews:val:{row['row']}"
        reports = tuple(
            Report(id=f"{event}:{k}", text=text, content_hash=_sha(text))
            for k, text in enumerate(row["documents"])
            if text.strip()
        )
        cases.append(SummaryCase(event, reports, row["summary"].strip().removeprefix("–").strip()))
    return cases


def load_allsides(data: Path = DEFAULT_DATA, split: str = "val") -> list[SummaryCase]:
    source, target = data / "allsides" / f"{split}.source", data / "allsides" / f"{split}.target"
    for path in (source, target):
        if not path.is_file():
            raise CorpusError(f"{path} is absent")
    references = target.read_text(encoding="utf-8").splitlines()
    cases = []
    for n, line in enumerate(source.read_text(encoding="utf-8").splitlines()):
        event = f"allsides:{split}:{n}"
        reports = []
        for k, segment in enumerate(line.split(SEPARATOR)):
            title, body = _title_and_body(segment)
            if body:
                reports.append(Report(id=f"{event}:{k}", text=body, title=title, content_hash=_sha(body)))
        cases.append(SummaryCase(event, tuple(reports), _title_and_body(references[n])[1]))
    return cases


def _title_and_body(segment: str) -> tuple[str | None, str]:
    m = _ARTICLE.match(segment)
    if m is None:
        return None, segment.strip()
    return m["title"].removesuffix(".") or None, m["body"].strip()


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --- annotations, cached ---------------------------------------------------------------------------------


class EvalCache:
    """Annotations and sentence vectors kept in one SQLite file between runs: annotations keyed by what produced
    them and by the report (id, text, reference day), vectors by the embedding model and the text. Iterating on the
    per-event stages then costs neither parsing nor encoding. What produced them is the rashomon version and the spaCy
    pipeline: after a change to the annotators within one version, delete the file."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._conn = sqlite3.connect(path)
        self._conn.execute("CREATE TABLE IF NOT EXISTS annotations (key TEXT PRIMARY KEY, data TEXT NOT NULL)")
        self._conn.execute("CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, data BLOB NOT NULL)")

    @staticmethod
    def key(report: Report, annotator: str, today: str) -> str:
        return _sha("\n".join((annotator, report.id, today, report.published or "", report.text)))

    def get(self, key: str) -> str | None:
        row = self._conn.execute("SELECT data FROM annotations WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def put(self, items: Iterable[tuple[str, str]]) -> None:
        with self._conn:
            self._conn.executemany("INSERT OR REPLACE INTO annotations (key, data) VALUES (?, ?)", list(items))

    def vectorizer(self, encode: Callable[[list[str]], np.ndarray], model: str) -> Callable[[list[str]], np.ndarray]:
        """``encode`` with its vectors kept here (``model`` names what encodes, so another model starts afresh)."""

        def vectors_of(texts: list[str]) -> np.ndarray:
            keys = {t: _sha(f"{model}\n{t}") for t in dict.fromkeys(texts)}
            found: dict[str, np.ndarray] = {}
            for text, key in keys.items():
                row = self._conn.execute("SELECT data FROM vectors WHERE key = ?", (key,)).fetchone()
                if row is not None:
                    found[text] = np.frombuffer(row[0], dtype=np.float32)
            missing = [t for t in keys if t not in found]
            if missing:
                made = np.asarray(encode(missing), dtype=np.float32)
                found.update(zip(missing, made, strict=True))
                with self._conn:
                    self._conn.executemany(
                        "INSERT OR REPLACE INTO vectors (key, data) VALUES (?, ?)",
                        [(keys[t], v.tobytes()) for t, v in zip(missing, made, strict=True)],
                    )
            if not texts:
                return np.zeros((0, 1), dtype=np.float32)
            return np.vstack([found[t] for t in texts])

        return vectors_of

    def close(self) -> None:
        self._conn.close()


def annotated_cases(
    cases: Sequence[SummaryCase], settings: Any, cache: EvalCache | None = None
) -> Iterator[tuple[SummaryCase, list[AnnotatedReport]]]:
    """Each case with its reports' annotations (``settings``: ``rashomon.pipeline.Settings``), from the cache where
    it has them."""
    from rashomon.annotate import annotate
    from rashomon.store.codec import annotations_from_json, annotations_to_json
    from rashomon.store.sqlite import annotator_version

    annotator = annotator_version() if settings.model is None else f"{annotator_version()}; {settings.model}"
    today = settings.today.isoformat() if settings.today else ""
    for case in cases:
        keys = [EvalCache.key(r, annotator, today) for r in case.reports]
        stored = [cache.get(k) if cache else None for k in keys]
        have = {r.id: annotations_from_json(r, s) for r, s in zip(case.reports, stored, strict=True) if s}
        missing = [r for r in case.reports if r.id not in have]
        if missing:
            made = list(annotate(missing, model=settings.model, today=settings.today, n_process=settings.n_process))
            have.update({a.report.id: a for a in made})
            if cache is not None:
                by_id = dict(zip([r.id for r in case.reports], keys, strict=True))
                cache.put((by_id[a.report.id], annotations_to_json(a)) for a in made)
        yield case, [have[r.id] for r in case.reports]


# --- baselines and the oracle ----------------------------------------------------------------------------


def _words(text: str) -> int:
    return len(text.split())


def _sentence_texts(doc: AnnotatedReport) -> list[str]:
    return [" ".join(s.text.split()) for s in doc.sentences if s.text.strip()]


def _in_turn(per_doc: Sequence[Sequence[int]]) -> list[tuple[int, int]]:
    """(report, k) for the first item of each report in turn, then the second of each, ..."""
    longest = max((len(items) for items in per_doc), default=0)
    return [(d, items[k]) for k in range(longest) for d, items in enumerate(per_doc) if k < len(items)]


def _fill(texts: Iterable[str], budget: int) -> list[str]:
    out, used = [], 0
    for text in texts:
        if used >= budget:
            break
        out.append(text)
        used += _words(text)
    return out


def lead_summary(docs: Sequence[AnnotatedReport], budget: int) -> list[str]:
    """The first sentence of each report in turn, then the second of each, ..., until ``budget`` words."""
    sentences = [_sentence_texts(d) for d in docs]
    order = _in_turn([range(len(s)) for s in sentences])
    return _fill((sentences[d][k] for d, k in order), budget)


def centroid_summary(
    docs: Sequence[AnnotatedReport], vectors_of: Callable[[list[str]], np.ndarray], budget: int
) -> list[str]:
    """Sentences by cosine to the mean of all sentence vectors, near-duplicates skipped, in reading order."""
    keyed = [(d, k, text) for d, doc in enumerate(docs) for k, text in enumerate(_sentence_texts(doc))]
    if not keyed:
        return []
    vectors = vectors_of([text for _, _, text in keyed])
    centroid = vectors.mean(axis=0)
    chosen: list[int] = []
    used = 0
    for n in np.argsort(-(vectors @ centroid), kind="stable"):
        if used >= budget:
            break
        if chosen and float(np.max(vectors[chosen] @ vectors[n])) >= CENTROID_REDUNDANCY:
            continue
        chosen.append(int(n))
        used += _words(keyed[n][2])
    return [keyed[n][2] for n in sorted(chosen, key=lambda n: (keyed[n][1], keyed[n][0]))]


def _ngrams(tokens: Sequence[str], n: int) -> Counter[tuple[str, ...]]:
    return Counter(tuple(tokens[k : k + n]) for k in range(len(tokens) - n + 1))


def _f1(overlap: int, produced: int, wanted: int) -> float:
    if not overlap:
        return 0.0
    p, r = overlap / produced, overlap / wanted
    return 2 * p * r / (p + r)


def oracle_summary(docs: Sequence[AnnotatedReport], reference: str, budget: int) -> list[str]:
    """The extractive upper bound at this length (see ``oracle_picks``) over every sentence of the reports."""
    texts = [t for d in docs for t in _sentence_texts(d)]
    return [texts[k] for k in sorted(oracle_picks(texts, reference, budget))]


def oracle_picks(texts: Sequence[str], reference: str, budget: int) -> list[int]:
    """Sentences added greedily, each the one that raises ROUGE-1 F1 plus ROUGE-2 F1 the most, while the summary is
    under ``budget`` words and some sentence still raises it; their indices, in the order picked."""
    tokenize = _tokenizer()
    tokens = [tokenize(t) for t in texts]
    grams = [(_ngrams(t, 1), _ngrams(t, 2)) for t in tokens]
    ref_tokens = tokenize(reference)
    ref = (_ngrams(ref_tokens, 1), _ngrams(ref_tokens, 2))
    ref_sizes = (sum(ref[0].values()), sum(ref[1].values()))
    if not ref_sizes[0]:
        return []
    have: tuple[Counter[tuple[str, ...]], Counter[tuple[str, ...]]] = (Counter(), Counter())
    overlap, sizes = [0, 0], [0, 0]
    chosen: list[int] = []
    best_score, used = 0.0, 0
    while used < budget:
        best = None
        for k, pair in enumerate(grams):
            if k in chosen or not tokens[k]:
                continue
            score = sum(
                _f1(overlap[i] + _gain(have[i], pair[i], ref[i]), sizes[i] + sum(pair[i].values()), ref_sizes[i])
                for i in (0, 1)
            )
            if score > best_score:
                best, best_score = k, score
        if best is None:
            break
        chosen.append(best)
        for i in (0, 1):
            overlap[i] += _gain(have[i], grams[best][i], ref[i])
            have[i].update(grams[best][i])
            sizes[i] += sum(grams[best][i].values())
        used += _words(texts[best])
    return chosen


def _gain(have: Counter[tuple[str, ...]], add: Counter[tuple[str, ...]], ref: Counter[tuple[str, ...]]) -> int:
    """How much the clipped overlap with ``ref`` grows when ``add`` joins ``have``."""
    total = 0
    for gram, n in add.items():
        wanted = ref.get(gram, 0)
        if wanted:
            held = have.get(gram, 0)
            total += min(wanted, held + n) - min(wanted, held)
    return total


def _tokenizer() -> Callable[[str], list[str]]:
    from rouge_score import tokenizers

    return tokenizers.DefaultTokenizer(use_stemmer=True).tokenize


# --- scores ----------------------------------------------------------------------------------------------

_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[\"“‘(]?[A-Z0-9])|(?<=[.!?][\"”’'])\s+(?=[\"“‘(]?[A-Z0-9])")


def split_sentences(text: str) -> list[str]:
    """A reference's sentences, for ROUGE-Lsum: split after ., ! or ? (and a closing quote) before a capital."""
    return [t for t in _SENTENCE_BREAK.split(" ".join(text.split())) if t]


class RougeUnavailable(RuntimeError):
    """rouge-score, a development dependency, is not installed."""


class RougeScorer:
    """ROUGE-1, ROUGE-2 and ROUGE-Lsum F1 (Porter stemmer) of summaries given as lists of sentences."""

    def __init__(self) -> None:
        try:
            from rouge_score import rouge_scorer
        except ImportError as exc:  # a dev dependency (requirements-dev.lock)
            raise RougeUnavailable("rouge-score is not installed: pip install -r requirements-dev.lock") from exc
        self._scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeLsum"], use_stemmer=True)

    def __call__(self, reference: str, sentences: Sequence[str]) -> tuple[float, float, float]:
        scores = self._scorer.score("\n".join(split_sentences(reference)), "\n".join(sentences))
        return scores["rouge1"].fmeasure, scores["rouge2"].fmeasure, scores["rougeLsum"].fmeasure


# --- citation precision ----------------------------------------------------------------------------------

_STOP = frozenset(
    """a an the and or but if of in on at to for from by with about as into over after before under between
    through during without within than then so that this these those there here it its it's he she they we you i
    him her them us me my our your their his hers theirs is are was were be been being am do does did done have
    has had having will would shall should can could may might must not no nor only also just very more most
    such what which who whom whose when where why how all any both each few other some own same too s t said says
    say told tell""".split()
)
_NUMBER_WORDS = {
    w: float(k)
    for k, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
        "seventeen eighteen nineteen twenty".split()
    )
}
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
_QUOTED_VALUE = re.compile(r"“([^”]+)”")
DISPUTE_OPENING = "Reports disagree on the "


def _figures(text: str) -> set[str]:
    """Numbers as values ("1,200" and "1200" alike; "three" as 3), a version number or the like as written."""
    out = {_value(m.group()) for m in _DIGITS.finditer(text)}
    out |= {_value(str(_NUMBER_WORDS[w])) for w in re.findall(r"[a-z]+", text.lower()) if w in _NUMBER_WORDS}
    return out


def _value(number: str) -> str:
    plain = number.replace(",", "")
    try:
        return repr(float(plain))
    except ValueError:
        return plain


def _word_list(text: str) -> list[str]:
    """Words with a possessive 's cut off (either apostrophe)."""
    return [re.sub(r"['’]s$", "", w) for w in re.findall(r"[\w'’\-]+", text)]


def _name_words(text: str) -> set[str]:
    words = _word_list(text)
    return {w.lower() for w in words[1:] if w[:1].isupper() and w.lower() not in _STOP}


def citation_supported(sentence: str, cited: str, tokenize: Callable[[str], list[str]]) -> bool:
    """The cited text contains the sentence's facts (see the module docstring); ``tokenize`` stems words."""
    if sentence.startswith(DISPUTE_OPENING):  # the cited span is one value, as its report writes it
        values = [v.casefold() for v in _QUOTED_VALUE.findall(sentence)]
        return any(v in cited.casefold() or cited.casefold() in v for v in values)
    if not _figures(sentence) <= _figures(cited):
        return False
    if not _name_words(sentence) <= {w.lower() for w in _word_list(cited)}:
        return False
    content = {t for t in tokenize(sentence) if t not in _STOP and not t.isdigit()}
    if not content:
        return True
    return len(content & set(tokenize(cited))) >= CONTENT_COVERAGE * len(content)


@dataclass
class CitationTally:
    sentences: int = 0
    cited_sentences: int = 0
    citations: int = 0
    supported: int = 0
    others: int = 0  # citations of a report other than the sentence's own (after the first)
    others_supported: int = 0
    unsupported: list[str] = field(default_factory=list)

    def add(
        self, summary: Sequence[SummarySentence], texts: Mapping[str, str], tokenize: Callable[[str], list[str]]
    ) -> None:
        for sentence in summary:
            self.sentences += 1
            self.cited_sentences += bool(sentence.citations)
            for n, c in enumerate(sentence.citations):
                ok = citation_supported(sentence.text, texts[c.report][c.start : c.end], tokenize)
                self.citations += 1
                self.supported += ok
                if n and not sentence.text.startswith(DISPUTE_OPENING):
                    self.others += 1
                    self.others_supported += ok
                if not ok:
                    self.unsupported.append(f"{sentence.text!r} cites {texts[c.report][c.start : c.end]!r}")


# --- the evaluation --------------------------------------------------------------------------------------


def evaluate_summaries(
    corpus: str,
    cases: Sequence[SummaryCase],
    settings: Any,
    cache: EvalCache | None = None,
    progress: Progress | None = None,
    oracle: bool = False,
) -> SummaryScores:
    """Compare each case's reports (``settings``: ``rashomon.pipeline.Settings``), score rashomon's summary and the
    baselines against the reference, and check every citation (see the module docstring)."""
    from rashomon.pipeline import compare_annotated, default_vectorizer
    from rashomon.summarize import word_budget

    rouge, tokenize = RougeScorer(), _tokenizer()
    vectors_of = default_vectorizer(settings)
    if cache is not None and settings.embeddings:
        from rashomon.embed import default_embedder, model_files

        vectors_of = cache.vectorizer(default_embedder().encode, str(model_files()[0]))
    systems = [*SYSTEMS, *(("oracle",) if oracle else ())]
    totals = {name: np.zeros(4) for name in systems}
    tally = CitationTally()
    start = time.perf_counter()
    for done, (case, docs) in enumerate(annotated_cases(cases, settings, cache), start=1):
        comparison = compare_annotated(docs, settings, vectors_of)
        budget = word_budget([_words(r.text) for r in case.reports], settings.summary)
        summaries = {
            "rashomon": [s.text for s in comparison.summary],
            "lead": lead_summary(docs, budget),
            "centroid": centroid_summary(docs, vectors_of, budget),
        }
        if oracle:
            summaries["oracle"] = oracle_summary(docs, case.reference, budget)
        for name in systems:
            sentences = summaries[name]
            totals[name] += (*rouge(case.reference, sentences), sum(_words(t) for t in sentences))
        tally.add(comparison.summary, {r.id: r.text for r in comparison.reports}, tokenize)
        if progress is not None:
            progress(done, len(cases))
    n = max(1, len(cases))
    return SummaryScores(
        corpus=corpus,
        clusters=len(cases),
        systems={name: Rouge(100 * t[0] / n, 100 * t[1] / n, 100 * t[2] / n, t[3] / n) for name, t in totals.items()},
        citation_precision=tally.supported / tally.citations if tally.citations else 1.0,
        other_citation_precision=tally.others_supported / tally.others if tally.others else 1.0,
        cited=tally.cited_sentences / tally.sentences if tally.sentences else 1.0,
        sentences=tally.sentences,
        citations=tally.citations,
        other_citations=tally.others,
        seconds=time.perf_counter() - start,
        unsupported=tuple(tally.unsupported),
    )


def format_scores(scores: Sequence[SummaryScores]) -> str:
    lines = []
    for s in scores:
        lines.append(f"{s.corpus}: {s.clusters} clusters, {s.seconds:.0f} s")
        lines.append(f"  {'system':<10} {'R-1':>6} {'R-2':>6} {'R-Lsum':>6} {'words':>6}")
        for name, r in s.systems.items():
            lines.append(f"  {name:<10} {r.rouge1:>6.2f} {r.rouge2:>6.2f} {r.rougeLsum:>6.2f} {r.words:>6.0f}")
        lines.append(
            f"  citations: precision {s.citation_precision:.3f} ({s.citations}); other reports' "
            f"{s.other_citation_precision:.3f} ({s.other_citations}); sentences with a citation {s.cited:.3f} "
            f"({s.sentences})"
        )
    return "\n".join(lines)


def scores_json(scores: Sequence[SummaryScores]) -> list[dict[str, object]]:
    out = []
    for s in scores:
        data = asdict(s)
        data.pop("unsupported")
        out.append(data)
    return out
