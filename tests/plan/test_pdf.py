"""The PDF: its text, bookmarks, tags, and that it says what the page says."""

import io
import re
import subprocess
from html import unescape

import pytest
from django.utils.html import escape
from pypdf import PdfReader
from weasyprint import HTML
from weasyprint.formatting_structure import boxes

from plan import pdf
from plan.models import Actie, Besluit, Onderwerp, PlanVersie


def _reader(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data))


def _text(reader: PdfReader) -> str:
    # Extracted text breaks lines anywhere; compare on single spaces. pypdf 7 returns some
    # runs of a subset font as UTF-16 with NUL bytes (pdftotext reads them fine): drop those.
    raw = " ".join(page.extract_text() for page in reader.pages).replace("\x00", "")
    return re.sub(r"\s+", " ", raw)


def _outline_titles(outline) -> list[str]:
    titles = []
    for item in outline:
        if isinstance(item, list):
            titles += _outline_titles(item)
        else:
            titles.append(item.title)
    return titles


@pytest.fixture
def pdf_bytes(gevuld):
    response = gevuld.client("leidinggevende").post(f"/trajecten/{gevuld.traject.pk}/plan/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    return response.content


def test_it_puts_decisions_compass_and_actions_in_the_pdf(pdf_bytes):
    text = _text(_reader(pdf_bytes))
    assert "Besluit over aantal: wij kiezen voor twee ED's" in text
    assert "Ervaringskennis hoort vanzelfsprekend bij elk team" in text  # compass, north
    assert "Valkuil: de ED wordt een goedkope kracht" in text  # compass, west, as a risk
    assert "Actie nummer 2: vacature schrijven" in text
    assert "Zorggroep Alfa" in text and "Team Alfa" in text and "Traject Alfa" in text
    assert "Brugfunctie" in text  # the exercise answers that feed a decision


def test_it_is_a_tagged_pdf_with_language_title_and_bookmarks(pdf_bytes):
    reader = _reader(pdf_bytes)
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "nl"
    assert bool(root["/MarkInfo"]["/Marked"])
    assert reader.metadata.title == "Plan van aanpak – Traject Alfa"
    titles = _outline_titles(reader.outline)
    for expected in ("Besluiten", "Acties", "Risico's en onze reactie", "5. Hoeveel ervaringsdeskundigen"):
        assert expected in titles
    # Fonts are embedded (a FontFile2/3 stream in every font descriptor).
    fonts = [
        f.get_object() for page in reader.pages for f in (page["/Resources"].get("/Font") or {}).values()
    ]
    assert fonts
    for font in fonts:
        descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
        descriptor = descendant["/FontDescriptor"].get_object()
        assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))


def test_it_numbers_pages_and_has_a_running_header(pdf_bytes):
    reader = _reader(pdf_bytes)
    count = len(reader.pages)
    assert count >= 3
    last = re.sub(r"\s+", " ", reader.pages[-1].extract_text().replace("\x00", ""))
    assert f"Pagina {count} van {count}" in last
    assert "Team Alfa – Plan van aanpak" in last
    # The table of contents points at the page of each section.
    toc = re.sub(r"\s+", " ", reader.pages[1].extract_text().replace("\x00", ""))
    assert re.search(r"Besluiten \.+ ?\d+", toc)


def test_the_page_and_the_pdf_have_the_same_sections(gevuld, pdf_bytes):
    page = gevuld.client("teamlid").get(f"/trajecten/{gevuld.traject.pk}/plan/").content.decode()
    page_titles = [
        unescape(t) for t in re.findall(r'<h2 id="kop-(?!inhoud|ontbreekt)[^"]*">([^<]+)</h2>', page)
    ]
    assert "Besluiten" in page_titles and "Acties" in page_titles
    # Top-level bookmarks: the cover's title, the contents, then one per section.
    top_level = [item.title for item in _reader(pdf_bytes).outline if not isinstance(item, list)]
    assert top_level[:2] == ["Traject Alfa", "Inhoud"]
    assert top_level[2:] == page_titles
    text = _text(_reader(pdf_bytes))
    for besluit in Besluit.objects.filter(traject=gevuld.traject):
        assert escape(besluit.tekst) in page and besluit.tekst in text


