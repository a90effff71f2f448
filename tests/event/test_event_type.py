"""The event type from words in the reports: ACLED types need an armed actor, the lead weighs more, evidence is kept."""

from __future__ import annotations

from rashomon.event.taxonomy import classify_event, label_of
from rashomon.records import Report, Sentence


def report(rid: str, text: str, title: str | None = None) -> Report:
    return Report(id=rid, text=text, title=title)


def by_lines(*reports: Report) -> dict[str, tuple[Sentence, ...]]:
    out = {}
    for r in reports:
        start, sentences = 0, []
        for k, line in enumerate(r.text.split("\n")):
            sentences.append(Sentence(r.id, start, start + len(line), line, k))
            start += len(line) + 1
        out[r.id] = tuple(sentences)
    return out


def test_a_drone_strike_by_a_military_is_an_acled_air_strike() -> None:
    a = report(
        "a", "A drone strike killed a militant commander near the border, the army said.\nOfficials spoke later."
    )
    b = report("b", "Military officials confirmed an air strike on a convoy.\nThe convoy carried fighters.")
    kind = classify_event([a, b], by_lines(a, b))
    assert (kind.taxonomy, kind.category, kind.subtype) == ("acled", "explosions/remote violence", "air/drone strike")
    assert label_of(kind) == "Explosions/remote violence: air/drone strike"
    assert {e.span.text for e in kind.evidence} >= {"drone strike", "air strike"}
    assert all(a.text[e.span.start : e.span.end] == e.span.text for e in kind.evidence if e.span.report == "a")


def test_a_bombing_with_no_armed_actor_named_is_not_political_violence() -> None:
    a = report("a", "A bomb exploded at a bank branch, police said.\nDetectives are looking for a suspect.")
    kind = classify_event([a], by_lines(a))
    assert kind.taxonomy == "general" and kind.category == "crime"
    assert not kind.armed_actor


def test_protesters_marching_are_a_protest() -> None:
    a = report(
        "a", "Thousands of protesters marched through the capital on Sunday.\nThe demonstration ended peacefully."
    )
    kind = classify_event([a], by_lines(a))
    assert kind.category == "protests"


def test_a_match_report_is_sport_and_a_quake_a_disaster() -> None:
    match = report(
        "m", "The team won the championship game after the coach rested two players.\nFans filled the stadium."
    )
    quake = report("q", "A magnitude 6.1 earthquake struck the coast.\nAftershocks followed overnight.")
    assert classify_event([match], by_lines(match)).category == "sport"
    assert classify_event([quake], by_lines(quake)).category == "disaster"


def test_the_lead_outweighs_a_late_mention() -> None:
    text = (
        "The court sentenced the former mayor to five years.\nThe judge read the verdict.\n"
        + "\n".join(["Filler line."] * 6)
        + "\nHe once coached a youth team."
    )
    a = report("a", text)
    assert classify_event([a], by_lines(a)).category == "legal"


def test_nothing_recognisable_is_other() -> None:
    a = report("a", "Something happened somewhere.")
    kind = classify_event([a], by_lines(a))
    assert (kind.category, kind.evidence) == ("other", ())


def test_a_strike_on_a_market_place_is_violence_while_the_stock_market_is_economy() -> None:
    a = report(
        "a",
        "An airstrike hit a crowded market in Saada, killing 23 people.\nThe market was full of families.",
        title="Airstrike on market kills 23",
    )
    b = report(
        "b", "Warplanes struck a market in Saada.\nDoctors treated the wounded at the market.", title="Market hit"
    )
    kind = classify_event([a, b], by_lines(a, b))
    assert kind.category == "explosions/remote violence"
    c = report("c", "Stock markets fell sharply on Monday as investors sold shares.\nThe market lost 3%.")
    assert classify_event([c], by_lines(c)).category == "economy"
