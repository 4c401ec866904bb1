"""Every exercise in the fixtures serves a kwartiermaken step, or says why not (oefeningen/CONTENT.md)."""

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ZONDER_STAP_KOP = "### Exercises that serve no step"


def _oefeningen() -> list[str]:
    rows = json.loads((ROOT / "fixtures" / "10_oefeningen.json").read_text(encoding="utf-8"))
    return [r["fields"]["slug"] for r in rows if r["model"] == "oefeningen.oefening"]


def _gekoppeld() -> set[str]:
    rows = json.loads((ROOT / "fixtures" / "20_kwartiermaken.json").read_text(encoding="utf-8"))
    return {slug for r in rows if r["model"] == "kwartiermaken.stap" for slug in r["fields"]["oefeningen"]}


def zonder_stap(tekst: str | None = None) -> dict[str, str]:
    """{slug: reason} from the table under ZONDER_STAP_KOP in oefeningen/CONTENT.md."""
    if tekst is None:
        tekst = (ROOT / "oefeningen" / "CONTENT.md").read_text(encoding="utf-8")
    assert ZONDER_STAP_KOP in tekst, "CONTENT.md lost its list of exercises without a step"
    sectie = tekst.split(ZONDER_STAP_KOP, 1)[1].split("\n#", 1)[0]
    rijen = re.findall(r"^\| `([a-z0-9-]+)` \| (.*?) \|$", sectie, flags=re.MULTILINE)
    return dict(rijen)


def test_every_exercise_serves_a_step_or_says_why_not():
    gekoppeld, redenen = _gekoppeld(), zonder_stap()
    los = [slug for slug in _oefeningen() if slug not in gekoppeld and slug not in redenen]
    assert los == [], (
        f"link these to a step in fixtures/20_kwartiermaken.json or explain them in CONTENT.md: {los}"
    )


def test_an_exercise_without_a_step_has_a_reason_and_really_has_no_step():
    redenen = zonder_stap()
    assert all(reden.strip() for reden in redenen.values())
    assert set(redenen) & _gekoppeld() == set()
    assert set(redenen) <= set(_oefeningen())


def test_the_reason_table_is_read():
    # The parser must see a listed row, or the first test would pass for the wrong reason.
    tekst = f"{ZONDER_STAP_KOP}\n\n| slug | waarom |\n|---|---|\n| `voorbeeld` | past nergens |\n\n## Verder\n| `x` | y |\n"
    assert zonder_stap(tekst) == {"voorbeeld": "past nergens"}


def test_every_step_of_every_phase_has_an_exercise():
    rows = json.loads((ROOT / "fixtures" / "20_kwartiermaken.json").read_text(encoding="utf-8"))
    leeg = [
        r["fields"]["slug"]
        for r in rows
        if r["model"] == "kwartiermaken.stap" and not r["fields"]["oefeningen"]
    ]
    assert leeg == []


def test_content_md_gives_a_reason_for_exactly_the_links_in_the_fixture():
    """The "why" table in CONTENT.md names, per step, the same exercises as the fixture."""
    tekst = (ROOT / "oefeningen" / "CONTENT.md").read_text(encoding="utf-8")
    sectie = tekst.split("## Van oefening naar stap", 1)[1].split(ZONDER_STAP_KOP, 1)[0]
    uitgelegd = {
        stap: re.findall(r"`([a-z0-9-]+)`", slugs)
        for stap, slugs, reden in re.findall(
            r"^\| `([a-z0-9-]+)` \| (.*?) \| (.+) \|$", sectie, flags=re.MULTILINE
        )
        if reden.strip()
    }
    rows = json.loads((ROOT / "fixtures" / "20_kwartiermaken.json").read_text(encoding="utf-8"))
    assert uitgelegd == {
        r["fields"]["slug"]: r["fields"]["oefeningen"] for r in rows if r["model"] == "kwartiermaken.stap"
    }
