"""The running example of DESIGN.md on the two real reports in ../shared/seeds (read at test time, never copied)."""

from __future__ import annotations

import json

import pytest

from rashomon.schemas import validate_comparison
from tests.conftest import SEEDS, requires_seeds

pytestmark = [pytest.mark.model, requires_seeds()]

R1, R2 = "000_b47a0d9cd980d70a", "002_f9389fdd67021ead"


@pytest.fixture(scope="module")
def seeds() -> dict:
    from click.testing import CliRunner

    from rashomon.cli import cli

    paths = sorted(str(p) for p in SEEDS.glob("*.txt"))
    result = CliRunner().invoke(cli, ["compare", *paths, "--format", "json", "--today", "2026-11-22"])
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    validate_comparison(doc)
    return doc


def entity_with(doc: dict, surface: str) -> dict:
    return next(e for e in doc["entities"] if any(m["text"] == surface for m in e["mentions"]))


def surfaces(entity: dict) -> set[str]:
    return {m["text"] for m in entity["mentions"]}


def test_one_person_under_two_spellings(seeds: dict) -> None:
    person = entity_with(seeds, "Osama al-Muhajer")
    assert {"Osama al-Muhajer", "Usamah al-Muhajir", "al-Muhajir"} <= surfaces(person)
    assert person["type"] == "PERSON"


def test_one_group_under_several_names(seeds: dict) -> None:
    group = entity_with(seeds, "ISIL")
    assert {"ISIL", "ISIS", "Islamic State of Iraq and Syria"} <= surfaces(group)
    assert group["type"] == "ORG"


def test_command_and_officers_are_reconciled(seeds: dict) -> None:
    assert {"US Central Command", "CENTCOM", "Centcom"} <= surfaces(entity_with(seeds, "Centcom"))
    kurilla = entity_with(seeds, "Kurilla")
    assert {"General Michael Kurilla", 'Gen. Michael "Erik" Kurilla', "Kurilla"} <= surfaces(kurilla)
    grynkewich = entity_with(seeds, "Grynkewich")
    assert {
        "Air Force Lieutenant General Alexus Grynkewich",
        "Air Force Lt. Gen. Alexus Grynkewich",
        "Grynkewich",
    } <= surfaces(grynkewich)
    assert kurilla["type"] == grynkewich["type"] == "PERSON"


def test_place_of_the_killing_is_disputed_with_attributions(seeds: dict) -> None:
    location = [
        k for c in seeds["claims"] if c["status"] == "conflicting" for k in c["conflicts"] if k["kind"] == "location"
    ]
    assert len(location) == 1
    values = location[0]["values"]
    east = {(v["report"], (v["attribution"] or "").lower()) for v in values if v["text"] == "eastern Syria"}
    assert (R1, "the us military") in east
    assert any(r == R2 and "centcom" in who for r, who in east)
    west = [v for v in values if v["text"] == "northwestern Syria"]
    assert [(v["report"], v["attribution"]) for v in west] == [(R2, "A defence official")]


def test_quotes_are_matched_across_outlets_with_their_speakers(seeds: dict) -> None:
    kurilla = entity_with(seeds, "Kurilla")["id"]
    grynkewich = entity_with(seeds, "Grynkewich")["id"]
    expected = {
        "We have made it clear": kurilla,
        "ISIS remains a threat": kurilla,
        "dropped flares in front of the drones": grynkewich,
        "cease this reckless behaviour": grynkewich,
    }
    for opening, speaker in expected.items():
        quote = next(q for q in seeds["quotes"] if q["text"].startswith(opening))
        assert {o["report"] for o in quote["occurrences"]} == {R1, R2}, opening
        assert quote["speaker"] == speaker, opening


def _claims_with(seeds: dict, report: str, text: str) -> list[dict]:
    return [c for c in seeds["claims"] if any(s["report"] == report and s["text"] == text for s in c["statements"])]


def test_same_claim_in_different_words_is_corroborated(seeds: dict) -> None:
    """ "was conducted by the same MQ-9s [drones] that had ... been harassed" / "was conducted by the same MQ-9 Reaper
    drones that Russian aircraft had harassed": the drones, the strike and the encounter's length are one fact each."""
    drones = [
        c
        for c in seeds["claims"]
        if c["status"] == "corroborated"
        and any(s["report"] == R1 and ("MQ-9" in s["text"] or "drones" in s["text"]) for s in c["statements"])
        and any(s["report"] == R2 and ("MQ-9" in s["text"] or "drones" in s["text"]) for s in c["statements"])
    ]
    assert drones
    for text in ("conducted", "almost two hours"):
        claim = _claims_with(seeds, R1, text)[0]
        assert claim["status"] == "corroborated", text
        assert any(s["report"] == R2 for s in claim["statements"]), text


