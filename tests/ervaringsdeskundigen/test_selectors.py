"""An ED place has one data shape on every channel that carries it."""

from decimal import Decimal

from ervaringsdeskundigen import hub, selectors
from tests.ervaringsdeskundigen.factories import PlekFactory
from tests.factories import UserFactory


def test_the_export_and_my_data_describe_a_place_alike(db):
    ed = UserFactory(username="ed", first_name="Eda")
    plek = PlekFactory(ervaringsdeskundige=ed, uren_per_week=Decimal("12.5"))

    export = next(row for row in selectors.export_rows(plek.traject) if row["titel"] == plek.titel)
    eigen = next(row for row in hub._plekken(ed) if row["titel"] == plek.titel)

    gedeeld = set(export) & set(eigen)
    assert {"uren_per_week", "statuut", "startdatum", "positie", "maatje"} <= gedeeld
    assert export["uren_per_week"] == eigen["uren_per_week"] == 12.5
    assert eigen["rollen_boek"] == ["hoopgever"] and export["rollen_boek"] == "hoopgever"
    assert {
        k: export[k] for k in gedeeld if k not in ("rollen_boek", "rollen_handreiking", "werkvelden")
    } == {k: eigen[k] for k in gedeeld if k not in ("rollen_boek", "rollen_handreiking", "werkvelden")}
