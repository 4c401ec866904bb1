import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from trajecten.weergave import weergavenaam

# Join codes avoid characters that look alike on a projector (0/O, 1/I/L, 2/Z, 5/S, 8/B, G/6).
CODE_ALPHABET = "ACDEFHJKMNPQRTUVWXY34679"
CODE_LENGTH = 6


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalize_code(raw: str) -> str:
    """What a person typed, as a code: upper case, spaces and dashes dropped."""
    return "".join(ch for ch in (raw or "").upper() if ch.isalnum())


class Groepsgrootte(models.TextChoices):
    INDIVIDUEEL = "individueel", _("Individueel")
    DUO = "duo", _("Duo")
    SUBGROEP = "subgroep", _("Subgroep")
    PLENAIR = "plenair", _("Plenair")


def _persoon(user) -> str:
    if user is None:
        return ""
    return weergavenaam(user)


class Bijeenkomst(models.Model):
    class Status(models.TextChoices):
        GEPLAND = "gepland", _("Gepland")
        ACTIEF = "actief", _("Bezig")
        GESLOTEN = "gesloten", _("Afgesloten")

    traject = models.ForeignKey(
        "trajecten.Traject", on_delete=models.CASCADE, related_name="bijeenkomsten", verbose_name=_("traject")
    )
    titel = models.CharField(_("titel"), max_length=200)
    datum = models.DateField(_("datum"))
    starttijd = models.TimeField(_("begintijd"))
    plaats = models.CharField(_("plaats"), max_length=200, blank=True)
    begeleider = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="begeleide_bijeenkomsten",
        verbose_name=_("begeleider"),
    )
    verslaggever = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="verslagen_bijeenkomsten",
        verbose_name=_("verslaggever"),
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.GEPLAND)
    code = models.CharField(max_length=12, unique=True, default=new_code, editable=False)
    gasten_toegestaan = models.BooleanField(_("gasten mogen meedoen"), default=False)
    huidig_blok = models.ForeignKey(
        "Blok", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    blok_gestart_op = models.DateTimeField(null=True, blank=True)
    # Bumped with F("versie") + 1 on every change that a screen shows: the poll's ETag.
    versie = models.PositiveBigIntegerField(default=1)
    gestart_op = models.DateTimeField(null=True, blank=True)
    gesloten_op = models.DateTimeField(null=True, blank=True)
    # The report (verslag).
    notities = models.TextField(_("notities van de verslaggever"), blank=True)
    besluiten = models.TextField(_("besluiten en afspraken"), blank=True)
    wat_ging_goed = models.TextField(_("wat ging goed?"), blank=True)
    wat_houden_we = models.TextField(_("wat houden we vast?"), blank=True)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("bijeenkomst")
        verbose_name_plural = _("bijeenkomsten")
        ordering = ["datum", "starttijd", "pk"]

    def __str__(self):
        return self.titel

    def get_absolute_url(self):
        return reverse("bijeenkomsten:bijeenkomst", args=[self.pk])

    @property
    def is_gesloten(self) -> bool:
        return self.status == self.Status.GESLOTEN

    @property
    def is_actief(self) -> bool:
        return self.status == self.Status.ACTIEF

    @property
    def begeleider_naam(self) -> str:
        return _persoon(self.begeleider)

    @property
    def verslaggever_naam(self) -> str:
        return _persoon(self.verslaggever)

    def begin(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.datum, self.starttijd))

    def einde(self, totale_duur: int) -> datetime:
        return self.begin() + timedelta(minutes=max(totale_duur, 15))


