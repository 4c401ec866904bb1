"""The visibility policy in real browsers (issue 13): a participant takes back what they sent
anonymously from their own phone, and the begeleider screens a hidden exercise without names."""

from playwright.sync_api import expect

from bijeenkomsten.models import Inbreng
from oefeningen import services
from oefeningen.models import Bijdrage
from tests.bijeenkomsten.factories import maak_bijeenkomst
from tests.e2e.conftest import PHONE, check_a11y, login, no_horizontal_scroll, screenshot, wait_until
from tests.e2e.test_fouten import settled
from tests.factories import LidmaatschapFactory, UserFactory
from tests.oefeningen.factories import OefeningFactory
from trajecten.models import Rol


def test_a_participant_changes_and_withdraws_an_anonymous_card_from_their_phone(
    page, context, live_server, world
):
    b = maak_bijeenkomst(world.traject, begeleider=world.alice, blokken=1, actief=True)
    page.set_viewport_size(PHONE)
    login(page, live_server, "bob")
    page.goto(f"{live_server.url}/bijeenkomsten/{b.pk}/meedoen/")
    expect(page.locator(".invoer-anoniem")).to_contain_text("tenzij je 'Anoniem versturen' aanvinkt")
    page.get_by_label("Jouw antwoord").fill("Ik durf het niet te zeggen")
    page.get_by_label("Anoniem versturen").check()
    page.get_by_role("button", name="Versturen").click()
    eigen = page.locator("#eigen-kaarten")
    expect(eigen).to_contain_text("Ik durf het niet te zeggen")
    expect(eigen).to_contain_text("alleen deze browser weet dat het van jou is")
    settled(page)

    # Refused (empty): the message by the field, the page whole, the rest kept.
    eigen.locator("summary", has_text="Aanpassen").click()
    veld = eigen.get_by_label("Nieuwe tekst")
    veld.fill("   ")
    eigen.get_by_role("button", name="Opslaan").click()
    expect(page.locator("#eigen-kaarten .invalid-feedback, #eigen-kaarten .is-invalid")).not_to_have_count(0)
    expect(page.locator("#eigen-kaarten")).to_contain_text("Typ eerst iets in het vak.")
    expect(page.locator("header nav")).to_be_visible()
    check_a11y(page, "own card refused")
    no_horizontal_scroll(page)
    screenshot(page, "eigen-kaart-fout")
    settled(page)

    # A lost connection: the typed change stays, and a retry sends it.
    veld = page.locator("#eigen-kaarten").get_by_label("Nieuwe tekst")
    veld.fill("Ik durf het bijna te zeggen")
    context.set_offline(True)
    page.locator("#eigen-kaarten").get_by_role("button", name="Opslaan").click()
    expect(page.locator("#fouten-melder")).to_contain_text("er is geen verbinding")
    assert (
        page.locator("#eigen-kaarten").get_by_label("Nieuwe tekst").input_value()
        == "Ik durf het bijna te zeggen"
    )
    context.set_offline(False)
    page.get_by_role("button", name="Opnieuw proberen").click()
    wait_until(page, "document.querySelector('#eigen-kaarten').textContent.includes('bijna')")
    settled(page)
    assert Inbreng.objects.get().tekst == "Ik durf het bijna te zeggen"

    page.locator("#eigen-kaarten").get_by_role("button", name="Intrekken").click()
    expect(page.locator("#eigen-kaarten")).not_to_contain_text("bijna")
    assert not Inbreng.objects.exists()


def test_the_begeleider_screens_a_hidden_exercise_without_names_and_the_team_reads_why(
    page, browser, live_server, world
):
    schrijver = UserFactory(username="wren", first_name="Wren")
    LidmaatschapFactory(user=schrijver, team=world.team, rol=Rol.TEAMLID)
    oefening = OefeningFactory(soort="kaarten", slug="e2e-geheim", titel="Wat houdt je tegen?")
    for tekst in ("Mijn cliënt Jansen zei iets akeligs", "Ik mis tijd"):
        services.bijdrage_toevoegen(
            traject=world.traject, oefening=oefening, auteur=schrijver, data={"tekst": tekst}
        )
    services.zichtbaarheid_zetten(traject=world.traject, oefening=oefening, verborgen=True)
    url = f"{live_server.url}/trajecten/{world.traject.pk}/oefeningen/e2e-geheim/"

    page.set_viewport_size(PHONE)
    login(page, live_server, "alice")
    page.goto(url)
    kaart = page.locator(".kaart, li", has_text="Mijn cliënt Jansen").first
    expect(kaart).to_contain_text("Naam verborgen tot onthullen")
    assert "Wren" not in page.locator("main").inner_text()
    kaart.get_by_text("Achterhouden").first.click()
    kaart.get_by_label("Reden om achter te houden").select_option("naam")
    kaart.get_by_role("button", name="Achterhouden").click()
    wait_until(page, "document.body.textContent.includes('De bijdrage is achtergehouden')")
    check_a11y(page, "screening")
    screenshot(page, "screening-begeleider")
    assert Bijdrage.objects.get(tekst__startswith="Mijn cliënt").achtergehouden == "naam"

    # Revealed: the team reads the other card and why one is held back, never its text.
    services.zichtbaarheid_zetten(traject=world.traject, oefening=oefening, verborgen=False)
    ctx = browser.new_context(viewport=PHONE, locale="nl-NL")
    bob = ctx.new_page()
    login(bob, live_server, "bob")
    bob.goto(url)
    expect(bob.locator("main")).to_contain_text("Ik mis tijd")
    expect(bob.locator(".achtergehouden-telling")).to_contain_text(
        "Er staat een naam van een cliënt of collega in"
    )
    assert "Jansen" not in bob.locator("main").inner_text()
    check_a11y(bob, "held back, team view")
    ctx.close()
