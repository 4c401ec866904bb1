from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from trajecten.models import Lidmaatschap, Organisatie, Team, Traject


def _counts():
    return (
        get_user_model().objects.count(),
        Organisatie.objects.count(),
        Team.objects.count(),
        Lidmaatschap.objects.count(),
        Traject.objects.count(),
    )


def test_the_demo_creates_the_documented_users_and_is_idempotent(db, settings, capsys):
    settings.DEBUG = True
    call_command("demo")
    first = _counts()
    call_command("demo")
    assert _counts() == first
    out = capsys.readouterr().out
    for name in ("begeleider", "teamlid", "manager", "buitenstaander"):
        assert name in out


def test_demo_users_see_their_teams_and_nothing_else(db, settings):
    settings.DEBUG = True
    call_command("demo")
    seen = {}
    for name in ("begeleider", "teamlid", "manager", "buitenstaander"):
        client = Client()
        assert client.post("/account/inloggen/", {"username": name, "password": "demo"}).status_code == 302
        body = client.get("/").content.decode()
        seen[name] = {t for t in ("Herstel Noord", "Jongeren Zuid", "Schuldhulp West") if t in body}
    assert seen == {
        "begeleider": {"Herstel Noord", "Jongeren Zuid"},
        "teamlid": {"Herstel Noord"},
        "manager": {"Herstel Noord", "Jongeren Zuid"},
        "buitenstaander": {"Schuldhulp West"},
    }
