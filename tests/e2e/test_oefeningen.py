"""Exercises in real browsers: a begeleider and a team member working on the same exercises."""

from django.core.management import call_command

from oefeningen import services
from oefeningen.models import Bijdrage, Oefening, Stem
from tests.e2e.conftest import DESKTOP, PHONE, check_a11y, login, no_horizontal_scroll, screenshot, wait_until
from tests.oefeningen.factories import OefeningFactory


def test_two_people_add_cards_vote_and_see_each_other(page, browser, live_server, world):
    kaarten = OefeningFactory(soort="kaarten", anoniem_toegestaan=True)
    url = f"{live_server.url}/trajecten/{world.traject.pk}/oefeningen/{kaarten.slug}/"
    login(page, live_server, "bob")
    page.goto(url)
    check_a11y(page, "empty kaarten page")

    # Bob adds a card with the keyboard; htmx swaps it in without a page load.
    page.get_by_label("Sterkte").fill("We luisteren <b>echt</b> goed")
    page.get_by_role("button", name="Toevoegen").press("Enter")
    page.locator(".kaart-tekst", has_text="We luisteren <b>echt</b> goed").wait_for()
    assert page.locator("#meldingen").inner_text().strip() == "Je bijdrage is toegevoegd."
    # Focus is back in the input for the next card, not lost on <body>.
    wait_until(page, "document.activeElement && document.activeElement.name === 'tekst'", timeout=3000)
    assert page.get_by_label("Sterkte").input_value() == ""

    # Empty input: a message next to the field, swapped in place.
    page.get_by_role("button", name="Toevoegen").click()
    page.get_by_text("Vul hier iets in").wait_for()
    assert (
        page.get_by_label("Sterkte").get_attribute("aria-invalid") == "true"
        or page.locator(".is-invalid").count()
    )

    # Alice, in her own browser, sees Bob's card and adds one for the group from paper.
    other = browser.new_context(locale="nl-NL", viewport=DESKTOP)
    alice = other.new_page()
    login(alice, live_server, "alice")
    alice.goto(url)
    assert alice.locator(".kaart-tekst", has_text="We luisteren <b>echt</b> goed").is_visible()
    alice.get_by_label("Sterkte").fill("Van de flap: korte lijnen")
    alice.get_by_label("Geschreven op papier").check()
    alice.get_by_role("button", name="Toevoegen").click()
    alice.locator(".kaart-tekst", has_text="Van de flap: korte lijnen").wait_for()
    other.close()

    # Bob reloads, sees the paper card and votes on it.
    page.goto(url)
    card = page.locator(".kaart", has_text="Van de flap")
    assert "Op papier, namens de groep" in card.inner_text()
    card.get_by_role("button", name="Stem").click()
    page.get_by_text("Je hebt nog 2 stemmen over").wait_for()
    assert page.locator(".kaart", has_text="Van de flap").get_by_text("1 stem").is_visible()
    assert Stem.objects.filter(kiezer=world.bob).count() == 1
    assert Bijdrage.objects.filter(namens_groep=True, auteur=None).count() == 1
    page.mouse.move(0, 0)  # no hover state (mid-transition colours) under axe's contrast check
    check_a11y(page, "kaarten with cards")

    for name, size in (("telefoon", PHONE), ("desktop", DESKTOP)):
        page.set_viewport_size(size)
        page.goto(url)
        no_horizontal_scroll(page)
        screenshot(page, f"oefening-kaarten-{name}")


def test_shared_text_conflict_and_the_other_kinds_render_accessibly(page, live_server, world):
    tekst = OefeningFactory(soort="tekst")
    services.tekst_opslaan(
        traject=world.traject, oefening=tekst, tekst="Eerste versie", versie=0, door=world.alice
    )
    login(page, live_server, "bob")
    base = f"{live_server.url}/trajecten/{world.traject.pk}/oefeningen/"
    page.goto(f"{base}{tekst.slug}/")
    # Meanwhile Alice saves a newer version.
    services.tekst_opslaan(
        traject=world.traject, oefening=tekst, tekst="Versie van Alice", versie=1, door=world.alice
    )
    page.get_by_label("Jullie tekst").fill("Versie van Bob")
    page.get_by_role("button", name="Tekst opslaan").click()
    page.get_by_text("Je tekst is nog niet opgeslagen").wait_for()
    assert page.get_by_text("Versie van Alice").first.is_visible()
    assert page.get_by_label("Jullie tekst").input_value() == "Versie van Bob"
    wait_until(page, "document.activeElement.getAttribute('role') === 'alert'", timeout=3000)
    check_a11y(page, "text conflict")

    for soort in ("schaal", "keuze", "checklist", "tijdlijn", "kompas", "matrix"):
        oefening = OefeningFactory(soort=soort)
        page.set_viewport_size(PHONE)
        page.goto(f"{base}{oefening.slug}/")
        check_a11y(page, soort)
        no_horizontal_scroll(page)
    screenshot(page, "oefening-matrix-telefoon")
    page.set_viewport_size(DESKTOP)
    page.goto(base)
    check_a11y(page, "overzicht")
    screenshot(page, "oefeningen-overzicht-desktop")


