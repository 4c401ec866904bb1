"""Getting back in (issue 18): a begeleider's one-time password link, and the reset by e-mail."""

import hashlib
import re
from datetime import timedelta
from urllib.parse import urlparse

import pytest
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.test import Client

from tests.factories import PASSWORD, LidmaatschapFactory, TeamFactory, UserFactory
from trajecten import herstel
from trajecten.models import Lidmaatschap, Rol, WachtwoordHerstel
from trajecten.services import persoon_wissen, persoonsgegevens_export

NIEUW = "Zonnebloem-Fiets-42"


def _werkt(username, password) -> bool:
    """The password works at the login page (through django-axes, as a person logs in)."""
    return (
        Client().post("/account/inloggen/", {"username": username, "password": password}).status_code == 302
    )


def _lid(world, user=None):
    return Lidmaatschap.objects.get(team=world.team, user=user or world.bob)


def _issue(world, actor="begeleider", lid=None, team=None):
    lid = lid or _lid(world)
    team = team or world.team
    return world.client(actor).post(f"/teams/{team.pk}/leden/{lid.pk}/wachtwoord/")


def _path(response) -> str:
    return urlparse(response.context["link"]).path


def _set(client, path, password=NIEUW):
    return client.post(path, {"new_password1": password, "new_password2": password})


def test_a_begeleider_issues_a_link_that_works_once_and_logs_the_member_in(world):
    response = _issue(world)
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    body = response.content.decode()
    assert "één keer" in body and "30 minuten" in body
    assert (
        '<svg class="qr" role="img" aria-label="QR-code met de link voor een nieuw wachtwoord voor Bob"'
        in body
    )
    path = _path(response)
    assert path in body  # the link as text: the QR code's alternative

    member = Client()
    page = member.get(path)
    assert page.status_code == 200
    assert "bob" in page.content.decode()  # whose account it is, in case they forgot that too
    done = _set(member, path)
    assert done.status_code == 302 and done["Location"] == "/"
    assert member.session[SESSION_KEY] == str(world.bob.pk)
    assert _werkt("bob", NIEUW)

    again = Client()
    refused = again.get(path)
    assert refused.status_code == 410
    assert "al gebruikt" in refused.content.decode()
    assert _set(again, path, "Ander-Wachtwoord-77").status_code == 410
    assert _werkt("bob", NIEUW)

    row = WachtwoordHerstel.objects.get()
    assert (row.voor, row.aangemaakt_door) == (world.bob, world.alice)
    assert row.gebruikt_op is not None


def test_only_a_hash_of_the_token_is_stored(world):
    token = _path(_issue(world)).rstrip("/").rsplit("/", 1)[1]
    row = WachtwoordHerstel.objects.get()
    assert row.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in row.token_hash


def test_a_link_older_than_30_minutes_is_refused(world):
    path = _path(_issue(world))
    WachtwoordHerstel.objects.update(
        aangemaakt_op=WachtwoordHerstel.objects.get().aangemaakt_op - timedelta(minutes=31)
    )
    client = Client()
    response = client.get(path)
    assert response.status_code == 410
    assert "verlopen" in response.content.decode()
    assert _set(client, path).status_code == 410
    assert _werkt("bob", PASSWORD)


def test_a_new_link_replaces_the_older_open_one(world):
    first = _path(_issue(world))
    second = _path(_issue(world))
    response = Client().get(first)
    assert response.status_code == 410
    assert "nieuwere link" in response.content.decode()
    assert Client().get(second).status_code == 200


def test_a_weak_or_mismatched_password_is_refused_in_dutch_and_the_link_keeps_working(world):
    path = _path(_issue(world))
    client = Client()
    response = client.post(path, {"new_password1": NIEUW, "new_password2": NIEUW + "x"})
    assert response.status_code == 400
    assert "komen niet overeen" in response.content.decode()
    assert _set(client, path, "12345678").status_code == 400
    assert _set(client, path).status_code == 302


def test_setting_the_password_ends_the_members_other_sessions(world):
    elsewhere = world.client("teamlid")
    assert elsewhere.get("/").status_code == 200
    assert _set(Client(), _path(_issue(world))).status_code == 302
    response = elsewhere.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/account/inloggen/")


def _login(client, password=NIEUW):
    return client.post("/account/inloggen/", {"username": "bob", "password": password}, follow=True)


