"""The comparison as one self-contained HTML5 page, from Jinja2 templates.

``comparison_context(doc)`` reads the output-contract dict into plain view records (what each section shows,
every citation already resolved to a link); ``templates/comparison.html`` (extending ``layout.html``) lays them
out. The web app renders the same context into its own page that extends ``comparison.html``.

Nothing is fetched from the network: inline CSS and a few lines of inline script. The environment autoescapes
every value; the only markup handed to the templates ready-made is report text highlighted here, built by
slicing the text at the contract's offsets and escaping each slice (``highlight``, ``html_snippet``). Report
URLs are shown as text, never as links.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

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
    grouped_times,
    other_aliases,
    quote_match,
    quote_speaker,
    ranked_claims,
    report_labels,
    sample_note,
    shorten,
    statement_snippet,
    text_or,
    unique_claims_by_report,
    value_in_context,
)

__all__ = ["comparison_context", "highlight", "html_snippet", "render_html", "template_env"]

TEMPLATES = Path(__file__).parent / "templates"

Doc = dict[str, Any]


def template_env(*extra_dirs: str | Path) -> jinja2.Environment:
    """The Jinja2 environment of every rashomon page: autoescaped, templates from ``extra_dirs`` first (the web app's),
    then the renderer's own (``layout.html``, ``comparison.html``, ...)."""
    return _env(tuple(str(d) for d in extra_dirs))


@lru_cache(maxsize=8)
def _env(extra_dirs: tuple[str, ...]) -> jinja2.Environment:
    import jinja2

    loader = jinja2.FileSystemLoader([*extra_dirs, str(TEMPLATES)])
    return jinja2.Environment(loader=loader, autoescape=True, trim_blocks=True, lstrip_blocks=True)


def render_html(doc: Doc, *, open_corroborated: int = 15, open_unique: int = 5) -> str:
    """The comparison as one self-contained HTML page. Every claim is listed; beyond the ``open_corroborated``
    best ranked shared claims and the first ``open_unique`` unique claims of each report they are folded into a
    details element."""
    context = comparison_context(doc, open_corroborated=open_corroborated, open_unique=open_unique)
    return template_env().get_template("comparison.html").render(context)


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


@dataclass(frozen=True, slots=True)
class Cite:
    """A link to a cited span of a report, labelled with the report's label; ``href`` is None when the span's
    report is not in the comparison. ``quoted`` is the cited text on one line, shortened."""

    href: str | None
    report: str
    label: str
    quoted: str = ""

    @property
    def title(self) -> str:
        """The tooltip: the report's label and id, and the cited words."""
        who = self.label if self.label == self.report else f"{self.label} (report {self.report})"
        return f"{who}: “{self.quoted}”" if self.quoted else who


@dataclass(frozen=True, slots=True)
class EntityRef:
    """An entity as a name to show, with the other names the reports give it (revealed on hover and focus)."""

    id: str
    name: str
    type: str
    aliases: tuple[str, ...]


@dataclass(slots=True)
class Page:
    """What the views share: each report's index (anchor ids are built from it), text and label, the entities,
    and the anchors the views link to (drawn into the report texts last)."""

    index: dict[str, int]
    texts: dict[str, str]
    labels: dict[str, str]
    entities: dict[str, EntityRef]
    anchors: dict[str, dict[tuple[int, int], str]] = field(default_factory=dict)

    @classmethod
    def of(cls, doc: Doc) -> Page:
        reports = doc.get("reports") or []
        index: dict[str, int] = {}
        for i, report in enumerate(reports):
            index.setdefault(str(report.get("id")), i)
        texts: dict[str, str] = {}
        for r in reports:
            texts.setdefault(str(r.get("id")), str(r.get("text") or ""))
        entities = {ref.id: ref for ref in (entity_ref(e) for e in doc.get("entities") or [])}
        return cls(index=index, texts=texts, labels=report_labels(doc), entities=entities)

    def label(self, report: object) -> str:
        return self.labels.get(str(report), str(report))

    def report_href(self, report: object) -> str | None:
        i = self.index.get(str(report))
        return None if i is None else f"#report-{i}"

    def span_href(self, span: Mapping[str, Any]) -> str | None:
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

    def span_text(self, span: Mapping[str, Any]) -> str:
        text = self.texts.get(str(span.get("report")), "")
        try:
            start, end = clamp(int(span.get("start", 0)), int(span.get("end", 0)), len(text))
        except (TypeError, ValueError):
            return ""
        return text[start:end]

    def cite(self, span: Mapping[str, Any]) -> Cite:
        report = str(span.get("report"))
        quoted = shorten(self.span_text(span) or str(span.get("text") or ""), 160)
        return Cite(self.span_href(span), report, self.label(report), quoted)


def entity_ref(entity: Mapping[str, Any]) -> EntityRef:
    return EntityRef(
        id=str(entity.get("id")),
        name=text_or(entity.get("name"), "?"),
        type=text_or(entity.get("type"), "OTHER"),
        aliases=tuple(other_aliases(dict(entity))),
    )


def html_snippet(snippet: Snippet) -> Markup:
    """A value in its context as HTML: every piece escaped, the value in ``<mark class="value">``."""
    if not snippet.value:
        return Markup(esc(snippet.before + snippet.after))
    return Markup(f'{esc(snippet.before)}<mark class="value">{esc(snippet.value)}</mark>{esc(snippet.after)}')


# --- what the page shows ------------------------------------------------------------------------------------

STATUS_WORDS: dict[str, str] = {
    "corroborated": "corroborated",
    "conflicting": "conflicting",
    "unique": "unique to one report",
}
"""How each claim status reads on the page (a status is always written, never only coloured)."""


@dataclass(frozen=True, slots=True)
class ReportView:
    index: int
    id: str
    label: str
    anchor: str
    source: str | None
    title: str | None
    published: str | None
    url: str | None
    path: str | None
    body: Markup


@dataclass(frozen=True, slots=True)
class CiteGroup:
    """The citations of one sentence that point into one report."""

    report: str
    label: str
    cites: tuple[Cite, ...]


@dataclass(frozen=True, slots=True)
class SentenceView:
    text: str
    groups: tuple[CiteGroup, ...]


@dataclass(frozen=True, slots=True)
class Passage:
    """Words of one report (escaped HTML, a value marked) and the link to them."""

    html: Markup
    cite: Cite


@dataclass(frozen=True, slots=True)
class ValueView:
    """One value of a conflict as one report gives it."""

    value: str
    passage: Passage
    attributions: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ConflictView:
    kind: str
    explanation: str
    values: tuple[ValueView, ...]


@dataclass(frozen=True, slots=True)
class DetailView:
    """A shared claim's detail that only one report gives (older JSON)."""

    label: str
    texts: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class DisputedView:
    id: str
    kinds: str
    conflicts: tuple[ConflictView, ...]
    passage: Passage | None
    cites: tuple[Cite, ...]
    details: tuple[DetailView, ...]


@dataclass(frozen=True, slots=True)
class Wording:
    """How one report writes a claim's value, linked to the words."""

    text: str
    cite: Cite


@dataclass(frozen=True, slots=True)
class CellView:
    """One report's column of a claim row: its wordings of the value, none when it does not state the claim."""

    report: str
    label: str
    wordings: tuple[Wording, ...]


@dataclass(frozen=True, slots=True)
class ClaimRow:
    id: str
    status: str
    kind: str
    snippet: Markup
    cells: tuple[CellView, ...]
    others: tuple[Passage, ...]
    details: tuple[DetailView, ...]


@dataclass(frozen=True, slots=True)
class UniqueGroup:
    report: str
    label: str
    anchor: str
    shown: tuple[Passage, ...]
    folded: tuple[Passage, ...]


@dataclass(frozen=True, slots=True)
class QuoteView:
    id: str
    text: str
    speaker: EntityRef | None
    speaker_text: str | None
    match: str
    match_words: str
    carriers: tuple[Cite, ...]
    wordings: tuple[Wording, ...]


@dataclass(frozen=True, slots=True)
class TimeEntry:
    """One date of the timeline: its ISO value, how a reader sees it, the wordings and where each stands."""

    value: str
    display: str
    datetime: str | None
    wordings: tuple[str, ...]
    passages: tuple[Passage, ...]


@dataclass(frozen=True, slots=True)
class OtherTime:
    """A time expression that is not a date (a duration) or could not be resolved."""

    text: str
    value: str | None
    cites: tuple[Cite, ...]


@dataclass(frozen=True, slots=True)
class EntityRow:
    ref: EntityRef
    labels: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SourceReport:
    """One report's support for a value of an event-record field: a link to its first span, its wordings that
    differ from the value (each linked), and whom it credits."""

    cite: Cite
    wordings: tuple[Wording, ...]
    attributions: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SourceValue:
    """One value of an event-record field and the reports that give it."""

    value: str
    reports: tuple[SourceReport, ...]


@dataclass(frozen=True, slots=True)
class FieldRow:
    """One row of the event record: the resolved value (and a line of detail), every source's value, the policy,
    and whether the sources dispute it (with the note saying how)."""

    name: str
    resolved: str | None
    detail: str | None
    datetime: str | None
    values: tuple[SourceValue, ...]
    policy: str | None
    disputed: bool
    note: str | None


@dataclass(frozen=True, slots=True)
class ActorView:
    name: str
    entity: EntityRef | None
    role: str | None
    type: str | None
    labels: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SourceLink:
    report: str
    label: str
    href: str | None


@dataclass(frozen=True, slots=True)
class EventView:
    fields: tuple[FieldRow, ...]
    actors: tuple[ActorView, ...]
    sources: tuple[SourceLink, ...]


@dataclass(frozen=True, slots=True)
class LedePart:
    """One fact of the page's opening line (the event's type, date or place), and whether sources dispute it."""

    name: str
    text: str
    disputed: bool


@dataclass(frozen=True, slots=True)
class FigureValueView:
    """One report's value in a slot of the figure table: the value, the words, whom the report credits."""

    value: str
    cite: Cite
    attribution: str | None


@dataclass(frozen=True, slots=True)
class FigureSlotView:
    """A slot of the figure table that two reports or more fill: what it measures, its frame, its verdict."""

    slot: str
    frame: str
    status: str
    claim: str
    values: tuple[FigureValueView, ...]


@dataclass(frozen=True, slots=True)
class Comparison:
    """Everything ``comparison.html`` shows, in the order it shows it."""

    title: str
    group: str | None
    sample: str | None  # the event was compared on a sample: which, and how many left out
    lede: tuple[LedePart, ...]
    statuses: Mapping[str, str]
    counts: Mapping[str, int]
    reports: tuple[ReportView, ...]
    summary: tuple[SentenceView, ...]
    event: EventView | None
    disputed: tuple[DisputedView, ...]
    figures: tuple[FigureSlotView, ...]
    claims_shown: tuple[ClaimRow, ...]
    claims_folded: tuple[ClaimRow, ...]
    unique: tuple[UniqueGroup, ...]
    quotes: tuple[QuoteView, ...]
    timeline: tuple[TimeEntry, ...]
    other_times: tuple[OtherTime, ...]
    entities: tuple[EntityRow, ...]


def comparison_context(doc: Doc, *, open_corroborated: int = 15, open_unique: int = 5) -> dict[str, Any]:
    """The template context of a comparison page: ``{"comparison": Comparison}``. A page extending
    ``comparison.html`` renders it as is (adding keys of its own)."""
    page = Page.of(doc)
    reports = doc.get("reports") or []
    noun = "report" if len(reports) == 1 else "reports"
    rows = claim_rows(doc, page)
    group = doc.get("group")
    event = event_view(doc.get("event"), page)
    view = Comparison(
        title=f"{len(reports)} {noun} compared",
        group=None if group in (None, "") else str(group),
        sample=sample_note(doc),
        lede=lede(event),
        statuses=STATUS_WORDS,
        counts={status: len(claims_with_status(doc, status)) for status in STATUS_WORDS},
        summary=summary_view(doc, page),
        event=event,
        disputed=tuple(disputed_view(c, page) for c in ranked_claims(doc, "conflicting")),
        figures=figure_slots(doc, page),
        claims_shown=rows[:open_corroborated],
        claims_folded=rows[open_corroborated:],
        unique=unique_groups(doc, page, open_unique),
        quotes=tuple(quote_view(q, page) for q in doc.get("quotes") or []),
        timeline=timeline(doc, page),
        other_times=other_times(doc, page),
        entities=tuple(entity_rows(doc, page)),
        reports=report_views(doc, page),  # last: it draws every anchor the views above registered
    )
    return {"comparison": view}


def lede(event: EventView | None) -> tuple[LedePart, ...]:
    """What happened, when and where, from the event record's resolved type, date and place (those it has)."""
    if event is None:
        return ()
    wanted = ("Type", "Date", "Location")
    return tuple(
        LedePart(f.name.lower(), f.resolved, f.disputed) for f in event.fields if f.name in wanted and f.resolved
    )


def report_views(doc: Doc, page: Page) -> tuple[ReportView, ...]:
    views = []
    for i, report in enumerate(doc.get("reports") or []):
        report_id = str(report.get("id"))
        text = str(report.get("text") or "")
        anchors = page.anchors.get(report_id, {}) if page.index.get(report_id) == i else {}
        views.append(
            ReportView(
                index=i,
                id=report_id,
                label=page.label(report_id) if page.index.get(report_id) == i else report_id,
                anchor=f"report-{i}",
                source=_text(report.get("source")),
                title=_text(report.get("title")),
                published=_text(report.get("published")),
                url=_text(report.get("url")),
                path=_text(report.get("path")),
                body=Markup(highlight(text, with_cited(report_marks(doc, report_id), anchors), anchors)),
            )
        )
    return tuple(views)


def with_cited(marks: list[Mark], anchors: Mapping[tuple[int, int], str]) -> list[Mark]:
    """``marks`` and, after them, the cited passages no mark covers exactly, as marks of their own: drawn where
    they nest with the others, a followed citation lights up the whole passage (else its anchor is an empty
    element at its start)."""
    covered = {(m.start, m.end) for m in marks}
    return marks + [Mark(start, end, "span", "cited") for start, end in sorted(anchors) if (start, end) not in covered]


def _text(value: object) -> str | None:
    return None if value is None or str(value).strip() == "" else " ".join(str(value).split())


def summary_view(doc: Doc, page: Page) -> tuple[SentenceView, ...]:
    return tuple(
        SentenceView(str(s.get("text") or ""), cite_groups(s.get("citations") or [], page))
        for s in doc.get("summary") or []
    )


def cite_groups(spans: Iterable[Mapping[str, Any]], page: Page) -> tuple[CiteGroup, ...]:
    """Citations grouped by report, reports in first-cited order."""
    groups: dict[str, list[Cite]] = {}
    for span in spans:
        groups.setdefault(str(span.get("report")), []).append(page.cite(span))
    return tuple(CiteGroup(report, page.label(report), tuple(cites)) for report, cites in groups.items())


def _first_per_report(claim: Mapping[str, Any]) -> list[int]:
    """The index of each report's first statement of a claim, reports in order."""
    seen: dict[str, int] = {}
    for i, statement in enumerate(claim.get("statements") or []):
        seen.setdefault(str(statement.get("report")), i)
    return list(seen.values())


def _details(claim: Mapping[str, Any], page: Page) -> tuple[DetailView, ...]:
    return tuple(
        DetailView(page.label(report), tuple(texts)) for report, texts in details_by_report(dict(claim)).items()
    )


def disputed_view(claim: dict[str, Any], page: Page) -> DisputedView:
    conflicts = claim.get("conflicts") or []
    statements = claim.get("statements") or []
    return DisputedView(
        id=str(claim.get("id", "")),
        kinds=", ".join(dict.fromkeys(text_or(c.get("kind"), "other") for c in conflicts)) or "other",
        conflicts=tuple(
            ConflictView(
                kind=text_or(conflict.get("kind"), "other"),
                explanation=" ".join(str(conflict.get("explanation") or "").split()),
                values=tuple(_value_view(line, page) for line in conflict_lines(claim, conflict, page.texts)),
            )
            for conflict in conflicts
        ),
        passage=None
        if conflicts or not statements
        else Passage(html_snippet(claim_snippet(claim, page.texts)), page.cite(statements[0])),
        cites=tuple(page.cite(statements[i]) for i in _first_per_report(claim)),
        details=_details(claim, page),
    )


FRAME_ORDER = {"main": 0, "aggregate": 1, "background": 2}


def figure_slots(doc: Doc, page: Page) -> tuple[FigureSlotView, ...]:
    """The figure table's slots that two reports or more fill (the main event's first, disputes first within it),
    each report's values in report order."""
    table = doc.get("figures")
    if not isinstance(table, Mapping):
        return ()
    rows = [r for r in table.get("rows") or [] if isinstance(r, Mapping)]
    out = []
    for slot in table.get("slots") or []:
        if not isinstance(slot, Mapping) or slot.get("status") == "unique" or not slot.get("slot"):
            continue
        members = [rows[i] for i in slot.get("rows") or [] if isinstance(i, int) and 0 <= i < len(rows)]
        seen: set[tuple[str, str]] = set()
        values = []
        for r in sorted(members, key=lambda r: (page.index.get(str(r.get("report")), 0), int(r.get("start", 0)))):
            key = (str(r.get("report")), str(r.get("value")))
            if key in seen:
                continue
            seen.add(key)
            attribution = r.get("attribution")
            values.append(FigureValueView(str(r.get("value")), page.cite(r), str(attribution) if attribution else None))
        out.append(
            FigureSlotView(
                str(slot.get("slot")),
                str(slot.get("frame", "main")),
                str(slot.get("status")),
                str(slot.get("claim", "")),
                tuple(values),
            )
        )
    out.sort(key=lambda v: (FRAME_ORDER.get(v.frame, 3), v.status != "conflicting"))
    return tuple(out)


def _value_view(line: ValueLine, page: Page) -> ValueView:
    snippet = line.snippet if line.snippet.has_context else Snippet("", line.snippet.value, "")
    return ValueView(line.value, Passage(html_snippet(snippet), page.cite(line.span)), line.attributions)


def claim_rows(doc: Doc, page: Page) -> tuple[ClaimRow, ...]:
    """The claims two reports or more make, disputed ones first, as rows of a grid with a column per report."""
    claims = ranked_claims(doc, "conflicting") + ranked_claims(doc, "corroborated")
    reports = list(page.index)
    return tuple(_claim_row(claim, reports, page) for claim in claims if claim.get("statements"))


def _claim_row(claim: dict[str, Any], reports: list[str], page: Page) -> ClaimRow:
    statements = claim.get("statements") or []
    cells = []
    for report in reports:
        wordings: dict[str, Wording] = {}
        for statement in statements:
            if str(statement.get("report")) == report:
                words = " ".join(str(statement.get("text", "")).split())
                if "contexts" not in claim:  # older JSON: a statement is a whole sentence
                    words = shorten(words, 60)
                wordings.setdefault(words.casefold(), Wording(words or "?", page.cite(statement)))
        cells.append(CellView(report, page.label(report), tuple(wordings.values())))
    others = (
        tuple(
            Passage(html_snippet(statement_snippet(claim, i, page.texts)), page.cite(statements[i]))
            for i in _first_per_report(claim)[1:]
        )
        if "contexts" in claim
        else ()
    )
    return ClaimRow(
        id=str(claim.get("id", "")),
        status=str(claim.get("status")),
        kind=text_or(claim.get("kind"), ""),
        snippet=html_snippet(claim_snippet(claim, page.texts)),
        cells=tuple(cells),
        others=others,
        details=_details(claim, page),
    )


def unique_groups(doc: Doc, page: Page, shown: int) -> tuple[UniqueGroup, ...]:
    """Unique claims per report, each as its value in context; those past the first ``shown`` to be folded."""
    groups: list[UniqueGroup] = []
    for i, (report, claims) in enumerate(unique_claims_by_report(doc).items()):
        passages = tuple(
            Passage(html_snippet(claim_snippet(c, page.texts)), page.cite(c["statements"][0])) for c in claims
        )
        groups.append(UniqueGroup(report, page.label(report), f"unique-{i}", passages[:shown], passages[shown:]))
    return tuple(groups)


_MATCH_WORDS = {"verbatim": "word for word", "near-verbatim": "in nearly the same words", "single": "in one report"}


def quote_view(quote: Mapping[str, Any], page: Page) -> QuoteView:
    occurrences = quote.get("occurrences") or []
    speaker = page.entities.get(str(quote.get("speaker"))) if quote.get("speaker") is not None else None
    names = {ref.id: ref.name for ref in page.entities.values()}
    match = quote_match(dict(quote))
    first = {str(o.get("report")): o for o in reversed(occurrences)}
    carriers = tuple(page.cite(first[r]) for r in dict.fromkeys(str(o.get("report")) for o in occurrences))
    wordings = (
        tuple(Wording(" ".join(str(o.get("text", "")).split()), page.cite(o)) for o in occurrences)
        if match == "near-verbatim"
        else ()
    )
    return QuoteView(
        id=str(quote.get("id", "")),
        text=str(quote.get("text") or ""),
        speaker=speaker,
        speaker_text=None if speaker else quote_speaker(dict(quote), names),
        match=match,
        match_words=_MATCH_WORDS.get(match, match),
        carriers=carriers,
        wordings=wordings,
    )


_DATED = re.compile(r"^\d{4}(?:-\d{2}){0,2}(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?(?:/\d{4}(?:-\d{2}){0,2}\S*)?$")


def is_dated(value: object) -> bool:
    """Whether a time value names a point or stretch of the calendar (a year, month, day, date-time or an
    interval of them), as opposed to a duration or nothing."""
    return isinstance(value, str) and bool(_DATED.match(value))


def display_date(value: str) -> str:
    """An ISO date value as a reader says it: "Friday 7 July 2023", "June 2023", "2023"; intervals joined by
    an en dash; anything else as it is."""
    if "/" in value:
        return " – ".join(display_date(part) for part in value.split("/", 1))
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            day = dt.date.fromisoformat(value)
            return f"{day:%A} {day.day} {day:%B %Y}"
        if re.fullmatch(r"\d{4}-\d{2}", value):
            return f"{dt.date.fromisoformat(value + '-01'):%B %Y}"
    except ValueError:
        return value
    return value


def timeline(doc: Doc, page: Page) -> tuple[TimeEntry, ...]:
    """The dated time expressions, one entry per resolved value in date order (a year before its months, a
    month before its days), each with the sentences that give it."""
    spans: dict[str, list[Mapping[str, Any]]] = {}
    for time in doc.get("times") or []:
        if is_dated(time.get("value")):
            spans.setdefault(str(time["value"]), []).append(time)
    entries = []
    for value in sorted(spans, key=lambda v: (v.split("/")[0], v)):
        passages: dict[tuple[str, str], Passage] = {}
        for span in spans[value]:
            report = str(span.get("report"))
            snippet = value_in_context(page.texts.get(report, ""), dict(span), None)
            passages.setdefault((report, snippet.text), Passage(html_snippet(snippet), page.cite(span)))
        wordings = dict.fromkeys(" ".join(str(s.get("text", "")).split()) for s in spans[value])
        entries.append(
            TimeEntry(
                value=value,
                display=display_date(value),
                datetime=None if "/" in value else value,
                wordings=tuple(w for w in wordings if w),
                passages=tuple(passages.values()),
            )
        )
    return tuple(entries)


def other_times(doc: Doc, page: Page) -> tuple[OtherTime, ...]:
    return tuple(
        OtherTime(text, value, tuple(page.cite(s) for s in spans))
        for text, value, spans in grouped_times(doc)
        if not is_dated(value)
    )


def entity_rows(doc: Doc, page: Page) -> list[EntityRow]:
    rows = []
    for entity in doc.get("entities") or []:
        reports = dict.fromkeys(str(m.get("report")) for m in entity.get("mentions") or [])
        rows.append(EntityRow(entity_ref(entity), tuple(page.label(r) for r in reports)))
    return rows


# --- the event record ---------------------------------------------------------------------------------------


def event_view(event: object, page: Page) -> EventView | None:
    """The structured event record as rows of a table; None when there is none. Absent keys and nulls are
    shown as unknown, never an error (old documents, partial records)."""
    if not isinstance(event, Mapping):
        return None
    fields = [
        field_row("Type", event.get("type"), page, _type_text),
        field_row("Date", event.get("date"), page, _date_text),
        field_row("Location", event.get("location"), page, _location_text),
        field_row("Fatalities", event.get("fatalities"), page, _fatalities_text),
    ]
    for count in _mappings(event.get("counts")):
        what = text_or(count.get("what"), "other count")
        fields.append(field_row(what[:1].upper() + what[1:], count, page, _count_text))
    actors = tuple(_actor_view(a, page) for a in _mappings(event.get("actors")))
    sources = tuple(
        SourceLink(str(r), page.label(r), page.report_href(r)) for r in event.get("sources") or [] if r is not None
    )
    return EventView(tuple(f for f in fields if f is not None), actors, sources)


def _mappings(value: object) -> list[Mapping[str, Any]]:
    return [v for v in value if isinstance(v, Mapping)] if isinstance(value, list) else []


@dataclass(frozen=True, slots=True)
class Resolved:
    """A field's resolved value as a reader sees it, a line of detail, and an ISO value for ``<time>``."""

    text: str | None
    detail: str | None = None
    datetime: str | None = None


Reading = Callable[[object, Mapping[str, Any]], Resolved]
"""Reads a field's resolved value (with the whole field at hand, e.g. for UCDP's figures)."""


def field_row(name: str, data: object, page: Page, reading: Reading) -> FieldRow:
    """One field of the record: every source's value, the resolved value as ``reading`` reads it, the policy."""
    field_data: Mapping[str, Any] = data if isinstance(data, Mapping) else {}
    resolved = reading(field_data.get("resolved"), field_data)
    return FieldRow(
        name=name,
        resolved=resolved.text,
        detail=resolved.detail,
        datetime=resolved.datetime,
        values=source_values(_mappings(field_data.get("values")), page),
        policy=_text(field_data.get("policy")),
        disputed=bool(field_data.get("disputed")),
        note=_text(field_data.get("note")),
    )


def source_values(spans: list[Mapping[str, Any]], page: Page) -> tuple[SourceValue, ...]:
    """A field's source values grouped: one entry per value (spacing and case aside), each report once under it,
    values and reports in first-seen order."""
    groups: dict[str, dict[str, list[Mapping[str, Any]]]] = {}
    shown: dict[str, str] = {}
    for span in spans:
        value = " ".join(text_or(span.get("value"), str(span.get("text") or "?")).split()) or "?"
        shown.setdefault(value.casefold(), value)
        groups.setdefault(value.casefold(), {}).setdefault(str(span.get("report")), []).append(span)
    return tuple(
        SourceValue(shown[key], tuple(_source_report(shown[key], spans, page) for spans in by_report.values()))
        for key, by_report in groups.items()
    )


def _source_report(value: str, spans: list[Mapping[str, Any]], page: Page) -> SourceReport:
    wordings: dict[str, Wording] = {}
    for span in spans:
        words = " ".join(str(span.get("text") or "").split())
        if words and words.casefold() != value.casefold():
            wordings.setdefault(words.casefold(), Wording(words, page.cite(span)))
    said = dict.fromkeys(a for a in (_text(s.get("attribution")) for s in spans) if a)
    return SourceReport(page.cite(spans[0]), tuple(wordings.values()), tuple(said))


def _type_text(resolved: object, _: Mapping[str, Any]) -> Resolved:
    if not isinstance(resolved, Mapping):
        return Resolved(_text(resolved))
    label = _text(resolved.get("label"))
    if label is None:
        parts = [_text(resolved.get(k)) for k in ("category", "subtype")]
        label = ": ".join(p for p in parts if p) or None
    taxonomy = _text(resolved.get("taxonomy"))
    return Resolved(label, f"{taxonomy.upper() if taxonomy == 'acled' else taxonomy} taxonomy" if taxonomy else None)


def _date_text(resolved: object, _: Mapping[str, Any]) -> Resolved:
    value = _text(resolved)
    if value is None:
        return Resolved(None)
    shown = display_date(value)
    return Resolved(
        shown,
        value if shown != value else None,
        value if is_dated(value) and "/" not in value else None,
    )


def _location_text(resolved: object, _: Mapping[str, Any]) -> Resolved:
    if not isinstance(resolved, Mapping):
        return Resolved(_text(resolved))
    name = _text(resolved.get("name"))
    parts = [name] + [p for p in (_text(resolved.get(k)) for k in ("region", "country")) if p and p != name]
    details = []
    if _text(resolved.get("precision")):
        details.append(f"precision: {resolved['precision']}")
    lat, lon = resolved.get("lat"), resolved.get("lon")
    if isinstance(lat, int | float) and isinstance(lon, int | float):
        details.append(f"{lat:.4g}, {lon:.4g}")
    return Resolved(", ".join(p for p in parts if p) or None, "; ".join(details) or None)


def _fatalities_text(resolved: object, data: Mapping[str, Any]) -> Resolved:
    text = _text(resolved) if resolved is not None else "no count given"
    ucdp = data.get("ucdp")
    if not isinstance(ucdp, Mapping):
        return Resolved(text)
    figures = ", ".join(f"{k} {text_or(ucdp.get(k), 'unknown')}" for k in ("best", "low", "high"))
    return Resolved(text, f"UCDP: {figures}")


def _count_text(resolved: object, _: Mapping[str, Any]) -> Resolved:
    return Resolved(_text(resolved) if resolved is not None else "no count given")


def _actor_view(actor: Mapping[str, Any], page: Page) -> ActorView:
    entity = page.entities.get(str(actor.get("entity"))) if actor.get("entity") is not None else None
    return ActorView(
        name=text_or(actor.get("name"), entity.name if entity else "?"),
        entity=entity,
        role=_text(actor.get("role")),
        type=_text(actor.get("type")),
        labels=tuple(page.label(r) for r in actor.get("reports") or []),
    )


# --- report texts -------------------------------------------------------------------------------------------


def report_marks(doc: Doc, report: str) -> list[Mark]:
    """What to draw over one report's text, most important first: claim statements (underlined by status),
    conflicting values, quotes, entity mentions (titled with the entity's other names), times."""
    marks: list[Mark] = []
    for claim in doc.get("claims") or []:
        status = str(claim.get("status"))
        for s in claim.get("statements") or []:
            if s.get("report") == report:
                words = STATUS_WORDS.get(status, status)
                marks.append(_mark(s, "span", f"stmt {status}", f"claim {claim.get('id', '')}: {words}"))
    for claim in doc.get("claims") or []:
        for conflict in claim.get("conflicts") or []:
            for v in conflict.get("values") or []:
                if v.get("report") == report:
                    said = f", according to {v['attribution']}" if v.get("attribution") else ""
                    title = f"disputed {conflict.get('kind')}: {text_or(v.get('value'), '?')}{said}"
                    marks.append(_mark(v, "mark", "conflict", title))
    names = entity_names(doc)
    for quote in doc.get("quotes") or []:
        speaker = quote_speaker(quote, names) or "unattributed"
        for o in quote.get("occurrences") or []:
            if o.get("report") == report:
                marks.append(_mark(o, "mark", "quote", f"quote {quote.get('id', '')}: {speaker}"))
    for entity in doc.get("entities") or []:
        ref = entity_ref(entity)
        also = f"; also written {', '.join(ref.aliases)}" if ref.aliases else ""
        title = f"{ref.name} ({ref.type}){also}"
        marks += [_mark(m, "mark", "ent", title) for m in entity.get("mentions") or [] if m.get("report") == report]
    for t in doc.get("times") or []:
        if t.get("report") == report:
            marks.append(_mark(t, "mark", "time", text_or(t.get("value"), "unresolved")))
    return marks


def _mark(span: Mapping[str, Any], tag: str, css: str, title: str) -> Mark:
    try:
        start, end = int(span.get("start", 0)), int(span.get("end", 0))
    except (TypeError, ValueError):
        start = end = 0
    return Mark(start, end, tag, css, title)
