from decimal import Decimal

import factory

from ervaringsdeskundigen.models import Plek, Positie, Statuut, WervingStap
from tests.factories import TrajectFactory


class PlekFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plek

    traject = factory.SubFactory(TrajectFactory)
    titel = factory.Sequence(lambda n: f"Ervaringsdeskundige {n}")
    statuut = Statuut.BETAALD
    uren_per_week = Decimal(16)
    positie = Positie.EIGEN_TEAM
    leidinggevende_naam = "Lia Leiding"
    maatje = "Mo Maatje"
    rollen_boek = ["hoopgever"]
    rollen_handreiking = ["ondersteuner"]
    werkvelden = ["hulpverlening"]


def open_plek(traject, **kwargs):
    plek = PlekFactory(traject=traject, ervaringsdeskundige=None, **kwargs)
    WervingStap.objects.bulk_create([WervingStap(plek=plek, stap=s) for s in WervingStap.Stap.values])
    return plek
