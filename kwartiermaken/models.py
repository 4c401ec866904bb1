"""Kwartiermaken: the phases and steps of the Movisie handreiking (content) and each
trajectory's progress through them (data).

Content rows (Fase, Stap, ScanVraag) come from fixtures/20_kwartiermaken.json with the slug
as natural key, so `manage.py inhoud_laden` updates them in place.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from trajecten.inhoud import vertaald_veld
from trajecten.models import Traject

# -- content ------------------------------------------------------------------


class SlugManager(models.Manager):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Fase(models.Model):
    slug = models.SlugField(unique=True)
    nummer = models.PositiveSmallIntegerField(_("nummer"), help_text=_("0 is de verkenning."))
    titel = models.CharField(_("titel"), max_length=200)
    titel_en = models.CharField(_("titel (Engels)"), max_length=200, blank=True)
    inleiding = models.TextField(_("inleiding"), blank=True)
    inleiding_en = models.TextField(_("inleiding (Engels)"), blank=True)
    bron = models.CharField(_("bron"), max_length=200)

    titel_vertaald = vertaald_veld("titel")
    inleiding_vertaald = vertaald_veld("inleiding")

    objects = SlugManager()

    class Meta:
        verbose_name = _("fase")
        verbose_name_plural = _("fasen")
        ordering = ["nummer"]

    def __str__(self):
        return self.titel_vertaald

    def natural_key(self):
        return (self.slug,)

    @property
    def kort(self) -> str:
        """ "Fase 1" for "Fase 1: Creëer een veranderklimaat"."""
        return self.titel_vertaald.split(":")[0]


class Stap(models.Model):
    slug = models.SlugField(unique=True)
    fase = models.ForeignKey(Fase, on_delete=models.CASCADE, related_name="stappen", verbose_name=_("fase"))
    volgorde = models.PositiveSmallIntegerField(_("volgorde"))
    titel = models.CharField(_("titel"), max_length=200)
    titel_en = models.CharField(_("titel (Engels)"), max_length=200, blank=True)
    uitleg = models.TextField(_("uitleg"), blank=True)
    uitleg_en = models.TextField(_("uitleg (Engels)"), blank=True)
    bron = models.CharField(_("bron"), max_length=200)

    titel_vertaald = vertaald_veld("titel")
    uitleg_vertaald = vertaald_veld("uitleg")
    # Slugs of the exercises (oefeningen app) that serve this step; linked only when they exist.
    oefeningen = models.JSONField(_("oefeningen"), default=list, blank=True)

    objects = SlugManager()

    class Meta:
        verbose_name = _("stap")
        verbose_name_plural = _("stappen")
        ordering = ["fase__nummer", "volgorde"]

    def __str__(self):
        return self.titel_vertaald

    def natural_key(self):
        return (self.slug,)

    natural_key.dependencies = ["kwartiermaken.fase"]


class ScanVraag(models.Model):
    slug = models.SlugField(unique=True)
    volgorde = models.PositiveSmallIntegerField(_("volgorde"))
    vraag = models.TextField(_("vraag"))
    vraag_en = models.TextField(_("vraag (Engels)"), blank=True)
    toelichting = models.TextField(_("toelichting"), blank=True)
    toelichting_en = models.TextField(_("toelichting (Engels)"), blank=True)
    bron = models.CharField(_("bron"), max_length=200)

    vraag_vertaald = vertaald_veld("vraag")
    toelichting_vertaald = vertaald_veld("toelichting")

    objects = SlugManager()

    class Meta:
        verbose_name = _("scanvraag")
        verbose_name_plural = _("scanvragen")
        ordering = ["volgorde"]

    def __str__(self):
        return self.vraag_vertaald

    def natural_key(self):
        return (self.slug,)


# -- data per trajectory ------------------------------------------------------------


class StapStatus(models.TextChoices):
    OPEN = "open", _("Open")
    BEZIG = "bezig", _("Bezig")
    KLAAR = "klaar", _("Klaar")
    NVT = "nvt", _("Niet van toepassing")


AFGEHANDELD = (StapStatus.KLAAR, StapStatus.NVT)


class StapVoortgang(models.Model):
    """A step's state in one trajectory. No row means: still open."""

    traject = models.ForeignKey(Traject, on_delete=models.CASCADE, related_name="stap_voortgang")
    stap = models.ForeignKey(Stap, on_delete=models.CASCADE, related_name="voortgang")
    status = models.CharField(_("status"), max_length=10, choices=StapStatus.choices, default=StapStatus.OPEN)
    reden = models.TextField(_("reden"), blank=True)
    eigenaar = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="kwartiermaken_stappen",
        verbose_name=_("eigenaar"),
    )
    streefdatum = models.DateField(_("streefdatum"), null=True, blank=True)
    notities = models.TextField(_("notities"), blank=True)
    bijgewerkt_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("voortgang van een stap")
        verbose_name_plural = _("voortgang van stappen")
        constraints = [models.UniqueConstraint(fields=["traject", "stap"], name="een_voortgang_per_stap")]

    def __str__(self):
        return f"{self.traject} – {self.stap}: {self.get_status_display()}"

    @property
    def is_afgehandeld(self):
        return self.status in AFGEHANDELD

    @property
    def is_te_laat(self):
        return bool(self.streefdatum and not self.is_afgehandeld and self.streefdatum < timezone.localdate())


