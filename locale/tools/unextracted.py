"""Strings the code translates at run time under a name that makemessages does not extract.

oefeningen/kinds.py calls gettext as ``_g(...)``; xgettext only knows ``_``, ``gettext``,
``gettext_lazy``, ``ngettext`` and the like, so these msgids would never reach the catalogue and
would stay Dutch in English. makemessages never reads this file (it skips every directory named
locale), so translate.py adds these entries itself after each makemessages run; gettext finds a
translation by its msgid, wherever it came from. Drop an entry once the code calls gettext by a
name xgettext knows (tests/test_i18n.py checks that each one is still used).
"""

USED_IN = ["oefeningen/kinds.py"]
STRINGS = [
    "Op papier, namens de groep",
    "Anoniem",
    "Kaart",
    "stem",
    "stemmen",
    "Geen antwoord",
    "%(min)s = %(min_label)s, %(max)s = %(max_label)s",
    "%(label)s: gemiddeld %(gem)s (%(n)s antwoorden; %(spreiding)s)",
    "%(label)s: %(n)s van %(m)s",
]
