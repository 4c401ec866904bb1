"""English translations, part 5: strings added after the first pass."""

T = {
    "Het hele verslag": "The whole report",
    "Kies een rol": "Choose a role",
    "%(n)s stap van het kwartiermaken is over de streefdatum heen.": (
        "%(n)s kwartiermaken step is past the target date.",
        "%(n)s kwartiermaken steps are past the target date.",
    ),
    "Per vraag: hoeveel mensen wat antwoordden in ronde %(nu)s, en tussen haakjes in ronde %(toen)s. „Beter” betekent: dezelfde persoon antwoordde positiever dan in de vorige ronde. Toelichtingen staan zonder naam.": "Per question: how many people gave which answer in round %(nu)s, and in brackets in round %(toen)s. “Better” means: the same person answered more positively than in the previous round. Explanations are shown without names.",
    "Aantal antwoorden per vraag": "Number of answers per question",
    "Vraag": "Question",
    "Verschoven": "Changed",
    "%(n)s toelichting": ("%(n)s explanation", "%(n)s explanations"),
    "was": "was",
    "%(b)s beter, %(s)s minder goed, %(g)s gelijk": "%(b)s better, %(s)s less good, %(g)s the same",
    ", %(o)s van of naar „weet ik niet”": ", %(o)s from or to “don't know”",
    "Hoofdstukken": "Chapters",
    "%(klaar)s van %(totaal)s afgerond": "%(klaar)s of %(totaal)s finished",
}
