"""Who says what: direct quotes with their speakers, and the source each sentence credits.

A quote is text in double quotation marks that reads as speech, not a name ("Islamic State of Iraq and Syria"), a
nickname ("Erik") or a scare quote (two words). Its speaker is found where news puts it, in this order:

1. a speech verb in the same sentence, outside the quote: its subject ("..., Centcom said", "said CENTCOM commander
   Gen. Michael Kurilla", "Grynkewich said the planes "...""), or "according to X";
2. the next sentence of the paragraph when the quote is a sentence of its own ("..." / "She said so on Monday.");
3. the speaker of the previous quote in the paragraph, else in the previous paragraph (a quote continuing the
   speaker's words, set as a paragraph of its own).

A pronoun subject ("he added") stands for the most recent speaker, else the most recent person named before it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rashomon.nlp import Parse
from rashomon.records import Attribution, Mention, Quote, Sentence, Span

SPEECH_VERBS = frozenset(
    [
        "say",
        "tell",
        "add",
        "state",
        "announce",
        "note",
        "write",
        "claim",
        "warn",
        "insist",
        "confirm",
        "report",
        "explain",
        "declare",
        "stress",
        "allege",
        "deny",
        "admit",
        "acknowledge",
        "testify",
        "argue",
        "assert",
        "comment",
        "reply",
        "respond",
        "tweet",
        "post",
        "told",
        "said",
        "added",
        "urge",
        "describe",
        "call",
        "accuse",
        "vow",
        "pledge",
        "predict",
        "estimate",
        "inform",
        "brief",
        "assure",
    ]
)
PRONOUNS = frozenset(["he", "she", "they", "it", "we", "i", "him", "her", "them"])
NAME_FUNCTION_WORDS = frozenset(
    ["of", "and", "the", "for", "al", "el", "de", "la", "le", "du", "da", "bin", "ibn", "on", "in"]
)
QUOTE_PAIRS = {"“": "”", '"': '"', "«": "»", "„": "“"}
SUBJECT_DEPS = ("nsubj", "nsubjpass")
SUBJECT_CUT_PREPS = frozenset({"in", "on", "at", "during", "via", "through"})


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    start: int  # first character inside the quotation marks
    end: int  # character after the last one inside
    closed: bool


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """Quoted stretches, paragraph by paragraph; an unclosed quote runs to the end of its paragraph."""
    spans: list[QuoteSpan] = []
    for para in re.finditer(r"[^\n]+", text):
        i, end = para.start(), para.end()
        while i < end:
            ch = text[i]
            if ch in QUOTE_PAIRS and _opens(text, i):
                close = text.find(QUOTE_PAIRS[ch], i + 1, end)
                if close == -1:
                    spans.append(QuoteSpan(i + 1, end, False))
                    break
                spans.append(QuoteSpan(i + 1, close, True))
                i = close + 1
                continue
            i += 1
    return spans


def _opens(text: str, i: int) -> bool:
    if text[i] != '"':
        return True
    return i == 0 or not text[i - 1].isalnum()


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop whitespace and the trailing comma that news style puts inside the closing quotation mark."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    return start, end


def is_name_like(quoted: str) -> bool:
    words = re.findall(r"[\w'’-]+", quoted)
    content = [w for w in words if w.lower() not in NAME_FUNCTION_WORDS]
    return bool(content) and len(words) <= 8 and all(w[:1].isupper() for w in content)


def is_speech(quoted: str, sentence_has_speech_verb: bool) -> bool:
    words = re.findall(r"[\w'’-]+", quoted)
    if len(words) <= 2 or is_name_like(quoted):
        return False
    return len(words) >= 4 or sentence_has_speech_verb


def _sentence_index(parse: Parse, char: int) -> int:
    for k, (a, b) in enumerate(parse.sents):
        s, e = parse.char_span(a, b)
        if s <= char < e + 1:
            return k
    return max(len(parse.sents) - 1, 0)


def _inside(spans: Sequence[QuoteSpan], char: int) -> bool:
    return any(q.start <= char < q.end for q in spans)


def speech_subject(
    parse: Parse, sent: int, quotes: Sequence[QuoteSpan], near: int | None = None
) -> tuple[int, int] | None:
    """Character span of whom the sentence credits: a speech verb's subject or the object of 'according to'."""
    a, b = parse.sents[sent]
    toks = parse.tokens
    for t in toks[a:b]:
        if t.text.lower() == "according":
            to = next((c for c in toks[a:b] if c.head == t.i and c.text.lower() == "to"), None)
            obj = next((c for c in toks[a:b] if to is not None and c.head == to.i and c.dep == "pobj"), None)
            if obj is not None and not _inside(quotes, obj.start):
                lo, hi = parse.subtree(obj.i)
                return _clip(parse, lo, hi, quotes)
    verbs = [
        t
        for t in toks[a:b]
        if t.lemma.lower() in SPEECH_VERBS and t.pos in ("VERB", "AUX") and not _inside(quotes, t.start)
    ]
    if near is not None:
        verbs.sort(key=lambda t: abs(t.start - near))
    else:
        verbs.sort(key=lambda t: (t.dep != "ROOT", t.i))
    for verb in verbs:
        subj = next(
            (c for c in toks[a:b] if c.head == verb.i and c.dep in SUBJECT_DEPS and not _inside(quotes, c.start)), None
        )
        if subj is not None:
            lo, hi = parse.subtree(subj.i)
            return _clip(parse, lo, _cut_modifiers(parse, subj.i, hi), quotes)
        before = _phrase_before(parse, verb.i, a, quotes)
        if before is not None:
            return before
    return None


