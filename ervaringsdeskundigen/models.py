"""ED places, recruitment, and the ED's own sensitive profile with consent, grants and audit log.

Privacy by design: the place (`Plek`) holds only what the whole team may see (name, roles,
placement, support). Everything about a person's own history lives in `Ervaringsprofiel`,
which belongs to the person, is stored only under a recorded `Toestemming`, and is shown
only to the person and to those they granted an `Inzagerecht`. Every view or change of it
is written to `AuditRegel` (NEN 7513 style).
"""

import hashlib
import hmac
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from trajecten.models import Traject


class RolBoek(models.TextChoices):
    """The book's five roles (Ervaring werkt, §7)."""

    AANWEZIGHEID = "aanwezigheid", _("Aanwezig zijn (presentie)")
    HOOPGEVER = "hoopgever", _("Hoopgever en rolmodel")
    BRUG = "brug", _("Brug tussen leefwereld en systeemwereld")
    BEELDVORMER = "beeldvormer", _("Beeldvormer")
    KRITISCHE_PARTNER = "kritische_partner", _("Kritische partner en vernieuwer")


class RolHandreiking(models.TextChoices):
    """The handreiking's five roles (Movisie, Handreiking Kwartiermaken, De basis)."""

    ONDERSTEUNER = "ondersteuner", _("Ondersteuner/hulpverlener")
    BELEIDSBEINVLOEDER = "beleidsbeinvloeder", _("Beleidsbeïnvloeder")
    DESKUNDIGHEIDSBEVORDERAAR = "deskundigheidsbevorderaar", _("Deskundigheidsbevorderaar")
    ONDERZOEKER = "onderzoeker", _("Onderzoeker")
    INITIATOR = "initiator", _("Initiator van vernieuwing")


class Werkveld(models.TextChoices):
    HULPVERLENING = "hulpverlening", _("Hulpverlening")
    BELEID = "beleid", _("Beleid")
    ZELFORGANISATIES = "zelforganisaties", _("Zelforganisaties")
    ONDERWIJS = "onderwijs", _("Onderwijs")
    ONDERZOEK = "onderzoek", _("Onderzoek")


class Statuut(models.TextChoices):
    VRIJWILLIG = "vrijwillig", _("Vrijwillig")
    BETAALD = "betaald", _("Betaald (loondienst)")
    ZZP = "zzp", _("Zzp")
    WERKERVARINGSPLAATS = "werkervaringsplaats", _("Werkervaringsplaats")


# Statuten without pay: the handreiking asks for a path to paid work for these.
ONBETAALD = (Statuut.VRIJWILLIG, Statuut.WERKERVARINGSPLAATS)


class Positie(models.TextChoices):
    EIGEN_TEAM = "eigen_team", _("In een eigen team van ervaringsdeskundigen")
    IN_TEAM = "in_team", _("Lid van een bestaand team")
    TANDEM = "tandem", _("In een tandem met een collega")


class Scholing(models.TextChoices):
    GEEN = "geen", _("Geen scholing")
    ED_GEPLAND = "ed_gepland", _("Opleiding tot ervaringsdeskundige: gepland")
    ED_GEDAAN = "ed_gedaan", _("Opleiding tot ervaringsdeskundige: gedaan")
    BEROEP_GEPLAND = "beroep_gepland", _("Beroepsopleiding: gepland")
    BEROEP_GEDAAN = "beroep_gedaan", _("Beroepsopleiding: gedaan")


class PlekQuerySet(models.QuerySet):
    def ingevuld(self):
        return self.filter(Q(ervaringsdeskundige__isnull=False) | Q(ingevuld_zonder_account=True))

    def open(self):
        return self.filter(ervaringsdeskundige__isnull=True, ingevuld_zonder_account=False)