def test_dates_resolve_across_reports(seeds: dict) -> None:
    times = {(t["report"], t["text"]): t["value"] for t in seeds["times"]}
    assert times[(R2, "Friday (July 7)")] == "2023-07-07"
    assert times[(R1, "Friday")] == "2023-07-07"
    for report in (R1, R2):
        assert times[(report, "Wednesday")] == "2023-07-05"
        assert times[(report, "Thursday")] == "2023-07-06"


def test_speech_days_and_the_black_sea_drone_are_not_conflicts(seeds: dict) -> None:
    kinds = [k["kind"] for c in seeds["claims"] for k in c["conflicts"]]
    assert "time" not in kinds
    for claim in seeds["claims"]:
        if any("Black Sea" in s["text"] or "$30 million" in s["text"] for s in claim["statements"]):
            assert claim["status"] == "unique"


def test_details_of_one_report_are_unique(seeds: dict) -> None:
    unique: dict[str, list[tuple[str, str]]] = {}
    for claim in seeds["claims"]:
        if claim["status"] == "unique":
            for s, x in zip(claim["statements"], claim["contexts"], strict=True):
                unique.setdefault(s["report"], []).append((s["text"], x["text"]))
    assert any("Rafale" in t for t, _ in unique[R2])
    assert any(t == "motorcycle" for t, _ in unique[R2])
    for figure in ("37", "13", "21"):  # the June figures
        assert any(t == figure for t, _ in unique[R2]), figure
    assert any("$30 million" in t for t, _ in unique[R1])
    assert any("civilian injury" in t for t, _ in unique[R1])


def test_summary_cites_both_reports(seeds: dict) -> None:
    cited = {c["report"] for s in seeds["summary"] for c in s["citations"]}
    assert cited == {R1, R2}
    assert any("disagree on the location" in s["text"] for s in seeds["summary"])


def test_the_core_of_the_story_stays_corroborated_beside_the_disputed_place(seeds: dict) -> None:
    """One disputed detail does not empty the corroborated list: the strike, its day, the person killed are shared."""
    corroborated = {s["text"] for c in seeds["claims"] if c["status"] == "corroborated" for s in c["statements"]}
    assert {"strike", "Friday"} <= corroborated
    assert any("Muhaj" in t for t in corroborated)


# --- the event record (issue 9's "Done when") ------------------------------------------------------------------


def test_record_says_a_drone_strike(seeds: dict) -> None:
    kind = seeds["event"]["type"]["resolved"]
    assert (kind["taxonomy"], kind["category"], kind["subtype"]) == (
        "acled",
        "explosions/remote violence",
        "air/drone strike",
    )
    assert any(v["text"] == "drone strike" for v in seeds["event"]["type"]["values"])


def test_record_dates_the_strike_to_july_7(seeds: dict) -> None:
    date = seeds["event"]["date"]
    assert date["resolved"] == "2023-07-07"
    assert not date["disputed"]
    assert {v["report"] for v in date["values"]} == {R1, R2}


def test_record_places_it_in_syria_with_the_dispute_attributed(seeds: dict) -> None:
    location = seeds["event"]["location"]
    assert location["resolved"]["country"] == "Syria"
    assert location["resolved"]["country_code"] == "SY"
    assert location["disputed"]
    texts = {(v["report"], v["text"]): v["attribution"] for v in location["values"]}
    assert (R1, "eastern Syria") in texts and (R2, "northwestern Syria") in texts
    assert "defence official" in (texts[(R2, "northwestern Syria")] or "")
    assert "eastern Syria" in location["note"] and "northwestern Syria" in location["note"]


def test_record_has_us_forces_against_isis_and_the_named_dead(seeds: dict) -> None:
    actors = seeds["event"]["actors"]
    by_role = {role: [a["name"] for a in actors if a["role"] == role] for role in ("actor", "target", "victim")}
    assert by_role["actor"] and by_role["actor"][0] in ("US", "US Central Command")
    assert "Islamic State of Iraq and Syria" in by_role["target"]
    assert by_role["victim"] == ["Osama al-Muhajer"]
    fatalities = seeds["event"]["fatalities"]
    assert fatalities["resolved"] == 1 and fatalities["values"] == []  # no figure given: the named dead counted
    assert "named dead" in fatalities["policy"]


def test_record_keeps_the_june_totals_out(seeds: dict) -> None:
    # the second report's June figures (13 killed, 21 detained) are another period, not this strike
    assert seeds["event"]["fatalities"]["resolved"] != 13
    assert all(c["resolved"] != 21 for c in seeds["event"]["counts"])


def test_record_names_both_sources(seeds: dict) -> None:
    assert seeds["event"]["sources"] == [R1, R2]
