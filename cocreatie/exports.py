"""CSV for spreadsheet programs: one writer and one formula guard for every export."""

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

# Spreadsheet programs run a cell that starts with one of these as a formula (CSV injection).
FORMULE_BEGIN = ("=", "+", "-", "@", "\t", "\r")


def veilige_cel(value: Any) -> Any:
    """The value, with a text that a spreadsheet would run as a formula made inert."""
    if isinstance(value, str) and value[:1] in FORMULE_BEGIN:
        return "'" + value
    return value


def csv_tekst(kop: Sequence[Any], rijen: Iterable[Sequence[Any]]) -> str:
    """Semicolon-separated (what Dutch spreadsheet programs expect), with a BOM so they read
    accents right, every cell through the formula guard."""
    text = io.StringIO()
    writer = csv.writer(text, delimiter=";")
    writer.writerow([veilige_cel(c) for c in kop])
    for rij in rijen:
        writer.writerow([veilige_cel(c) for c in rij])
    return "\ufeff" + text.getvalue()