def test_each_download_is_kept_as_a_version(gevuld, pdf_bytes):
    versie = PlanVersie.objects.get(traject=gevuld.traject)
    assert versie.nummer == 1 and versie.gemaakt_door == gevuld.mira
    assert bytes(versie.pdf) == pdf_bytes
    assert versie.snapshot["besluiten"]["aantal"]["tekst"].startswith("Besluit over aantal")
    gevuld.client("begeleider").post(f"/trajecten/{gevuld.traject.pk}/plan/pdf/")
    assert list(PlanVersie.objects.values_list("nummer", flat=True)) == [2, 1]
    again = gevuld.client("leidinggevende").get(f"/trajecten/{gevuld.traject.pk}/plan/versies/1/pdf/")
    assert again.content == pdf_bytes


def test_bad_input_is_escaped_wrapped_and_kept(world, kompas_en_antwoorden):
    Besluit.objects.create(
        traject=world.traject,
        onderwerp=Onderwerp.ROLLEN,
        tekst="<script>alert(1)</script><b>vet</b> "
        + "x" * 300
        + " https://example.org/"
        + "a/" * 80
        + " 🎉 ✊🏽",
    )
    Actie.objects.create(traject=world.traject, wat="مريم ستكتب الخطة")
    world.bob.first_name = "<img src=x onerror=alert(1)>"
    world.bob.save()
    html = pdf.print_html(__import__("plan.secties", fromlist=["bouw_plan"]).bouw_plan(world.traject))
    assert "<script>alert(1)" not in html and "&lt;script&gt;" in html
    assert 'dir="auto"' in html
    data = pdf.plan_pdf(world.traject)
    reader = _reader(data)
    text = _text(reader)
    assert "<b>vet</b>" in text  # shown as text, not markup
    # Emoji come from Noto Color Emoji (installed by `make`), not as empty boxes.
    descriptors = [
        str(f.get_object().get("/BaseFont", ""))
        for page in reader.pages
        for f in (page["/Resources"].get("/Font") or {}).values()
    ]
    assert any("Emoji" in name for name in descriptors), descriptors
    # pypdf 7 garbles a font subset once it holds Arabic glyphs; poppler reads the same file right.
    poppler = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True).stdout
    assert "مريم ستكتب الخطة" in poppler.decode()
    assert len(reader.pages) >= 3
    # The 300-letter word and the long URL wrap: no line of text runs past the page's right edge.
    document = HTML(string=html, base_url=pdf.BASE_URL, url_fetcher=pdf.FETCHER).render(
        stylesheets=[pdf.stylesheet()], font_config=pdf.FONT_CONFIG
    )
    widest = max(
        box.position_x + box.width
        for page in document.pages
        for box in page._page_box.descendants()
        if isinstance(box, boxes.TextBox)
    )
    assert widest <= document.pages[0].width - 18 * 96 / 25.4 + 1  # within the right margin (18 mm)


def test_an_empty_plan_says_what_is_missing(world, inhoud):
    response = world.client("begeleider").get(f"/trajecten/{world.traject.pk}/plan/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Nog open:" in body
    assert "Er staan nog geen acties in het plan." in body
    assert "Nog geen besluit over" in body
    data = world.client("leidinggevende").post(f"/trajecten/{world.traject.pk}/plan/pdf/").content
    text = _text(_reader(data))
    assert "Nog open:" in text and "Het kompas van hoofdstuk 10 is nog niet ingevuld" in text


class TestFetcher:
    def test_it_serves_our_static_files(self):
        path = pdf.StaticOnlyFetcher.static_path(pdf.BASE_URL + "static/css/plan-print.css")
        assert path.name == "plan-print.css"

    @pytest.mark.parametrize(
        "url",
        [
            "https://example.org/x.css",
            "file:///etc/passwd",
            pdf.BASE_URL + "static/../../etc/passwd",
            pdf.BASE_URL + "media/upload.png",
            pdf.BASE_URL + "static/bestaat-niet.css",
            "data:text/css,body{}",
        ],
    )
    def test_it_refuses_everything_else(self, url):
        with pytest.raises(ValueError):
            pdf.FETCHER.fetch(url)

    def test_the_stylesheet_is_parsed_once(self):
        assert pdf.stylesheet() is pdf.stylesheet()

    def test_an_image_from_the_network_is_not_fetched(self, monkeypatch):
        fetched = []
        original = pdf.StaticOnlyFetcher.static_path
        monkeypatch.setattr(
            pdf.StaticOnlyFetcher,
            "static_path",
            staticmethod(lambda url: fetched.append(url) or original(url)),
        )
        data = pdf.render_pdf(
            '<html lang="nl"><title>t</title><img src="https://example.org/x.png" alt="x"><p>ok</p></html>'
        )
        assert data.startswith(b"%PDF")
        assert fetched == ["https://example.org/x.png"]  # asked, and refused by static_path
