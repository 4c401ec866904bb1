"""English translations, part 7: strings added before the 16:30 pass."""

T = {
    "Weet je de dag niet precies? Kies dan de eerste dag van de maand of van het jaar.": "Not sure of the exact day? Then choose the first day of the month or of the year.",
    "Er ging iets mis": "Something went wrong",
    "Er is iets fout gegaan aan onze kant. Probeer het over een paar minuten opnieuw.": "Something went wrong on our side. Try again in a few minutes.",
    "Of alle tekst te lezen blijft als je de ruimte tussen letters, woorden, regels en alinea's groter maakt.": "Whether all text stays readable when you make the space between letters, words, lines and paragraphs larger.",
}