def test_the_next_login_says_once_who_reset_the_password_and_when(world):
    path = _path(_issue(world))
    # The login made by the link itself is not "the next login": whoever used it is not told.
    after_link = Client().post(path, {"new_password1": NIEUW, "new_password2": NIEUW}, follow=True)
    assert "opnieuw ingesteld via" not in after_link.content.decode()
    assert "Je nieuwe wachtwoord is opgeslagen" in after_link.content.decode()

    body = _login(Client()).content.decode()
    assert re.search(
        r"Je wachtwoord is op \d{1,2} \w+ om \d\d:\d\d opnieuw ingesteld via Alice \(begeleider\)\. "
        r"Was jij dit niet\? Zeg het tegen je begeleider of leidinggevende\.",
        body,
    ), body
    assert WachtwoordHerstel.objects.get().gemeld_op is not None
    assert "opnieuw ingesteld via" not in _login(Client()).content.decode()


def test_the_team_page_offers_the_button_only_for_members_it_may_reset(world):
    other_begeleider = UserFactory(username="dora", first_name="Dora")
    LidmaatschapFactory(user=other_begeleider, team=world.team, rol=Rol.BEGELEIDER)
    body = world.client("begeleider").get(f"/teams/{world.team.pk}/").content.decode()
    assert f"/leden/{_lid(world).pk}/wachtwoord/" in body
    assert f"/leden/{_lid(world, world.alice).pk}/wachtwoord/" not in body
    assert f"/leden/{_lid(world, other_begeleider).pk}/wachtwoord/" not in body
    assert "/wachtwoord/" not in world.client("teamlid").get(
        f"/teams/{world.team.pk}/"
    ).content.decode().replace('href="/account/wachtwoord/"', "")


def _guest(world):
    guest = UserFactory(username="gast-123", first_name="Gast")
    guest.set_unusable_password()
    guest.save()
    return LidmaatschapFactory(user=guest, team=world.team, rol=Rol.TEAMLID)


def _leader_elsewhere(world):
    person = UserFactory(username="lena", first_name="Lena")
    LidmaatschapFactory(user=person, team=TeamFactory(organisatie=world.org), rol=Rol.BEGELEIDER)
    return LidmaatschapFactory(user=person, team=world.team, rol=Rol.TEAMLID)


def _manager_member(world):
    world.org.leidinggevenden.add(world.bob)
    return _lid(world)


@pytest.mark.parametrize(
    "target",
    [
        pytest.param(lambda w: _lid(w, w.alice), id="herself"),
        pytest.param(_guest, id="a guest without a password"),
        pytest.param(_leader_elsewhere, id="a begeleider of another team"),
        pytest.param(_manager_member, id="a leidinggevende"),
        pytest.param(lambda w: Lidmaatschap.objects.get(user=w.charlie), id="a member of another team"),
    ],
)
def test_a_begeleider_cannot_reset_who_is_not_a_plain_member_of_the_team(world, target):
    assert _issue(world, lid=target(world)).status_code == 404
    assert not WachtwoordHerstel.objects.exists()


def test_people_without_the_begeleider_role_cannot_issue_a_link(world):
    assert _issue(world, actor="buitenstaander").status_code == 404
    assert _issue(world, actor="teamlid").status_code == 403
    assert _issue(world, actor="leidinggevende").status_code == 403
    assert _issue(world, actor="anoniem").status_code == 302
    # charlie, begeleider of his own team, cannot reset bob through his team either
    assert _issue(world, actor="buitenstaander", team=world.other_team).status_code == 404
    assert not WachtwoordHerstel.objects.exists()


def test_issuing_is_throttled_per_begeleider(world, monkeypatch):
    monkeypatch.setattr(herstel, "LINKS_PER_BEGELEIDER", 2)
    assert _issue(world).status_code == 200
    assert _issue(world).status_code == 200
    response = _issue(world)
    assert response.status_code == 429
    assert "over een uur opnieuw" in response.content.decode()
    assert WachtwoordHerstel.objects.count() == 2


@pytest.mark.parametrize("token", ["x", "a" * 500, "%00", "../../etc"])
def test_a_garbage_token_answers_404_never_5xx(world, token):
    client = Client()
    assert client.get(f"/wachtwoord/nieuw/{token}/").status_code == 404
    assert _set(client, f"/wachtwoord/nieuw/{token}/").status_code == 404


def test_the_audit_trail_is_read_only_in_the_admin(world, admin_client):
    _issue(world)
    assert admin_client.get("/beheer/trajecten/wachtwoordherstel/").status_code == 200
    assert admin_client.get("/beheer/trajecten/wachtwoordherstel/add/").status_code == 403


# Reset by e-mail (Django's own views, our templates).


