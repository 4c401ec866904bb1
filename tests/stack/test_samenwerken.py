"""Working together through nginx while requests land on different app processes:
exercise cards and shared texts (oefeningen) and a live session (bijeenkomsten), including an
app process stopped and started in the middle of the session."""

import html
import re
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

from tests.stack.conftest import PARTICIPANTS, stack_cache, wait_until

KAARTEN = "context-sterktes"  # a cards exercise
TEKST = "context-structuur"  # a shared-text exercise


def _both(stack) -> set[str]:
    return {f"127.0.0.1:{port}" for port in stack.app_ports}


def test_cards_from_participants_on_both_processes_appear_for_everyone(stack, people):
    traject = stack.seed["traject"]
    url = f"/trajecten/{traject}/oefeningen/{KAARTEN}/"
    writers = ["begeleider", *PARTICIPANTS]
    cards = {name: [f"Sterkte {n} van {name} {uuid.uuid4().hex[:6]}" for n in range(3)] for name in writers}

    def write(name):
        client = people[name]
        return [client.post(url + "bijdragen/", {"tekst": card}) for card in cards[name]]

    with ThreadPoolExecutor(len(writers)) as pool:
        responses = [r for batch in pool.map(write, writers) for r in batch]
    assert [r.status for r in responses] == [302] * len(responses)
    assert {r.upstream for r in responses} == _both(stack), "writes landed on both app processes"

    everything = [card for batch in cards.values() for card in batch]
    for name in writers:
        seen = set()
        for _ in range(2):
            page = people[name].get(url)
            assert page.status == 200
            seen.add(page.upstream)
            missing = [card for card in everything if html.escape(card) not in page.text]
            assert not missing, f"{name} on {page.upstream} misses {missing}"
    stored = stack.sql(
        "SELECT count(*) FROM oefeningen_bijdrage b JOIN oefeningen_oefening o ON o.id = b.oefening_id "
        "WHERE o.slug = %s AND b.traject_id = %s",
        (KAARTEN, traject),
    )[0][0]
    assert stored == len(everything)


def test_a_stale_shared_text_save_on_the_other_process_keeps_what_was_typed(stack, people):
    traject = stack.seed["traject"]
    url = f"/trajecten/{traject}/oefeningen/{TEKST}/"
    anna, bert = people[PARTICIPANTS[0]], people[PARTICIPANTS[1]]

    def version(client):
        page = client.get(url)
        assert page.status == 200
        return re.search(r'name="versie" value="(\d+)"', page.text).group(1)

    start_a, start_b = version(anna), version(bert)
    assert start_a == start_b
    first = anna.post(url + "tekst/", {"tekst": "Wij werken in drie wijkteams.", "versie": start_a})
    assert first.status == 302
    # Bert started from the same version; his save goes (also) through the other process.
    typed = "Wij zijn één team met <drie> locaties & een nachtdienst."
    upstreams = set()
    for _ in range(2):
        stale = bert.post(url + "tekst/", {"tekst": typed, "versie": start_b})
        assert stale.status == 409
        assert html.escape(typed) in stale.text, "his typed text comes back in the form"
        upstreams.add(stale.upstream)
    upstreams.add(first.upstream)
    assert upstreams == _both(stack)
    stored = stack.sql(
        "SELECT t.tekst FROM oefeningen_gedeeldetekst t JOIN oefeningen_oefening o ON o.id = t.oefening_id "
        "WHERE o.slug = %s AND t.traject_id = %s",
        (TEKST, traject),
    )
    assert stored == [("Wij werken in drie wijkteams.",)]


