"""English translations for strings of bijeenkomsten added after the catalogue was made."""

T = {
    "Nieuwe vraag:": "New question:",
    "Er is 1 nieuw antwoord.": "There is 1 new answer.",
    "Er zijn {n} nieuwe antwoorden.": "There are {n} new answers.",
    "Geen verbinding. Je tekst blijft staan; we proberen het over {n} seconden opnieuw.": (
        "No connection. Your text stays; we will try again in {n} seconds."
    ),
    "Er is een nieuwe vraag. Je tekst staat nog in het vak: kijk of hij daar past voor je verstuurt.": (
        "There is a new question. Your text is still in the box: check that it fits before you send it."
    ),
    "Deze bijeenkomst is afgesloten. Hier is het verslag.": "This session is closed. Here is the report.",
}
