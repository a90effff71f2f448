"""Immutable records passed from stage to stage.

Every annotation points into a report's ``text`` with (report id, start, end) Python string offsets; nothing is
copied out of a report without the offsets that let a reader find it again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

EntityType = Literal["PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "OTHER"]
ENTITY_TYPES: tuple[EntityType, ...] = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "OTHER")

ClaimStatus = Literal["corroborated", "conflicting", "unique"]
ConflictKind = Literal["location", "time", "quantity", "entity", "attribution", "other"]
# what a fact's value is: a figure, a time, a place, a named participant, another thing named, or what happened
FactKind = Literal["count", "time", "place", "participant", "thing", "event"]


@dataclass(frozen=True, slots=True)
class Report:
    """One news report as ingested: the text every offset points into, and what is known about it."""

    id: str
    text: str
    path: str | None = None
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: str | None = None  # ISO 8601 date or date-time
    event: str | None = None  # the "event" field of a JSON input line, used by --by-event
    content_hash: str = ""  # sha256 of the text, hex


@dataclass(frozen=True, slots=True)
class Rejected:
    """An input that could not be used: what it was (a path, "path:line", "stdin") and why."""

    input: str
    reason: str


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of one report's text."""

    report: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Sentence:
    report: str
    start: int
    end: int
    text: str
    paragraph: int  # index of the paragraph (blank-line or newline separated block) the sentence is in
    lemmas: tuple[str, ...] = ()  # content lemmas (nouns, verbs, adjectives, names, numbers), lower case
    has_verb: bool = True  # a clause, not a heading or a dateline
    negated: bool = False  # the main verb is negated ("did not", "denied")


@dataclass(frozen=True, slots=True)
class Mention:
    """A name in a report. ``name`` is the surface form without titles, nicknames or a leading article."""

    report: str
    start: int
    end: int
    text: str
    label: str  # one of ENTITY_TYPES
    name: str
    origin: str  # which detector found it: "ner", "title", "phrase", "acronym", "paren"
    strong_type: bool = False  # the type comes from evidence stronger than the NER guess (a title, an org word)


@dataclass(frozen=True, slots=True)
class AliasLink:
    """Two mentions of one report that the text itself says name the same thing.

    ``kind`` is "acronym" for a definition such as "US Central Command (CENTCOM)" (the letters match), "paren" for two
    names side by side such as "ISIL (ISIS)".
    """

    report: str
    long: tuple[int, int]  # (start, end) of the first mention
    short: tuple[int, int]  # (start, end) of the second mention
    kind: str


@dataclass(frozen=True, slots=True)
class TimeExpr:
    """A time expression. ``value`` is ISO 8601 when the report alone resolves it, else None.

    ``spec`` keeps what is needed to resolve it later against an anchor found elsewhere in the event
    (see ``dates.resolve_event_times``): e.g. {"weekday": 4} or {"month": 7, "day": 6}.
    """

    report: str
    start: int
    end: int
    text: str
    kind: str  # "date", "weekday", "month", "year", "duration", "relative", "interval", "day-relative"
    value: str | None
    spec: tuple[tuple[str, int], ...] = ()
    explicit: bool = False  # the value comes from the words alone (a full date, or a weekday with a month-day)
    guessed: bool = False  # resolved against the reference day ("today"): no report of the event anchors it

    def spec_dict(self) -> dict[str, int]:
        return dict(self.spec)


@dataclass(frozen=True, slots=True)
class Quantity:
    report: str
    start: int
    end: int
    text: str
    value: float
    unit: str | None  # "USD", "percent", ... or None for a plain count
    counted: str | None  # the lemma of what is counted ("operation", "jet"; "death per day" for a rate), when found
    predicate: str | None = None  # the verb the counted thing goes with ("kill" in "12 people were killed")


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct quote (the span excludes the quotation marks) and who the report says spoke it."""

    report: str
    start: int
    end: int
    text: str
    speaker: Span | None  # the name (or pronoun's antecedent) the report credits
    cue: str | None = None  # how the speaker was found: "after", "before", "next-sentence", "continued", "pronoun"


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who a sentence credits its content to ("The US military said ...", "..., CENTCOM said")."""

    report: str
    sentence: int  # index into AnnotatedReport.sentences
    source: Span


