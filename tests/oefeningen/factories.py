"""Factories for chapters and exercises of every kind (the real content comes from fixtures/)."""

import factory

from oefeningen.models import Bijdrage, Hoofdstuk, Oefening

INSTELLINGEN = {
    "kaarten": {"kaartlabel": "Sterkte", "stemmen_per_persoon": 3, "voorbeelden": ["We luisteren goed"]},
    "tekst": {"sjabloon": "", "max_lengte": 20000},
    "schaal": {
        "min": 1,
        "max": 5,
        "min_label": "weinig",
        "max_label": "veel",
        "items": [
            {"key": "ervaring", "label": "Ervaringskennis"},
            {"key": "professioneel", "label": "Professionele kennis"},
        ],
    },
    "keuze": {
        "opties": [
            {"key": "vrijwillig", "label": "Vrijwillig", "uitleg": ""},
            {"key": "betaald", "label": "Betaald", "uitleg": ""},
        ],
        "meerdere": False,
        "reden_vragen": True,
    },
    "checklist": {
        "items": [
            {"key": "professional", "label": "Professional"},
            {"key": "ed", "label": "Ervaringsdeskundige"},
            {"key": "client", "label": "Cliënt"},
        ]
    },
    "tijdlijn": {"voorbeelden": ["De start van het outreachteam"]},
    "kompas": {
        "richtingen": [
            {"key": "noord", "label": "Noord: onze richting", "uitleg": ""},
            {"key": "oost", "label": "Oost: kansen", "uitleg": ""},
            {"key": "west", "label": "West: valkuilen", "uitleg": ""},
            {"key": "zuid", "label": "Zuid: energie", "uitleg": ""},
        ]
    },
    "matrix": {
        "x": {
            "label": "Mandaat",
            "waarden": [{"key": "formeel", "label": "Formeel"}, {"key": "informeel", "label": "Informeel"}],
        },
        "y": {
            "label": "Waar",
            "waarden": [
                {"key": "team", "label": "In het team"},
                {"key": "clienten", "label": "Met cliënten"},
            ],
        },
    },
}


class HoofdstukFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Hoofdstuk
        django_get_or_create = ["slug"]

    slug = "context"
    nummer = 3
    titel = "Context"
    inleiding = "Wie zijn we en waar staan we?"
    bron = "Ervaring werkt, hoofdstuk 3"
    volgorde = 3


class OefeningFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Oefening
        django_get_or_create = ["slug"]

    hoofdstuk = factory.SubFactory(HoofdstukFactory)
    soort = "kaarten"
    slug = factory.LazyAttribute(lambda o: f"test-{o.soort}")
    volgorde = factory.Sequence(lambda n: n)
    titel = factory.LazyAttribute(lambda o: f"Oefening {o.soort}")
    vraag = "Wat zijn de sterktes van ons team?"
    begeleiding = "Laat iedereen eerst zelf schrijven."
    bron = "Ervaring werkt §3.1.1"
    anoniem_toegestaan = False
    instellingen = factory.LazyAttribute(lambda o: INSTELLINGEN[o.soort])


class BijdrageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Bijdrage

    tekst = factory.Sequence(lambda n: f"Kaart {n}")
