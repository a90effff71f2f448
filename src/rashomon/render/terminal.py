"""The comparison for a terminal, drawn with rich.

rich is imported inside the functions (start-up time matters for a CLI). Report text and metadata only ever
reach rich as ``Text`` objects, never as markup strings, so a report containing "[bold red]" prints those
characters; console markup, emoji codes and automatic highlighting are off for the same reason.
"""

from __future__ import annotations

from io import StringIO
from typing import TYPE_CHECKING, Any

from rashomon.render import (
    CONTEXT_LIMIT,
    Snippet,
    ValueLine,
    claim_reports,
    claim_snippet,
    conflict_lines,
    details_by_report,
    distinct_reports,
    entity_names,
    grouped_times,
    other_aliases,
    other_wordings,
    quote_match,
    quote_speaker,
    ranked_claims,
    report_texts,
    sample_note,
    shorten,
    text_or,
    unique_claims_by_report,
)

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.text import Text

__all__ = ["render_terminal", "shorten"]

Doc = dict[str, Any]

QUOTE_WIDTH = 100
STATUS_STYLE = {"corroborated": "green", "conflicting": "yellow", "unique": "bright_black"}
MATCH_STYLE = {"verbatim": "green", "near-verbatim": "yellow", "single": "bright_black"}


def render_terminal(
    doc: Doc,
    *,
    width: int | None = None,
    color: bool = True,
    max_corroborated: int = 15,
    max_unique: int = 5,
) -> str:
    """The comparison as terminal text: header, disputed, corroborated (the ``max_corroborated`` best ranked),
    unique (at most ``max_unique`` per report), who said what, entities and times. Each claim is its value in
    the first report's context, the value in bold and underlined (between asterisks without ``color``). ANSI
    styles when ``color``; plain text otherwise."""
    from rich.console import Console

    buffer = StringIO()
    console = Console(
        file=buffer,
        width=width,
        force_terminal=color,
        no_color=not color,
        color_system="auto" if color else None,
        highlight=False,
        emoji=False,
        markup=False,
        soft_wrap=False,
    )
    view = _View(doc, color, console.width, max_corroborated, max_unique)
    for i, renderable in enumerate(view.renderables()):
        if i > 1:
            console.line()
        console.print(renderable)
    output = buffer.getvalue()
    return output if color else "\n".join(line.rstrip() for line in output.split("\n"))


