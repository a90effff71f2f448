"""Word lists and tables kept as data files (``rashomon/lexicon/<name>.tsv``), read by one loader and cached.

Each file opens with ``#`` lines naming what it holds and where it comes from, then a header row, then one entry a
line, tab separated. Code asks for a table by name and never spells a list out:

- ``happenings``: lemma -> kind of happening, and what a count of people with it counts ("kill" -> dead);
- ``measures``: counted noun -> what it measures ("deaths" -> dead, "temblor" -> magnitude);
- ``people``: nouns that count people -> the group they narrow the count to ("children" -> child; "people" -> "");
- ``units``: units of length and weight -> dimension and size;
- ``frame-cues``: words that place a happening away from the event ("earlier") or make a figure a running total;
- ``age-cues``: lemmas after which "at" and a number is an age ("died at 77");
- ``age-words``: words that say a figure is an age, never whose ("years old", "aged");
- ``parents``: nouns of a parent ("a mother of two": her children, not the dead);
- ``one-dead``: singular nouns of one person a lead may say died, unnamed ("Woman Killed In Hit-And-Run");
- ``calendar-words``: month and day names, lower case (a capitalised word that is no one's name);
- ``happening-nouns``: a kind of happening -> how a reader names it ("kill" -> "killing");
- ``perpetrators``: nouns of the one who did it ("four dead, including the gunman");
- ``condition-adverbs``: adverbs of the injured's condition -> the condition ("critically" -> "critical");
- ``weight-words``: lemmas that make "pounds" in their sentence a weight ("weighed 130 pounds");
- ``money-nouns``: nouns a "10-pound" compound pays for ("a 10-pound note"): money, not a weight;
- ``noun-senses``: nouns whose verb tells of another happening -> what the noun stands for ("fire" -> "blaze");
- ``progress-verbs``: verbs of how a happening went on or when it is to come ("spread", "continued", "scheduled"): the
  day they take is not its day.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

__all__ = ["column", "rows", "words"]


@cache
def rows(name: str) -> tuple[tuple[str, ...], ...]:
    """The entries of a table (its header row left out), each padded to the header's width."""
    text = files("rashomon.lexicon").joinpath(f"{name}.tsv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    if not lines:
        raise ValueError(f"lexicon table {name!r} is empty")
    width = len(lines[0].split("\t"))
    out = []
    for n, line in enumerate(lines[1:], start=2):
        cells = line.split("\t")
        if len(cells) > width:
            raise ValueError(f"lexicon table {name!r}, row {n}: {len(cells)} cells, the header has {width}")
        out.append(tuple(c.strip() for c in cells) + ("",) * (width - len(cells)))
    return tuple(out)


@cache
def column(name: str, value: int = 1) -> dict[str, str]:
    """A table as a mapping from its first column to another (the first row of a key wins)."""
    out: dict[str, str] = {}
    for row in rows(name):
        out.setdefault(row[0], row[value])
    return out


@cache
def words(name: str) -> frozenset[str]:
    """The first column of a table as a set."""
    return frozenset(row[0] for row in rows(name))
