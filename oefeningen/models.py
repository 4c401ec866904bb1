"""Chapters and exercises (content, loaded from fixtures by slug) and what teams contribute (data).

Content rows are keyed by slug so reloading the fixtures updates them in place; data rows
point to a trajectory. Every person's contribution is a row of its own (a card, a rating,
a tick, a choice, an event), so many people adding at once never collide. A shared text is
one row with a version number, saved with a conditional UPDATE (see services.tekst_opslaan).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from trajecten.inhoud import vertaald_veld, vertaalde_instellingen
from trajecten.models import Traject

from .soorten import all_kinds, get_kind, keuzes

# The kinds as constants for queries (`soort=Soort.KOMPAS`), derived from the registry.
Soort = models.TextChoices("Soort", [(key.upper(), (key, kind.label)) for key, kind in all_kinds().items()])


def _bereik(laag: int | None, hoog: int | None, eenheid: str) -> str:
    """ "10–15 minuten", "15 minuten", "vanaf 3 mensen"; "" without a lower bound."""
    if laag is None:
        return ""
    if eenheid == "minuten":
        if hoog and hoog != laag:
            return gettext("%(laag)s–%(hoog)s minuten") % {"laag": laag, "hoog": hoog}
        return ngettext("%(n)s minuut", "%(n)s minuten", laag) % {"n": laag}
    if not hoog:
        return ngettext("vanaf %(n)s persoon", "vanaf %(n)s mensen", laag) % {"n": laag}
    if hoog == laag:
        return ngettext("%(n)s persoon", "%(n)s mensen", laag) % {"n": laag}
    return gettext("%(laag)s–%(hoog)s mensen") % {"laag": laag, "hoog": hoog}


class HoofdstukManager(models.Manager):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Hoofdstuk(models.Model):
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    nummer = models.PositiveSmallIntegerField(_("nummer"))
    titel = models.CharField(_("titel"), max_length=200)
    titel_en = models.CharField(_("titel (Engels)"), max_length=200, blank=True)
    inleiding = models.TextField(_("inleiding"), blank=True)
    inleiding_en = models.TextField(_("inleiding (Engels)"), blank=True)
    bron = models.CharField(_("bron"), max_length=200, blank=True)
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    objects = HoofdstukManager()

    class Meta:
        verbose_name = _("hoofdstuk")
        verbose_name_plural = _("hoofdstukken")
        ordering = ["volgorde", "nummer"]

    def __str__(self):
        return f"{self.nummer}. {self.titel_vertaald}"

    def natural_key(self):
        return (self.slug,)

    titel_vertaald = vertaald_veld("titel")
    inleiding_vertaald = vertaald_veld("inleiding")


class OefeningManager(models.Manager):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Oefening(models.Model):
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    hoofdstuk = models.ForeignKey(
        Hoofdstuk, on_delete=models.PROTECT, related_name="oefeningen", verbose_name=_("hoofdstuk")
    )
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    titel = models.CharField(_("titel"), max_length=200)
    titel_en = models.CharField(_("titel (Engels)"), max_length=200, blank=True)
    soort = models.CharField(_("soort"), max_length=20, choices=keuzes)
    vraag = models.TextField(_("vraag"))
    vraag_en = models.TextField(_("vraag (Engels)"), blank=True)
    begeleiding = models.TextField(_("tips voor de begeleider"), blank=True)
    begeleiding_en = models.TextField(_("tips voor de begeleider (Engels)"), blank=True)
    bron = models.CharField(_("bron"), max_length=200)
    doel = models.TextField(_("doel"), blank=True, help_text=_("Waarom je deze oefening doet, in één zin."))
    doel_en = models.TextField(_("doel (Engels)"), blank=True)
    duur_min = models.PositiveSmallIntegerField(_("duur vanaf (minuten)"), null=True, blank=True)
    duur_max = models.PositiveSmallIntegerField(_("duur tot (minuten)"), null=True, blank=True)
    groep_min = models.PositiveSmallIntegerField(_("groep vanaf (mensen)"), null=True, blank=True)
    groep_max = models.PositiveSmallIntegerField(_("groep tot (mensen)"), null=True, blank=True)
    anoniem_toegestaan = models.BooleanField(_("anoniem invullen toegestaan"), default=False)
    instellingen = models.JSONField(_("instellingen"), default=dict, blank=True)

    objects = OefeningManager()

    class Meta:
        verbose_name = _("oefening")
        verbose_name_plural = _("oefeningen")
        ordering = ["hoofdstuk__volgorde", "hoofdstuk__nummer", "volgorde", "slug"]

    def __str__(self):
        return self.titel_vertaald

    def natural_key(self):
        return (self.slug,)

    natural_key.dependencies = ["oefeningen.hoofdstuk"]

    def clean(self):
        if self.soort not in all_kinds():
            raise ValidationError({"soort": _("Kies een bestaande soort oefening.")})
        try:
            get_kind(self.soort).validate_settings(self.instellingen)
        except ValidationError as error:
            raise ValidationError({"instellingen": error.messages}) from error

    @property
    def kind(self):
        return get_kind(self.soort)

    titel_vertaald = vertaald_veld("titel")
    vraag_vertaald = vertaald_veld("vraag")
    begeleiding_vertaald = vertaald_veld("begeleiding")
    doel_vertaald = vertaald_veld("doel")

    @property
    def instellingen_vertaald(self) -> dict:
        """The settings to show: labels, examples and templates in the interface language."""
        return vertaalde_instellingen(self.instellingen or {})

    @property
    def duur(self) -> str:
        """ "10–15 minuten", or "" when the content gives no time."""
        return _bereik(self.duur_min, self.duur_max, "minuten")

    @property
    def groep(self) -> str:
        """ "3–12 mensen", "vanaf 3 mensen", or "" when the content gives no group size."""
        return _bereik(self.groep_min, self.groep_max, "mensen")

    def url(self, traject) -> str:
        return reverse(
            "oefeningen:oefening", args=[traject.pk if hasattr(traject, "pk") else traject, self.slug]
        )


class OefeningStatus(models.Model):
    """An exercise's state in one trajectory. No row means: not started, visible to all."""

    class Status(models.TextChoices):
        NIET_GESTART = "niet_gestart", _("Niet gestart")
        BEZIG = "bezig", _("Bezig")
        AFGEROND = "afgerond", _("Afgerond")

    traject = models.ForeignKey(Traject, on_delete=models.CASCADE, related_name="oefening_statussen")
    oefening = models.ForeignKey(Oefening, on_delete=models.CASCADE, related_name="statussen")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NIET_GESTART)
    # Private until reveal: participants see only their own input until the begeleider reveals it.
    verborgen = models.BooleanField(_("verborgen tot onthullen"), default=False)
    gewijzigd_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("status van een oefening")
        verbose_name_plural = _("statussen van oefeningen")
        constraints = [
            models.UniqueConstraint(fields=["traject", "oefening"], name="oefeningstatus_uniek"),
        ]

    def __str__(self):
        return f"{self.traject} – {self.oefening}: {self.get_status_display()}"


