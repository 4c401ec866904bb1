"""All `plan` gives the hub (trajecten.registries), registered when trajecten imports this
module at start-up: its own plan sections, the review signal, the link, the exports,
personal data and demo data.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from oefeningen import services as oefeningen_services
from oefeningen.models import Oefening, OefeningStatus
from trajecten.models import Traject
from trajecten.registries import (
    PersonalData,
    TrajectExport,
    TrajectLink,
    register_demo,
    register_personal_data,
    register_plan_feed,
    register_plan_section,
    register_signal_rule,
    register_traject_export,
    register_traject_link,
)
from trajecten.weergave import weergavenaam

from . import overzicht, voeding
from .models import Actie, Besluit, Herziening, Onderwerp, PlanVersie, Risico
from .secties import EIGEN_SECTIES, herzien_signaal


def _d(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _naam(user) -> str:
    return weergavenaam(user)


# -- trajectory export ------------------------------------------------------------


def _export_besluiten(traject: Traject) -> list[dict[str, Any]]:
    return [
        {
            "onderwerp": b.onderwerp,
            "onderwerp_label": str(b.get_onderwerp_display()),
            "tekst": b.tekst,
            "eigenaar": _naam(b.eigenaar),
            "datum": _d(b.datum),
            "herzien_op": _d(b.herzien_op),
        }
        for b in traject.plan_besluiten.select_related("eigenaar").order_by("onderwerp")
    ]


def _export_acties(traject: Traject) -> list[dict[str, Any]]:
    return [
        {
            "id": a.pk,
            "wat": a.wat,
            "wie": _naam(a.eigenaar),
            "wanneer": _d(a.wanneer),
            "status": a.status,
            "herzien_op": _d(a.herzien_op),
            "bron": a.bron,
        }
        for a in traject.plan_acties.select_related("eigenaar")
    ]


def _export_risicos(traject: Traject) -> list[dict[str, Any]]:
    return [{"id": r.pk, "risico": r.omschrijving, "reactie": r.reactie} for r in traject.plan_risicos.all()]


def _export_herzieningen(traject: Traject) -> list[dict[str, Any]]:
    return [
        {
            "datum": _d(h.datum),
            "soort": "besluit" if h.besluit_id else "actie",
            "onderwerp": h.onderwerp,
            "wat_gebeurde": h.wat_gebeurde,
            "volgende": _d(h.volgende),
            "door": _naam(h.door),
        }
        for h in traject.plan_herzieningen.select_related("besluit", "actie", "door")
    ]


# -- personal data ----------------------------------------------------------------


def _pd_besluiten(user):
    return [
        {"traject": b.traject.titel, "onderwerp": b.onderwerp, "rol": "eigenaar"}
        for b in Besluit.objects.filter(eigenaar=user).select_related("traject")
    ]


def _pd_acties(user):
    return [
        {"traject": a.traject.titel, "actie": a.wat, "rol": "eigenaar"}
        for a in Actie.objects.filter(eigenaar=user).select_related("traject")
    ]


def _pd_herzieningen(user):
    return [
        {"traject": h.traject.titel, "datum": _d(h.datum), "wat_gebeurde": h.wat_gebeurde}
        for h in Herziening.objects.filter(door=user).select_related("traject")
    ]


def _pd_versies(user):
    return [
        {"traject": v.traject.titel, "versie": v.nummer, "gemaakt_op": v.gemaakt_op.isoformat()}
        for v in PlanVersie.objects.filter(gemaakt_door=user).defer("pdf").select_related("traject")
    ]


# -- demo ---------------------------------------------------------------------------

DEMO_BESLUITEN = {
    Onderwerp.ROLLEN: "Ervaringsdeskundigen werken als brug tussen de leefwereld van cliënten en ons team, "
    "en als kritische partner bij het verbeteren van de zorg.",
    Onderwerp.VELDEN: "Eerst in de hulpverlening (ambulante teams); over een jaar ook in beleid.",
    Onderwerp.TAAKVERDELING: "Ervaringsdeskundigen werken in tandem met een vaste collega, als gelijken. "
    "Vrijwilligers blijven de inloop doen.",
    Onderwerp.COMPETENTIES: "Een afgeronde opleiding ervaringsdeskundigheid of bereid die te volgen; "
    "kunnen reflecteren op de eigen ervaring.",
    Onderwerp.AANTAL: "Twee ervaringsdeskundigen, elk 24 uur per week, zodat niemand er alleen voor staat.",
    Onderwerp.BETALING: "Betaald in loondienst, op dezelfde schaal als collega's met een vergelijkbare functie.",
}

DEMO_ACTIES = [
    ("Vacature voor twee ervaringsdeskundigen opstellen, samen met een senior ervaringsdeskundige", 30, 60),
    ("Intervisie regelen met ervaringsdeskundigen van andere organisaties", 60, 90),
    ("Teamoverleg: vaste agendapunt 'ervaringskennis' invoeren", 14, 45),
    ("Budget voor na de pilot aanvragen bij de gemeente", 90, 120),
]


# Shared texts of exercises that feed decisions (slug, text, finished), so the demo plan
# shows results under their decisions, one of them still in progress.
DEMO_TEKSTEN = [
    (
        "rollen-invulling",
        "Brugfunctie tussen cliënten en het team.\nKritische partner in het teamoverleg.",
        True,
    ),
    ("positie-tijd", "Minstens 16 uur per week, verdeeld over drie dagen.", False),
    ("ondersteuning-afspraken-vooraf", "Elke maand intervisie met ervaringsdeskundigen van buiten.", True),
    (
        "vertrekpunt-waarom",
        "De uitdaging die we delen (in onze eigen woorden):\n"
        "Cliënten zeggen dat ze pas gehoord worden als het misgaat. We willen dat hun ervaring "
        "vanaf het begin meetelt in hoe we werken.\n\n"
        "Ons mandaat\n- Wie gaf ons de opdracht: de directie van Zorggroep De Brug\n"
        "- Waarvoor: een plan om ervaringsdeskundigen een vaste plek in het team te geven\n"
        "- Tot wanneer: eind volgend jaar\n- Wat mogen we zelf beslissen: hoe we de pilot inrichten\n\n"
        "Hoe serieus worden ervaringskennis en ervaringsdeskundigheid nu genomen?\n"
        "Er wordt naar geluisterd, maar het telt nog niet mee in besluiten.\n\n"
        "Kwaliteit van leven en mensenrechten: wat betekent dat voor waar we naartoe willen?\n"
        "Iedereen doet mee als burger, met regie over het eigen leven.\n\n"
        "Hoe we samenwerken (wie doet mee, hoe houden we de dialoog open):\n"
        "Cliënten, ervaringsdeskundigen, professionals en de leiding aan één tafel.\n\n"
        "Hoe we het eigenaarschap delen (wie beslist mee over het proces en het resultaat):\n"
        "De werkgroep beslist samen; de leiding geeft ruimte en geld.",
        True,
    ),
]


def _demo_oefeningen(traject: Traject, door) -> None:
    for slug, tekst, afgerond in DEMO_TEKSTEN:
        oefening = Oefening.objects.filter(slug=slug).first()
        if oefening is None:  # content not loaded
            continue
        oefeningen_services.tekst_opslaan(
            traject=traject, oefening=oefening, tekst=tekst, versie=0, door=door
        )
        status = OefeningStatus.Status.AFGEROND if afgerond else OefeningStatus.Status.BEZIG
        oefeningen_services.status_zetten(traject=traject, oefening=oefening, status=status)


def demo(traject: Traject) -> None:
    """A few decisions, actions and exercise results for the first demo team, so the demo plan means something."""
    # The go/no-go's conditions are actions too: the plan's own decisions say it ran before.
    if traject.titel != "Ervaringskennis inbedden in Herstel Noord" or traject.plan_besluiten.exists():
        return
    begeleider = traject.begeleiders.first()
    manager = traject.team.organisatie.leidinggevenden.first()
    _demo_oefeningen(traject, begeleider)
    vandaag = timezone.localdate()
    for onderwerp, tekst in DEMO_BESLUITEN.items():
        Besluit.objects.get_or_create(
            traject=traject,
            onderwerp=onderwerp,
            defaults={
                "tekst": tekst,
                "eigenaar": manager if onderwerp in (Onderwerp.BETALING, Onderwerp.AANTAL) else begeleider,
                "datum": vandaag - timedelta(days=7),
                "herzien_op": vandaag + timedelta(days=180),
            },
        )
    for i, (wat, over, herzien) in enumerate(DEMO_ACTIES):
        Actie.objects.create(
            traject=traject,
            wat=wat,
            eigenaar=begeleider if i % 2 == 0 else manager,
            wanneer=vandaag + timedelta(days=over),
            herzien_op=vandaag + timedelta(days=herzien) if i else vandaag + timedelta(days=3),
            status=Actie.Status.BEZIG if i == 0 else Actie.Status.OPEN,
        )
    Risico.objects.get_or_create(
        traject=traject,
        omschrijving="De ervaringsdeskundige wordt ingezet als goedkope kracht.",
        defaults={"reactie": "Betaling gelijk aan collega's; de leidinggevende bewaakt de taakomschrijving."},
    )


for section in [*EIGEN_SECTIES, *overzicht.SECTIES]:
    register_plan_section(section)
register_plan_feed(voeding.in_plan)
register_signal_rule(herzien_signaal)
register_traject_link(
    TrajectLink(
        key="plan",
        label=_("Plan van aanpak"),
        url_name="plan:plan",
        order=90,
        description=_("De besluiten, acties en risico's van het team; als PDF voor het bestuur."),
    )
)
for key, label, order, rows in [
    ("plan-besluiten", _("Besluiten van het plan"), 80, _export_besluiten),
    ("plan-acties", _("Acties van het plan"), 81, _export_acties),
    ("plan-risicos", _("Risico's van het plan"), 82, _export_risicos),
    ("plan-herzieningen", _("Herzieningen van het plan"), 83, _export_herzieningen),
]:
    register_traject_export(TrajectExport(key=key, label=label, order=order, rows=rows))
for model, export, field in [
    (Besluit, _pd_besluiten, "eigenaar"),
    (Actie, _pd_acties, "eigenaar"),
    (Herziening, _pd_herzieningen, "door"),
    (PlanVersie, _pd_versies, "gemaakt_door"),
]:
    register_personal_data(
        PersonalData(
            model=model,
            export=export,
            erase=lambda user, model=model, field=field: model.objects.filter(**{field: user}).update(
                **{field: None}
            ),
        )
    )
register_demo(demo)
