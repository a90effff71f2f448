"""The figure table of an event: every figure, time and place of its reports as a row with the slot it fills and
its frame (main event or background), grouped slot by slot; disputes are incompatible values in one slot.

- ``slots``: what a value measures, as a comparable key (lexicon tables, never the value);
- ``frames``: main event, background or aggregate;
- ``table``: rows, the hash join into slots, and each slot's verdict (corroborated, conflicting, unique, updates);
- ``claims``: slots as claims, and the table as records (``FigureTable``) for the record, the summary and the page.
"""

from __future__ import annotations

from rashomon.event.figures.frames import EventWindow, event_window
from rashomon.event.figures.table import Table, tabulate

__all__ = ["EventWindow", "Table", "event_window", "tabulate"]
