"""Views of a comparison: terminal, Markdown, HTML and JSON.

Every renderer reads the output-contract dict (``serialize.comparison_to_dict``, schema
rashomon.comparison/1) and returns a str; none of them sees a record, so every view has a JSON twin.
The helpers below are the small, pure readings of that dict the views share (who spoke a quote, which
claims are disputed, ...). Keys a renderer does not know are ignored.

The format modules are imported only when asked for: ``rich`` in particular costs start-up time.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

__all__ = [
    "CONTEXT_LIMIT",
    "FORMATS",
    "KIND_ORDER",
    "Snippet",
    "ValueLine",
    "claim_reports",
    "claim_snippet",
    "claims_with_status",
    "conflict_lines",
    "distinct_reports",
    "entity_names",
    "entity_report_count",
    "grouped_times",
    "is_minor",
    "kind_rank",
    "other_aliases",
    "other_wordings",
    "quote_match",
    "quote_speaker",
    "ranked_claims",
    "render",
    "render_json",
    "report_labels",
    "report_texts",
    "sample_note",
    "shorten",
    "statement_snippet",
    "text_or",
    "unique_by_report",
    "unique_claims_by_report",
    "value_in_context",
]

Doc = dict[str, Any]

FORMATS: tuple[str, ...] = ("terminal", "md", "html", "json")


def render(doc: Doc, fmt: str) -> str:
    """Render a comparison dict as ``fmt``: "terminal", "md", "html" or "json"."""
    return _renderer(fmt)(doc)


def _renderer(fmt: str) -> Callable[[Doc], str]:
    if fmt == "json":
        return render_json
    if fmt == "md":
        from rashomon.render.markdown import render_markdown

        return render_markdown
    if fmt == "html":
        from rashomon.render.html import render_html

        return render_html
    if fmt == "terminal":
        from rashomon.render.terminal import render_terminal

        return render_terminal
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")


def render_json(doc: Doc) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=2)


# --- shared readings of the contract dict -------------------------------------------------------------------


def sample_note(doc: Doc) -> str | None:
    """A line saying the event was compared on a sample (``rashomon.event.sample``), or None."""
    sample = doc.get("sample")
    if not isinstance(sample, dict):
        return None
    left = sample.get("left_out") or []
    return (
        f"Compared a sample of {sample.get('compared')} of {sample.get('reports')} reports "
        f"({sample.get('policy')}); {len(left)} left out."
    )


def distinct_reports(spans: Iterable[dict[str, Any]]) -> list[str]:
    """The report ids of ``spans``, each once, in first-seen order."""
    seen: dict[str, None] = {}
    for span in spans:
        seen.setdefault(str(span.get("report")), None)
    return list(seen)


def claims_with_status(doc: Doc, status: str) -> list[dict[str, Any]]:
    return [c for c in doc.get("claims") or [] if c.get("status") == status]


def unique_by_report(doc: Doc) -> dict[str, list[dict[str, Any]]]:
    """The statements of unique claims grouped by report, in input order; reports with none are left out."""
    groups: dict[str, list[dict[str, Any]]] = {str(r.get("id")): [] for r in doc.get("reports") or []}
    for claim in claims_with_status(doc, "unique"):
        for statement in claim.get("statements") or []:
            groups.setdefault(str(statement.get("report")), []).append(statement)
    return {report: statements for report, statements in groups.items() if statements}


def entity_names(doc: Doc) -> dict[str, str]:
    """Entity id -> canonical name."""
    return {str(e.get("id")): str(e.get("name")) for e in doc.get("entities") or []}


def quote_speaker(quote: dict[str, Any], names: dict[str, str]) -> str | None:
    """Who spoke a quote: the agreed speaker's canonical name; else the names the occurrences give, joined by
    " / " (a disputed attribution); None when no report names anyone."""
    speaker = quote.get("speaker")
    if speaker is not None and speaker in names:
        return names[speaker]
    candidates: dict[str, None] = {}
    for occurrence in quote.get("occurrences") or []:
        entity = occurrence.get("speaker")
        name = names.get(entity) if entity is not None else None
        name = name or occurrence.get("speaker_text")
        if name:
            candidates.setdefault(str(name), None)
    return " / ".join(candidates) if candidates else None


def quote_match(quote: dict[str, Any]) -> str:
    """How the reports carry a quote: "single" (one report), "verbatim" (every occurrence has the same words,
    spacing aside) or "near-verbatim"."""
    occurrences = quote.get("occurrences") or []
    if len(distinct_reports(occurrences)) < 2:
        return "single"
    texts = {" ".join(str(o.get("text", "")).split()) for o in occurrences}
    return "verbatim" if len(texts) == 1 else "near-verbatim"


def entity_report_count(entity: dict[str, Any]) -> int:
    return len(distinct_reports(entity.get("mentions") or []))


def other_aliases(entity: dict[str, Any]) -> list[str]:
    """The entity's aliases other than its canonical name, each once."""
    name = entity.get("name")
    seen: dict[str, None] = {}
    for alias in entity.get("aliases") or []:
        if alias != name:
            seen.setdefault(str(alias), None)
    return list(seen)


