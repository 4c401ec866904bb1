"""The plan van aanpak of a trajectory: decisions, actions, risks, reviews and versions."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from trajecten.models import Traject


class Onderwerp(models.TextChoices):
    """The plan decisions the Handreiking Kwartiermaken asks for (fase 1, "een concreet plan")."""

    ROLLEN = "rollen", _("Welke rollen en taken passen bij ons doel")
    VELDEN = "velden", _("In welke werkvelden zetten we ervaringsdeskundigen in")
    TAAKVERDELING = (
        "taakverdeling",
        _("Verdeling van rollen en taken met andere professionals en vrijwilligers"),
    )
    COMPETENTIES = "competenties", _("Welke competenties nodig zijn")
    AANTAL = "aantal", _("Hoeveel ervaringsdeskundigen")
    BETALING = "betaling", _("Hoe ervaringsdeskundigen betaald worden")
    BORGING = "borging", _("Hoe het werk blijvend en structureel betaald wordt")


class Besluit(models.Model):
    traject = models.ForeignKey(Traject, on_delete=models.CASCADE, related_name="plan_besluiten")
    onderwerp = models.CharField(_("onderwerp"), max_length=30, choices=Onderwerp.choices)
    tekst = models.TextField(_("besluit"), max_length=10000, blank=True)
    eigenaar = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("eigenaar"),
    )
    datum = models.DateField(_("datum van het besluit"), null=True, blank=True)
    herzien_op = models.DateField(_("herzien op"), null=True, blank=True)
    bijgewerkt_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("besluit")
        verbose_name_plural = _("besluiten")
        constraints = [
            models.UniqueConstraint(fields=["traject", "onderwerp"], name="plan_een_besluit_per_onderwerp")
        ]

    def __str__(self):
        return self.get_onderwerp_display()

    @property
    def is_leeg(self) -> bool:
        return not self.tekst.strip()


class Actie(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Nog niet begonnen")
        BEZIG = "bezig", _("Bezig")
        KLAAR = "klaar", _("Klaar")
        GESTOPT = "gestopt", _("Gestopt")

    traject = models.ForeignKey(Traject, on_delete=models.CASCADE, related_name="plan_acties")
    wat = models.TextField(_("wat"), max_length=2000)
    eigenaar = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("wie"),
    )
    wanneer = models.DateField(_("wanneer klaar"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    herzien_op = models.DateField(_("herzien op"), null=True, blank=True)
    # Where the action came from, e.g. "Kompas – noord", and the card's id so one card
    # becomes at most one action.
    bron = models.CharField(_("bron"), max_length=200, blank=True)
    kaart_id = models.PositiveBigIntegerField(null=True, blank=True)
    aangemaakt_op = models.DateTimeField(default=timezone.now)
    bijgewerkt_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("actie")
        verbose_name_plural = _("acties")
        ordering = ["wanneer", "aangemaakt_op", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["traject", "kaart_id"],
                condition=models.Q(kaart_id__isnull=False),
                name="plan_een_actie_per_kaart",
            )
        ]

    def __str__(self):
        return self.wat[:80]


class Risico(models.Model):
    """A pitfall or threat (compass west) and how the team will respond to it."""

    traject = models.ForeignKey(Traject, on_delete=models.CASCADE, related_name="plan_risicos")
    omschrijving = models.TextField(_("risico"), max_length=2000)
    reactie = models.TextField(_("onze reactie"), max_length=5000, blank=True)
    kaart_id = models.PositiveBigIntegerField(null=True, blank=True)
    aangemaakt_op = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("risico")
        verbose_name_plural = _("risico's")
        ordering = ["aangemaakt_op", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["traject", "kaart_id"],
                condition=models.Q(kaart_id__isnull=False),
                name="plan_een_risico_per_kaart",
            )
        ]

    def __str__(self):
        return self.omschrijving[:80]


class Herziening(models.Model):
    """A review (fase 3, volhouden en borgen): what happened with a decision or action."""

    traject = models.ForeignKey(Traject, on_delete=models.CASCADE, related_name="plan_herzieningen")
    besluit = models.ForeignKey(
        Besluit, null=True, blank=True, on_delete=models.CASCADE, related_name="herzieningen"
    )
    actie = models.ForeignKey(
        Actie, null=True, blank=True, on_delete=models.CASCADE, related_name="herzieningen"
    )
    datum = models.DateField(_("datum"), default=timezone.localdate)
    wat_gebeurde = models.TextField(_("wat is er gebeurd"), max_length=5000)
    volgende = models.DateField(_("volgende herziening"), null=True, blank=True)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("herziening")
        verbose_name_plural = _("herzieningen")
        ordering = ["-datum", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(besluit__isnull=False, actie__isnull=True)
                | models.Q(besluit__isnull=True, actie__isnull=False),
                name="plan_herziening_van_besluit_of_actie",
            )
        ]

    def __str__(self):
        return f"{self.datum}: {self.wat_gebeurde[:60]}"

    @property
    def onderwerp(self) -> str:
        return str(self.besluit) if self.besluit_id else str(self.actie)


class PlanVersie(models.Model):
    """One downloaded PDF, kept in the database so every app process can serve it."""

    traject = models.ForeignKey(Traject, on_delete=models.CASCADE, related_name="plan_versies")
    nummer = models.PositiveIntegerField()
    gemaakt_op = models.DateTimeField(default=timezone.now)
    gemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    pdf = models.BinaryField()
    grootte = models.PositiveIntegerField(default=0)
    # What the plan said at that moment, to compare two versions.
    snapshot = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("planversie")
        verbose_name_plural = _("planversies")
        ordering = ["-nummer"]
        constraints = [models.UniqueConstraint(fields=["traject", "nummer"], name="plan_versienummer_uniek")]

    def __str__(self):
        return f"{self.traject} v{self.nummer}"
