"""The interface language: Dutch unless the person chose otherwise, remembered for the account."""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.factories import PASSWORD
from trajecten.models import Taalkeuze


def log_in(client, username: str) -> Client:
    """Through the login form, as a person on a new phone does."""
    response = client.post("/account/inloggen/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def switch(client, language: str, next_url: str = "/"):
    response = client.post("/taal/", {"language": language, "next": next_url})
    assert response.status_code == 302
    return client


def test_it_is_dutch_whatever_the_browser_says(world, client):
    english_browser = world.client("teamlid", headers={"accept-language": "en-GB,en;q=0.9"})

    assert '<html lang="nl">' in english_browser.get("/").text
    assert '<html lang="nl">' in client.get("/account/inloggen/", headers={"accept-language": "en"}).text


def test_it_remembers_the_choice_for_the_account(world):
    laptop = switch(world.client("teamlid"), "en")
    assert Taalkeuze.objects.get(user=world.bob).taal == "en"
    laptop.post("/account/uitloggen/")

    phone = Client()  # another browser: no language cookie
    assert phone.cookies.get("django_language") is None
    log_in(phone, "bob")

    assert '<html lang="en">' in phone.get("/").text
    assert "My teams" in phone.get("/").text


def test_switching_back_is_remembered_too(world):
    switch(world.client("teamlid"), "en")
    switch(world.client("teamlid"), "nl")

    assert Taalkeuze.objects.get(user=world.bob).taal == "nl"
    assert '<html lang="nl">' in log_in(Client(), "bob").get("/").text


def test_the_accounts_choice_wins_over_the_browsers_cookie(world):
    Taalkeuze.objects.create(user=world.bob, taal="nl")
    client = switch(Client(), "en", "/account/inloggen/")
    log_in(client, "bob")

    assert '<html lang="nl">' in client.get("/").text


def test_anonymous_switching_stores_nothing(client, db):
    switch(client, "en", "/account/inloggen/")

    assert '<html lang="en">' in client.get("/account/inloggen/").text
    assert not Taalkeuze.objects.exists()


def test_a_login_through_the_form_applies_the_choice(world):
    Taalkeuze.objects.create(user=world.bob, taal="en")
    client = Client()
    response = client.post("/account/inloggen/", {"username": "bob", "password": PASSWORD}, follow=True)

    assert response.status_code == 200
    assert '<html lang="en">' in response.text


def test_an_unknown_language_is_not_stored(world):
    world.client("teamlid").post("/taal/", {"language": "xx", "next": "/"})

    assert not Taalkeuze.objects.exists()


def test_it_needs_no_query_for_the_language(world):
    client = switch(world.client("teamlid"), "en")
    with CaptureQueriesContext(connection) as queries:
        client.get("/toegankelijkheid/")

    assert not [q for q in queries.captured_queries if "taalkeuze" in q["sql"]]
