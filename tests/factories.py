"""Flat factories for the hub's models. Apps add their own in tests/<app>/factories.py."""

from datetime import date

import factory
from django.contrib.auth import get_user_model

from trajecten.models import Lidmaatschap, Organisatie, Perspectief, Rol, Sector, Team, Traject

PASSWORD = "geheim-wachtwoord-123"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"persoon{n}")
    first_name = factory.Faker("first_name", locale="nl_NL")
    password = factory.django.Password(PASSWORD)


class OrganisatieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisatie

    naam = factory.Sequence(lambda n: f"Organisatie {n}")


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    organisatie = factory.SubFactory(OrganisatieFactory)
    naam = factory.Sequence(lambda n: f"Team {n}")
    sector = Sector.GGZ


class LidmaatschapFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lidmaatschap

    user = factory.SubFactory(UserFactory)
    team = factory.SubFactory(TeamFactory)
    rol = Rol.TEAMLID
    perspectief = Perspectief.PROFESSIONAL


class TrajectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Traject

    team = factory.SubFactory(TeamFactory)
    titel = factory.Sequence(lambda n: f"Traject {n}")
    startdatum = date(2026, 9, 1)
    status = Traject.Status.ACTIEF
