"""Facts of one event, with what the event knows about them: entities resolved, times anchored, places located,
and whom each report credits a fact to.

Everything here is indexed once per report (entities by span, places, clauses), so the cost grows with the number
of facts, not with the square of it.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rashomon import lexicon
from rashomon.places import PLACE_LABELS, Location, find_locations
from rashomon.records import AnnotatedReport, Fact, Quantity, TimeExpr
from rashomon.resolve import Resolution

# a phrase credited as a source names someone or something that can speak: a name, or one of these
SOURCE_NOUNS = frozenset(
    """official officials spokesman spokeswoman spokesperson spokespeople police authorities authority ministry
    department agency military army navy government report reports statement statements media newspaper paper outlet
    outlets network witness witnesses source sources analyst analysts expert experts data figures survey poll polls
    study analysis records documents document commission committee court prosecutor prosecutors investigators
    investigator officer officers sheriff chief president minister secretary representative aide aides campaign company
    firm spokesmen leader leaders lawyer lawyers attorney attorneys family relatives neighbor neighbors neighbour
    neighbours resident residents doctor doctors hospital center centre office service agency observers group groups
    organization organisation coalition administration white house pentagon fbi cia un who officials. estimates census
    bureau institute university researchers scientists economists""".split()
)


def is_source(phrase: str) -> bool:
    """A phrase that can be credited with words: a capitalised name or a noun for a speaker ("according to no
    damage" is not one)."""
    words = re.findall(r"[\w'’.-]+", phrase)
    if not words:
        return False
    if any(w[:1].isupper() for w in words[1:] if w.lower() not in ("the", "a", "an")):
        return True
    if words[0][:1].isupper() and words[0].lower() not in ("the", "a", "an", "no", "some", "many", "several"):
        return True
    return any(w.lower().rstrip(".") in SOURCE_NOUNS for w in words)


@dataclass(frozen=True, slots=True)
class EventFact:
    """A fact with the event's view of it. ``index`` is its position in the event's list."""

    index: int
    fact: Fact
    report_rank: int  # the report's position among the event's reports
    entity: str | None  # a participant's or a place's entity
    participants: frozenset[str]  # entities named in the same clause (people, groups, places)
    quantity: Quantity | None
    time: TimeExpr | None  # resolved against the event
    location: Location | None
    attribution: str | None  # whom the report credits the fact to, as written
    sentence_text: str  # the sentence it stands in (the context that is embedded)
    dated: bool = False  # the report has a publication date (relative times resolve against it, not a guess)
    owner: str | None = None  # an age's person: the name of the entity beside it ("Kroll, 35", "60-year-old Smith")
    context: frozenset[str] = frozenset()  # content lemmas of its sentence


class _EntityIndex:
    """Entities by span, per report, for logarithmic lookups (``Resolution.entity_at`` scans every mention)."""

    def __init__(self, resolution: Resolution) -> None:
        self.exact = resolution.by_span
        per: dict[str, list[tuple[int, int, str]]] = {}
        for (report, start, end), eid in resolution.by_span.items():
            per.setdefault(report, []).append((start, end, eid))
        self.spans = {r: sorted(v) for r, v in per.items()}
        self.starts = {r: [s for s, _, _ in v] for r, v in self.spans.items()}

    def at(self, report: str, start: int, end: int) -> str | None:
        exact = self.exact.get((report, start, end))
        if exact is not None:
            return exact
        inside = self.inside(report, start, end)
        return inside[0] if inside else None

    def inside(self, report: str, start: int, end: int) -> list[str]:
        spans, starts = self.spans.get(report, []), self.starts.get(report, [])
        lo, hi = bisect_left(starts, start), bisect_right(starts, end)
        return [eid for s, e, eid in spans[lo:hi] if e <= end]


def _quote_speakers(doc: AnnotatedReport) -> list[tuple[int, int, str]]:
    return [(q.start, q.end, q.speaker.text) for q in doc.quotes if q.speaker is not None]


AGE_REACH = 4  # characters between an age and the name it goes with ("Charles Sprague, 60," / "60-year-old Smith")


def quantity_is_age(quantities: Mapping[tuple[int, int], Quantity], f: Fact) -> bool:
    q = quantities.get((f.start, f.end))
    return q is not None and q.counted == "age"


def _owner(f: Fact, people: Sequence[tuple[int, int, str]], text: str) -> str | None:
    """The person an age belongs to: the nearest person named beside it, in the same sentence (no full stop
    between them), by the name the event knows them by (one name for every report)."""
    best: tuple[int, str] | None = None
    for start, end, eid in people:
        if end <= f.start:
            gap = f.start - end
            between = text[end : f.start]
            if re.match(r"\s*['’]", between) or re.search(r"['’]s?$", text[start:end]):
                continue  # "Salas' 20-year-old son": the age of the one she owns, not hers
        elif start >= f.end:
            gap = start - f.end
            between = text[f.end : start]
        else:
            continue
        if gap > AGE_REACH or "." in between.replace(" . ", "") or "\n" in between:
            continue
        if best is None or gap < best[0]:
            best = (gap, eid)
    return best[1] if best is not None else None


ROLE_REACH = 40  # characters around a name searched for the role that names its person ("Deputy Jerry Ortiz")


def _role_owner(f: Fact, people: Sequence[tuple[int, int, str]], text: str) -> str | None:
    """The person an age told of a role belongs to ("the 35-year-old deputy"): the one the report gives that role
    most of the times it gives it to a name, as a title ("Deputy Jerry Ortiz", "swimmer Brock Turner"), in
    apposition ("Brock Turner, a former Stanford swimmer"; "Brock Turner — a champion swimmer") or before a name
    set off by a comma ("the driver, Anthony LaSalle")."""
    role = f.measured.lower()
    if not role.isalpha() or len(role) < 3 or role in lexicon.words("age-words"):
        return None
    before = re.compile(rf"\b{role}s?\s*,?\s*$", re.I)
    after = re.compile(rf"^\s*[,—–]\s*(?:an?|the)\s+(?:[\w.'-]+\s+){{0,3}}{role}\b", re.I)
    title = re.compile(rf"{role}\b", re.I)  # the title inside the name's own span ("Deputy Ortiz")
    named = Counter(
        name
        for start, end, name in people
        if title.match(text, start, end)
        or before.search(text[max(0, start - ROLE_REACH) : start])
        or after.search(text[end : end + ROLE_REACH])
    )
    if not named:
        return None
    (name, n), *_ = named.most_common(1)
    return name if 2 * n > sum(named.values()) else None  # most of the times the role goes with a name


def event_facts(
    docs: Sequence[AnnotatedReport], resolution: Resolution, times: Mapping[str, Sequence[TimeExpr]]
) -> list[EventFact]:
    """Every fact of the event's reports, in report then text order."""
    index = _EntityIndex(resolution)
    out: list[EventFact] = []
    place_ids = frozenset(e.id for e in resolution.entities if e.type in PLACE_LABELS)
    person_names = {e.id: e.name for e in resolution.entities if e.type == "PERSON"}
    for rank, doc in enumerate(docs):
        rid, text = doc.report.id, doc.report.text
        time_at = {(t.start, t.end): t for t in times.get(rid, doc.times)}
        quantity_at = {(q.start, q.end): q for q in doc.quantities}
        entity_of = {(m.start, m.end): eid for m in doc.mentions if (eid := index.at(rid, m.start, m.end))}
        mention_start = {m.end: m.start for m in doc.mentions}
        locations = {
            (mention_start.get(loc.end, loc.start), loc.end): loc
            for loc in find_locations(text, doc.mentions, (0, len(text)), entity_of, place_ids)
        }
        credited = {a.sentence: a.source.text for a in doc.attributions if is_source(a.source.text)}
        people = sorted((a, b, person_names[eid]) for (a, b), eid in entity_of.items() if eid in person_names)
        quoted = _quote_speakers(doc)
        clause_entities: dict[tuple[int, int], frozenset[str]] = {}
        for f in doc.facts:
            if f.clause not in clause_entities:
                clause_entities[f.clause] = frozenset(index.inside(rid, *f.clause))
            speaker = next((s for a, b, s in quoted if a <= f.start < b), None)
            sentence = doc.sentences[f.sentence] if f.sentence < len(doc.sentences) else None
            out.append(
                EventFact(
                    index=len(out),
                    fact=f,
                    report_rank=rank,
                    entity=index.at(rid, f.start, f.end) if f.kind in ("participant", "place") else None,
                    participants=clause_entities[f.clause],
                    quantity=quantity_at.get((f.start, f.end)),
                    time=time_at.get((f.start, f.end)),
                    location=locations.get((f.start, f.end)) if f.kind == "place" else None,
                    attribution=speaker or credited.get(f.sentence),
                    sentence_text=sentence.text if sentence is not None else text[f.clause[0] : f.clause[1]],
                    context=frozenset(sentence.lemmas) if sentence is not None else frozenset(),
                    dated=doc.report.published is not None,
                    owner=(_owner(f, people, text) or _role_owner(f, people, text))
                    if f.kind == "count" and quantity_is_age(quantity_at, f)
                    else None,
                )
            )
    return out
