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
