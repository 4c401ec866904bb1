import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# How stale "last activity" may be: the stamp is written at most this often.
TOUCH_INTERVAL = timedelta(minutes=1)


class Rol(models.TextChoices):
    BEGELEIDER = "begeleider", _("Begeleider")
    TEAMLID = "teamlid", _("Teamlid")
    LEIDINGGEVENDE = "leidinggevende", _("Leidinggevende")


class Perspectief(models.TextChoices):
    PROFESSIONAL = "professional", _("Professional")
    ERVARINGSDESKUNDIGE = "ervaringsdeskundige", _("Ervaringsdeskundige")
    CLIENT = "client", _("Cliënt")
    FAMILIE = "familie", _("Familie")
    MANAGEMENT = "management", _("Management")


class Sector(models.TextChoices):
    GGZ = "ggz", _("GGZ")
    VERSLAVINGSZORG = "verslavingszorg", _("Verslavingszorg")
    JEUGDHULP = "jeugdhulp", _("Jeugdhulp")
    ARMOEDE = "armoede", _("Armoede")
    WELZIJN = "welzijn", _("Welzijn")
    GEMEENTE = "gemeente", _("Gemeente")
    ANDER = "ander", _("Ander")


class Organisatie(models.Model):
    naam = models.CharField(_("naam"), max_length=200)
    leidinggevenden = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="geleide_organisaties",
        verbose_name=_("leidinggevenden"),
        help_text=_("Zien alle teams van de organisatie."),
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["naam"]

    def __str__(self):
        return self.naam


class TeamQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Teams the user belongs to, plus all teams of organisations they lead."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(Q(lidmaatschappen__user=user) | Q(organisatie__leidinggevenden=user)).distinct()


class Team(models.Model):
    organisatie = models.ForeignKey(
        Organisatie, on_delete=models.CASCADE, related_name="teams", verbose_name=_("organisatie")
    )
    naam = models.CharField(_("naam"), max_length=200)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    objects = TeamQuerySet.as_manager()

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["naam"]

    def __str__(self):
        return self.naam

    def get_absolute_url(self):
        return reverse("trajecten:team", args=[self.pk])


class Lidmaatschap(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lidmaatschappen"
    )
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="lidmaatschappen")
    rol = models.CharField(_("rol"), max_length=20, choices=Rol.choices)
    perspectief = models.CharField(_("perspectief"), max_length=30, choices=Perspectief.choices)
    via_uitnodiging = models.ForeignKey(
        "Uitnodiging", null=True, blank=True, on_delete=models.SET_NULL, related_name="leden"
    )
    sinds = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        constraints = [models.UniqueConstraint(fields=["user", "team"], name="een_lidmaatschap_per_team")]
        ordering = ["team", "user__first_name", "user__username"]

    def __str__(self):
        return f"{self.user} – {self.team} ({self.get_rol_display()})"


