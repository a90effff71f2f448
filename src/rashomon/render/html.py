"""The comparison as one self-contained HTML5 page.

Inline CSS and a few lines of inline script; nothing is fetched from the network. Every piece of report
text or metadata goes through ``html.escape(..., quote=True)``; highlighted report text is built by slicing
the text at the contract's offsets and escaping each slice, so offsets add only the renderer's own markup.
Report URLs are shown as text, never as links.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import jinja2

from rashomon.render import (
    Snippet,
    ValueLine,
    claim_snippet,
    claims_with_status,
    conflict_lines,
    details_by_report,
    entity_names,
    entity_report_count,
    grouped_times,
    other_aliases,
    other_wordings,
    quote_match,
    quote_speaker,
    ranked_claims,
    statement_snippet,
    text_or,
    unique_claims_by_report,
)

__all__ = ["highlight", "html_snippet", "render_html", "template_env"]

TEMPLATES = Path(__file__).parent / "templates"


def template_env(*extra_dirs: str | Path) -> jinja2.Environment:
    """The Jinja2 environment of every rashomon page: autoescaped, templates from ``extra_dirs`` first (the web app's),
    then the renderer's own (``layout.html``, ``comparison.html``, ...)."""
    return _env(tuple(str(d) for d in extra_dirs))


@lru_cache(maxsize=8)
def _env(extra_dirs: tuple[str, ...]) -> jinja2.Environment:
    import jinja2

    loader = jinja2.FileSystemLoader([*extra_dirs, str(TEMPLATES)])
    return jinja2.Environment(loader=loader, autoescape=True, trim_blocks=True, lstrip_blocks=True)

Doc = dict[str, Any]

_UNKNOWN = '<span class="muted">—</span>'


def esc(value: object) -> str:
    return html.escape(str(value), quote=True)


# --- highlighting report text -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Mark:
    """A stretch of one report's text to wrap in an element: ``tag`` with a class and a title (plain text)."""

    start: int
    end: int
    tag: str  # "span" or "mark"
    css: str
    title: str = ""


@dataclass(slots=True)
class _Open:
    end: int
    tag: str


def clamp(start: int, end: int, length: int) -> tuple[int, int]:
    """Offsets forced into ``[0, length]`` with ``start <= end``."""
    start = max(0, min(int(start), length))
    return start, max(start, min(int(end), length))


def _nests(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Whether two ranges are disjoint or one contains the other (so their elements can nest)."""
    (a0, a1), (b0, b1) = a, b
    return a1 <= b0 or b1 <= a0 or (a0 <= b0 and b1 <= a1) or (b0 <= a0 and a1 <= b1)


def select_marks(marks: list[Mark], length: int) -> list[Mark]:
    """The marks that can be drawn, clamped to the text: empty ones are dropped, and a mark that crosses one
    already taken (earlier in ``marks`` means more important) is skipped."""
    taken: list[Mark] = []
    for mark in marks:
        start, end = clamp(mark.start, mark.end, length)
        if start == end or not all(_nests((start, end), (t.start, t.end)) for t in taken):
            continue
        taken.append(Mark(start, end, mark.tag, mark.css, mark.title))
    return taken


def highlight(text: str, marks: list[Mark], anchors: dict[tuple[int, int], str] | None = None) -> str:
    """``text`` as escaped HTML with ``marks`` drawn as nested elements.

    ``anchors`` maps (start, end) to an element id: the first element drawn over exactly that range carries
    it; a range no drawn element covers gets an empty anchor element at its start, so links to it still land.
    """
    anchors = dict(anchors or {})
    drawn = sorted(select_marks(marks, len(text)), key=lambda m: (m.start, -m.end))
    points: dict[int, list[str]] = {}
    for (start, end), anchor_id in list(anchors.items()):
        if not any(m.start == start and m.end == end for m in drawn):
            position = clamp(start, end, len(text))[0]
            points.setdefault(position, []).append(f'<a class="anchor" id="{esc(anchor_id)}"></a>')
            del anchors[(start, end)]

    out: list[str] = []
    stack: list[_Open] = []
    position = 0

    def advance(to: int) -> None:
        nonlocal position
        while stack and stack[-1].end <= to:
            top = stack.pop()
            out.append(_slice(text, position, top.end, points))
            out.append(f"</{top.tag}>")
            position = top.end
        out.append(_slice(text, position, to, points))
        position = to

    for mark in drawn:
        advance(mark.start)
        anchor_id = anchors.pop((mark.start, mark.end), "")
        attributes = f' class="{esc(mark.css)}"'
        if anchor_id:
            attributes += f' id="{esc(anchor_id)}"'
        if mark.title:
            attributes += f' title="{esc(mark.title)}"'
        out.append(f"<{mark.tag}{attributes}>")
        stack.append(_Open(mark.end, mark.tag))
    advance(len(text))
    out.extend(anchor for position in sorted(points) for anchor in points[position])  # those at the very end
    return "".join(out)


def _slice(text: str, start: int, end: int, points: dict[int, list[str]]) -> str:
    """``text[start:end]`` escaped, with the empty anchors that fall in ``[start, end)`` put in place."""
    if start >= end:
        return ""
    out: list[str] = []
    cut = start
    for position in sorted(p for p in points if start <= p < end):
        out.append(esc(text[cut:position]))
        out.extend(points.pop(position))
        cut = position
    out.append(esc(text[cut:end]))
    return "".join(out)


# --- what links where ---------------------------------------------------------------------------------------


@dataclass(slots=True)
class Page:
    """What the sections share: each report's index (anchor ids are built from it) and text, entity names."""

    index: dict[str, int]
    texts: dict[str, str]
    names: dict[str, str]
    anchors: dict[str, dict[tuple[int, int], str]] = field(default_factory=dict)

    @classmethod
    def of(cls, doc: Doc) -> Page:
        reports = doc.get("reports") or []
        index: dict[str, int] = {}
        for i, report in enumerate(reports):
            index.setdefault(str(report.get("id")), i)
        texts = {str(r.get("id")): str(r.get("text") or "") for r in reports}
        return cls(index=index, texts=texts, names=entity_names(doc))

    def span_href(self, span: dict[str, Any]) -> str | None:
        """``#id`` of the anchor for a span (registering it), or None when its report is unknown."""
        report = str(span.get("report"))
        if report not in self.index:
            return None
        try:
            key = (int(span.get("start", 0)), int(span.get("end", 0)))
        except (TypeError, ValueError):
            return f"#report-{self.index[report]}"
        anchor_id = f"r{self.index[report]}-{key[0]}-{key[1]}"
        self.anchors.setdefault(report, {})[key] = anchor_id
        return "#" + anchor_id

    def span_text(self, span: dict[str, Any]) -> str:
        text = self.texts.get(str(span.get("report")), "")
        try:
            start, end = clamp(int(span.get("start", 0)), int(span.get("end", 0)), len(text))
        except (TypeError, ValueError):
            return ""
        return text[start:end]

    def chip(self, span: dict[str, Any], label: str | None = None) -> str:
        """A link to a span, labelled with its report id; its title is the cited text."""
        text = label if label is not None else str(span.get("report"))
        href = self.span_href(span)
        title = " ".join(self.span_text(span).split())
        if href is None:
            return f'<span class="chip missing">{esc(text)}</span>'
        return f'<a class="chip" href="{esc(href)}" title="{esc(title)}">{esc(text)}</a>'


# --- page ---------------------------------------------------------------------------------------------------


def render_html(doc: Doc, *, open_corroborated: int = 15, open_unique: int = 5) -> str:
    """The comparison as one self-contained HTML page. Every claim is listed, each as its value marked in the
    first report's context; beyond the ``open_corroborated`` best ranked corroborated claims and the first
    ``open_unique`` unique claims of each report they are folded into a details element."""
    page = Page.of(doc)
    reports = doc.get("reports") or []
    sections = [
        _reports(doc),
        _summary(doc, page),
        _disputed(doc, page),
        _corroborated(doc, page, open_corroborated),
        _unique(doc, page, open_unique),
        _quotes(doc, page),
        _entities(doc),
        _times(doc, page),
        _texts(doc, page),  # last: it draws every anchor the sections above registered
    ]
    noun = "report" if len(reports) == 1 else "reports"
    title = f"rashomon: {len(reports)} {noun} compared"
    group = doc.get("group")
    subtitle = f'<p class="muted">Group: {esc(group)}</p>' if group not in (None, "") else ""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n<main>\n"
        f"<header><h1>{esc(title)}</h1>{subtitle}{_nav(doc)}</header>\n"
        + "\n".join(sections)
        + f"\n</main>\n<script>{_SCRIPT}</script>\n</body>\n</html>\n"
    )


def _section(section_id: str, title: str, body: str, count: int | None = None) -> str:
    counter = f' <span class="count">{count}</span>' if count is not None else ""
    body = body or '<p class="muted">None.</p>'
    return f'<section id="{section_id}">\n<h2>{esc(title)}{counter}</h2>\n{body}\n</section>'


def _nav(doc: Doc) -> str:
    counts = {
        "disputed": len(claims_with_status(doc, "conflicting")),
        "corroborated": len(claims_with_status(doc, "corroborated")),
        "unique": len(claims_with_status(doc, "unique")),
    }
    links = [
        '<a href="#summary">Summary</a>',
        f'<a href="#disputed"><span class="badge conflicting">{counts["disputed"]} disputed</span></a>',
        f'<a href="#corroborated"><span class="badge corroborated">{counts["corroborated"]} corroborated</span></a>',
        f'<a href="#unique"><span class="badge unique">{counts["unique"]} unique</span></a>',
        '<a href="#quotes">Quotes</a>',
        '<a href="#entities">Entities</a>',
        '<a href="#times">Times</a>',
        '<a href="#texts">Texts</a>',
    ]
    return "<nav>" + " ".join(links) + "</nav>"


def _badge(status: str) -> str:
    return f'<span class="badge {esc(status)}">{esc(status)}</span>'


def _table(header: list[str], rows: list[list[str]]) -> str:
    if not rows:
        return ""
    head = "".join(f"<th>{esc(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>{body}</tbody>\n</table>"


def _value(value: object) -> str:
    return esc(value) if value not in (None, "") else _UNKNOWN


def _reports(doc: Doc) -> str:
    rows = [
        [
            f'<a href="#report-{i}">{esc(r.get("id"))}</a>',
            _value(r.get("source")),
            _value(r.get("published")),
            _value(r.get("title")),
            f'<span class="url">{esc(r["url"])}</span>' if r.get("url") else _UNKNOWN,
        ]
        for i, r in enumerate(doc.get("reports") or [])
    ]
    return _section("reports", "Reports", _table(["id", "source", "published", "title", "url"], rows), len(rows))


def _summary(doc: Doc, page: Page) -> str:
    sentences = doc.get("summary") or []
    items = [f"{esc(s.get('text', ''))} " + " ".join(page.chip(c) for c in s.get("citations") or []) for s in sentences]
    body = '<ul class="summary">' + "".join(f"<li>{item}</li>" for item in items) + "</ul>" if items else ""
    return _section("summary", "Summary", body)


def html_snippet(snippet: Snippet) -> str:
    """A value in its context as HTML: every piece escaped, the value in ``<mark class="value">``."""
    if not snippet.value:
        return esc(snippet.before + snippet.after)
    return f'{esc(snippet.before)}<mark class="value">{esc(snippet.value)}</mark>{esc(snippet.after)}'


def _first_per_report(claim: dict[str, Any]) -> list[int]:
    """The index of each report's first statement of a claim, reports in order."""
    seen: dict[str, int] = {}
    for i, statement in enumerate(claim.get("statements") or []):
        seen.setdefault(str(statement.get("report")), i)
    return list(seen.values())


def _chips(claim: dict[str, Any], page: Page) -> str:
    """One link per report that states a claim, to its first statement."""
    statements = claim.get("statements") or []
    return " ".join(page.chip(statements[i]) for i in _first_per_report(claim))


def _folded(items: list[str], shown: int, noun: str, tag: str = "ul", css: str = "facts") -> str:
    """``items`` as a list; those past the first ``shown`` in a closed details element."""
    if not items:
        return ""
    out = f'<{tag} class="{css}">' + "".join(items[:shown]) + f"</{tag}>"
    rest = items[shown:]
    if rest:
        start = f' start="{shown + 1}"' if tag == "ol" else ""  # numbering goes on past the fold
        out += (
            f'<details class="more"><summary>{len(rest)} more {esc(noun)}</summary>'
            f'<{tag} class="{css}"{start}>' + "".join(rest) + f"</{tag}></details>"
        )
    return out


def _disputed(doc: Doc, page: Page) -> str:
    claims = ranked_claims(doc, "conflicting")
    cards = [_disputed_claim(claim, page) for claim in claims]
    return _section("disputed", "Disputed", "\n".join(cards), len(claims))


def _disputed_claim(claim: dict[str, Any], page: Page) -> str:
    conflicts = claim.get("conflicts") or []
    kinds = ", ".join(dict.fromkeys(str(c.get("kind")) for c in conflicts)) or "other"
    parts = []
    for conflict in conflicts:
        if len(conflicts) > 1:
            parts.append(f"<h4>{esc(conflict.get('kind'))}</h4>")
        explanation = " ".join(str(conflict.get("explanation") or "").split())
        if explanation:
            parts.append(f'<p class="why">{esc(explanation)}</p>')
        lines = conflict_lines(claim, conflict, page.texts)
        parts.append(_table(["value", "in the report's words", "attribution"], [_value_row(v, page) for v in lines]))
    if not conflicts:
        parts.append(f"<p>{html_snippet(claim_snippet(claim, page.texts))} {_chips(claim, page)}</p>")
    return (
        f'<article class="card conflicting"><h3>{_badge("conflicting")} {esc(kinds)} '
        f'<span class="muted">{esc(claim.get("id", ""))}</span></h3>{"".join(parts)}{_details(claim)}</article>'
    )


def _value_row(line: ValueLine, page: Page) -> list[str]:
    snippet = line.snippet if line.snippet.has_context else Snippet("", line.snippet.value, "")
    return [
        f"<strong>{esc(line.value)}</strong>",
        f"{html_snippet(snippet)} {page.chip(line.span, line.report)}",
        "according to " + esc(" / ".join(line.attributions)) if line.attributions else _UNKNOWN,
    ]


def _details(claim: dict[str, Any]) -> str:
    """A shared claim's details that only one report gives (older JSON)."""
    rows = [
        f'<li>only in <span class="rid">{esc(report)}</span>: ' + "; ".join(esc(t) for t in texts) + "</li>"
        for report, texts in details_by_report(claim).items()
    ]
    return '<ul class="details muted">' + "".join(rows) + "</ul>" if rows else ""


def _corroborated(doc: Doc, page: Page, shown: int) -> str:
    claims = [c for c in ranked_claims(doc, "corroborated") if c.get("statements")]
    items = [_corroborated_item(claim, page) for claim in claims]
    noun = "corroborated claim" if len(items) - shown == 1 else "corroborated claims"
    body = _folded(items, shown, noun, tag="ol")
    return _section("corroborated", "Corroborated", body, len(claims))


def _corroborated_item(claim: dict[str, Any], page: Page) -> str:
    """The claim in the first report's context, links to each report, other wordings, and folded, how each of
    the other reports puts it."""
    wordings = other_wordings(claim)
    also = (
        '<p class="also muted">also written '
        + "; ".join(f'“{esc(w)}” <span class="rid">{esc(", ".join(r))}</span>' for w, r in wordings)
        + "</p>"
        if wordings
        else ""
    )
    others = _first_per_report(claim)[1:]
    contexts = (
        f"<details><summary>In the other reports ({len(others)})</summary><ul>"
        + "".join(
            f"<li>{html_snippet(statement_snippet(claim, i, page.texts))} {page.chip(claim['statements'][i])}</li>"
            for i in others
        )
        + "</ul></details>"
        if others and "contexts" in claim
        else ""
    )
    return (
        f'<li class="fact">{html_snippet(claim_snippet(claim, page.texts))} '
        f'<span class="chips">{_chips(claim, page)}</span>{also}{_details(claim)}{contexts}</li>'
    )


def _unique(doc: Doc, page: Page, shown: int) -> str:
    sources = {str(r.get("id")): r.get("source") for r in doc.get("reports") or []}
    groups = unique_claims_by_report(doc)
    blocks = []
    for report, claims in groups.items():
        source = sources.get(report)
        heading = esc(report) + (f' <span class="muted">{esc(source)}</span>' if source else "")
        items = [
            f"<li>{html_snippet(claim_snippet(c, page.texts))} {page.chip(c['statements'][0], 'in text')}</li>"
            for c in claims
        ]
        blocks.append(
            f'<article class="card unique"><h3>{heading}</h3>{_folded(items, shown, "from " + report)}</article>'
        )
    count = sum(len(c) for c in groups.values())
    return _section("unique", "Unique to one report", "\n".join(blocks), count)


def _quotes(doc: Doc, page: Page) -> str:
    quotes = doc.get("quotes") or []
    items = []
    for quote in quotes:
        occurrences = quote.get("occurrences") or []
        speaker = quote_speaker(quote, page.names)
        who = f"<strong>{esc(speaker)}</strong>" if speaker else '<em class="muted">unattributed</em>'
        match = quote_match(quote)
        chips = " ".join(page.chip(o) for o in occurrences)
        wordings = ""
        if match == "near-verbatim":
            wordings = (
                "<ul>" + "".join(f"<li>“{esc(o.get('text', ''))}” {page.chip(o)}</li>" for o in occurrences) + "</ul>"
            )
        items.append(
            f'<figure class="quote"><blockquote>“{esc(quote.get("text", ""))}”</blockquote>'
            f'<figcaption>— {who} <span class="tag {esc(match)}">{esc(match)}</span> {chips}</figcaption>'
            f"{wordings}</figure>"
        )
    return _section("quotes", "Quotes", "\n".join(items), len(quotes))


def _entities(doc: Doc) -> str:
    rows = [
        [
            f"<strong>{esc(e.get('name', ''))}</strong>",
            f'<span class="tag">{esc(e.get("type", ""))}</span>',
            esc(", ".join(other_aliases(e))) or _UNKNOWN,
            str(entity_report_count(e)),
        ]
        for e in doc.get("entities") or []
    ]
    return _section("entities", "Entities", _table(["name", "type", "aliases", "reports"], rows), len(rows))


def _times(doc: Doc, page: Page) -> str:
    rows = [
        [
            esc(text),
            f"<time>{esc(value)}</time>" if value else '<em class="muted">unresolved</em>',
            " ".join(page.chip(t) for t in spans),
        ]
        for text, value, spans in grouped_times(doc)
    ]
    return _section("times", "Times", _table(["text", "value", "where"], rows), len(rows))


# --- report texts -------------------------------------------------------------------------------------------


def report_marks(doc: Doc, report: str) -> list[Mark]:
    """What to draw over one report's text, most important first: claim statements (underlined by status),
    conflicting values, quotes, entity mentions, times."""
    marks: list[Mark] = []
    for claim in doc.get("claims") or []:
        status = str(claim.get("status"))
        for s in claim.get("statements") or []:
            if s.get("report") == report:
                marks.append(_mark(s, "span", f"stmt {status}", f"{claim.get('id', '')} · {status}"))
    for claim in doc.get("claims") or []:
        for conflict in claim.get("conflicts") or []:
            for v in conflict.get("values") or []:
                if v.get("report") == report:
                    said = f" — according to {v['attribution']}" if v.get("attribution") else ""
                    title = f"{conflict.get('kind')}: {text_or(v.get('value'), '?')}{said}"
                    marks.append(_mark(v, "mark", "conflict", title))
    names = entity_names(doc)
    for quote in doc.get("quotes") or []:
        speaker = quote_speaker(quote, names) or "unattributed"
        for o in quote.get("occurrences") or []:
            if o.get("report") == report:
                marks.append(_mark(o, "mark", "quote", f"quote {quote.get('id', '')} — {speaker}"))
    for entity in doc.get("entities") or []:
        title = f"{entity.get('name', '')} · {entity.get('type', '')}"
        marks += [_mark(m, "mark", "ent", title) for m in entity.get("mentions") or [] if m.get("report") == report]
    for t in doc.get("times") or []:
        if t.get("report") == report:
            marks.append(_mark(t, "mark", "time", text_or(t.get("value"), "unresolved")))
    return marks


def _mark(span: dict[str, Any], tag: str, css: str, title: str) -> Mark:
    try:
        start, end = int(span.get("start", 0)), int(span.get("end", 0))
    except (TypeError, ValueError):
        start = end = 0
    return Mark(start, end, tag, css, title)


def _texts(doc: Doc, page: Page) -> str:
    blocks = []
    for i, report in enumerate(doc.get("reports") or []):
        report_id = str(report.get("id"))
        text = str(report.get("text") or "")
        anchors = page.anchors.get(report_id, {}) if page.index.get(report_id) == i else {}
        body = highlight(text, report_marks(doc, report_id), anchors)
        facts = [report.get(k) for k in ("source", "published", "title")]
        label = " · ".join(esc(f) for f in facts if f not in (None, ""))
        meta = [f"{k}: {esc(report[k])}" for k in ("path", "url") if report.get(k) not in (None, "")]
        blocks.append(
            f'<details id="report-{i}"><summary><strong>{esc(report_id)}</strong> '
            f'<span class="muted">{label}</span></summary>'
            + (f'<p class="meta">{" · ".join(meta)}</p>' if meta else "")
            + f'<div class="text">{body}</div></details>'
        )
    legend = (
        '<p class="legend"><mark class="ent">entity</mark> <mark class="quote">quote</mark> '
        '<mark class="time">time</mark> <mark class="conflict">disputed value</mark> '
        '<span class="stmt corroborated">corroborated</span> '
        '<span class="stmt conflicting">conflicting</span> '
        '<span class="stmt unique">unique</span></p>'
    )
    return _section("texts", "Report texts", legend + "\n".join(blocks) if blocks else "")


_CSS = """
:root{--fg:#1f2328;--muted:#656d76;--bg:#fff;--card:#f6f8fa;--line:#d0d7de;--link:#0969da;
--ok-bg:#dafbe1;--ok:#1a7f37;--warn-bg:#fff1c2;--warn:#9a6700;--bad:#cf222e;--grey-bg:#eaeef2;--grey:#57606a;
--ent:#ddf4ff;--quote:#fbefff;--time:#fff8c5;--conflict:#ffd8d3;color-scheme:light dark}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--muted:#8d96a0;--bg:#0d1117;--card:#161b22;
--line:#30363d;--link:#4493f8;--ok-bg:#12361f;--ok:#3fb950;--warn-bg:#3a2d0c;--warn:#d29922;--bad:#f85149;--grey-bg:#21262d;
--grey:#8d96a0;--ent:#0c2d6b;--quote:#3c1e70;--time:#3b2e00;--conflict:#5d1a1a}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);line-height:1.55;
font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans",sans-serif}
main{max-width:52rem;margin:0 auto;padding:1.5rem 1rem 4rem}
h1{font-size:1.6rem;margin:.5rem 0}
h2{font-size:1.2rem;margin:2.2rem 0 .8rem;padding-bottom:.3rem;border-bottom:1px solid var(--line)}
h3{font-size:1rem;margin:0 0 .5rem}h4{font-size:.9rem;margin:.6rem 0 .2rem}
a{color:var(--link);text-decoration:none}a:hover{text-decoration:underline}
nav{display:flex;flex-wrap:wrap;gap:.4rem .9rem;align-items:center;font-size:.9rem;margin:.6rem 0 0}
.muted{color:var(--muted)}
.count{font-size:.8rem;font-weight:normal;color:var(--muted);background:var(--card);
border:1px solid var(--line);border-radius:1rem;padding:0 .5rem;vertical-align:middle}
table{border-collapse:collapse;width:100%;font-size:.92rem;margin:.4rem 0}
th,td{text-align:left;vertical-align:top;padding:.35rem .5rem;border-bottom:1px solid var(--line)}
th{font-weight:600;color:var(--muted);font-size:.8rem;text-transform:uppercase;letter-spacing:.03em}
.url{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.85em;word-break:break-all}
.badge{display:inline-block;border-radius:1rem;padding:0 .55rem;font-size:.78rem;font-weight:600;
vertical-align:baseline;white-space:nowrap}
.badge.corroborated{background:var(--ok-bg);color:var(--ok)}
.badge.conflicting{background:var(--warn-bg);color:var(--warn)}
.badge.unique{background:var(--grey-bg);color:var(--grey)}
.card{background:var(--card);border:1px solid var(--line);border-left-width:4px;border-radius:6px;
padding:.7rem .9rem;margin:.7rem 0}
.card.corroborated{border-left-color:var(--ok)}.card.conflicting{border-left-color:var(--bad)}
.card.unique{border-left-color:var(--grey)}
.card p{margin:.2rem 0}.card ul{margin:.3rem 0;padding-left:1.2rem}
.statements{font-size:.92rem;color:var(--muted)}
.chip{display:inline-block;font-size:.75rem;border:1px solid var(--line);border-radius:4px;padding:0 .35rem;
margin:0 .1rem;background:var(--bg);white-space:nowrap;vertical-align:baseline}
.chip.missing{color:var(--muted)}
.tag{font-size:.75rem;border-radius:4px;padding:0 .35rem;background:var(--grey-bg);color:var(--grey)}
.tag.verbatim{background:var(--ok-bg);color:var(--ok)}.tag.near-verbatim{background:var(--warn-bg);color:var(--warn)}
.quote{margin:.8rem 0}
blockquote{margin:0;padding:.2rem .9rem;border-left:4px solid var(--line);font-size:1.05rem}
figcaption{margin:.3rem 0 0 1.1rem;font-size:.9rem}
details{border:1px solid var(--line);border-radius:6px;margin:.6rem 0;background:var(--card)}
details>summary{cursor:pointer;padding:.5rem .8rem}
details[open]>summary{border-bottom:1px solid var(--line)}
.card details{border:0;background:none;margin:.2rem 0}.card details>summary{padding:0;font-size:.85rem}
.meta{margin:.4rem .8rem;font-size:.85rem;color:var(--muted);word-break:break-all}
.text{white-space:pre-wrap;padding:.6rem .9rem;background:var(--bg);border-radius:0 0 6px 6px;line-height:1.7}
mark{color:inherit;border-radius:3px;padding:0 .05em}
mark.ent{background:var(--ent)}mark.quote{background:var(--quote)}mark.time{background:var(--time)}
mark.conflict{background:var(--conflict);font-weight:600}
.stmt{border-bottom:2px solid transparent}.stmt.corroborated{border-bottom-color:var(--ok)}
.stmt.conflicting{border-bottom-color:var(--bad)}.stmt.unique{border-bottom-color:var(--grey)}
.legend{font-size:.82rem;color:var(--muted);display:flex;flex-wrap:wrap;gap:.5rem}
:target{outline:2px solid var(--link);outline-offset:2px;border-radius:3px}
.summary{font-size:1.05rem}
mark.value{background:var(--time);font-weight:600}
.facts{padding-left:1.4rem;margin:.4rem 0}.facts>li{margin:.45rem 0}
.fact details,.card details.more{border:0;background:none;margin:.1rem 0}
.fact details>summary,.card details.more>summary{padding:0;font-size:.85rem;color:var(--muted)}
.fact details[open]>summary,.card details.more[open]>summary{border-bottom:0}
details.more>.facts{margin:.4rem .8rem .6rem}
.fact ul{font-size:.92rem;margin:.2rem 0;padding-left:1.2rem}
.also{font-size:.85rem;margin:.1rem 0}.why{font-style:italic;margin:.2rem 0 .4rem}
"""

_SCRIPT = """
(function () {
  function reveal() {
    var target = location.hash && document.getElementById(location.hash.slice(1));
    if (!target) return;
    for (var node = target; node; node = node.parentElement) {
      if (node.tagName === "DETAILS") node.open = true;
    }
    target.scrollIntoView({block: "center"});
  }
  window.addEventListener("hashchange", reveal);
  reveal();
})();
"""
