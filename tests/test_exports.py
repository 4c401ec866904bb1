"""The one CSV writer: semicolons, a BOM, and no cell a spreadsheet would run as a formula."""

import csv
import io

from cocreatie.exports import csv_tekst, veilige_cel


def test_it_makes_formulas_inert_and_leaves_other_values_alone():
    for formule in ("=1+1", "+31 6", "-2", "@SUM(A1)", "\tx", "\rx"):
        assert veilige_cel(formule) == "'" + formule
    assert veilige_cel("Team Noord") == "Team Noord"
    assert veilige_cel(-3) == -3
    assert veilige_cel(None) is None


def test_it_writes_semicolon_separated_text_with_a_bom():
    text = csv_tekst(["naam", "aantal"], [["=HYPERLINK(x)", 2], ["Één; twee", None]])

    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    assert rows == [["naam", "aantal"], ["'=HYPERLINK(x)", "2"], ["Één; twee", ""]]