class CoalitieRol(models.TextChoices):
    PROJECTLEIDER = "projectleider", _("Projectleider")
    KWARTIERMAKER = "kwartiermaker", _("Kwartiermaker")
    MANAGEMENT = "management", _("Management of beleid")
    SENIOR_ED = "senior_ed", _("Senior ervaringsdeskundige (adviseur)")
    AMBASSADEUR = "ambassadeur", _("Ambassadeur")
    LID = "lid", _("Lid van de projectgroep")


class CoalitieLid(models.Model):
    """A person in the leading coalition (fase 1). Often someone from outside the team,
    so a name, not an account."""

    traject = models.ForeignKey(Traject, on_delete=models.CASCADE, related_name="coalitie")
    naam = models.CharField(_("naam"), max_length=200)
    rol = models.CharField(_("rol in de coalitie"), max_length=20, choices=CoalitieRol.choices)
    is_ervaringsdeskundige = models.BooleanField(_("is ervaringsdeskundige"), default=False)
    toegevoegd_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("lid van de leidende coalitie")
        verbose_name_plural = _("leidende coalitie")
        ordering = ["toegevoegd_op", "pk"]

    def __str__(self):
        return f"{self.naam} ({self.get_rol_display()})"


class ScanAntwoordKeuze(models.TextChoices):
    JA = "ja", _("Ja")
    DEELS = "deels", _("Deels")
    NEE = "nee", _("Nee")
    WEET_NIET = "weet_niet", _("Weet ik niet")


class ScanRonde(models.Model):
    traject = models.ForeignKey(Traject, on_delete=models.CASCADE, related_name="scan_rondes")
    nummer = models.PositiveSmallIntegerField(_("ronde"))
    gestart_op = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("scanronde")
        verbose_name_plural = _("scanrondes")
        ordering = ["traject", "nummer"]
        constraints = [models.UniqueConstraint(fields=["traject", "nummer"], name="unieke_scanronde")]

    def __str__(self):
        return f"{self.traject} – ronde {self.nummer}"


class ScanAntwoord(models.Model):
    ronde = models.ForeignKey(ScanRonde, on_delete=models.CASCADE, related_name="antwoorden")
    vraag = models.ForeignKey(ScanVraag, on_delete=models.CASCADE, related_name="antwoorden")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="kwartiermaken_scan_antwoorden"
    )
    antwoord = models.CharField(_("antwoord"), max_length=10, choices=ScanAntwoordKeuze.choices)
    toelichting = models.TextField(_("toelichting"), blank=True)
    bijgewerkt_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("antwoord op de scan")
        verbose_name_plural = _("antwoorden op de scan")
        constraints = [
            models.UniqueConstraint(
                fields=["ronde", "vraag", "user"], name="een_antwoord_per_vraag_per_persoon"
            )
        ]

    def __str__(self):
        return f"{self.vraag_id}: {self.antwoord}"


class Oordeel(models.TextChoices):
    """How far a precondition is arranged."""

    GEREGELD = "geregeld", _("Geregeld")
    DEELS = "deels", _("Deels geregeld")
    NIET = "niet", _("Niet geregeld")


# The three preconditions the handreiking names as most crucial (deel 2, Vertrekpunt).
RANDVOORWAARDEN = (
    ("ondersteuning", _("Ondersteuning")),
    ("financiering", _("Financiering")),
    ("draagvlak", _("Draagvlak")),
)


BRON_RANDVOORWAARDEN = "Handreiking Kwartiermaken (Movisie, 2022), 2. De verkenning: Vertrekpunt, p. 8"

# The don'ts of the handreiking: motives a team rules out before a go.
MOTIEVEN = (
    ("moeten", _("We doen het niet omdat anderen zeggen dat het moet.")),
    ("pr", _("We doen het niet voor de PR of om politiek correct te zijn.")),
    ("goedkoop", _("We doen het niet omdat ervaringsdeskundigen goedkoop zijn.")),
    (
        "eigen_functie",
        _(
            "Geen ervaringsdeskundige wordt kwartiermaker of projectleider van zijn of haar eigen nieuwe functie."
        ),
    ),
)
BRON_MOTIEVEN = (
    "Handreiking Kwartiermaken (Movisie, 2022), fase 1: Ontwikkel een gezamenlijke visie en strategie, "
    "do's & don'ts, p. 12-13"
)