@dataclass(frozen=True, slots=True)
class Phrase:
    """A noun phrase ("a motorcycle", "French Rafale fighter jets") with its content lemmas."""

    report: str
    start: int
    end: int
    text: str
    lemmas: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Fact:
    """One proposition of one report: a value in a slot of a predication.

    "13 people were killed in eastern Syria on Friday" gives four facts that share the predicate "kill": the count
    "13" (of "people"), the place "eastern Syria", the time "Friday" and the event itself, "killed". The value's span
    is what is compared across reports; ``clause`` is the stretch a reader needs to see it in context.
    """

    report: str
    kind: FactKind
    start: int  # the value as written
    end: int
    text: str
    sentence: int  # index into AnnotatedReport.sentences
    clause: tuple[int, int]  # (start, end) of the clause that states it
    predicate: str  # lemma of the verb or event noun the value belongs to; "" when the clause has none
    role: str  # how the value attaches to the predicate: "nsubj", "dobj", "prep:in", "self" (the event itself), ...
    head: str  # lemma of the value's head word ("people", "victory", "host")
    lemmas: tuple[str, ...] = ()  # content lemmas of the value, lower case
    qualifier: str | None = None  # counts: "at least", "more than", "about", "nearly", "up to", ...
    update: bool = False  # counts: a figure given as an update ("rose to 15")
    negated: bool = False  # the clause denies it ("no one was killed", "did not resign")
    hedged: bool = False  # the clause does not assert it ("may have", "reportedly", "if", "assessing reports of")
    topic: str = ""  # the noun or verb the value is about: what a figure counts, what a time dates ("rise", "attack")
    window: tuple[str, ...] = ()  # content lemmas of the few words around the value (its immediate context)
    # what a figure measures and what a happening is, read from the parse (see ``rashomon.facts``):
    measured: str = ""  # counts: lemma of the noun (or adjective, "dead") the figure measures; "" when none is written
    modifiers: tuple[str, ...] = ()  # counts: lemmas qualifying what is measured ("critical", "palestinian", "another")
    partitive: bool = False  # counts: a part of a group ("two of its citizens")
    subject: str = ""  # lemma of the predicate's subject ("quake" of "the quake struck", "toll" of "the toll rose")
    frame_words: tuple[str, ...] = ()  # lemmas attached to the happening ("earlier" of "an earlier quake killed 40")
    near_times: tuple[int, ...] = ()  # start offsets of the other time expressions in the value's own clause
    path: tuple[str, ...] = ()  # lemmas of the predicates above the value, nearest first ("ride", "kill")


@dataclass(frozen=True, slots=True)
class AnnotatedReport:
    report: Report
    sentences: tuple[Sentence, ...]
    mentions: tuple[Mention, ...]
    times: tuple[TimeExpr, ...]
    quantities: tuple[Quantity, ...]
    quotes: tuple[Quote, ...]
    attributions: tuple[Attribution, ...] = ()
    alias_links: tuple[AliasLink, ...] = ()
    phrases: tuple[Phrase, ...] = ()
    facts: tuple[Fact, ...] = ()


@dataclass(frozen=True, slots=True)
class Entity:
    id: str
    name: str
    type: EntityType
    aliases: tuple[str, ...]
    mentions: tuple[Mention, ...]


@dataclass(frozen=True, slots=True)
class QuoteOccurrence:
    report: str
    start: int
    end: int
    text: str
    speaker: str | None  # entity id
    speaker_text: str | None = None  # the speaker as written


@dataclass(frozen=True, slots=True)
class QuoteGroup:
    id: str
    text: str
    speaker: str | None  # entity id the occurrences agree on, else None
    occurrences: tuple[QuoteOccurrence, ...]


@dataclass(frozen=True, slots=True)
class ConflictValue:
    report: str
    start: int
    end: int
    text: str
    value: str
    attribution: str | None


@dataclass(frozen=True, slots=True)
class Conflict:
    kind: ConflictKind
    values: tuple[ConflictValue, ...]
    explanation: str = ""  # why the values cannot all be true, in words a reader can check