def grouped_times(doc: Doc) -> list[tuple[str, str | None, list[dict[str, Any]]]]:
    """The time expressions as (text, value, occurrences): one entry per distinct wording and value, in order of
    first appearance, so "Wednesday -> 2023-07-05" is listed once for all the reports that write it."""
    groups: dict[tuple[str, str | None], list[dict[str, Any]]] = {}
    for time in doc.get("times") or []:
        value = time.get("value")
        key = (" ".join(str(time.get("text", "")).split()), None if value is None else str(value))
        groups.setdefault(key, []).append(time)
    return [(text, value, spans) for (text, value), spans in groups.items()]


LABEL_LIMIT = 60
"""About how many characters a report's label is cut to (a title used as a label can be long)."""


def report_labels(doc: Doc) -> dict[str, str]:
    """Report id -> a label for a reader: the outlet (``source``) when known, else the title, else the id.

    Labels are unique: a label two reports share gets each report's id in parentheses ("Reuters (r1)")."""
    base: dict[str, str] = {}
    for report in doc.get("reports") or []:
        report_id = str(report.get("id"))
        named = (" ".join(str(report.get(k) or "").split()) for k in ("source", "title"))
        base.setdefault(report_id, shorten(next((n for n in named if n), report_id), LABEL_LIMIT))
    shared = {label for label in base.values() if list(base.values()).count(label) > 1}
    labels: dict[str, str] = {}
    for report_id, label in base.items():
        if label in shared and label != report_id:
            label = f"{label} ({report_id})"
        candidate, n = label, 2
        while candidate in labels.values():
            candidate, n = f"{label} #{n}", n + 1
        labels[report_id] = candidate
    return labels


def text_or(value: object, default: str) -> str:
    """``value`` as text, or ``default`` when it is unknown (None or empty)."""
    return default if value is None or value == "" else str(value)


def details_by_report(claim: dict[str, Any]) -> dict[str, list[str]]:
    """A shared claim's details that only one report gives, grouped by report, wording deduplicated."""
    out: dict[str, list[str]] = {}
    for detail in claim.get("details") or []:
        texts = out.setdefault(str(detail.get("report")), [])
        text = " ".join(str(detail.get("text", "")).split())
        if text and text not in texts:
            texts.append(text)
    return out


# --- fact-level claims: a value in its context, ranked for a reader -----------------------------------------

CONTEXT_LIMIT = 120
"""About how many characters of context a claim is shown in (its value included)."""

KIND_ORDER: tuple[str, ...] = ("count", "time", "place", "participant", "", "thing", "event")
"""The order claim kinds are listed in; "" stands for a claim without a kind (a quote's attribution, old JSON)."""

# Verbs that say little on their own ("doing", "made", "according"): an event claim whose value is one of them
# is listed after every other claim. Inflected forms are spelled out; no lemmatiser is loaded for rendering.
LIGHT_VERBS = frozenset(
    """
    be is are was were been being have has had having do does did doing done make makes made making
    take takes took taken taking get gets got gotten getting give gives gave given giving go goes went gone
    going come comes came coming say says said saying tell tells told telling find finds found finding
    keep keeps kept keeping put puts putting set sets setting let lets letting remain remains remained
    remaining seem seems seemed seeming become becomes became becoming according accorded involve involves
    involved involving use uses used using want wants wanted wanting try tries tried trying add adds added
    adding report reports reported reporting see sees saw seen seeing know knows knew known knowing
    think thinks thought thinking
    """.split()
)

_SENTENCE_BREAK = re.compile(r"[.!?][\"'”’)\]]*\s+|\n\s*")
_WORD = re.compile(r"\w")


@dataclass(frozen=True, slots=True)
class Snippet:
    """A value in the words around it, on one line: ``before`` and ``after`` end in "…" where the context was
    cut. ``value`` is empty when nothing is to be marked (a claim from older JSON, whose statement is a whole
    sentence: it is all in ``before``)."""

    before: str
    value: str
    after: str

    @property
    def text(self) -> str:
        return self.before + self.value + self.after

    @property
    def has_context(self) -> bool:
        """Whether there are words around the value (else the snippet is the bare value)."""
        return bool(self.before or self.after)


