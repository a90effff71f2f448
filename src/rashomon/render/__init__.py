"""Views of a comparison: terminal, Markdown, HTML and JSON.

Every renderer reads the output-contract dict (``serialize.comparison_to_dict``, schema
rashomon.comparison/1) and returns a str; none of them sees a record, so every view has a JSON twin.
The helpers below are the small, pure readings of that dict the views share (who spoke a quote, which
claims are disputed, ...). Keys a renderer does not know are ignored.

The format modules are imported only when asked for: ``rich`` in particular costs start-up time.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

__all__ = [
    "FORMATS",
    "claims_with_status",
    "distinct_reports",
    "entity_names",
    "entity_report_count",
    "grouped_times",
    "other_aliases",
    "quote_match",
    "quote_speaker",
    "render",
    "render_json",
    "text_or",
    "unique_by_report",
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