class Plek(models.Model):
    """An ED place in a trajectory: filled by a person, or open (a vacancy)."""

    traject = models.ForeignKey(Traject, on_delete=models.CASCADE, related_name="ed_plekken")
    titel = models.CharField(
        _("functietitel"),
        max_length=200,
        help_text=_(
            "Bijvoorbeeld: Ervaringsdeskundige wijkteam. De handreiking raadt aan "
            "‘ervaringsdeskundige’ met het thema te noemen; wij raden het thema af: "
            "dat deelt de ervaringsdeskundige zelf, als die dat wil."
        ),
    )
    ervaringsdeskundige = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="ed_plekken",
        verbose_name=_("ervaringsdeskundige"),
    )
    # Set when the person who filled the place erased their account: the place stays filled,
    # shown without a name.
    ingevuld_zonder_account = models.BooleanField(default=False, editable=False)
    rollen_boek = models.JSONField(_("rollen (Ervaring werkt)"), default=list, blank=True)
    rollen_handreiking = models.JSONField(_("rollen (handreiking)"), default=list, blank=True)
    werkvelden = models.JSONField(_("werkvelden"), default=list, blank=True)
    projectleider_eigen_functie = models.BooleanField(
        _("is ook projectleider of kwartiermaker van de eigen functie"), default=False
    )
    statuut = models.CharField(_("statuut"), max_length=30, choices=Statuut.choices)
    uren_per_week = models.DecimalField(_("uren per week"), max_digits=3, decimal_places=1)
    startdatum = models.DateField(_("startdatum"), null=True, blank=True)
    positie = models.CharField(_("positie"), max_length=20, choices=Positie.choices)
    positie_team = models.CharField(_("naam van het team"), max_length=200, blank=True)
    tandem_partner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="ed_tandems",
        verbose_name=_("tandempartner"),
    )
    leidinggevende_naam = models.CharField(_("leidinggevende"), max_length=200, blank=True)
    maatje = models.CharField(_("maatje of mentor"), max_length=200, blank=True)
    intervisie = models.CharField(_("intervisiegroep"), max_length=200, blank=True)
    supervisie = models.CharField(_("supervisor"), max_length=200, blank=True)
    beroepsvereniging = models.CharField(_("beroepsvereniging"), max_length=200, blank=True)
    scholing = models.CharField(_("scholing"), max_length=20, choices=Scholing.choices, default=Scholing.GEEN)
    scholing_toelichting = models.CharField(_("toelichting op de scholing"), max_length=300, blank=True)
    pad_naar_betaald = models.TextField(_("pad naar betaald werk"), blank=True)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    gewijzigd_op = models.DateTimeField(auto_now=True)

    objects = PlekQuerySet.as_manager()

    class Meta:
        verbose_name = _("ED-plek")
        verbose_name_plural = _("ED-plekken")
        ordering = ["traject", "aangemaakt_op", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(uren_per_week__gt=Decimal(0)) & Q(uren_per_week__lte=Decimal(60)),
                name="ed_plek_uren_tussen_0_en_60",
            )
        ]

    def __str__(self):
        return self.titel

    def get_absolute_url(self):
        return reverse("ervaringsdeskundigen:plek", args=[self.traject_id, self.pk])

    @property
    def is_ingevuld(self) -> bool:
        return self.ervaringsdeskundige_id is not None or self.ingevuld_zonder_account

    @property
    def ondersteuning_geregeld(self) -> bool:
        return bool(self.maatje or self.intervisie or self.supervisie)

    def werving_telling(self) -> tuple[int, int]:
        """(steps done, steps) from the prefetched recruitment steps."""
        stappen = list(self.werving.all())
        return sum(s.status == WervingStap.Status.KLAAR for s in stappen), len(stappen)

    def rollen_boek_labels(self):
        return [RolBoek(r).label for r in self.rollen_boek if r in RolBoek.values]

    def rollen_handreiking_labels(self):
        return [RolHandreiking(r).label for r in self.rollen_handreiking if r in RolHandreiking.values]

    def werkvelden_labels(self):
        return [Werkveld(w).label for w in self.werkvelden if w in Werkveld.values]


class WervingStap(models.Model):
    """One of the handreiking's recruitment steps for an open place, with its status."""

    class Stap(models.TextChoices):
        SENIOR_ADVIES = (
            "senior_advies",
            _("Een senior ervaringsdeskundige adviseert over werving en selectie"),
        )
        VACATURE = "vacature", _("Een gewone vacature of oproep, ook verspreid via netwerken in de regio")
        GESPREK = (
            "gesprek",
            _(
                "Het gesprek vraagt ook naar verwachtingen, nodige ondersteuning en hoe de kandidaat wil samenwerken"
            ),
        )

    class Status(models.TextChoices):
        OPEN = "open", _("Nog niet begonnen")
        BEZIG = "bezig", _("Bezig")
        KLAAR = "klaar", _("Klaar")

    plek = models.ForeignKey(Plek, on_delete=models.CASCADE, related_name="werving")
    stap = models.CharField(_("stap"), max_length=20, choices=Stap.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    gewijzigd_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("wervingsstap")
        verbose_name_plural = _("wervingsstappen")
        constraints = [models.UniqueConstraint(fields=["plek", "stap"], name="een_wervingsstap_per_soort")]

    def __str__(self):
        return self.get_stap_display()

    @property
    def volgorde(self) -> int:
        return list(self.Stap.values).index(self.stap)


TOESTEMMING_VERSIE = "2026-1"
TOESTEMMING_TEKST = _(
    "Ik geef toestemming om mijn ervaringsthema en wat ik over mijn eigen ervaring schrijf in deze app "
    "te bewaren. Alleen ik zie dit, en de mensen aan wie ik zelf inzage geef. Ik kan deze toestemming "
    "altijd intrekken; dan wordt wat ik schreef meteen gewist."
)


class Toestemming(models.Model):
    """Explicit consent, with the exact text agreed to and when (GDPR art. 9(2)(a))."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="ed_toestemmingen"
    )
    tekst = models.TextField(_("tekst waarmee ingestemd is"))
    versie = models.CharField(max_length=20)
    gegeven_op = models.DateTimeField(auto_now_add=True)
    ingetrokken_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("toestemming")
        verbose_name_plural = _("toestemmingen")
        ordering = ["-gegeven_op", "-pk"]

    def __str__(self):
        return f"{self.user} {self.versie} {self.gegeven_op:%Y-%m-%d}"

    @classmethod
    def actief_voor(cls, user):
        return cls.objects.filter(user=user, ingetrokken_op__isnull=True).first()


class Ervaringsprofiel(models.Model):
    """The sensitive part: what a person chooses to share about their own experience."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="ervaringsprofiel"
    )
    toestemming = models.ForeignKey(Toestemming, on_delete=models.PROTECT, related_name="+")
    ervaringsthema = models.CharField(
        _("ervaringsthema"),
        max_length=200,
        blank=True,
        help_text=_(
            "Bijvoorbeeld: armoede en schulden, psychische kwetsbaarheid, verslaving. Niet verplicht."
        ),
    )
    ervaringsverhaal = models.TextField(
        _("wat je wilt delen over je eigen ervaring"),
        blank=True,
        help_text=_("Alleen wat je zelf wilt delen. Niet verplicht."),
    )
    gewijzigd_op = models.DateTimeField(auto_now=True)

    # The fields that are sensitive; the audit log names these, never their content.
    GEVOELIGE_VELDEN = ("ervaringsthema", "ervaringsverhaal")

    class Meta:
        verbose_name = _("ervaringsprofiel")
        verbose_name_plural = _("ervaringsprofielen")

    def __str__(self):
        return f"{self.user}"

    @property
    def is_leeg(self) -> bool:
        return not (self.ervaringsthema or self.ervaringsverhaal)


