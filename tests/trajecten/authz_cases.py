from tests.authz import (
    ALLEEN_BEGELEIDER,
    ALLEEN_POST,
    LEZEN_LEDEN,
    Case,
    expect,
    success_as,
)
from trajecten.models import Lidmaatschap, Rol, Uitnodiging
from trajecten.services import herstel_aanmaken

ALL = {"anoniem": 200, "buitenstaander": 200, "teamlid": 200, "begeleider": 200, "leidinggevende": 200}
LOGGED_IN = expect(ALL, anoniem=302)
ONLY_MANAGER = {
    "anoniem": 302,
    "buitenstaander": 404,
    "teamlid": 404,
    "begeleider": 404,
    "leidinggevende": 200,
}


def _invite(world):
    return Uitnodiging.objects.create(team=world.team, rol=Rol.TEAMLID, aangemaakt_door=world.alice)


def _team_data(world):
    return {"naam": "Nieuwe naam", "sector": "ggz"}


def _traject_data(world):
    return {"titel": "Nieuw traject", "startdatum": "2026-12-01", "status": "gepland"}


def _lid_bob(world):
    return Lidmaatschap.objects.get(team=world.team, user=world.bob)


def _herstel(world):
    world.herstel_token = herstel_aanmaken(door=world.alice, voor=world.bob)[1]


NIEUW_WACHTWOORD = {"new_password1": "Zonnebloem-Fiets-42", "new_password2": "Zonnebloem-Fiets-42"}