def test_one_exercise_of_each_kind_filled_in_and_seen_by_the_begeleider(
    page, browser, live_server, world, settings
):
    settings.COCREATIE_GROEP_MINIMUM = 1  # each kind's result as the begeleider reads it (one person)
    oef = {
        soort: OefeningFactory(soort=soort)
        for soort in ("schaal", "keuze", "checklist", "tijdlijn", "kompas", "matrix")
    }
    base = f"{live_server.url}/trajecten/{world.traject.pk}/oefeningen/"
    login(page, live_server, "bob")

    def submit(soort, button="Toevoegen"):
        page.locator("#werkblad").get_by_role("button", name=button, exact=True).click()
        page.locator("#meldingen .alert-success").wait_for()

    page.goto(base + oef["schaal"].slug + "/")
    page.locator("#id_item_ervaring_4").check()
    page.locator("#id_item_professioneel_2").check()
    submit("schaal", "Opslaan")
    assert page.locator("#id_item_ervaring_4").is_checked()  # the swapped form shows the saved answer

    page.goto(base + oef["keuze"].slug + "/")
    page.get_by_role("radio", name="Betaald").check()
    page.get_by_label("Waarom?").fill("Werk verdient loon")
    submit("keuze", "Opslaan")

    page.goto(base + oef["checklist"].slug + "/")
    page.get_by_role("checkbox", name="Ervaringsdeskundige").check()
    page.get_by_role("checkbox", name="Cliënt").check()
    submit("checklist", "Opslaan")

    page.goto(base + oef["tijdlijn"].slug + "/")
    page.get_by_label("Wanneer?").fill("2019-03-01")
    page.get_by_label("Wat gebeurde er?").fill("Start van het outreachteam")
    page.get_by_label("Wat betekende het voor ons?").fill("We leerden luisteren")
    submit("tijdlijn")
    page.get_by_text("1 maart 2019").wait_for()

    page.goto(base + oef["kompas"].slug + "/")
    page.get_by_label("Richting", exact=True).select_option("oost")
    page.get_by_label("Kaart", exact=True).fill("De gemeente denkt mee")
    submit("kompas")

    page.goto(base + oef["matrix"].slug + "/")
    page.get_by_label("Mandaat", exact=True).select_option("formeel")
    page.get_by_label("Waar", exact=True).select_option("team")
    page.get_by_label("Kaart", exact=True).fill("Mag meebeslissen in het teamoverleg")
    submit("matrix")
    # Deleting asks first; Playwright dismisses the dialog, so nothing is deleted.
    page.locator(".kaart", has_text="Mag meebeslissen").get_by_role("button", name="Verwijderen").click()
    page.wait_for_timeout(300)
    assert page.locator(".kaart", has_text="Mag meebeslissen").count() == 1

    other = browser.new_context(locale="nl-NL", viewport=DESKTOP)
    alice = other.new_page()
    login(alice, live_server, "alice")
    expected = {
        "schaal": "gemiddeld 4",
        "keuze": "Werk verdient loon",
        "checklist": "Ervaringsdeskundige",
        "tijdlijn": "Start van het outreachteam",
        "kompas": "De gemeente denkt mee",
        "matrix": "Mag meebeslissen in het teamoverleg",
    }
    for soort, text in expected.items():
        alice.goto(base + oef[soort].slug + "/")
        assert text in alice.locator(".teamweergave").inner_text(), soort
    check_a11y(alice, "matrix with a card")
    other.close()


def test_a_teamlid_votes_on_the_real_compass_in_the_books_order(page, live_server, world):
    call_command("inhoud_laden", verbosity=0)
    kompas = Oefening.objects.get(slug="blik-op-morgen-kompas")
    for richting, tekst in (("zuid", "Kleine successen vieren"), ("west", "Te weinig uren")):
        services.bijdrage_toevoegen(
            traject=world.traject,
            oefening=kompas,
            auteur=world.alice,
            data={"item": richting, "tekst": tekst},
        )
    login(page, live_server, "bob")
    page.goto(f"{live_server.url}/trajecten/{world.traject.pk}/oefeningen/{kompas.slug}/")
    koppen = page.locator(".kompas-richting h3").all_inner_texts()
    assert [k.split(":")[0] for k in koppen] == ["Noord", "Oost", "West", "Zuid"]
    page.locator(".kaart", has_text="Te weinig uren").get_by_role("button", name="Stem").click()
    page.get_by_text("Je hebt nog 7 stemmen over (van de 8).").wait_for()
    assert page.locator(".kaart", has_text="Te weinig uren").get_by_text("1 stem").is_visible()
    assert page.locator("#meldingen").inner_text().strip() == "Je stem is geteld."
    page.locator(".kaart", has_text="Te weinig uren").get_by_role("button", name="Stem weghalen").click()
    page.get_by_text("Je hebt nog 8 stemmen over (van de 8).").wait_for()
    assert not Stem.objects.exists()
    page.mouse.move(0, 0)
    check_a11y(page, "kompas with votes")
    for size in (PHONE, DESKTOP):
        page.set_viewport_size(size)
        no_horizontal_scroll(page)