@dataclass(frozen=True, slots=True)
class Claim:
    """A group of statements, from one or more reports, that state one fact.

    A statement's span is the fact's value as that report writes it; ``contexts`` holds, in the same order, the clause
    each one stands in (what a reader is shown).
    """

    id: str
    status: ClaimStatus
    statements: tuple[Span, ...]
    conflicts: tuple[Conflict, ...] = ()
    details: tuple[Span, ...] = ()  # in a shared claim, phrases that only one report gives
    kind: FactKind | None = None  # the kind of fact; None for a quote's attribution claim
    contexts: tuple[Span, ...] = ()
    slot: str | None = None  # what the claim's values measure (figures, times, places: the figure table's slot)
    frame: str | None = None  # "main", "background" or "aggregate" (figures, times, places)
    updates: tuple[Span, ...] = ()  # values a later figure of the same outlet, or an update, supersedes


@dataclass(frozen=True, slots=True)
class Figure:
    """One row of an event's figure table: a figure, time, place or named participant of one report, normalised,
    with the slot it fills (what it measures) and its frame (the main event, or background).

    ``value`` is the normalised value as text ("12", "12 to 18", "2023-07-07", "eastern Syria"); for figures ``low``
    and ``high`` bound what the words allow, for times they are the first and last day as ordinals."""

    report: str
    start: int
    end: int
    text: str
    kind: str  # "count", "time", "place", "participant"
    value: str
    slot: str  # the slot's key, readable ("dead", "when of attack", "where of kill")
    frame: str  # "main", "background" or "aggregate"
    attribution: str | None = None
    low: float | None = None
    high: float | None = None
    sentence: int = 0
    update: bool = False  # given as an update ("rose to 15")
    hedged: bool = False  # not asserted ("may have", "reportedly")


@dataclass(frozen=True, slots=True)
class SlotFill:
    """The rows of one slot across the event's reports, and what they say together: ``status`` is corroborated
    (compatible values from two reports or more), conflicting, or unique (one report); ``updates`` lists rows a
    later figure of their own report supersedes; ``claim`` is the id of the claim it became."""

    slot: str
    kind: str
    frame: str
    rows: tuple[int, ...]  # indices into FigureTable.rows
    status: str
    explanation: str = ""
    updates: tuple[int, ...] = ()
    claim: str = ""


@dataclass(frozen=True, slots=True)
class FigureTable:
    """Every figure, time, place and named participant of an event's reports, slot by slot."""

    rows: tuple[Figure, ...] = ()
    slots: tuple[SlotFill, ...] = ()


@dataclass(frozen=True, slots=True)
class Citation:
    report: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class SummarySentence:
    text: str
    citations: tuple[Citation, ...]


Resolved = str | int | dict[str, object] | None


@dataclass(frozen=True, slots=True)
class SourceValue:
    """One source's value for a field of the event record: its words, the value read from them, whom it credits."""

    report: str
    start: int
    end: int
    text: str
    value: str
    attribution: str | None = None


@dataclass(frozen=True, slots=True)
class RecordField:
    """A field of the event record: every source's values, the resolved value, the policy, whether disputed."""

    values: tuple[SourceValue, ...]
    resolved: Resolved
    policy: str
    disputed: bool = False
    note: str | None = None
    extra: tuple[tuple[str, object], ...] = ()  # field-specific keys: UCDP's figures, what a count counts


@dataclass(frozen=True, slots=True)
class Actor:
    name: str
    entity: str | None
    type: str
    role: str  # "actor", "target", "victim" or "speaker"
    reports: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class EventRecord:
    """The structured record of one event (ACLED / UCDP style); see ``rashomon.event.record``."""

    type: RecordField
    date: RecordField
    location: RecordField
    actors: tuple[Actor, ...]
    fatalities: RecordField
    counts: tuple[RecordField, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Comparison:
    """The result of comparing the reports of one event: what ``--format json`` prints."""

    reports: tuple[Report, ...]
    entities: tuple[Entity, ...]
    times: tuple[TimeExpr, ...]
    quotes: tuple[QuoteGroup, ...]
    claims: tuple[Claim, ...]
    summary: tuple[SummarySentence, ...]
    event: EventRecord | None = None
    group: str | None = None  # the "event" field value under --by-event
    figures: FigureTable | None = None  # the figure table the claims, the record and the summary read
    extra: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Event:
    """A set of reports about one happening (a story cluster). ``id`` derives from content (the reports' content
    hashes), so the same reports give the same id in any order; ``start`` and ``end`` are ISO dates of the earliest
    and latest report (publication dates; None when no report is dated)."""

    id: str
    label: str
    reports: tuple[str, ...]
    start: str | None = None
    end: str | None = None
