"""The one message of an htmx response: swapped out of band into `#meldingen` (base.html), where
a full page shows Django's messages. Template: templates/_melding.html."""

from __future__ import annotations

from django.http import HttpResponse
from django.template.loader import render_to_string

TEMPLATE = "_melding.html"


def melding_html(request, melding: str, *, fout: bool = False) -> str:
    """The message as an out-of-band fragment, to append to an htmx partial; red when `fout`."""
    return render_to_string(TEMPLATE, {"melding": melding, "fout": fout}, request=request)


def met_melding(response: HttpResponse, request, melding: str, *, fout: bool = False) -> HttpResponse:
    """The response with the message appended (unchanged when there is no message)."""
    if melding:
        response.content += melding_html(request, melding, fout=fout).encode()
    return response