def _start_live_session(stack, begeleider) -> tuple[int, int]:
    """The begeleider plans a session with one cards block, starts it and opens input."""
    traject = stack.seed["traject"]
    created = begeleider.post(
        f"/trajecten/{traject}/bijeenkomsten/nieuw/",
        {"titel": "Sessie door nginx", "datum": "2026-11-24", "starttijd": "13:30", "plaats": ""},
    )
    assert created.status == 302, created.text[:400]
    pk = int(re.search(r"/bijeenkomsten/(\d+)/", created.headers["location"]).group(1))
    block = begeleider.post(
        f"/bijeenkomsten/{pk}/blokken/",
        {
            "soort": "oefening",
            "oefening_slug": "context-uitdagingen",
            "titel": "",
            "vraag": "",
            "duur_minuten": "20",
            "groepsgrootte": "plenair",
            "notitie": "",
        },
    )
    assert block.status == 302, block.text[:400]
    assert begeleider.post(f"/bijeenkomsten/{pk}/starten/", {}).status == 302
    opened = begeleider.post(f"/bijeenkomsten/{pk}/bediening/", {"actie": "zet_invoer_open", "waarde": "1"})
    assert opened.status == 302
    blok = int(stack.sql("SELECT huidig_blok_id FROM bijeenkomsten_bijeenkomst WHERE id = %s", (pk,))[0][0])
    return pk, blok


def _join(client, pk) -> str:
    """Open the participant page; returns the poll URL (with its signed token)."""
    page = client.get(f"/bijeenkomsten/{pk}/meedoen/")
    assert page.status == 200
    return html.unescape(re.search(r'id="live"[^>]*hx-get="([^"]+)"', page.text).group(1))


def test_live_session_cards_and_polls_are_shared_by_both_processes(stack, people):
    pk, blok = _start_live_session(stack, people["begeleider"])
    polls = {name: _join(people[name], pk) for name in PARTICIPANTS}

    # Everyone polls once; the ETag of one process is valid on the other (shared version).
    first = people[PARTICIPANTS[0]].get(polls[PARTICIPANTS[0]])
    assert first.status == 200
    etag = first.headers["etag"]
    unchanged = [
        people[PARTICIPANTS[0]].get(polls[PARTICIPANTS[0]], headers={"If-None-Match": etag}) for _ in range(4)
    ]
    assert {r.status for r in unchanged} == {304}
    assert {r.upstream for r in unchanged} == _both(stack)

    cards = {name: f"Uitdaging van {name} {uuid.uuid4().hex[:6]}" for name in PARTICIPANTS}

    def send(name):
        return people[name].post(
            f"/bijeenkomsten/{pk}/inbreng/", {"blok": blok, "tekst": cards[name], "sleutel": uuid.uuid4().hex}
        )

    with ThreadPoolExecutor(len(PARTICIPANTS)) as pool:
        sent = list(pool.map(send, PARTICIPANTS))
    assert [r.status for r in sent] == [302] * len(sent)

    # The old ETag is stale everywhere now; every participant sees every card on both processes.
    for name in PARTICIPANTS:
        upstreams = set()
        for _ in range(2):
            poll = people[name].get(polls[name], headers={"If-None-Match": etag})
            assert poll.status == 200
            upstreams.add(poll.upstream)
            for card in cards.values():
                assert html.escape(card) in poll.text
        assert len(upstreams) == 2
    # The cards of an exercise block also land in the exercise itself (oefeningen).
    page = people["begeleider"].get(f"/trajecten/{stack.seed['traject']}/oefeningen/context-uitdagingen/")
    for card in cards.values():
        assert html.escape(card) in page.text


def test_live_versions_live_in_the_cache_both_processes_share(stack, people):
    """With Redis the session versions (behind the cheap 304 poll) are Redis keys, written and
    read by both processes; with the database cache the version comes from the session row."""
    pk, _ = _start_live_session(stack, people["begeleider"])
    poll = _join(people[PARTICIPANTS[0]], pk)
    assert people[PARTICIPANTS[0]].get(poll).status == 200
    env = stack.data["env"]
    if stack_cache() == "database" or "REDIS_URL" not in env:
        assert "REDIS_URL" not in env
        assert stack.sql("SELECT versie FROM bijeenkomsten_bijeenkomst WHERE id = %s", (pk,))[0][0] > 1
        return
    import redis

    client = redis.Redis.from_url(env["REDIS_URL"])
    keys = list(client.scan_iter(match=f"{stack.data['redis_prefix']}:*bijeenkomst:{pk}:versie*"))
    assert keys, "the live version is kept in the shared Redis"