class Blok(models.Model):
    class Soort(models.TextChoices):
        OEFENING = "oefening", _("Oefening")
        WELKOM = "welkom", _("Welkom")
        PAUZE = "pauze", _("Pauze")
        EVALUATIE = "evaluatie", _("Evaluatie")
        VRIJ = "vrij", _("Vrij blok")

        @property
        def heeft_oefening(self) -> bool:
            """An exercise block names its exercise; every other kind has none."""
            return self is Blok.Soort.OEFENING

        @property
        def neemt_invoer(self) -> bool:
            """Blocks where people type something; a break has nothing to answer."""
            return self is not Blok.Soort.PAUZE

    bijeenkomst = models.ForeignKey(Bijeenkomst, on_delete=models.CASCADE, related_name="blokken")
    volgorde = models.PositiveIntegerField(default=0)
    soort = models.CharField(_("soort blok"), max_length=20, choices=Soort.choices, default=Soort.VRIJ)
    # The natural key of oefeningen.Oefening.
    oefening_slug = models.SlugField(_("oefening"), max_length=100, blank=True)
    titel = models.CharField(_("titel"), max_length=200)
    vraag = models.TextField(_("vraag op het scherm"), blank=True)
    duur_minuten = models.PositiveIntegerField(_("duur in minuten"), default=15)
    groepsgrootte = models.CharField(
        _("groepsgrootte"), max_length=20, choices=Groepsgrootte.choices, default=Groepsgrootte.PLENAIR
    )
    notitie = models.TextField(_("notitie voor de begeleider"), blank=True)
    invoer_open = models.BooleanField(default=False)
    resultaten_zichtbaar = models.BooleanField(default=True)
    anoniem = models.BooleanField(_("anoniem"), default=False)
    stemmen_per_persoon = models.PositiveSmallIntegerField(default=3)

    class Meta:
        verbose_name = _("blok")
        verbose_name_plural = _("blokken")
        ordering = ["bijeenkomst", "volgorde", "pk"]

    def __str__(self):
        return self.titel

    @property
    def neemt_invoer(self) -> bool:
        return self.Soort(self.soort).neemt_invoer


class Deelname(models.Model):
    """A person taking part in a session: a team member, or a guest for this session only."""

    bijeenkomst = models.ForeignKey(Bijeenkomst, on_delete=models.CASCADE, related_name="deelnames")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="deelnames")
    is_gast = models.BooleanField(default=False)
    sinds = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("deelname")
        verbose_name_plural = _("deelnames")
        constraints = [
            models.UniqueConstraint(fields=["bijeenkomst", "user"], name="een_deelname_per_bijeenkomst")
        ]

    def __str__(self):
        return f"{self.user} – {self.bijeenkomst}"


class Inbreng(models.Model):
    """One card put in during a session, by a participant or typed in by the begeleider.

    On a card-exercise block the card IS the exercise's contribution (`bijdrage`): its text
    and votes live there only, and `tekst` stays empty. The session keeps what is its own:
    the block, the idempotency key, paper or proxy, the name shown, the time. On other
    blocks the card's text is `tekst` and its votes are this app's `Stem` rows.
    """

    blok = models.ForeignKey(Blok, on_delete=models.CASCADE, related_name="inbreng")
    auteur = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="inbreng"
    )
    # The name shown: empty when anonymous. Kept apart from `auteur` so erasing a person
    # can blank it, and so a paper card can name who wrote it.
    naam = models.CharField(max_length=150, blank=True)
    tekst = models.TextField(_("tekst"), blank=True)
    op_papier = models.BooleanField(default=False)
    ingevoerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Sent by the participant's browser with each card: a retried send is stored once.
    sleutel = models.CharField(max_length=64, blank=True)
    # The exercise's own contribution, when the block is a card exercise. Deleted on the
    # exercise page, the card leaves the session's screens and report with it.
    bijdrage = models.OneToOneField(
        "oefeningen.Bijdrage", null=True, blank=True, on_delete=models.CASCADE, related_name="sessiekaart"
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("inbreng")
        verbose_name_plural = _("inbreng")
        ordering = ["blok", "aangemaakt_op", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["blok", "sleutel"],
                condition=~models.Q(sleutel=""),
                name="inbreng_eenmaal_per_sleutel",
            )
        ]

    def __str__(self):
        return self.inhoud[:50]

    @property
    def inhoud(self) -> str:
        """The card's text: the exercise contribution's, else the session's own (select_related("bijdrage"))."""
        return self.bijdrage.tekst if self.bijdrage_id else self.tekst


class Stem(models.Model):
    """A dot vote on a card of a block without an exercise; cast by the person, or on paper.

    A vote on an exercise card is the exercise's own vote (oefeningen.Stem), never a row here.
    """

    inbreng = models.ForeignKey(Inbreng, on_delete=models.CASCADE, related_name="stemmen")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    op_papier = models.BooleanField(default=False)
    namens = models.CharField(max_length=150, blank=True)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("stem")
        verbose_name_plural = _("stemmen")
        indexes = [models.Index(fields=["user", "inbreng"])]

    def __str__(self):
        return f"{self.inbreng_id}"


def gast_username() -> str:
    return f"gast-{secrets.token_hex(6)}"