def _oordeel(label):
    return models.CharField(label, max_length=10, choices=Oordeel.choices, blank=True)


class Besluit(models.Model):
    """The go / no-go decision after the verkenning. Several may follow each other; the last counts.

    Older decisions may lack the weighing (preconditions, motives): those fields are blank then.
    """

    class Keuze(models.TextChoices):
        GO = "go", _("Go: we gaan door")
        GO_VOORWAARDEN = "go_voorwaarden", _("Go onder voorwaarden")
        NO_GO = "no_go", _("No-go: we stoppen of wachten")

    class Vervolg(models.TextChoices):
        STOPPEN = "stoppen", _("We stoppen")
        WACHTEN = "wachten", _("We wachten en kijken later opnieuw")

    traject = models.ForeignKey(Traject, on_delete=models.CASCADE, related_name="besluiten")
    keuze = models.CharField(_("besluit"), max_length=20, choices=Keuze.choices)
    redenen = models.TextField(_("redenen"))
    datum = models.DateField(_("datum van het besluit"))
    ondersteuning = _oordeel(_("ondersteuning"))
    ondersteuning_toelichting = models.TextField(_("toelichting bij ondersteuning"), blank=True)
    financiering = _oordeel(_("financiering"))
    financiering_toelichting = models.TextField(_("toelichting bij financiering"), blank=True)
    draagvlak = _oordeel(_("draagvlak"))
    draagvlak_toelichting = models.TextField(_("toelichting bij draagvlak"), blank=True)
    # Keys of the don'ts (forms.MOTIEVEN) the decision-makers ruled out as their motive.
    motieven_uitgesloten = models.JSONField(_("motieven uitgesloten"), default=list, blank=True)
    vervolg = models.CharField(_("wat nu"), max_length=10, choices=Vervolg.choices, blank=True)
    opnieuw_op = models.DateField(_("opnieuw kijken op"), null=True, blank=True)
    genomen_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="kwartiermaken_besluiten",
    )
    # The name as it was when the decision was taken; emptied when the person is erased.
    naam = models.CharField(_("genomen door"), max_length=200, blank=True)
    vastgelegd_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("go/no-go-besluit")
        verbose_name_plural = _("go/no-go-besluiten")
        ordering = ["-datum", "-vastgelegd_op", "-pk"]

    def __str__(self):
        return f"{self.traject}: {self.get_keuze_display()}"

    @property
    def is_go(self):
        """A go, with or without conditions: fase 2 may start without a warning."""
        return self.keuze in (self.Keuze.GO, self.Keuze.GO_VOORWAARDEN)

    def randvoorwaarden(self) -> list[tuple[str, str, str, str]]:
        """(key, label, judgement, explanation) per precondition, in the handreiking's order."""
        return [
            (key, label, getattr(self, key), getattr(self, f"{key}_toelichting"))
            for key, label in RANDVOORWAARDEN
        ]


class Voorwaarde(models.Model):
    """A condition of a "go onder voorwaarden": it lives as an action in the plan, which holds
    its text, owner and status; this row only says the action is a condition of the go."""

    traject = models.ForeignKey(Traject, on_delete=models.CASCADE, related_name="go_voorwaarden")
    actie = models.OneToOneField(
        "plan.Actie", on_delete=models.CASCADE, related_name="go_voorwaarde", verbose_name=_("actie")
    )
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("voorwaarde bij een go")
        verbose_name_plural = _("voorwaarden bij een go")
        ordering = ["volgorde", "pk"]

    def __str__(self):
        return str(self.actie)


class FaseStart(models.Model):
    """Fase 2 (and later) is started explicitly; before a go only after a recorded warning."""

    traject = models.ForeignKey(Traject, on_delete=models.CASCADE, related_name="fase_starts")
    fase = models.ForeignKey(Fase, on_delete=models.CASCADE, related_name="+")
    gestart_op = models.DateTimeField(default=timezone.now)
    gestart_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    zonder_go = models.BooleanField(default=False)
    # The warning text the person confirmed, kept as it was shown.
    waarschuwing = models.TextField(blank=True)

    class Meta:
        verbose_name = _("start van een fase")
        verbose_name_plural = _("starts van fasen")
        constraints = [models.UniqueConstraint(fields=["traject", "fase"], name="een_start_per_fase")]

    def __str__(self):
        return f"{self.traject}: {self.fase}"
