"""The one out-of-band message partial that htmx responses carry."""

from django.http import HttpResponse
from django.test import RequestFactory

from cocreatie.meldingen import melding_html, met_melding


def test_it_swaps_the_message_into_the_page_s_message_region():
    html = melding_html(RequestFactory().get("/"), "Je bijdrage is toegevoegd.")
    assert html == (
        '<div id="meldingen" hx-swap-oob="innerHTML">'
        '<div class="alert alert-success">Je bijdrage is toegevoegd.</div></div>'
    )


def test_it_shows_a_failure_in_red_and_escapes_the_text():
    html = melding_html(RequestFactory().get("/"), "<b>Dat ging niet goed.</b>", fout=True)
    assert 'class="alert alert-danger"' in html
    assert "&lt;b&gt;Dat ging niet goed.&lt;/b&gt;" in html


def test_it_appends_the_message_to_a_response_and_leaves_it_alone_without_one():
    request = RequestFactory().get("/")
    response = met_melding(HttpResponse("<p>partial</p>", status=400), request, "Fout", fout=True)
    assert response.status_code == 400
    assert response.content.decode().startswith('<p>partial</p><div id="meldingen"')
    assert met_melding(HttpResponse("<p>x</p>"), request, "").content == b"<p>x</p>"
