"""The plan as a tagged PDF (WeasyPrint, PDF/UA-1).

One print template rendered with `render_to_string`, one stylesheet parsed once per
process, and a URL fetcher that serves our own static files only: WeasyPrint never
touches the network or any other file.
"""

from __future__ import annotations

import functools
import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from trajecten.models import Traject

from .secties import Plan, bouw_plan

# A base URL that cannot be reached: relative links in the template resolve against it,
# and the fetcher maps only <BASE_URL><STATIC_URL>... to files.
BASE_URL = "https://cocreatie.invalid/"
STYLESHEET = "css/plan-print.css"


class StaticOnlyFetcher(URLFetcher):
    """Serves files from our static folders; refuses every other URL."""

    def fetch(self, url, headers=None):
        path = self.static_path(url)
        mime, _ = mimetypes.guess_type(path.name)
        return URLFetcherResponse(url, body=path.read_bytes(), headers={"Content-Type": mime or ""})

    @staticmethod
    def static_path(url: str) -> Path:
        parts = urlsplit(url)
        prefix = urlsplit(BASE_URL + settings.STATIC_URL.lstrip("/"))
        if (parts.scheme, parts.netloc) != (prefix.scheme, prefix.netloc) or not parts.path.startswith(
            prefix.path
        ):
            raise ValueError(f"plan PDF may not fetch {url!r}")
        name = unquote(parts.path[len(prefix.path) :])
        if not name or ".." in Path(name).parts or name.startswith("/"):
            raise ValueError(f"plan PDF may not fetch {url!r}")
        found = finders.find(name)
        if not found and staticfiles_storage.exists(name):
            found = staticfiles_storage.path(name)
        if not found:
            raise ValueError(f"no static file {name!r}")
        return Path(found)


FETCHER = StaticOnlyFetcher()
FONT_CONFIG = FontConfiguration()


@functools.cache
def stylesheet() -> CSS:
    """Parsed on first use, then reused by every render in this process."""
    url = BASE_URL + settings.STATIC_URL.lstrip("/") + STYLESHEET
    return CSS(url=url, url_fetcher=FETCHER, font_config=FONT_CONFIG)


@functools.cache
def _paginering(taal: str) -> CSS:
    """The page numbers in the footer ("Pagina 2 van 8"), in the language of the plan."""
    with translation.override(taal):
        tekst = gettext("Pagina %(pagina)s van %(paginas)s")
    tekst = tekst.replace("\\", "\\\\").replace('"', '\\"')
    inhoud = '"' + tekst % {"pagina": '" counter(page) "', "paginas": '" counter(pages) "'} + '"'
    return CSS(string=f"@page {{ @bottom-right {{ content: {inhoud}; }} }}", font_config=FONT_CONFIG)


def print_html(plan: Plan) -> str:
    return render_to_string(
        "plan/print.html", {"plan": plan, "traject": plan.traject, "team": plan.traject.team}
    )


def render_pdf(html: str) -> bytes:
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=FETCHER)
    stylesheets = [stylesheet(), _paginering(translation.get_language() or settings.LANGUAGE_CODE)]
    return document.write_pdf(stylesheets=stylesheets, font_config=FONT_CONFIG, pdf_variant="pdf/ua-1")


def plan_pdf(traject: Traject, plan: Plan | None = None) -> bytes:
    return render_pdf(print_html(plan or bouw_plan(traject)))
