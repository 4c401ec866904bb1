"""Private until reveal means invisible: content of an exercise the begeleider hid reaches
neither the plan page, the PDF nor the exports until the reveal (oefeningen.selectors.onthuld)."""

import io
import json
import re
import zipfile

from pypdf import PdfReader

from oefeningen import services
from oefeningen.models import Oefening

from .conftest import KOMPAS, TEKSTEN

KAART = "Ervaringskennis hoort vanzelfsprekend bij elk team"  # a compass card of the fixture
TEKST = TEKSTEN["rollen-invulling"].splitlines()[0]  # a shared text feeding a decision


def _verbergen(world, slug, verborgen):
    services.zichtbaarheid_zetten(
        traject=world.traject, oefening=Oefening.objects.get(slug=slug), verborgen=verborgen
    )


def _kanalen(world) -> dict[str, str]:
    pk = world.traject.pk
    manager, begeleider = world.client("leidinggevende"), world.client("begeleider")
    pdf = manager.post(f"/trajecten/{pk}/plan/pdf/").content
    pdf_tekst = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).replace("\x00", "")
    with zipfile.ZipFile(io.BytesIO(begeleider.get(f"/trajecten/{pk}/export-csv.zip").content)) as archive:
        csv_tekst = " ".join(archive.read(n).decode("utf-8-sig") for n in archive.namelist())
    return {
        "plan": manager.get(f"/trajecten/{pk}/plan/").content.decode(),
        "plan als teamlid": world.client("teamlid").get(f"/trajecten/{pk}/plan/").content.decode(),
        "pdf": re.sub(r"\s+", " ", pdf_tekst),
        "json": json.dumps(begeleider.get(f"/trajecten/{pk}/export.json").json(), ensure_ascii=False),
        "csv": csv_tekst,
    }


def test_hidden_compass_cards_and_texts_appear_on_no_channel_until_the_reveal(world, kompas_en_antwoorden):
    _verbergen(world, KOMPAS, True)
    _verbergen(world, "rollen-invulling", True)
    for kanaal, inhoud in _kanalen(world).items():
        assert KAART not in inhoud, kanaal
        assert TEKST not in inhoud, kanaal
    _verbergen(world, KOMPAS, False)
    _verbergen(world, "rollen-invulling", False)
    for kanaal, inhoud in _kanalen(world).items():
        assert KAART in inhoud and TEKST in inhoud, kanaal
