"""The figure table as claims and as records: a slot is a claim (corroborated, conflicting or unique) whose
statements are its rows; a dispute carries every report's value with whom it credits and one sentence a reader
can check. ``figure_table`` turns the table into the records the record, the summary and the page read."""

from __future__ import annotations

from collections.abc import Mapping

from rashomon import lexicon
from rashomon.event.align.claims import context_of, statement_of
from rashomon.event.align.conflicts import conflict_value
from rashomon.event.figures.frames import MAIN
from rashomon.event.figures.slots import COUNT, PLACE, TIME, SlotKey
from rashomon.event.figures.table import CONFLICT_KINDS, Slot, Table, value_text
from rashomon.records import Claim, ClaimStatus, Conflict, ConflictKind, Figure, FigureTable, SlotFill

PLURAL_MEASURES = frozenset(
    {
        "dead",
        "injured",
        "casualties",
        "missing",
        "arrested",
        "charged",
        "convicted",
        "displaced",
        "evacuated",
        "rescued",
        "kidnapped",
        "hospitalized",
        "stabbed",
        "shot",
    }
)


def happening_noun(happening: str) -> str:
    """A kind of happening as a reader names it (lexicon: happening-nouns; "kill" -> "killing"); a verb's lemma
    the table lacks by its -ing form ("overturn" -> "overturning")."""
    named = lexicon.column("happening-nouns").get(happening)
    if named or not happening.isalpha():
        return named or happening
    stem = happening[:-1] if happening.endswith("e") and not happening.endswith(("ee", "ye", "oe")) else happening
    return f"{stem}ing"


def describe_slot(key: SlotKey, frame: str = MAIN) -> str:
    """The slot in words: "the number of dead", "the magnitude", "when the attack happened", "where the killing
    happened" (with "(background)" for a background frame)."""
    noun = happening_noun(key.happening)
    whose = f" of the {noun}" if key.happening else ""
    narrowed = f" ({', '.join(key.qualifiers)})" if key.qualifiers else ""
    background = " (background)" if frame != MAIN else ""
    if key.kind == COUNT:
        if key.measure in PLURAL_MEASURES:
            return f"the number of {key.measure}{narrowed}{background}"
        if key.measure in ("magnitude", "age", "score", "population"):
            return f"the {key.measure}{narrowed}{whose}{background}"
        unit = f" in {key.unit}" if key.unit else ""
        if key.measure == "count":
            return f"the number of counts{narrowed}{whose}{background}"  # "14 counts of bribery"
        if key.measure == "amount":
            return f"the amount{unit}{narrowed}{whose}{background}"  # "the amount in USD of the passage"
        return f"the figure for {key.measure or 'it'}{unit}{narrowed}{whose}{background}"
    if key.kind == TIME:
        if key.measure == "duration":
            return f"the length of the {noun}{background}" if key.happening else f"the length of time{background}"
        return f"when the {noun} happened{background}" if key.happening else f"the time{background}"
    if key.kind == PLACE:
        return f"where the {noun} happened{background}" if key.happening else f"the place{background}"
    return f"{key.measure} of the {noun}{background}"


def slot_claim(table: Table, slot: Slot, texts: Mapping[str, str]) -> Claim:
    members = sorted(slot.members, key=lambda i: (table.rows[i].fact.report_rank, table.rows[i].fact.fact.start))
    facts = [table.rows[i].fact for i in members]
    conflicts: tuple[Conflict, ...] = ()
    if slot.status == "conflicting":
        kind: ConflictKind = CONFLICT_KINDS[slot.key.kind]  # type: ignore[assignment]
        values = tuple(
            conflict_value(table.rows[i].fact, texts[table.rows[i].fact.fact.report]) for i in slot.disputing
        )
        why = f"The reports disagree on {describe_slot(slot.key, slot.frame)}: {slot.why}."
        conflicts = (Conflict(kind, values, why),)
    status: ClaimStatus = slot.status  # type: ignore[assignment]
    updates = tuple(statement_of(table.rows[i].fact, texts[table.rows[i].fact.fact.report]) for i in slot.updates)
    return Claim(
        id="",
        status=status,
        statements=tuple(statement_of(f, texts[f.fact.report]) for f in facts),
        conflicts=conflicts,
        kind=facts[0].fact.kind,
        contexts=tuple(context_of(f, texts[f.fact.report]) for f in facts),
        slot=describe_slot(slot.key, slot.frame) if not slot.loose else None,
        frame=slot.frame,
        updates=updates,
    )


def table_claims(table: Table, texts: Mapping[str, str]) -> list[Claim]:
    """One claim per slot, in the table's order."""
    return [slot_claim(table, s, texts) for s in table.slots]


def figure_table(table: Table, claim_ids: Mapping[int, str] | None = None) -> FigureTable:
    """The table as records: a ``Figure`` per row, a ``SlotFill`` per slot (``claim_ids``: slot index -> claim id)."""
    claim_ids = claim_ids or {}
    rows = []
    for row in table.rows:
        f = row.fact
        value, low, high = value_text(f)
        start, end = (f.location.start, f.location.end) if f.location is not None else (f.fact.start, f.fact.end)
        text = f.location.text if f.location is not None else f.fact.text
        rows.append(
            Figure(
                f.fact.report,
                start,
                end,
                text,
                f.fact.kind,
                value,
                describe_slot(row.key, MAIN),
                row.frame,
                f.attribution,
                low,
                high,
                f.fact.sentence,
                f.fact.update,
                f.fact.hedged,
            )
        )
    slots = tuple(
        SlotFill(
            describe_slot(s.key, s.frame) if not s.loose else "",
            s.key.kind,
            s.frame,
            tuple(s.members),
            s.status,
            s.why,
            s.updates,
            claim_ids.get(k, ""),
        )
        for k, s in enumerate(table.slots)
    )
    return FigureTable(tuple(rows), slots)


__all__ = ["COUNT", "PLACE", "TIME", "describe_slot", "figure_table", "slot_claim", "table_claims"]