def test_an_app_process_stops_and_starts_mid_session_and_nothing_is_lost(stack, people):
    """Participants keep sending cards while app process 1 stops and starts again. Every card
    arrives (a send that fails is resent with the same key, as the participant's page does),
    a resend of a stored card stores nothing twice, and everyone sees every card exactly once."""
    pk, blok = _start_live_session(stack, people["begeleider"])
    polls = {name: _join(people[name], pk) for name in PARTICIPANTS}
    app1 = f"127.0.0.1:{stack.app_ports[0]}"
    sent: list[tuple[str, int, str]] = []  # (text, final status, upstream)
    failed: list[tuple[str, int, str]] = []  # 5xx answers that the participant resent
    lock = threading.Lock()
    stop = threading.Event()

    def participant(name):
        number = 0
        while not stop.is_set() or number < 4:
            number += 1
            text = f"{name} kaart {number}"
            key = uuid.uuid4().hex
            resends = 2 if number % 3 == 0 else 1  # now and then the browser sends a card twice
            for _ in range(resends):
                response = people[name].post(
                    f"/bijeenkomsten/{pk}/inbreng/", {"blok": blok, "tekst": text, "sleutel": key}
                )
                # Like static/js/bijeenkomsten.js: on a 5xx keep the text and resend it with the same key.
                while response.status >= 500:
                    with lock:
                        failed.append((text, response.status, response.upstream))
                    time.sleep(0.2)
                    response = people[name].post(
                        f"/bijeenkomsten/{pk}/inbreng/", {"blok": blok, "tekst": text, "sleutel": key}
                    )
                with lock:
                    sent.append((text, response.status, response.upstream))
            time.sleep(0.02)

    threads = [threading.Thread(target=participant, args=(name,)) for name in PARTICIPANTS]
    for thread in threads:
        thread.start()
    try:
        wait_until(lambda: len(sent) >= 6, timeout=30)
        stack.stop_app(1)
        stopped_at = len(sent)
        wait_until(lambda: len(sent) >= stopped_at + 6, timeout=30)
        restarting_at = len(sent)
        stack.start_app(1)
        started_at = len(sent)
        # nginx tries a failed process again after its fail_timeout (2 s in the stack).
        wait_until(lambda: any(up == app1 for _, _, up in sent[started_at:]), timeout=30)
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=60)

    assert [status for _, status, _ in sent] == [302] * len(sent), sent
    # At most the requests that were inside app 1 at the moment it stopped got a 502 (nginx
    # never resends a post that reached a process); every one of them was resent and stored.
    assert len(failed) <= len(PARTICIPANTS), failed
    # Requests already inside app 1 when the stop began are finished by it (graceful stop);
    # after that, nothing reaches it until it is back.
    assert not [up for _, _, up in sent[stopped_at + len(PARTICIPANTS) : restarting_at] if up == app1]
    texts = sorted({text for text, _, _ in sent})
    stored = sorted(
        row[0]
        for row in stack.sql(
            # A card on an exercise block keeps its text in the exercise's contribution (stored once).
            "SELECT COALESCE(NULLIF(i.tekst, ''), b.tekst) FROM bijeenkomsten_inbreng i"
            " LEFT JOIN oefeningen_bijdrage b ON b.id = i.bijdrage_id WHERE i.blok_id = %s",
            (blok,),
        )
    )
    assert stored == texts, "every card once, none lost, none doubled"
    for name in PARTICIPANTS:
        poll = people[name].get(polls[name])
        assert poll.status == 200
        for text in texts:
            assert html.escape(text) in poll.text
