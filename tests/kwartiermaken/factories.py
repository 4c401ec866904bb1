from kwartiermaken.models import Besluit, CoalitieLid, Fase, FaseStart, Stap, StapVoortgang


def voortgang(traject, slug, status="klaar", **kwargs):
    return StapVoortgang.objects.update_or_create(
        traject=traject, stap=Stap.objects.get(slug=slug), defaults={"status": status, **kwargs}
    )[0]


def besluit(traject, keuze="go", door=None, datum="2026-10-01"):
    return Besluit.objects.create(
        traject=traject, keuze=keuze, redenen="Steun en geld", datum=datum, genomen_door=door, naam="Mira"
    )


def fase_2_start(traject, zonder_go=True):
    return FaseStart.objects.create(traject=traject, fase=Fase.objects.get(nummer=2), zonder_go=zonder_go)


def coalitie(traject, *leden):
    return [
        CoalitieLid.objects.create(traject=traject, naam=naam, rol=rol, is_ervaringsdeskundige=ed)
        for naam, rol, ed in leden
    ]


ALLE_MOTIEVEN = ["moeten", "pr", "goedkoop", "eigen_functie"]


def besluit_data(keuze="go", *, voorwaarden=(), **velden):
    """A complete, valid POST of the go/no-go form; `voorwaarden` are (wat, owner pk[, actie pk])."""
    data = {
        "keuze": keuze,
        "redenen": "Steun en geld voor een pilot.",
        "datum": "2026-10-01",
        "motieven_uitgesloten": ALLE_MOTIEVEN,
        "voorwaarden-TOTAL_FORMS": str(max(len(voorwaarden), 1)),
        "voorwaarden-INITIAL_FORMS": "0",
    }
    for key in ("ondersteuning", "financiering", "draagvlak"):
        data[key] = "geregeld"
        data[f"{key}_toelichting"] = ""
    for i, (wat, eigenaar, *actie) in enumerate(voorwaarden):
        data[f"voorwaarden-{i}-wat"] = wat
        data[f"voorwaarden-{i}-eigenaar"] = str(eigenaar) if eigenaar else ""
        data[f"voorwaarden-{i}-actie"] = str(actie[0]) if actie else ""
    data.update(velden)
    return data
