"""Annotate reports, one at a time and independently: sentences, mentions, times, quantities, quotes, attributions.

What needs several reports (a weekday anchored by another report's date, a name given in full only elsewhere) is
settled later, in the per-event stages.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date

from rashomon.dates import find_times
from rashomon.facts import find_facts
from rashomon.mentions import find_mentions
from rashomon.nlp import Parse, parse_texts
from rashomon.quantities import find_quantities
from rashomon.records import AnnotatedReport, Phrase, Report, Sentence
from rashomon.speech import SPEECH_VERBS, find_attributions, find_quotes

CONTENT_POS = frozenset({"NOUN", "VERB", "ADJ", "PROPN", "NUM"})
LIGHT_LEMMAS = frozenset({"say", "tell", "add", "be", "have", "do", "also", "other", "same", "such"})
NEGATIVE_WORDS = frozenset({"no", "never", "nothing", "none", "nobody", "neither", "nor", "nowhere"})
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})


def main_verb(parse: Parse, a: int, b: int) -> int | None:
    """The verb a sentence asserts: its root, or the clause a speech verb at the root reports ("X said it did not")."""
    root = next((t for t in parse.tokens[a:b] if t.dep == "ROOT"), None)
    if root is None:
        return None
    if root.lemma.lower() in SPEECH_VERBS:
        reported = next((t for t in parse.tokens[a:b] if t.head == root.i and t.dep in ("ccomp", "parataxis")), None)
        if reported is not None:
            return reported.i
    return root.i


def is_negated(parse: Parse, a: int, b: int) -> bool:
    """The sentence denies rather than asserts: its main verb (or the speech verb reporting it) is negated."""
    verb = main_verb(parse, a, b)
    if verb is None:
        return False
    root = next(t.i for t in parse.tokens[a:b] if t.dep == "ROOT")
    if parse.tokens[verb].lemma.lower() in ("deny", "reject", "dismiss"):
        return True
    if any(t.dep == "neg" and t.head in (verb, root) for t in parse.tokens[a:b]):
        return True
    # "no money was paid", "nobody was hurt": the negation sits on the subject or object, not the verb
    lo, hi = parse.subtree(verb)
    return any(t.text.lower() in NEGATIVE_WORDS for t in parse.tokens[max(lo, a) : min(hi, b)])


def sentences_of(report: str, parse: Parse) -> tuple[Sentence, ...]:
    text = parse.text
    out = []
    breaks = "\n\n" if "\n\n" in text else "\n"  # paragraphs are blank-line separated, else a line each
    paragraph, counted = 0, 0
    for a, b in parse.sents:
        start, end = parse.char_span(a, b)
        # counted from the previous sentence on: a sentence starts on a word, never inside a run of line breaks
        paragraph += text.count(breaks, counted, start)
        counted = max(counted, start)
        toks = parse.tokens[a:b]
        lemmas = tuple(
            dict.fromkeys(t.lemma.lower() for t in toks if t.pos in CONTENT_POS and t.lemma.lower() not in LIGHT_LEMMAS)
        )
        has_verb = any(t.tag in FINITE_TAGS for t in toks)
        negated = is_negated(parse, a, b)
        out.append(Sentence(report, start, end, text[start:end], paragraph, lemmas, has_verb, negated))
    return tuple(out)


def phrases_of(report: str, parse: Parse) -> tuple[Phrase, ...]:
    out = []
    for a, b in parse.chunks:
        toks = [t for t in parse.tokens[a:b] if t.pos in ("NOUN", "PROPN", "ADJ", "NUM")]
        lemmas = tuple(t.lemma.lower() for t in toks if t.lemma.lower() not in LIGHT_LEMMAS)
        if not lemmas or all(t.pos == "PRON" for t in parse.tokens[a:b]):
            continue
        start, end = parse.char_span(a, b)
        out.append(Phrase(report, start, end, parse.text[start:end], lemmas))
    return tuple(out)


def annotate_parsed(report: Report, parse: Parse, *, today: date | None = None) -> AnnotatedReport:
    """All annotations of one parsed report (pure: no model is loaded here)."""
    sentences = sentences_of(report.id, parse)
    mentions, links = find_mentions(report.id, parse)
    times = find_times(report.id, report.text, published=report.published, today=today)
    quantities = find_quantities(report.id, parse, times)
    quotes = find_quotes(report.id, parse, mentions, sentences)
    attributions = find_attributions(report.id, parse, mentions)
    phrases = phrases_of(report.id, parse)
    facts = find_facts(report.id, parse, sentences, mentions, times, quantities)
    return AnnotatedReport(report, sentences, mentions, times, quantities, quotes, attributions, links, phrases, facts)


def annotate(
    reports: Sequence[Report],
    *,
    model: str | None = None,
    today: date | None = None,
    n_process: int = 1,
    batch_size: int = 32,
) -> Iterator[AnnotatedReport]:
    """Parse reports with the spaCy adapter and annotate each one, in input order."""
    parses: Iterable[Parse] = parse_texts(
        (r.text for r in reports), model=model, n_process=n_process, batch_size=batch_size
    )
    for report, parse in zip(reports, parses, strict=True):
        yield annotate_parsed(report, parse, today=today)