class Cluster(models.Model):
    """A named group of cards (kaarten), made while the group sorts its cards."""

    traject = models.ForeignKey(Traject, on_delete=models.CASCADE, related_name="+")
    oefening = models.ForeignKey(Oefening, on_delete=models.CASCADE, related_name="clusters")
    naam = models.CharField(_("naam van de groep"), max_length=100)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("groep kaarten")
        verbose_name_plural = _("groepen kaarten")
        ordering = ["aangemaakt_op", "pk"]

    def __str__(self):
        return self.naam


class Achterhouden(models.TextChoices):
    """Why a begeleider holds a contribution back (screening, trajecten/zichtbaarheid.py)."""

    KWETSEND = "kwetsend", _("Kwetsend of grensoverschrijdend")
    NAAM = "naam", _("Er staat een naam van een cliënt of collega in")
    PERSOONLIJK = "persoonlijk", _("Heel persoonlijk: misschien wil de schrijver dit niet delen")


class Bijdrage(models.Model):
    """One person's one item: a card, a rating, a tick, a choice, an event, a compass or matrix card.

    `item` says where it belongs (the rated item's key, the option, the compass direction,
    the matrix cell "x|y"); `auteur` is empty when given anonymously (nothing identifies
    the person) and for paper contributions entered by the begeleider for the group.
    """

    traject = models.ForeignKey(Traject, on_delete=models.CASCADE, related_name="bijdragen")
    # PROTECT: removing an exercise from the content must never delete a team's answers.
    oefening = models.ForeignKey(Oefening, on_delete=models.PROTECT, related_name="bijdragen")
    auteur = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="oefening_bijdragen",
        verbose_name=_("auteur"),
    )
    namens_groep = models.BooleanField(_("op papier, namens de groep"), default=False)
    item = models.CharField(_("onderdeel"), max_length=100, blank=True)
    tekst = models.TextField(_("tekst"), blank=True)
    toelichting = models.TextField(_("toelichting"), blank=True)
    waarde = models.SmallIntegerField(_("waarde"), null=True, blank=True)
    datum = models.DateField(_("datum"), null=True, blank=True)
    cluster = models.ForeignKey(
        Cluster, null=True, blank=True, on_delete=models.SET_NULL, related_name="kaarten"
    )
    # Held back by the begeleider: shown to its writer (with the reason) and the begeleider
    # only, never exported or printed; others read how many and why.
    achtergehouden = models.CharField(
        _("achtergehouden"), max_length=20, choices=Achterhouden.choices, blank=True
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    gewijzigd_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("bijdrage")
        verbose_name_plural = _("bijdragen")
        ordering = ["aangemaakt_op", "pk"]
        indexes = [models.Index(fields=["traject", "oefening"], name="bijdrage_traject_oefening")]

    def __str__(self):
        return self.tekst[:60] or self.item

    @property
    def is_anoniem(self) -> bool:
        return self.auteur_id is None and not self.namens_groep


class Stem(models.Model):
    """A dot vote on a card.

    `plek` numbers a person's votes within one exercise (1..limit) and is unique, so the
    limit holds even when one person votes from two devices at the same moment: the
    database refuses a second row in the same place, on SQLite and PostgreSQL alike.
    """

    traject = models.ForeignKey(Traject, on_delete=models.CASCADE, related_name="+")
    oefening = models.ForeignKey(Oefening, on_delete=models.CASCADE, related_name="+")
    bijdrage = models.ForeignKey(Bijdrage, on_delete=models.CASCADE, related_name="stemmen")
    kiezer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="oefening_stemmen",
    )
    plek = models.PositiveSmallIntegerField()
    # A dot the begeleider puts on a card in a live session for someone without a phone:
    # no person (kiezer empty, plek 0), so it counts on the card but in nobody's limit.
    op_papier = models.BooleanField(default=False)
    namens = models.CharField(max_length=150, blank=True)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("stem")
        verbose_name_plural = _("stemmen")
        constraints = [
            models.UniqueConstraint(fields=["traject", "oefening", "kiezer", "plek"], name="stem_plek_uniek"),
            models.UniqueConstraint(fields=["bijdrage", "kiezer"], name="stem_een_per_kaart"),
            models.CheckConstraint(
                condition=models.Q(op_papier=False) | models.Q(kiezer__isnull=True),
                name="stem_papier_zonder_kiezer",
            ),
        ]

    def __str__(self):
        return f"{self.kiezer_id} → {self.bijdrage_id}"


class GedeeldeTekst(models.Model):
    """The text a team writes together for a `tekst` exercise: one row, with a version number."""

    traject = models.ForeignKey(Traject, on_delete=models.CASCADE, related_name="+")
    oefening = models.ForeignKey(Oefening, on_delete=models.PROTECT, related_name="teksten")
    tekst = models.TextField(_("tekst"), blank=True)
    versie = models.PositiveIntegerField(default=0)
    gewijzigd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    gewijzigd_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("gezamenlijke tekst")
        verbose_name_plural = _("gezamenlijke teksten")
        constraints = [models.UniqueConstraint(fields=["traject", "oefening"], name="gedeelde_tekst_uniek")]

    def __str__(self):
        return f"{self.oefening} (versie {self.versie})"
