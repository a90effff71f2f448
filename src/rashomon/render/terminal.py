"""The comparison for a terminal, drawn with rich.

rich is imported inside the functions (start-up time matters for a CLI). Report text and metadata only ever
reach rich as ``Text`` objects, never as markup strings, so a report containing "[bold red]" prints those
characters; console markup, emoji codes and automatic highlighting are off for the same reason.
"""

from __future__ import annotations

from io import StringIO
from typing import TYPE_CHECKING, Any

from rashomon.render import (
    claims_with_status,
    details_by_report,
    distinct_reports,
    entity_names,
    grouped_times,
    other_aliases,
    quote_match,
    quote_speaker,
    text_or,
    unique_by_report,
)

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.text import Text

__all__ = ["render_terminal", "shorten"]

Doc = dict[str, Any]

QUOTE_WIDTH = 100
STATUS_STYLE = {"corroborated": "green", "conflicting": "yellow", "unique": "bright_black"}
MATCH_STYLE = {"verbatim": "green", "near-verbatim": "yellow", "single": "bright_black"}


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


def render_terminal(doc: Doc, *, width: int | None = None, color: bool = True, max_unique: int = 5) -> str:
    """The comparison as terminal text: header, disputed, corroborated, unique (at most ``max_unique`` per
    report), who said what, entities and times. ANSI styles when ``color``; plain text otherwise."""
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
    for i, renderable in enumerate(_renderables(doc, max_unique)):
        if i > 1:
            console.line()
        console.print(renderable)
    output = buffer.getvalue()
    return output if color else "\n".join(line.rstrip() for line in output.split("\n"))


def _renderables(doc: Doc, max_unique: int) -> list[RenderableType]:
    return [
        _header(doc),
        _disputed(doc),
        _corroborated(doc),
        _unique(doc, max_unique),
        _quotes(doc),
        _entities(doc),
        _times(doc),
    ]


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
    return Group(title, grid, _text(""))


def _section(title: str, body: list[RenderableType], style: str) -> RenderableType:
    from rich.console import Group
    from rich.panel import Panel

    content: RenderableType = Group(*body) if body else _text(("none", "dim"))
    return Panel(content, title=_text((title, f"bold {style}")), title_align="left", border_style=style)


def _disputed(doc: Doc) -> RenderableType:
    claims = claims_with_status(doc, "conflicting")
    body: list[RenderableType] = []
    for claim in claims:
        for conflict in claim.get("conflicts") or []:
            if body:
                body.append(_text(""))
            body.append(
                _text(
                    (str(conflict.get("kind", "other")), "bold yellow"),
                    ("  " + str(claim.get("id", "")), "dim"),
                )
            )
            body.append(_bullets([_conflict_value(v) for v in conflict.get("values") or []], indent=2))
        if not claim.get("conflicts"):
            body.append(_bullets([_statement(claim)]))
        body.extend(_details(claim))
    return _section(f"Disputed ({len(claims)})", body, "yellow")


def _details(claim: dict[str, Any]) -> list[RenderableType]:
    """'only in REPORT: a motorcycle; ABC News' lines for a shared claim."""
    lines: list[RenderableType] = []
    for report, texts in details_by_report(claim).items():
        line = _text(("    only in ", "dim"), (report, "cyan"), (": ", "dim"))
        line.append(shorten("; ".join(texts), 120))
        lines.append(line)
    return lines


def _conflict_value(value: dict[str, Any]) -> Text:
    """The value, the words the report uses for it (when they differ), the report and who it credits."""
    shown = text_or(value.get("value"), "?")
    written = " ".join(str(value.get("text", "")).split())
    line = _text((shown, "bold"))
    if written.casefold() != shown.casefold():
        line.append(f"  “{shorten(written, 60)}”", style="dim")
    line.append("  ")
    line.append(str(value.get("report")), style="cyan")
    attribution = value.get("attribution")
    if attribution:
        line.append(" — according to ")
        line.append(" ".join(str(attribution).split()), style="italic")
    return line


def _bullets(items: list[Text], indent: int = 0) -> RenderableType:
    """Items as a bulleted list whose wrapped lines hang under the text, not under the bullet."""
    from rich.table import Table

    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=indent + 1, justify="right", no_wrap=True)
    grid.add_column()
    for item in items:
        grid.add_row(_text("•"), item)
    return grid


def _statement(claim: dict[str, Any]) -> Text:
    """A claim's first statement, followed by the ids of the reports that make it."""
    statements = claim.get("statements") or []
    text = str(statements[0].get("text", "")) if statements else ""
    line = _text(" ".join(text.split()), "  ")
    line.append_text(_reports_label(distinct_reports(statements)))
    return line


def _corroborated(doc: Doc) -> RenderableType:
    claims = claims_with_status(doc, "corroborated")
    body: list[RenderableType] = []
    for claim in claims:
        body.append(_bullets([_statement(claim)]))
        body.extend(_details(claim))
    return _section(f"Corroborated ({len(claims)})", body, "green")


def _unique(doc: Doc, max_unique: int) -> RenderableType:
    body: list[RenderableType] = []
    count = 0
    for report, statements in unique_by_report(doc).items():
        count += len(statements)
        body.append(_text((report, "bold cyan")))
        shown = [_text(shorten(str(s.get("text", "")), 160)) for s in statements[:max_unique]]
        body.append(_bullets(shown, indent=2))
        if len(statements) > max_unique:
            body.append(_text((f"    … and {len(statements) - max_unique} more", "dim")))
    return _section(f"Unique ({count})", body, "bright_black")


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