class _View:
    """What the sections share: the report texts (claims are shown in them), whether styles are drawn, the
    width a line of a section has (panel border and padding taken off), limits."""

    def __init__(self, doc: Doc, color: bool, width: int, max_corroborated: int, max_unique: int) -> None:
        self.doc = doc
        self.texts = report_texts(doc)
        self.color = color
        self.inner = width - 4
        self.max_corroborated = max_corroborated
        self.max_unique = max_unique

    def renderables(self) -> list[RenderableType]:
        record = _record(self.doc)
        return [
            _header(self.doc),
            *([record] if record is not None else []),
            self.disputed(),
            self.corroborated(),
            self.unique(),
            _quotes(self.doc),
            _entities(self.doc),
            _times(self.doc),
        ]

    def limit(self, taken: int) -> int:
        """How much context fits on the line beside ``taken`` characters (and the asterisks that mark a value in
        plain text): CONTEXT_LIMIT at most, 60 at least."""
        return max(60, min(CONTEXT_LIMIT, self.inner - taken - (0 if self.color else 2)))

    def snippet(self, snippet: Snippet, style: str = "") -> Text:
        """A value in its context: the value bold and underlined, or between asterisks in plain text."""
        from rich.text import Text

        line = Text(snippet.before, style=style)
        if snippet.value:
            mark = snippet.value if self.color else f"*{snippet.value}*"
            line.append(mark, style="bold underline")
        line.append(snippet.after, style=style)
        return line

    def claim_line(self, claim: dict[str, Any]) -> Text:
        """A claim in the first report's context, followed by the reports that state it ("all 3 reports" when
        every one does) and the other wordings of its value."""
        reports = claim_reports(claim)
        everyone = len(self.doc.get("reports") or [])
        if len(reports) == everyone > 1:
            label = _text(("both reports" if everyone == 2 else f"all {everyone} reports", "cyan"))
        else:
            label = _reports_label(reports)
        line = self.snippet(claim_snippet(claim, self.texts, self.limit(2 + len(label) + 2)))
        line.append("  ")
        line.append_text(label)
        for wording, reports in other_wordings(claim):
            line.append(f"\n  also “{wording}” ", style="dim")
            line.append(", ".join(reports), style="dim cyan")
        return line

    def disputed(self) -> RenderableType:
        claims = ranked_claims(self.doc, "conflicting")
        body: list[RenderableType] = []
        for claim in claims:
            for conflict in claim.get("conflicts") or []:
                if body:
                    body.append(_text(""))
                heading = _text((str(conflict.get("kind", "other")), "bold yellow"))
                explanation = " ".join(str(conflict.get("explanation") or "").split())
                if explanation:
                    heading.append(": " + explanation)
                heading.append("  " + str(claim.get("id", "")), style="dim")
                body.append(heading)
                lines = conflict_lines(claim, conflict, self.texts, self.limit(4))
                body.append(_bullets([self.conflict_value(line) for line in lines], indent=2))
            if not claim.get("conflicts"):
                body.append(_bullets([self.claim_line(claim)]))
            body.extend(_details(claim))
        return _section(f"Disputed ({len(claims)})", body, "yellow")

    def conflict_value(self, line: ValueLine) -> Text:
        """The value, the report and who it credits, then the value as the report writes it, in context."""
        text = _text((line.value, "bold"), "  ", (line.report, "cyan"))
        if line.attributions:
            text.append(" — according to ")
            text.append(" / ".join(line.attributions), style="italic")
        snippet = line.snippet
        if snippet.has_context:
            text.append("\n")
            text.append_text(self.snippet(snippet, style="dim"))
        elif snippet.value.casefold() != line.value.casefold():
            text.append(f"  “{snippet.value}”", style="dim")
        return text

    def corroborated(self) -> RenderableType:
        claims = ranked_claims(self.doc, "corroborated")
        body: list[RenderableType] = []
        for claim in claims[: self.max_corroborated]:
            body.append(_bullets([self.claim_line(claim)]))
            body.extend(_details(claim))
        if len(claims) > self.max_corroborated:
            body.append(_text((f"  … and {len(claims) - self.max_corroborated} more", "dim")))
        return _section(f"Corroborated ({len(claims)})", body, "green")

    def unique(self) -> RenderableType:
        body: list[RenderableType] = []
        count = 0
        for report, claims in unique_claims_by_report(self.doc).items():
            count += len(claims)
            body.append(_text((report, "bold cyan")))
            shown = [self.snippet(claim_snippet(c, self.texts, self.limit(4))) for c in claims[: self.max_unique]]
            body.append(_bullets(shown, indent=2))
            if len(claims) > self.max_unique:
                body.append(_text((f"    … and {len(claims) - self.max_unique} more", "dim")))
        return _section(f"Unique ({count})", body, "bright_black")


def _record(doc: Doc) -> RenderableType | None:
    """The event record, a line a field: the value, and "disputed: ..." in yellow where sources disagree; None when
    the comparison has no record."""
    from rashomon.render.record import record_lines

    lines = record_lines(doc)
    if not lines:
        return None
    body: list[RenderableType] = []
    for line in lines:
        text = _text((f"{line.field}: ", "bold"), line.value)
        if line.disputed:
            text.append(f"\n  disputed: {line.note}", style="yellow")
        body.append(text)
    return _section("Event record", body, "blue")


def _text(*parts: str | tuple[str, str]) -> Text:
    """A rich Text from plain strings and (string, style) pairs; strings are never read as markup."""
    from rich.text import Text

    return Text.assemble(*parts)


def _reports_label(reports: list[str]) -> Text:
    from rich.text import Text

    return Text(", ".join(reports), style="cyan")