class Inzagerecht(models.Model):
    """The owner allows one person to see their sensitive profile."""

    eigenaar = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="ed_gegeven_inzage"
    )
    ontvanger = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="ed_ontvangen_inzage"
    )
    gegeven_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("inzagerecht")
        verbose_name_plural = _("inzagerechten")
        constraints = [
            models.UniqueConstraint(fields=["eigenaar", "ontvanger"], name="een_inzagerecht_per_paar"),
            models.CheckConstraint(
                condition=~Q(eigenaar=models.F("ontvanger")), name="inzage_niet_aan_jezelf"
            ),
        ]
        ordering = ["gegeven_op"]

    def __str__(self):
        return f"{self.eigenaar} -> {self.ontvanger}"


def pseudoniem(user) -> str:
    """A stable pseudonymous id for the audit log, kept after the person is erased.

    Keyed with SECRET_KEY so it cannot be recomputed from a user id without the key.
    """
    digest = hmac.new(settings.SECRET_KEY.encode(), f"ed-audit:{user.pk}".encode(), hashlib.sha256)
    return "p-" + digest.hexdigest()[:12]


class AuditRegel(models.Model):
    """One logged access to sensitive data, in the manner of NEN 7513.

    Who (actor), on whose behalf (namens), when (tijd), about whom (betrokkene), what
    action (actie) on which part (onderdeel: field names, never their content). The
    foreign keys are cleared when a person is erased; the pseudonyms stay, so the log
    remains complete and traceable without naming the erased person.
    """

    class Actie(models.TextChoices):
        BEKIJKEN = "bekijken", _("bekeken")
        WIJZIGEN = "wijzigen", _("gewijzigd")
        EXPORTEREN = "exporteren", _("gedownload")
        WISSEN = "wissen", _("gewist")

    tijd = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_pseudoniem = models.CharField(max_length=20)
    namens = models.CharField(_("namens"), max_length=300)
    betrokkene = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    betrokkene_pseudoniem = models.CharField(max_length=20, db_index=True)
    actie = models.CharField(_("actie"), max_length=20, choices=Actie.choices)
    onderdeel = models.CharField(_("onderdeel"), max_length=300)
    # A keyed seal over the entry's content (pseudonyms, not the foreign keys, so erasure keeps it
    # valid): a change made in the database without the key shows up in `auditlog_controleren`.
    zegel = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        verbose_name = _("auditregel")
        verbose_name_plural = _("auditlog")
        ordering = ["-tijd", "-pk"]

    def __str__(self):
        return f"{self.tijd:%Y-%m-%d %H:%M} {self.actor_pseudoniem} {self.actie} {self.betrokkene_pseudoniem}"

    def bereken_zegel(self) -> str:
        inhoud = "\x1f".join(
            [
                self.tijd.isoformat(),
                self.actor_pseudoniem,
                self.namens,
                self.betrokkene_pseudoniem,
                self.actie,
                self.onderdeel,
            ]
        )
        return hmac.new(settings.SECRET_KEY.encode(), inhoud.encode(), hashlib.sha256).hexdigest()

    def zegel_klopt(self) -> bool:
        return hmac.compare_digest(self.zegel, self.bereken_zegel())
