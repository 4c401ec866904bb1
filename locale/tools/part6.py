"""English translations, part 6: strings added before the 16:00 pass."""

T = {
    "%(n)s persoon heeft deze ronde ingevuld (%(m)s teamleden).": (
        "%(n)s person has filled in this round (%(m)s team members).",
        "%(n)s people have filled in this round (%(m)s team members).",
    ),
    "Nu aan de beurt: <strong>%(fase)s</strong> (de eerste fase met open stappen).": "Up next: <strong>%(fase)s</strong> (the first phase with open steps).",
    "Alle fasen zijn afgerond.": "All phases are finished.",
    "In de oefening 'Wie zit er in onze groep?' vinkte niemand ervaringsdeskundige, cliënt of familie aan. Zonder die blik mist de groep ervaringskennis: nodig iemand uit.": "In the exercise 'Who is in our group?' nobody ticked expert by experience, client or family. Without that view the group misses experiential knowledge: invite someone.",
    "Niet apart getoond, want minder dan 3 mensen (zodat niemand herkenbaar is): %(lijst)s.": "Not shown separately, because fewer than 3 people (so that nobody can be recognised): %(lijst)s.",
    "%(n)s van %(m)s": "%(n)s of %(m)s",
    "Schaal van %(min)s (%(min_label)s) tot %(max)s (%(max_label)s). Per getal zie je hoeveel mensen het kozen. Een groep van minder dan 3 mensen tonen we niet apart, zodat niemand herkenbaar is.": "Scale from %(min)s (%(min_label)s) to %(max)s (%(max_label)s). For each number you see how many people chose it. We do not show a group of fewer than 3 people separately, so that nobody can be recognised.",
    "Minder dan 3 mensen: niet getoond": "Fewer than 3 people: not shown",
    "Het kompas van hoofdstuk 10 geeft het plan zijn kader: waar we naartoe willen (noord) en wat ons onderweg energie geeft (zuid). Hier staan de %(top)s kaarten met de meeste stemmen; alle kaarten staan bij het kompas. De valkuilen en bedreigingen (west) zijn de risico's van het plan.": "The compass of chapter 10 gives the plan its frame: where we want to go (north) and what gives us energy along the way (south). Here are the %(top)s cards with the most votes; all cards are with the compass. The pitfalls and threats (west) are the plan's risks.",
    "Een kaart uit het kompas omzetten in een actie": "Turn a compass card into an action",
    "Noord: richting": "North: direction",
    "Oost: kansen": "East: opportunities",
    "Zuid: energie": "South: energy",
    "Stand van zaken": "Current state",
    "Cocreatie voldoet gedeeltelijk. Hieronder staat wat we testen, hoe we dat doen en wat nog niet goed is.": "Cocreatie partly meets the guidelines. Below you read what we test, how we do it and what is not right yet.",
    "Bij elke wijziging lopen geautomatiseerde tests in een echte browser (Chromium). Ze doen wat mensen in de app doen:": "With every change, automated tests run in a real browser (Chromium). They do what people do in the app:",
    "Een begeleider logt in, maakt een traject en een uitnodigingslink.": "A facilitator logs in, makes a trajectory and an invitation link.",
    "Een teamlid opent de link op een telefoon, maakt een account, wordt lid en vult oefeningen in: kaarten, een gezamenlijke tekst en een schaal.": "A team member opens the link on a phone, creates an account, joins and fills in exercises: cards, a shared text and a scale.",
    "Een bijeenkomst loopt op het grote scherm, terwijl een teamlid en een gast meedoen op hun telefoon.": "A session runs on the big screen, while a team member and a guest take part on their phones.",
    "Een leidinggevende bekijkt het overzicht van de organisatie, legt het go/no-go-besluit vast en downloadt het plan als PDF.": "A manager looks at the organisation overview, records the go/no-go decision and downloads the plan as a PDF.",
    "Op elke pagina die de tests bezoeken, controleren we:": "On every page the tests visit, we check:",
    "De regels van WCAG 2.0, 2.1 en 2.2, niveau A en AA, met het programma axe-core. Dat doen we in elke toestand van de pagina: leeg, ingevuld, met een foutmelding en nadat een deel van de pagina is bijgewerkt zonder herladen. Eén fout laat de test mislukken.": "The rules of WCAG 2.0, 2.1 and 2.2, level A and AA, with the axe-core program. We do this in every state of the page: empty, filled in, with an error message and after part of the page has been updated without reloading. One error makes the test fail.",
    "Of alles werkt met alleen het toetsenbord: de Tab-toets volgt de volgorde waarin je leest, je ziet altijd waar de focus staat, je raakt nergens vast en de link 'Naar de inhoud' werkt. Na het bijwerken van een deel van de pagina blijft de focus op een logische plek.": "Whether everything works with the keyboard alone: the Tab key follows the order in which you read, you always see where the focus is, you never get stuck and the 'Skip to content' link works. After part of the page is updated, the focus stays in a logical place.",
    "Of de pagina op een scherm van 320 pixels breed past zonder zijwaarts te scrollen. Dat is hetzelfde als 400 procent inzoomen. We testen dit ook met heel lange namen, woorden en links.": "Whether the page fits on a screen 320 pixels wide without scrolling sideways. That is the same as zooming in to 400 percent. We also test this with very long names, words and links.",
    "Of er geen scripts of stijlen op de pagina komen die de beveiliging tegenhoudt.": "Whether no scripts or styles end up on the page that the security settings block.",
    "We testen ook of de tests zelf fouten vinden: een formulierveld zonder label of een kapotte update van de pagina moet de test laten mislukken.": "We also test whether the tests themselves find errors: a form field without a label or a broken page update must make the test fail.",
    "Van de belangrijkste pagina's maken de tests schermafdrukken op 360 en 1280 pixels breed. Mensen van het team bekijken die.": "The tests take screenshots of the main pages at 360 and 1280 pixels wide. People from the team look at them.",
    "Bij een oefening met een schaal past de tabel met de antwoorden van het team niet op een smal scherm: je moet zijwaarts scrollen. We werken hieraan.": "In an exercise with a scale, the table with the team's answers does not fit on a narrow screen: you have to scroll sideways. We are working on this.",
    "Automatische tests vinden maar een deel van de problemen. Een test met mensen die een schermlezer of alleen een toetsenbord gebruiken, staat nog op de planning.": "Automated tests find only part of the problems. A test with people who use a screen reader or only a keyboard is still planned.",
    "Het plan als PDF heeft een structuur voor schermlezers, maar we hebben het nog niet met een schermlezer getest.": "The plan as a PDF has a structure for screen readers, but we have not tested it with a screen reader yet.",
    "Deze verklaring is bijgewerkt op 24 november 2026.": "This statement was updated on 24 November 2026.",
}

T.update(
    {
        "Besluit en aandachtspunten": "Decision and points of attention",
        "scan ingevuld, nog geen besluit": "scan filled in, no decision yet",
        "%(n)s stap te laat": ("%(n)s step late", "%(n)s steps late"),
        "stappen te laat": "steps late",
    }
)
