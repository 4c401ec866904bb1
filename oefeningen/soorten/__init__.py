"""The exercise kinds: one module per kind, registered under its key (Oefening.soort).

A kind knows the shape of its `instellingen` (validated in Oefening.clean() and when the
fixtures load), cleans one contribution (`clean_data`, used by the services, so the same
rules hold for forms, sessions and scripts), builds its input form, names its partial
(oefeningen/soorten/<key>.html), aggregates contributions for the team view and says
`is_complete()` and `summary()` for the tracker and the plan. What differs between kinds
is an attribute or a method of `Kind` (basis.py); nothing outside this package branches
on the kind's key.
"""

# Imported for their @register, in the order the choices list them.
from . import kaarten, tekst, schaal, keuze, checklist, tijdlijn, kompas, matrix  # noqa: F401, I001
from .basis import Kind, all_kinds, auteur_naam, get_kind, keuzes, register, schone_tekst

__all__ = ["Kind", "all_kinds", "auteur_naam", "get_kind", "keuzes", "register", "schone_tekst"]
