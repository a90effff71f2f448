"""The comparison as a Markdown document (GitHub-flavoured: pipe tables).

Report text and metadata are written through ``md_escape`` so that a report cannot add links, emphasis, tables
or HTML to the document; the only markup is the renderer's own.
"""

from __future__ import annotations

import re
from typing import Any

from rashomon.render import (
    Snippet,
    ValueLine,
    claim_reports,
    claim_snippet,
    conflict_lines,
    details_by_report,
    distinct_reports,
    entity_names,
    entity_report_count,
    grouped_times,
    other_aliases,
    other_wordings,
    quote_match,
    quote_speaker,
    ranked_claims,
    report_texts,
    sample_note,
    text_or,
    unique_claims_by_report,
)

__all__ = ["md_escape", "md_snippet", "render_markdown"]

Doc = dict[str, Any]

_BACKSLASHED = re.compile(r"([\\`*_\[\]#|~!])")
_BLOCK_MARKER = re.compile(r"^(?:([-+=])|(\d+)([.)]))")
_UNKNOWN = "—"


def md_escape(text: str) -> str:
    """``text`` as inert inline Markdown: whitespace collapsed to single spaces, Markdown punctuation
    backslash-escaped, ``& < >`` written as HTML entities (so tags in a report come out as ``&lt;script&gt;``)
    and a leading list or heading marker ("- ", "1. ", "===") neutralised."""
    text = " ".join(text.split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _BACKSLASHED.sub(r"\\\1", text)
    return _BLOCK_MARKER.sub(_escape_marker, text)


def _escape_marker(match: re.Match[str]) -> str:
    if match.group(1):
        return "\\" + match.group(1)
    return match.group(2) + "\\" + match.group(3)


def render_markdown(doc: Doc, *, max_corroborated: int = 15, max_unique: int = 5) -> str:
    """The comparison as one Markdown document: reports, summary, disputed claims, the ``max_corroborated`` best
    ranked corroborated claims, at most ``max_unique`` unique claims per report, quotes, entities and times.
    Each claim is its value, in **bold**, in the first report's context."""
    anchors = report_anchors(doc)
    texts = report_texts(doc)
    parts = [
        _title(doc),
        _reports(doc, anchors),
        _record(doc),
        _summary(doc, anchors),
        _disputed(doc, anchors, texts),
        _corroborated(doc, anchors, texts, max_corroborated),
        _unique(doc, anchors, texts, max_unique),
        _quotes(doc, anchors),
        _entities(doc),
        _times(doc, anchors),
    ]
    return "\n\n".join(part.rstrip("\n") for part in parts if part) + "\n"


# --- links --------------------------------------------------------------------------------------------------


def report_anchors(doc: Doc) -> dict[str, str]:
    """Report id -> an HTML anchor name made of safe characters, unique within the document."""
    anchors: dict[str, str] = {}
    taken: set[str] = set()
    for report in doc.get("reports") or []:
        report_id = str(report.get("id"))
        base = "report-" + (re.sub(r"[^A-Za-z0-9_-]+", "-", report_id).strip("-").lower() or "x")
        anchor, n = base, 2
        while anchor in taken:
            anchor, n = f"{base}-{n}", n + 1
        taken.add(anchor)
        anchors[report_id] = anchor
    return anchors


def cite(report: object, anchors: dict[str, str]) -> str:
    """A citation marker: ``[report-id]`` linking to the report's row in the Reports table."""
    label = "\\[" + md_escape(str(report)) + "\\]"
    anchor = anchors.get(str(report))
    return f"[{label}](#{anchor})" if anchor else label


def _cell(value: object) -> str:
    return md_escape(str(value)) if value not in (None, "") else _UNKNOWN


def _table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def _section(title: str, body: str) -> str:
    return f"## {title}\n\n{body}" if body else f"## {title}\n\n_None._"


# --- sections -----------------------------------------------------------------------------------------------


def _title(doc: Doc) -> str:
    reports = doc.get("reports") or []
    noun = "report" if len(reports) == 1 else "reports"
    title = f"# rashomon: {len(reports)} {noun} compared"
    group = doc.get("group")
    if group not in (None, ""):
        title += f"\n\nGroup: {md_escape(str(group))}"
    note = sample_note(doc)
    return f"{title}\n\n{md_escape(note)}" if note else title


def _reports(doc: Doc, anchors: dict[str, str]) -> str:
    rows = [
        [
            f'<a id="{anchors[str(r.get("id"))]}"></a>{md_escape(str(r.get("id")))}',
            _cell(r.get("source")),
            _cell(r.get("published")),
            _cell(r.get("title")),
        ]
        for r in doc.get("reports") or []
    ]
    return _section("Reports", _table(["id", "source", "published", "title"], rows) if rows else "")


def _record(doc: Doc) -> str:
    from rashomon.render.record import record_lines

    rows = [
        [md_escape(line.field), _cell(line.value), ("**disputed**: " if line.disputed else "") + _cell(line.note)]
        for line in record_lines(doc)
    ]
    return _section("Event record", _table(["Field", "Value", "How"], rows)) if rows else ""  # no record, no section


def _summary(doc: Doc, anchors: dict[str, str]) -> str:
    sentences = []
    for sentence in doc.get("summary") or []:
        markers = " ".join(cite(r, anchors) for r in distinct_reports(sentence.get("citations") or []))
        sentences.append(f"- {md_escape(str(sentence.get('text', '')))} {markers}".rstrip())
    return _section("Summary", "\n".join(sentences))


def _details(claim: dict[str, Any], anchors: dict[str, str], indent: str = "") -> list[str]:
    return [
        f"{indent}- only in {cite(report, anchors)}: " + "; ".join(md_escape(t) for t in texts)
        for report, texts in details_by_report(claim).items()
    ]


def _escaped_part(text: str) -> str:
    """``md_escape`` for a piece of a line: a space at either end is kept (it separates the piece from the next)."""
    core = md_escape(text)
    if not core:
        return " " if text[:1].isspace() else ""
    return (" " if text[:1].isspace() else "") + core + (" " if text[-1:].isspace() else "")


def md_snippet(snippet: Snippet) -> str:
    """A value in its context as Markdown: the context escaped, the value escaped and in **bold**."""
    if not snippet.value:
        return md_escape(snippet.before + snippet.after)
    return _escaped_part(snippet.before) + f"**{md_escape(snippet.value)}**" + _escaped_part(snippet.after)


def _more(hidden: int, indent: str = "") -> list[str]:
    return [f"{indent}- _… and {hidden} more_"] if hidden > 0 else []


def _disputed(doc: Doc, anchors: dict[str, str], texts: dict[str, str]) -> str:
    blocks = [_disputed_claim(claim, anchors, texts) for claim in ranked_claims(doc, "conflicting")]
    return _section("Disputed", "\n\n".join(blocks))


def _disputed_claim(claim: dict[str, Any], anchors: dict[str, str], texts: dict[str, str]) -> str:
    """A heading naming the conflict kinds, then per conflict its explanation and one line per value: the value,
    the report, who it credits, and the report's words around it."""
    conflicts = claim.get("conflicts") or []
    kinds = ", ".join(dict.fromkeys(md_escape(str(c.get("kind"))) for c in conflicts)) or "other"
    parts = [f"### {kinds} ({md_escape(str(claim.get('id', '')))})"]
    for conflict in conflicts:
        explanation = md_escape(str(conflict.get("explanation") or ""))
        if explanation:
            label = f"{md_escape(str(conflict.get('kind')))}: " if len(conflicts) > 1 else ""
            parts.append(f"{label}_{explanation}_")
        lines = [_value_line(line, anchors) for line in conflict_lines(claim, conflict, texts)]
        parts.append("\n".join(lines))
    if not conflicts:
        parts.append(f"- {md_snippet(claim_snippet(claim, texts))} {_cites(claim_reports(claim), anchors)}")
    details = _details(claim, anchors)
    if details:
        parts.append("\n".join(details))
    return "\n\n".join(p for p in parts if p)


def _value_line(line: ValueLine, anchors: dict[str, str]) -> str:
    out = f"- **{md_escape(line.value)}** — {cite(line.report, anchors)}"
    if line.attributions:
        out += ", according to " + " / ".join(md_escape(a) for a in line.attributions)
    if line.snippet.has_context:
        out += ": “" + md_snippet(line.snippet) + "”"
    elif line.snippet.value.casefold() != line.value.casefold():
        out += ": “" + md_escape(line.snippet.value) + "”"
    return out


def _cites(reports: list[str], anchors: dict[str, str]) -> str:
    return " ".join(cite(r, anchors) for r in reports)


def _corroborated(doc: Doc, anchors: dict[str, str], texts: dict[str, str], limit: int) -> str:
    claims = ranked_claims(doc, "corroborated")
    items = []
    for claim in claims[:limit]:
        if not claim.get("statements"):
            continue
        lines = [f"- {md_snippet(claim_snippet(claim, texts))} {_cites(claim_reports(claim), anchors)}"]
        lines += [
            f"  - also “{md_escape(wording)}” {_cites(reports, anchors)}" for wording, reports in other_wordings(claim)
        ]
        lines += _details(claim, anchors, indent="  ")
        items.append("\n".join(lines))
    items += _more(len(claims) - limit)
    return _section("Corroborated", "\n".join(items))


def _unique(doc: Doc, anchors: dict[str, str], texts: dict[str, str], limit: int) -> str:
    sources = {str(r.get("id")): text_or(r.get("source"), "") for r in doc.get("reports") or []}
    blocks = []
    for report, claims in unique_claims_by_report(doc).items():
        source = sources.get(report)
        anchor = anchors.get(report)
        name = md_escape(report)
        heading = "### " + (f"[{name}](#{anchor})" if anchor else name) + (f" — {md_escape(source)}" if source else "")
        lines = [f"- {md_snippet(claim_snippet(c, texts))}" for c in claims[:limit]] + _more(len(claims) - limit)
        blocks.append(heading + "\n\n" + "\n".join(lines))
    return _section("Unique to one report", "\n\n".join(blocks))


def _quotes(doc: Doc, anchors: dict[str, str]) -> str:
    names = entity_names(doc)
    items = []
    for quote in doc.get("quotes") or []:
        occurrences = quote.get("occurrences") or []
        speaker = quote_speaker(quote, names)
        who = f"**{md_escape(speaker)}**" if speaker else "_unattributed_"
        markers = ", ".join(cite(r, anchors) for r in distinct_reports(occurrences))
        match = quote_match(quote)
        lines = [f"- “{md_escape(str(quote.get('text', '')))}” — {who}; {markers}; {match}"]
        if match == "near-verbatim":
            lines += [
                f"  - {cite(o.get('report'), anchors)} “{md_escape(str(o.get('text', '')))}”" for o in occurrences
            ]
        items.append("\n".join(lines))
    return _section("Quotes", "\n".join(items))


def _entities(doc: Doc) -> str:
    rows = [
        [
            md_escape(str(e.get("name", ""))),
            md_escape(str(e.get("type", ""))),
            "; ".join(md_escape(a) for a in other_aliases(e)) or _UNKNOWN,
            str(entity_report_count(e)),
        ]
        for e in doc.get("entities") or []
    ]
    return _section("Entities", _table(["name", "type", "aliases", "reports"], rows) if rows else "")


def _times(doc: Doc, anchors: dict[str, str]) -> str:
    rows = [
        [
            md_escape(text),
            md_escape(value) if value else "_unresolved_",
            " ".join(cite(r, anchors) for r in distinct_reports(spans)),
        ]
        for text, value, spans in grouped_times(doc)
    ]
    return _section("Times", _table(["text", "value", "reports"], rows) if rows else "")