class Traject(models.Model):
    class Status(models.TextChoices):
        GEPLAND = "gepland", _("Gepland")
        ACTIEF = "actief", _("Actief")
        AFGEROND = "afgerond", _("Afgerond")
        GESTOPT = "gestopt", _("Gestopt")

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="trajecten")
    titel = models.CharField(_("titel"), max_length=200)
    startdatum = models.DateField(_("startdatum"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.GEPLAND)
    begeleiders = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="begeleide_trajecten",
        verbose_name=_("begeleiders"),
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    # Bumped by any app when the trajectory's data changes; drives "last activity".
    laatst_actief = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("traject")
        verbose_name_plural = _("trajecten")
        ordering = ["-startdatum", "titel"]

    def __str__(self):
        return self.titel

    def get_absolute_url(self):
        return reverse("trajecten:traject", args=[self.pk])

    def touch(self):
        """Stamp "last activity", at most once a minute (each write serialises SQLite).

        No query when this instance already holds a recent stamp; otherwise one
        conditional UPDATE that leaves a stamp another request wrote this minute alone.
        """
        now = timezone.now()
        seen = self.__dict__.get("laatst_actief")  # never loads a deferred field
        if seen is not None and now - seen < TOUCH_INTERVAL:
            return
        Traject.objects.filter(pk=self.pk, laatst_actief__lt=now - TOUCH_INTERVAL).update(laatst_actief=now)
        self.laatst_actief = now


def _new_token():
    return secrets.token_urlsafe(24)


def _default_expiry():
    return timezone.now() + timedelta(days=14)


class UitnodigingQuerySet(models.QuerySet):
    def claim(self, pk) -> bool:
        """Atomically take one use of an invite; False when none is left.

        A conditional UPDATE, so two people following a single-use link at the
        same moment cannot both get in (works on SQLite and PostgreSQL alike).
        """
        now = timezone.now()
        return bool(
            self.filter(
                pk=pk, ingetrokken_op__isnull=True, verloopt_op__gt=now, gebruikt__lt=F("max_gebruik")
            ).update(gebruikt=F("gebruikt") + 1)
        )


class Uitnodiging(models.Model):
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="uitnodigingen")
    rol = models.CharField(_("rol"), max_length=20, choices=Rol.choices, default=Rol.TEAMLID)
    token = models.CharField(max_length=64, unique=True, default=_new_token, editable=False)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    verloopt_op = models.DateTimeField(_("verloopt op"), default=_default_expiry)
    max_gebruik = models.PositiveIntegerField(_("aantal keer te gebruiken"), default=1)
    gebruikt = models.PositiveIntegerField(default=0)
    ingetrokken_op = models.DateTimeField(null=True, blank=True)

    objects = UitnodigingQuerySet.as_manager()

    class Meta:
        verbose_name = _("uitnodiging")
        verbose_name_plural = _("uitnodigingen")
        ordering = ["-aangemaakt_op"]

    def __str__(self):
        return f"{self.team} – {self.get_rol_display()}"

    def get_absolute_url(self):
        return reverse("trajecten:uitnodiging", args=[self.token])

    @property
    def is_ingetrokken(self):
        return self.ingetrokken_op is not None

    @property
    def is_verlopen(self):
        return self.verloopt_op <= timezone.now()

    @property
    def is_opgebruikt(self):
        return self.gebruikt >= self.max_gebruik

    @property
    def is_bruikbaar(self):
        return not (self.is_ingetrokken or self.is_verlopen or self.is_opgebruikt)

    @property
    def reden_onbruikbaar(self) -> str:
        """Why the link no longer works ("" while it does), for the page that says so."""
        if self.is_ingetrokken:
            return "ingetrokken"
        if self.is_verlopen:
            return "verlopen"
        return "opgebruikt" if self.is_opgebruikt else ""

    @property
    def standaard_perspectief(self) -> str:
        """The perspective offered first to whoever joins through this invite."""
        return Perspectief.MANAGEMENT if self.rol == Rol.LEIDINGGEVENDE else Perspectief.PROFESSIONAL


class Taalkeuze(models.Model):
    """The interface language a person chose with the language switch; Dutch when absent."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="taalkeuze"
    )
    # A code from settings.LANGUAGES, checked by the view that saves it (no choices: a new
    # language then needs no migration).
    taal = models.CharField(_("taal"), max_length=10)

    class Meta:
        verbose_name = _("taalkeuze")
        verbose_name_plural = _("taalkeuzes")

    def __str__(self):
        return self.taal


# How long a begeleider's password link works (README, "Getting back in").
HERSTEL_GELDIG = timedelta(minutes=30)


def herstel_token_hash(token: str) -> str:
    """Only this hash is stored: someone who reads the database cannot use an open link."""
    return hashlib.sha256(token.encode()).hexdigest()


class WachtwoordHerstelQuerySet(models.QuerySet):
    def open(self):
        """Links that still work: not used, not replaced, younger than HERSTEL_GELDIG."""
        return self.filter(
            gebruikt_op__isnull=True,
            vervangen_op__isnull=True,
            aangemaakt_op__gt=timezone.now() - HERSTEL_GELDIG,
        )

    def claim(self, pk) -> bool:
        """Atomically mark the link used; False when it no longer works (a conditional UPDATE,
        so two browsers opening one link at the same moment cannot both set a password)."""
        return bool(self.open().filter(pk=pk).update(gebruikt_op=timezone.now()))


class WachtwoordHerstel(models.Model):
    """A begeleider's one-time link for a member to choose a new password.

    The rows are also the audit trail: who issued it, for whom, when, and when it was used.
    """

    voor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("voor")
    )
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("aangemaakt door"),
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    gebruikt_op = models.DateTimeField(_("gebruikt op"), null=True, blank=True)
    vervangen_op = models.DateTimeField(_("vervangen op"), null=True, blank=True)
    # Set once the member has used the link; cleared when they are told at their next login.
    te_melden = models.BooleanField(default=False)
    gemeld_op = models.DateTimeField(_("gemeld op"), null=True, blank=True)

    objects = WachtwoordHerstelQuerySet.as_manager()

    class Meta:
        verbose_name = _("wachtwoordlink")
        verbose_name_plural = _("wachtwoordlinks")
        ordering = ["-aangemaakt_op"]

    def __str__(self):
        return f"{self.voor} ({self.aangemaakt_op:%Y-%m-%d %H:%M})"

    @property
    def verloopt_op(self):
        return self.aangemaakt_op + HERSTEL_GELDIG

    @property
    def reden_onbruikbaar(self) -> str:
        """Why the link no longer works ("" while it does), for the page that says so."""
        if self.gebruikt_op:
            return "gebruikt"
        if self.vervangen_op:
            return "vervangen"
        return "verlopen" if self.verloopt_op <= timezone.now() else ""