def _ask(email, ip="10.0.0.1"):
    return Client().post("/account/wachtwoord-vergeten/", {"email": email}, REMOTE_ADDR=ip)


def test_a_known_address_gets_a_mail_whose_link_sets_the_password(world):
    world.bob.email = "bob@example.com"
    world.bob.save()
    response = _ask("Bob@Example.com")
    assert response.status_code == 302
    assert response["Location"] == "/account/wachtwoord-vergeten/verstuurd/"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["bob@example.com"]
    assert message.subject == "Een nieuw wachtwoord voor Cocreatie"
    assert "Je gebruikersnaam is: bob" in message.body
    link = re.search(r"http://testserver(/account/wachtwoord-vergeten/\S+/\S+/)", message.body).group(1)

    client = Client()
    form = client.get(link, follow=True)
    assert "Kies een nieuw wachtwoord" in form.content.decode()
    done = _set(client, form.redirect_chain[-1][0])
    assert done["Location"] == "/account/wachtwoord-vergeten/klaar/"
    assert _werkt("bob", NIEUW)
    assert "werkt niet" in Client().get(link, follow=True).content.decode()


def test_an_unknown_address_gets_the_same_page_and_no_mail(world):
    known = Client().post("/account/wachtwoord-vergeten/", {"email": "bob@example.com"}, follow=True)
    unknown = Client().post("/account/wachtwoord-vergeten/", {"email": "niemand@example.com"}, follow=True)
    assert mail.outbox == []
    assert unknown.redirect_chain == known.redirect_chain
    assert "Is er een account met dit e-mailadres?" in unknown.content.decode()


def test_mail_requests_are_throttled_per_address_whether_or_not_an_account_has_it(world):
    world.bob.email = "bob@example.com"
    world.bob.save()
    for email in ("bob@example.com", "niemand@example.com"):
        for i in range(herstel.MAILS_PER_EMAIL):
            assert _ask(email, ip=f"10.0.1.{i}").status_code == 302
        response = _ask(email.upper(), ip="10.0.2.1")
        assert response.status_code == 429
        assert "te vaak een nieuw wachtwoord gevraagd" in response.content.decode()
    assert len(mail.outbox) == herstel.MAILS_PER_EMAIL


def test_mail_requests_are_throttled_per_client_address(world, monkeypatch):
    monkeypatch.setattr(herstel, "MAILS_PER_ADRES", 2)
    assert _ask("a@example.com").status_code == 302
    assert _ask("b@example.com").status_code == 302
    assert _ask("c@example.com").status_code == 429
    assert _ask("c@example.com", ip="10.0.0.2").status_code == 302


def test_a_forwarded_address_is_believed_only_from_our_proxies(world, monkeypatch, settings):
    monkeypatch.setattr(herstel, "MAILS_PER_ADRES", 1)
    settings.TRUSTED_PROXIES = []
    client = Client()
    post = {"path": "/account/wachtwoord-vergeten/", "REMOTE_ADDR": "127.0.0.1"}
    assert (
        client.post(data={"email": "a@example.com"}, HTTP_X_FORWARDED_FOR="10.8.8.8", **post).status_code
        == 302
    )
    assert (
        client.post(data={"email": "b@example.com"}, HTTP_X_FORWARDED_FOR="10.8.8.9", **post).status_code
        == 429
    )


def test_a_garbage_reset_link_says_it_does_not_work(world):
    response = Client().get("/account/wachtwoord-vergeten/abc/def-ghi/", follow=True)
    assert response.status_code == 200
    assert "Deze link werkt niet" in response.content.decode()


def test_the_login_page_says_how_to_get_back_in(db):
    body = Client().get("/account/inloggen/").content.decode()
    assert 'href="/account/wachtwoord-vergeten/"' in body
    assert "Wachtwoord vergeten?" in body
    assert "vraag je je begeleider om een nieuwe link" in body


def test_when_the_begeleider_was_erased_the_notice_still_comes_without_a_name(world):
    assert _set(Client(), _path(_issue(world))).status_code == 302
    persoon_wissen(world.alice)
    row = WachtwoordHerstel.objects.get()
    assert row.aangemaakt_door is None and row.gebruikt_op is not None  # the trail stays
    body = _login(Client()).content.decode()
    assert "opnieuw ingesteld via een begeleider." in body


def test_the_members_export_holds_their_password_links(world):
    _issue(world)
    [entry] = persoonsgegevens_export(world.bob)["trajecten.WachtwoordHerstel"]
    assert entry["aangemaakt_door"] == "alice" and entry["gebruikt_op"] is None
