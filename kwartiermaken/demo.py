"""Demo data for `manage.py demo`: some step progress, a scan round, and a go for the first team."""

from datetime import date, timedelta

from django.utils import timezone

from trajecten.models import Rol

from . import services
from .models import (
    MOTIEVEN,
    Besluit,
    CoalitieLid,
    CoalitieRol,
    Fase,
    FaseStart,
    Oordeel,
    ScanAntwoord,
    ScanRonde,
    ScanVraag,
    Stap,
    StapStatus,
    StapVoortgang,
)

# The demo command creates "Herstel Noord" first; it is the team that has a recorded go.
EERSTE_DEMO_TEAM = "Herstel Noord"

ANTWOORDEN = ["ja", "deels", "deels", "nee", "weet_niet", "ja", "ja", "deels", "nee", "deels"]


def _demo_besluit(traject, manager, begeleider) -> None:
    """A go onder voorwaarden, weighed, with one condition that becomes a plan action."""
    services.besluit_vastleggen(
        traject=traject,
        door=manager,
        velden={
            "keuze": Besluit.Keuze.GO_VOORWAARDEN,
            "redenen": "Er is steun in het team en geld voor een pilot van een jaar. "
            "Zorg: nog weinig kennis van de rollen; dat pakken we op in fase 1.",
            "datum": date(2026, 10, 1),
            "ondersteuning": Oordeel.GEREGELD,
            "ondersteuning_toelichting": "Een senior ervaringsdeskundige van buiten coacht.",
            "financiering": Oordeel.DEELS,
            "financiering_toelichting": "Geld voor één jaar; het tweede jaar is nog niet zeker.",
            "draagvlak": Oordeel.GEREGELD,
            "draagvlak_toelichting": "",
            "motieven_uitgesloten": [key for key, _label in MOTIEVEN],
        },
        voorwaarden=[
            {
                "wat": "De gemeente zegt geld toe voor het tweede jaar.",
                "eigenaar": begeleider,
                "wanneer": None,
            }
        ]
        if begeleider
        else [],
    )


def demo_data(traject) -> None:
    stappen = {s.slug: s for s in Stap.objects.all()}
    if not stappen:
        return  # content not loaded (run `manage.py inhoud_laden` first)
    leden = list(traject.team.lidmaatschappen.select_related("user").order_by("pk"))
    begeleider = next((m.user for m in leden if m.rol == Rol.BEGELEIDER), None)
    eerste = traject.team.naam == EERSTE_DEMO_TEAM
    vandaag = timezone.localdate()
    plan = [
        ("verkenning-aanleiding", StapStatus.KLAAR, None),
        ("verkenning-scan", StapStatus.KLAAR if eerste else StapStatus.BEZIG, vandaag + timedelta(days=14)),
        ("verkenning-besluit", StapStatus.KLAAR if eerste else StapStatus.OPEN, vandaag + timedelta(days=30)),
        ("fase-1-coalitie", StapStatus.BEZIG if eerste else StapStatus.OPEN, vandaag - timedelta(days=3)),
        ("fase-1-urgentie", StapStatus.OPEN, vandaag + timedelta(days=45)),
    ]
    for slug, status, datum in plan:
        if slug in stappen:
            StapVoortgang.objects.get_or_create(
                traject=traject,
                stap=stappen[slug],
                defaults={"status": status, "eigenaar": begeleider, "streefdatum": datum},
            )

    ronde, _ = ScanRonde.objects.get_or_create(traject=traject, nummer=1)
    for i, lid in enumerate(leden):
        for j, vraag in enumerate(ScanVraag.objects.all()):
            ScanAntwoord.objects.get_or_create(
                ronde=ronde,
                vraag=vraag,
                user=lid.user,
                defaults={"antwoord": ANTWOORDEN[(i + j) % len(ANTWOORDEN)]},
            )

    if eerste:
        # A second round a year on, a little more positive: the scan page shows how answers moved.
        beter = {"nee": "deels", "deels": "ja", "weet_niet": "deels", "ja": "ja"}
        ronde_2, _ = ScanRonde.objects.get_or_create(traject=traject, nummer=2)
        for eerder in ScanAntwoord.objects.filter(ronde=ronde):
            ScanAntwoord.objects.get_or_create(
                ronde=ronde_2,
                vraag_id=eerder.vraag_id,
                user_id=eerder.user_id,
                defaults={"antwoord": beter[eerder.antwoord]},
            )
        manager = traject.team.organisatie.leidinggevenden.order_by("pk").first()
        if manager and not Besluit.objects.filter(traject=traject).exists():
            _demo_besluit(traject, manager, begeleider)
        for naam, rol, ed in [
            ("Bea de Vries", CoalitieRol.PROJECTLEIDER, False),
            ("Mira Bakker", CoalitieRol.MANAGEMENT, False),
            ("Tom Jansen", CoalitieRol.AMBASSADEUR, True),
        ]:
            CoalitieLid.objects.get_or_create(
                traject=traject, naam=naam, defaults={"rol": rol, "is_ervaringsdeskundige": ed}
            )
    elif Fase.objects.filter(nummer=2).exists():
        # The second team shows the warning path: fase 2 begun without a go.
        FaseStart.objects.get_or_create(
            traject=traject,
            fase=Fase.objects.get(nummer=2),
            defaults={"gestart_door": begeleider, "zonder_go": True, "waarschuwing": "(demo)"},
        )