def report_texts(doc: Doc) -> dict[str, str]:
    """Report id -> the report's text (the contract's offsets index into it)."""
    texts: dict[str, str] = {}
    for report in doc.get("reports") or []:
        texts.setdefault(str(report.get("id")), str(report.get("text") or ""))
    return texts


def kind_rank(kind: object) -> int:
    """Where a claim kind sorts in ``KIND_ORDER``: count, time, place and participant first, thing and event
    last; a claim without a known kind sits between them."""
    key = kind if isinstance(kind, str) else ""
    return KIND_ORDER.index(key) if key in KIND_ORDER else KIND_ORDER.index("")


def claim_reports(claim: dict[str, Any]) -> list[str]:
    """The reports that state a claim, each once, in the order of its statements."""
    return distinct_reports(claim.get("statements") or [])


def _offsets(span: dict[str, Any]) -> tuple[int, int] | None:
    try:
        start, end = int(span.get("start", -1)), int(span.get("end", -1))
    except (TypeError, ValueError):
        return None
    return (start, end) if 0 <= start <= end else None


def _quoted_spans(doc: Doc) -> dict[str, list[tuple[int, int]]]:
    spans: dict[str, list[tuple[int, int]]] = {}
    for quote in doc.get("quotes") or []:
        for occurrence in quote.get("occurrences") or []:
            offsets = _offsets(occurrence)
            if offsets is not None:
                spans.setdefault(str(occurrence.get("report")), []).append(offsets)
    return spans


def _inside(offsets: tuple[int, int] | None, spans: Iterable[tuple[int, int]]) -> bool:
    return offsets is not None and any(s <= offsets[0] and offsets[1] <= e for s, e in spans)


def is_minor(claim: dict[str, Any], quoted: Mapping[str, Iterable[tuple[int, int]]]) -> bool:
    """Whether a claim says little to a reader on its own: an event whose value is one word in every report and
    that word is a light verb ("doing", "made"), or every statement of it stands inside a quotation (the quotes
    section shows those words in full). ``quoted`` maps a report id to its quotations' offsets."""
    statements = claim.get("statements") or []
    if claim.get("kind") != "event" or not statements:
        return False
    words = [str(s.get("text", "")).strip() for s in statements]
    if any(len(w.split()) != 1 for w in words):
        return False
    if all(w.casefold() in LIGHT_VERBS for w in words):
        return True
    return all(_inside(_offsets(s), quoted.get(str(s.get("report")), [])) for s in statements)


def is_main_slot(claim: dict[str, Any]) -> bool:
    """A slot of the main event's figure table (its toll, its day, its place), not a background one."""
    return bool(claim.get("slot")) and claim.get("frame", "main") == "main"


def is_bare_word(claim: dict[str, Any]) -> bool:
    """A thing named in common words only ("crowded market", "magnitude"): a shared word, not a statement."""
    statements = claim.get("statements") or []
    if claim.get("kind") != "thing" or not statements:
        return False
    words = [str(s.get("text", "")).strip() for s in statements]
    return all(len(w.split()) <= 2 and w == w.lower() for w in words)


def ranked_claims(doc: Doc, status: str) -> list[dict[str, Any]]:
    """The claims of one status in the order a reader wants them: the main event's slots first, then stated by
    more reports first, then by kind (``kind_rank``), then in reading order; bare words (``is_bare_word``) after
    those, and minor claims (``is_minor``) after all the others."""
    quoted = _quoted_spans(doc)
    claims = claims_with_status(doc, status)
    order = sorted(
        range(len(claims)),
        key=lambda i: (
            is_minor(claims[i], quoted),
            is_bare_word(claims[i]),
            not is_main_slot(claims[i]),
            -len(claim_reports(claims[i])),
            kind_rank(claims[i].get("kind")),
            i,
        ),
    )
    return [claims[i] for i in order]


def unique_claims_by_report(doc: Doc) -> dict[str, list[dict[str, Any]]]:
    """Unique claims grouped by the report that states them, reports in input order (those with none left out),
    claims ranked as ``ranked_claims`` ranks them."""
    groups: dict[str, list[dict[str, Any]]] = {str(r.get("id")): [] for r in doc.get("reports") or []}
    for claim in ranked_claims(doc, "unique"):
        reports = claim_reports(claim)
        if reports:
            groups.setdefault(reports[0], []).append(claim)
    return {report: claims for report, claims in groups.items() if claims}


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _same_words(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())