CASES = [
    Case(
        "login",
        "get",
        lambda w: "/account/inloggen/",
        expect(ALL, buitenstaander=302, teamlid=302, begeleider=302, leidinggevende=302),
    ),
    Case("logout", "post", lambda w: "/account/uitloggen/", {a: 302 for a in ALL}),
    Case("logout", "get", lambda w: "/account/uitloggen/", {a: 405 for a in ALL}, id="GET logout"),
    Case("password_change", "get", lambda w: "/account/wachtwoord/", LOGGED_IN),
    Case("password_change_done", "get", lambda w: "/account/wachtwoord/gewijzigd/", LOGGED_IN),
    # set_language only acts on POST; a GET just redirects back without changing anything.
    Case(
        "set_language",
        "post",
        lambda w: "/taal/",
        {a: 302 for a in ALL},
        data=lambda w: {"language": "en", "next": "/"},
    ),
    Case("gezond", "get", lambda w: "/gezond/", ALL),
    Case("toegankelijkheid", "get", lambda w: "/toegankelijkheid/", ALL),
    Case("trajecten:mijn_teams", "get", lambda w: "/", LOGGED_IN),
    Case("trajecten:organisatie", "get", lambda w: f"/organisaties/{w.org.pk}/", ONLY_MANAGER),
    Case(
        "trajecten:team_nieuw",
        "post",
        lambda w: f"/organisaties/{w.org.pk}/teams/nieuw/",
        success_as(ONLY_MANAGER, 302),
        data=_team_data,
    ),
    Case(
        "trajecten:team_nieuw",
        "get",
        lambda w: f"/organisaties/{w.org.pk}/teams/nieuw/",
        ALLEEN_POST,
        id="GET team_nieuw",
    ),
    Case("trajecten:team", "get", lambda w: f"/teams/{w.team.pk}/", LEZEN_LEDEN),
    Case(
        "trajecten:team_bewerken",
        "post",
        lambda w: f"/teams/{w.team.pk}/bewerken/",
        success_as(ALLEEN_BEGELEIDER, 302),
        data=_team_data,
    ),
    Case(
        "trajecten:team_bewerken",
        "get",
        lambda w: f"/teams/{w.team.pk}/bewerken/",
        ALLEEN_POST,
        id="GET team_bewerken",
    ),
    Case(
        "trajecten:uitnodiging_nieuw",
        "post",
        lambda w: f"/teams/{w.team.pk}/uitnodigingen/",
        success_as(ALLEEN_BEGELEIDER, 302),
        data=lambda w: {"rol": "teamlid", "max_gebruik": 1, "dagen_geldig": 7},
    ),
    Case(
        "trajecten:uitnodiging_nieuw",
        "get",
        lambda w: f"/teams/{w.team.pk}/uitnodigingen/",
        ALLEEN_POST,
        id="GET uitnodiging_nieuw",
    ),
    Case(
        "trajecten:uitnodiging_intrekken",
        "post",
        lambda w: f"/teams/{w.team.pk}/uitnodigingen/{w.invite.pk}/intrekken/",
        success_as(ALLEEN_BEGELEIDER, 302),
        setup=lambda w: setattr(w, "invite", _invite(w)),
    ),
    Case(
        "trajecten:uitnodiging_intrekken",
        "get",
        lambda w: f"/teams/{w.team.pk}/uitnodigingen/{w.invite.pk}/intrekken/",
        ALLEEN_POST,
        setup=lambda w: setattr(w, "invite", _invite(w)),
        id="GET uitnodiging_intrekken",
    ),
    Case(
        "trajecten:traject_nieuw", "get", lambda w: f"/teams/{w.team.pk}/trajecten/nieuw/", ALLEEN_BEGELEIDER
    ),
    Case(
        "trajecten:traject_nieuw",
        "post",
        lambda w: f"/teams/{w.team.pk}/trajecten/nieuw/",
        success_as(ALLEEN_BEGELEIDER, 302),
        data=_traject_data,
    ),
    Case("trajecten:traject", "get", lambda w: f"/trajecten/{w.traject.pk}/", LEZEN_LEDEN),
    Case(
        "trajecten:traject_bewerken",
        "get",
        lambda w: f"/trajecten/{w.traject.pk}/bewerken/",
        ALLEEN_BEGELEIDER,
    ),
    Case(
        "trajecten:traject_bewerken",
        "post",
        lambda w: f"/trajecten/{w.traject.pk}/bewerken/",
        success_as(ALLEEN_BEGELEIDER, 302),
        data=_traject_data,
    ),
    # An invite link is public by design; members are sent on to their team.
    Case(
        "trajecten:uitnodiging",
        "get",
        lambda w: f"/uitnodiging/{w.invite.token}/",
        expect(ALL, teamlid=302, begeleider=302),
        setup=lambda w: setattr(w, "invite", _invite(w)),
    ),
    # Getting back in (trajecten/herstel.py): a begeleider's password link for a teamlid ...
    Case(
        "trajecten:herstel_nieuw",
        "post",
        lambda w: f"/teams/{w.team.pk}/leden/{_lid_bob(w).pk}/wachtwoord/",
        ALLEEN_BEGELEIDER,
    ),
    Case(
        "trajecten:herstel_nieuw",
        "get",
        lambda w: f"/teams/{w.team.pk}/leden/{_lid_bob(w).pk}/wachtwoord/",
        ALLEEN_POST,
        id="GET herstel_nieuw",
    ),
    # ... which whoever holds it may open, logged in or not (it is the key, like an invite).
    Case("trajecten:herstel", "get", lambda w: f"/wachtwoord/nieuw/{w.herstel_token}/", ALL, setup=_herstel),
    Case(
        "trajecten:herstel",
        "post",
        lambda w: f"/wachtwoord/nieuw/{w.herstel_token}/",
        {a: 302 for a in ALL},
        data=lambda w: NIEUW_WACHTWOORD,
        setup=_herstel,
    ),
    # ... and Django's reset by e-mail, open to everyone.
    Case("password_reset", "get", lambda w: "/account/wachtwoord-vergeten/", ALL),
    Case(
        "password_reset",
        "post",
        lambda w: "/account/wachtwoord-vergeten/",
        {a: 302 for a in ALL},
        data=lambda w: {"email": "bob@example.com"},
    ),
    Case("password_reset_done", "get", lambda w: "/account/wachtwoord-vergeten/verstuurd/", ALL),
    Case("password_reset_confirm", "get", lambda w: "/account/wachtwoord-vergeten/Mg/abc-def/", ALL),
    Case("password_reset_complete", "get", lambda w: "/account/wachtwoord-vergeten/klaar/", ALL),
]