def _header(doc: Doc) -> RenderableType:
    from rich.console import Group
    from rich.table import Table

    reports = doc.get("reports") or []
    noun = "report" if len(reports) == 1 else "reports"
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="cyan", no_wrap=True)
    grid.add_column()
    for report in reports:
        facts = [text_or(report.get(k), "") for k in ("source", "published", "title")]
        described = " · ".join(" ".join(f.split()) for f in facts if f) or "(no source, date or title)"
        grid.add_row(_text(str(report.get("id"))), _text((described, "" if any(facts) else "dim")))
    title = _text(("rashomon", "bold"), f" · {len(reports)} {noun} compared")
    group = doc.get("group")
    if group not in (None, ""):
        title.append(f" · group {group}", style="dim")
    note = sample_note(doc)
    if note:
        title.append(f"\n{note}", style="yellow")
    return Group(title, grid, _text(""))


def _section(title: str, body: list[RenderableType], style: str) -> RenderableType:
    from rich.console import Group
    from rich.panel import Panel

    content: RenderableType = Group(*body) if body else _text(("none", "dim"))
    return Panel(content, title=_text((title, f"bold {style}")), title_align="left", border_style=style)


def _details(claim: dict[str, Any]) -> list[RenderableType]:
    """'only in REPORT: a motorcycle; ABC News' lines for a shared claim."""
    lines: list[RenderableType] = []
    for report, texts in details_by_report(claim).items():
        line = _text(("    only in ", "dim"), (report, "cyan"), (": ", "dim"))
        line.append(shorten("; ".join(texts), 120))
        lines.append(line)
    return lines


def _bullets(items: list[Text], indent: int = 0) -> RenderableType:
    """Items as a bulleted list whose wrapped lines hang under the text, not under the bullet."""
    from rich.table import Table

    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=indent + 1, justify="right", no_wrap=True)
    grid.add_column()
    for item in items:
        grid.add_row(_text("•"), item)
    return grid


def _quotes(doc: Doc) -> RenderableType:
    from rich.table import Table

    quotes = doc.get("quotes") or []
    names = entity_names(doc)
    table = Table(title=_text(("Who said what", "bold")), title_justify="left", expand=False, show_lines=False)
    table.add_column("speaker", style="bold")
    table.add_column("quote")
    table.add_column("reports", style="cyan")
    table.add_column("match")
    for quote in quotes:
        speaker = quote_speaker(quote, names)
        match = quote_match(quote)
        table.add_row(
            _text((speaker, "bold")) if speaker else _text(("unattributed", "dim")),
            _text("“" + shorten(str(quote.get("text", "")), QUOTE_WIDTH) + "”"),
            _text(", ".join(distinct_reports(quote.get("occurrences") or []))),
            _text((match, MATCH_STYLE.get(match, ""))),
        )
    if not quotes:
        return _text(("Who said what: no quotes", "dim"))
    return table


def _entities(doc: Doc) -> RenderableType:
    from rich.table import Table

    shown = [e for e in doc.get("entities") or [] if len(e.get("mentions") or []) > 1 or other_aliases(e)]
    if not shown:
        return _text(("Entities: none named more than once", "dim"))
    table = Table(title=_text(("Entities", "bold")), title_justify="left")
    table.add_column("name", style="bold")
    table.add_column("type", style="magenta")
    table.add_column("also written")
    table.add_column("reports", justify="right")
    for entity in shown:
        table.add_row(
            _text(str(entity.get("name", ""))),
            _text(str(entity.get("type", ""))),
            _text(", ".join(other_aliases(entity))),
            _text(str(len(distinct_reports(entity.get("mentions") or [])))),
        )
    return table


def _times(doc: Doc) -> RenderableType:
    from rich.table import Table

    times = grouped_times(doc)
    if not times:
        return _text(("Times: none", "dim"))
    table = Table(title=_text(("Times", "bold")), title_justify="left")
    table.add_column("as written")
    table.add_column("")
    table.add_column("value", style="bold")
    table.add_column("reports", style="cyan")
    for text, value, spans in times:
        table.add_row(
            _text(text),
            _text("→"),
            _text(value) if value else _text(("unresolved", "dim")),
            _text(", ".join(distinct_reports(spans))),
        )
    return table
