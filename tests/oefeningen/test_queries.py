"""The exercise page, the overview and the trajectory page do not grow with cards, votes or members."""

import pytest

from oefeningen.models import Bijdrage, Stem
from tests.oefeningen.conftest import add_members
from trajecten.models import Perspectief

ITEM = {
    "kompas": "noord",
    "schaal": "ervaring",
    "checklist": "ed",
    "keuze": "betaald",
    "matrix": "formeel|team",
}


def _fill(world, oefening, n_cards, n_members):
    members = [
        world.bob,
        *add_members(world, n_members, Perspectief.ERVARINGSDESKUNDIGE, prefix=f"q{n_cards}"),
    ]
    cards = Bijdrage.objects.bulk_create(
        [
            Bijdrage(
                traject=world.traject,
                oefening=oefening,
                auteur=members[i % len(members)],
                tekst=f"kaart {i}",
                item=ITEM.get(oefening.soort, ""),
                waarde=3 if oefening.soort == "schaal" else None,
            )
            for i in range(n_cards)
        ]
    )
    Stem.objects.bulk_create(
        [
            Stem(
                traject=world.traject,
                oefening=oefening,
                bijdrage=cards[(i * 7) % len(cards)],
                kiezer=m,
                plek=p,
            )
            for i, m in enumerate(members)
            for p in (1, 2, 3)
            if len(cards) > 3
        ],
        ignore_conflicts=True,
    )
    return cards


def _count(world, url, actor, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = world.client(actor)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("soort", ["kaarten", "schaal", "kompas", "checklist", "keuze", "matrix", "tijdlijn"])
@pytest.mark.parametrize("actor", ["teamlid", "begeleider"])
def test_the_exercise_page_uses_a_fixed_number_of_queries(
    world, oef, soort, actor, django_assert_num_queries
):
    oefening = oef(soort)
    url = f"/trajecten/{world.traject.pk}/oefeningen/{oefening.slug}/"
    _fill(world, oefening, 5, 2)
    small = _count(world, url, actor, None)
    _fill(world, oefening, 495, 60)
    assert Bijdrage.objects.count() == 500
    client = world.client(actor)
    with django_assert_num_queries(small):
        response = client.get(url)
    if soort in ("kaarten", "kompas", "matrix", "tijdlijn"):
        assert response.content.count(b'class="kaart') >= 500
    if soort in ("kaarten", "kompas"):  # the dots are on: each card has its vote control
        assert response.content.count(b"stemmen-telling") == 500
    elif soort == "schaal":
        assert b"gemiddeld 3" in response.content
    assert small <= 12


def test_the_overview_and_trajectory_page_use_a_fixed_number_of_queries(
    world, oef, django_assert_num_queries
):
    kaarten, tekst = oef("kaarten"), oef("tekst")
    urls = [f"/trajecten/{world.traject.pk}/oefeningen/", f"/trajecten/{world.traject.pk}/"]
    _fill(world, kaarten, 5, 2)
    small = [_count(world, url, "teamlid", None) for url in urls]
    _fill(world, kaarten, 495, 60)
    Bijdrage.objects.create(traject=world.traject, oefening=tekst, auteur=world.bob, tekst="x")
    client = world.client("teamlid")
    for url, n in zip(urls, small, strict=True):
        with django_assert_num_queries(n):
            assert client.get(url).status_code == 200


def _receipt(client, user, ids):
    """The browser's signed receipt of anonymous contributions (trajecten.zichtbaarheid)."""
    from django.core import signing

    from trajecten import zichtbaarheid

    client.cookies[zichtbaarheid.BEWIJS_COOKIE] = signing.dumps(
        {"u": user.pk, "b": list(ids), "i": []}, salt=zichtbaarheid.BEWIJS_ZOUT, compress=True
    )


@pytest.mark.parametrize("verborgen", [False, True])
@pytest.mark.parametrize("actor", ["teamlid", "begeleider"])
def test_the_visibility_policy_adds_no_query_per_card(
    world, oef, actor, verborgen, django_assert_num_queries
):
    """Anonymous cards with this browser's receipts, held-back cards, a hidden exercise being
    screened: the same queries at 5 cards as at 500."""
    from oefeningen import services
    from oefeningen.models import Achterhouden

    oefening = oef("kaarten", anoniem_toegestaan=True)
    url = f"/trajecten/{world.traject.pk}/oefeningen/{oefening.slug}/"
    services.zichtbaarheid_zetten(traject=world.traject, oefening=oefening, verborgen=verborgen)

    def grow(n):
        cards = _fill(world, oefening, n, 2)
        anoniem = [c.pk for c in cards[::2]]
        Bijdrage.objects.filter(pk__in=anoniem).update(auteur=None)
        Bijdrage.objects.filter(pk__in=[c.pk for c in cards[1::5]]).update(achtergehouden=Achterhouden.NAAM)
        return anoniem

    client = world.client(actor)
    eigen = grow(5)
    _receipt(client, world.user(actor), eigen)
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    eigen += grow(495)
    _receipt(client, world.user(actor), eigen)
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(url)
    tekst = response.content.decode()
    if actor == "teamlid":
        assert "alleen jij ziet dat dit van jou is" in tekst  # the receipts were read
        # Others' held-back cards are counted once the exercise is revealed (before, only one's own show).
        assert ("De begeleider houdt een paar bijdragen achter" in tekst) is not verborgen
    else:
        assert ("Naam verborgen tot onthullen" in tekst) is verborgen
