"""Who says what, in words: the values of a disputed fact, each with the outlets that give it and whom they credit.

Shared by the event record's notes and the summary's dispute sentences, so that both read alike:
"Narayanganj (Delta Tribune, according to officials) vs Chandpur (River Courier, according to police; ...)".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Protocol

from rashomon.records import Report


class CreditedValue(Protocol):
    @property
    def report(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def value(self) -> str: ...
    @property
    def attribution(self) -> str | None: ...


def report_labels(reports: Iterable[Report]) -> dict[str, str]:
    """Report id -> the outlet's name where the report gives one, else the id."""
    return {r.id: r.source or r.id for r in reports}


def who_says_what(values: Sequence[CreditedValue], labels: Mapping[str, str], quote: bool = False) -> list[str]:
    """One phrase per distinct value (values, not wordings: "Twelve" and "12" are one), in order of first appearance:
    the value as first written (a dateline's capitals replaced by another report's spelling: "Chandpur" rather than
    "CHANDPUR"), then each report once, by its label, with every attribution it gives that value."""
    shown: dict[str, str] = {}
    credits: dict[str, dict[str, list[str]]] = {}
    for v in values:
        key = (v.value or v.text).casefold()
        if key not in shown or (shown[key].isupper() and not v.text.isupper()):
            shown[key] = v.text
        who = credits.setdefault(key, {}).setdefault(v.report, [])
        if v.attribution and v.attribution not in who:
            who.append(v.attribution)
    phrases = []
    for key, reports in credits.items():
        sources = [
            f"{labels.get(r, r)}, according to {' / '.join(a)}" if a else labels.get(r, r) for r, a in reports.items()
        ]
        value = f"“{shown[key]}”" if quote else shown[key]
        phrases.append(f"{value} ({'; '.join(sources)})")
    return phrases
