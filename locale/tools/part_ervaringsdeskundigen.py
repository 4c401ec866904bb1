"""English translations for strings of ervaringsdeskundigen added after the catalogue was made."""

T = {
    "werving: %(klaar)s van %(totaal)s stappen klaar": "recruitment: %(klaar)s of %(totaal)s steps done",
    "De tekst van de toestemming is veranderd. Wat je eerder bewaarde blijft staan. Wil je iets wijzigen? "
    "Lees de nieuwe tekst en geef opnieuw toestemming.": "The consent text has changed. What you saved before "
    "stays. Do you want to change something? Read the new text and give your consent again.",
}