def _sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (or line) of ``text`` that holds ``[start, end)``."""
    left, right = 0, len(text)
    for match in _SENTENCE_BREAK.finditer(text):
        if match.end() <= start:
            left = match.end()
        elif match.start() >= end:
            right = match.start() + len(match.group(0).rstrip())  # the full stop and closing quote stay
            break
    return left, right


def _cut(before: str, value: str, after: str, limit: int) -> Snippet:
    """``before + value + after`` on one line, cut at words around the value to about ``limit`` characters."""
    before, value, after = _one_line(before).lstrip(), _one_line(value), _one_line(after).rstrip()
    stripped = value.strip()
    if value != stripped:  # keep the marked part free of spaces
        lead = value[: len(value) - len(value.lstrip())]
        before, after, value = before + lead, value[len(lead) + len(stripped) :] + after, stripped
    if len(value) >= limit - 2:
        return Snippet("", shorten(value, limit), "")
    budget = limit - len(value)
    if len(before) + len(after) > budget:
        left = min(len(before), max(budget // 2, budget - len(after)))
        right = budget - left
        if left < len(before):
            chunk = before[len(before) - max(0, left - 1) :]
            if chunk and not before[len(before) - len(chunk) - 1].isspace():
                space = chunk.find(" ")
                chunk = chunk[space + 1 :] if space >= 0 else ""
            before = "…" + chunk
        if right < len(after):
            chunk = after[: max(0, right - 1)]
            if chunk and not after[len(chunk)].isspace():
                space = chunk.rfind(" ")
                chunk = chunk[:space] if space >= 0 else ""
            after = chunk.rstrip(" ,;:") + "…"
    return Snippet(before, value, after.rstrip(" ,;:"))


def shorten(text: str, limit: int) -> str:
    """``text`` on one line, cut at a word boundary to at most ``limit`` characters with "…" when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: max(1, limit - 1)]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:") + "…"


def value_in_context(
    text: str, value: dict[str, Any], context: dict[str, Any] | None, limit: int = CONTEXT_LIMIT
) -> Snippet:
    """A value span shown in its context clause, cut around it to about ``limit`` characters.

    ``text`` is the report's text. The context is used when it holds the value and adds words to it, widened to
    its sentence when it is shorter than half the limit; else the sentence of ``text`` around the value. When
    the offsets do not fit ``text`` (an edited or foreign dict), the value's words are looked for in the
    context's own text; failing that the value is shown alone."""
    written = str(value.get("text", ""))
    offsets = _offsets(value)
    if offsets is not None and offsets[1] <= len(text) and _same_words(text[offsets[0] : offsets[1]], written):
        start, end = offsets
        window = _offsets(context) if context is not None and context.get("report") == value.get("report") else None
        if (
            window is None
            or not (window[0] <= start and end <= window[1] <= len(text))
            or not _WORD.search(text[window[0] : start] + text[end : window[1]])
        ):
            window = _sentence_around(text, start, end)
        elif window[1] - window[0] < limit // 2:  # a short clause ("for dozens still missing"): its sentence
            sentence = _sentence_around(text, window[0], window[1])
            window = (min(window[0], sentence[0]), max(window[1], sentence[1]))
        return _cut(text[window[0] : start], text[start:end], text[end : window[1]], limit)
    around = str((context or {}).get("text") or "")
    found = re.search(re.escape(written.strip()), around, re.IGNORECASE) if written.strip() else None
    if found is not None:
        return _cut(around[: found.start()], found.group(0), around[found.end() :], limit)
    return Snippet("", shorten(written, limit), "")


def statement_snippet(
    claim: dict[str, Any], index: int, texts: Mapping[str, str], limit: int = CONTEXT_LIMIT
) -> Snippet:
    """Statement ``index`` of a claim in its context (``contexts`` is parallel to ``statements``). A claim from
    older JSON has no contexts: its statement is a sentence already and is shown whole, unmarked."""
    statement = (claim.get("statements") or [])[index]
    if "contexts" not in claim:
        return Snippet(shorten(str(statement.get("text", "")), max(limit, 160)), "", "")
    contexts = claim.get("contexts") or []
    context = contexts[index] if index < len(contexts) else None
    return value_in_context(texts.get(str(statement.get("report")), ""), statement, context, limit)


def claim_snippet(claim: dict[str, Any], texts: Mapping[str, str], limit: int = CONTEXT_LIMIT) -> Snippet:
    """A claim as a reader first meets it: the first report's value in its context clause. Of that report's
    statements, the first whose context holds the value and adds words to it is taken."""
    if not claim.get("statements"):
        return Snippet("", "", "")
    return statement_snippet(claim, _shown_statement(claim), texts, limit)