def _cut_modifiers(parse: Parse, head: int, hi: int) -> int:
    """End a subject before a circumstance attached to it ("the US Central Command in a statement on Sunday")."""
    for t in parse.tokens[head + 1 : hi]:
        if t.dep == "prep" and t.head == head and t.lemma.lower() in SUBJECT_CUT_PREPS:
            return t.i
    return hi


def _phrase_before(parse: Parse, verb: int, sent_start: int, quotes: Sequence[QuoteSpan]) -> tuple[int, int] | None:
    """When the parse gives a sentence-final speech verb no subject ("..., US Central Command (CENTCOM) said
    Sunday."), the name between the last comma and the verb."""
    toks = parse.tokens
    k = verb - 1
    while k >= sent_start and toks[k].text not in (",", ";", ":") and not _inside(quotes, toks[k].start):
        k -= 1
    lo = k + 1
    if lo >= verb or verb - lo > 12 or not any(t.pos in ("PROPN", "NOUN") for t in toks[lo:verb]):
        return None
    if toks[verb - 1].pos not in ("PROPN", "NOUN", "PUNCT"):
        return None
    return _clip(parse, lo, verb, quotes)


def _clip(parse: Parse, lo: int, hi: int, quotes: Sequence[QuoteSpan]) -> tuple[int, int] | None:
    """The subject's characters, cut before any quote it swallowed and stripped of punctuation."""
    toks = [t for t in parse.tokens[lo:hi] if not _inside(quotes, t.start)]
    while toks and (toks[-1].pos == "PUNCT" or toks[-1].text in QUOTE_PAIRS.values()):
        if toks[-1].text == ")" and any(t.text == "(" for t in toks):
            break
        toks.pop()
    while toks and (toks[0].pos == "PUNCT" or toks[0].text in QUOTE_PAIRS):
        toks.pop(0)
    if not toks:
        return None
    return toks[0].start, toks[-1].end


def best_name_in(span: tuple[int, int], mentions: Sequence[Mention]) -> Mention | None:
    """The name a speaker phrase stands for: a person first, then an organisation or place, earliest first."""
    inside = [m for m in mentions if span[0] <= m.start and m.end <= span[1]]
    for labels in (("PERSON",), ("ORG",), ("GPE", "NORP", "LOC", "FAC")):
        found = [m for m in inside if m.label in labels]
        if found:
            return min(found, key=lambda m: m.start)
    return None


def _resolve_speaker(
    report: str, text: str, span: tuple[int, int], mentions: Sequence[Mention], previous: Span | None
) -> Span:
    name = best_name_in(span, mentions)
    if name is not None:
        return Span(report, name.start, name.end, name.text)
    phrase = text[span[0] : span[1]]
    if phrase.lower() in PRONOUNS:
        if previous is not None:
            return previous
        people = [m for m in mentions if m.label == "PERSON" and m.end <= span[0]]
        if people:
            last = people[-1]
            return Span(report, last.start, last.end, last.text)
    return Span(report, span[0], span[1], phrase)


def find_quotes(
    report: str, parse: Parse, mentions: Sequence[Mention], sentences: Sequence[Sentence]
) -> tuple[Quote, ...]:
    """Direct quotes of a report with their speakers."""
    text = parse.text
    spans = find_quote_spans(text)
    out: list[Quote] = []
    last_by_paragraph: dict[int, Span] = {}
    last_speaker: Span | None = None
    for q in spans:
        start, end = trim_span(text, q.start, q.end)
        if end <= start or not parse.sents:
            continue
        sent = _sentence_index(parse, q.start)
        subject = speech_subject(parse, sent, spans, near=q.start)
        if not is_speech(text[start:end], subject is not None):
            continue
        paragraph = sentences[sent].paragraph if sent < len(sentences) else 0
        speaker: Span | None = None
        cue = None
        if subject is not None:
            speaker = _resolve_speaker(report, text, subject, mentions, last_speaker)
            cue = "after" if subject[0] >= q.end else "before"
        elif (
            sent + 1 < len(sentences)
            and sentences[sent + 1].paragraph == paragraph
            and _quote_fills(sentences[sent], start, end)
        ):
            nxt = speech_subject(parse, sent + 1, spans)
            if nxt is not None:
                speaker, cue = _resolve_speaker(report, text, nxt, mentions, last_speaker), "next-sentence"
        if speaker is None:
            earlier = last_by_paragraph.get(paragraph) or last_by_paragraph.get(paragraph - 1)
            if earlier is not None:
                speaker, cue = earlier, "continued"
        out.append(Quote(report, start, end, text[start:end], speaker, cue))
        if speaker is not None:
            last_by_paragraph[paragraph] = speaker
            last_speaker = speaker
    return tuple(out)


def _quote_fills(sentence: Sentence, start: int, end: int) -> bool:
    return (end - start) >= 0.8 * len(sentence.text.strip(' "“”.,'))


def find_attributions(report: str, parse: Parse, mentions: Sequence[Mention]) -> tuple[Attribution, ...]:
    """For each sentence that credits a source ("X said", "according to X"), that source as written."""
    text = parse.text
    spans = find_quote_spans(text)
    out = []
    previous: Span | None = None
    for k in range(len(parse.sents)):
        subject = speech_subject(parse, k, spans)
        if subject is None:
            continue
        phrase = text[subject[0] : subject[1]]
        if phrase.lower() in PRONOUNS:
            source = _resolve_speaker(report, text, subject, mentions, previous)
        else:
            source = Span(report, subject[0], subject[1], phrase)
        out.append(Attribution(report, k, source))
        previous = source
    return tuple(out)