def _shown_statement(claim: dict[str, Any]) -> int:
    """The index of the statement ``claim_snippet`` shows (the claim has at least one)."""
    statements = claim.get("statements") or []
    first = str(statements[0].get("report"))
    candidates = [i for i, s in enumerate(statements) if str(s.get("report")) == first]
    return next((i for i in candidates if _context_fits(claim, i)), 0)


def _context_fits(claim: dict[str, Any], index: int) -> bool:
    statement = (claim.get("statements") or [])[index]
    contexts = claim.get("contexts") or []
    if index >= len(contexts):
        return False
    value, window = _offsets(statement), _offsets(contexts[index])
    return (
        value is not None
        and window is not None
        and window[0] <= value[0]
        and value[1] <= window[1]
        and (window[1] - window[0]) > (value[1] - value[0])
    )


def other_wordings(claim: dict[str, Any]) -> list[tuple[str, list[str]]]:
    """How the reports write a claim's value where it differs from the wording ``claim_snippet`` shows, as
    (wording, report ids); a wording the shown one contains ("Islam" in "Muhammad Rafiqul Islam") or that
    differs only in case is left out."""
    statements = claim.get("statements") or []
    if not statements or "contexts" not in claim:
        return []
    shown = " ".join(str(statements[_shown_statement(claim)].get("text", "")).split()).casefold()
    out: dict[str, tuple[str, list[str]]] = {}
    for statement in statements:
        wording = " ".join(str(statement.get("text", "")).split())
        key = wording.casefold()
        if not key or key in shown:
            continue
        reports = out.setdefault(key, (wording, []))[1]
        if str(statement.get("report")) not in reports:
            reports.append(str(statement.get("report")))
    return list(out.values())


@dataclass(frozen=True, slots=True)
class ValueLine:
    """One value of a conflict as one report gives it: the value, the report, who the report credits it to
    (each distinct attribution once) and the span to show it in context and to cite."""

    value: str
    report: str
    attributions: tuple[str, ...]
    span: dict[str, Any]
    snippet: Snippet


def conflict_lines(
    claim: dict[str, Any], conflict: dict[str, Any], texts: Mapping[str, str], limit: int = CONTEXT_LIMIT
) -> list[ValueLine]:
    """A conflict's values, one line per report and value (a report writing "NARAYANGANJ" and "Narayanganj"
    gives one line), each in the context of the claim statement it comes from; an attribution contained in
    another one ("CENTCOM" in "US Central Command (CENTCOM)") is left out."""
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for value in conflict.get("values") or []:
        shown = text_or(value.get("value"), str(value.get("text", "")))
        groups.setdefault((str(value.get("report")), " ".join(shown.split()).casefold()), []).append(value)
    lines = []
    for (report, _), values in groups.items():
        contexts = [(v, _value_context(claim, v)) for v in values]
        span, context = next(((v, c) for v, c in contexts if c is not None and _holds(c, v)), contexts[0])
        snippet = value_in_context(texts.get(report, ""), span, context, limit)
        lines.append(
            ValueLine(
                value=" ".join(text_or(span.get("value"), str(span.get("text", "?"))).split()) or "?",
                report=report,
                attributions=_distinct_attributions(values),
                span=span,
                snippet=snippet,
            )
        )
    return lines


def _holds(context: dict[str, Any], value: dict[str, Any]) -> bool:
    window, offsets = _offsets(context), _offsets(value)
    return window is not None and offsets is not None and window[0] <= offsets[0] and offsets[1] <= window[1]


def _value_context(claim: dict[str, Any], value: dict[str, Any]) -> dict[str, Any] | None:
    """The context of the claim statement a conflict value comes from (same report, same or enclosing span)."""
    offsets = _offsets(value)
    statements = claim.get("statements") or []
    contexts = claim.get("contexts") or []
    if offsets is None:
        return None
    same = [i for i, s in enumerate(statements) if str(s.get("report")) == str(value.get("report"))]
    for i in [i for i in same if _offsets(statements[i]) == offsets] + same:
        span = _offsets(statements[i])
        if i < len(contexts) and span is not None and span[0] <= offsets[0] and offsets[1] <= span[1]:
            return dict(contexts[i])
    return None


def _distinct_attributions(values: list[dict[str, Any]]) -> tuple[str, ...]:
    said = [" ".join(str(v.get("attribution")).split()) for v in values if v.get("attribution")]
    kept: list[str] = []
    for attribution in sorted(dict.fromkeys(said), key=len, reverse=True):
        if not any(attribution.casefold() in k.casefold() for k in kept):
            kept.append(attribution)
    return tuple(a for a in dict.fromkeys(said) if a in kept)
