"""What `trajecten` gives its own hub: the export and erasure of what it (and Django's admin log)
holds about a person, registered when TrajectenConfig.ready() discovers every hub.py."""

from django.contrib.admin.models import LogEntry

from .models import Lidmaatschap, Organisatie, Taalkeuze, Traject, Uitnodiging, WachtwoordHerstel
from .registries import PersonalData, register_personal_data


def _lidmaatschappen(user):
    return [
        {
            "team": m.team.naam,
            "organisatie": m.team.organisatie.naam,
            "rol": m.rol,
            "perspectief": m.perspectief,
            "sinds": m.sinds.isoformat(),
        }
        for m in Lidmaatschap.objects.filter(user=user).select_related("team__organisatie")
    ]


register_personal_data(
    PersonalData(
        model=Lidmaatschap,
        export=_lidmaatschappen,
        erase=lambda user: Lidmaatschap.objects.filter(user=user).delete(),
    )
)
register_personal_data(
    PersonalData(
        model=Uitnodiging,
        export=lambda user: [
            {"team": u.team.naam, "rol": u.rol, "aangemaakt_op": u.aangemaakt_op.isoformat()}
            for u in Uitnodiging.objects.filter(aangemaakt_door=user).select_related("team")
        ],
        erase=lambda user: Uitnodiging.objects.filter(aangemaakt_door=user).update(aangemaakt_door=None),
    )
)
register_personal_data(
    PersonalData(
        model=Organisatie,
        export=lambda user: [{"leidinggevende_van": o.naam} for o in user.geleide_organisaties.all()],
        erase=lambda user: user.geleide_organisaties.clear(),
    )
)
register_personal_data(
    PersonalData(
        model=Traject,
        export=lambda user: [{"begeleider_van": t.titel} for t in user.begeleide_trajecten.all()],
        erase=lambda user: user.begeleide_trajecten.clear(),
    )
)
register_personal_data(
    PersonalData(
        model=LogEntry,
        export=lambda user: [
            {"tijd": e.action_time.isoformat(), "object": e.object_repr, "actie": e.get_action_flag_display()}
            for e in LogEntry.objects.filter(user=user)
        ],
        erase=lambda user: LogEntry.objects.filter(user=user).delete(),
    )
)
register_personal_data(
    PersonalData(
        model=Taalkeuze,
        export=lambda user: [{"taal": t.taal} for t in Taalkeuze.objects.filter(user=user)],
        erase=lambda user: Taalkeuze.objects.filter(user=user).delete(),
    )
)

register_personal_data(
    PersonalData(
        model=WachtwoordHerstel,
        # The person's own password links (who made them, when, when used); the links a
        # begeleider made for others stay as the trail of those people, without the maker.
        export=lambda user: [
            {
                "aangemaakt_op": h.aangemaakt_op.isoformat(),
                "aangemaakt_door": h.aangemaakt_door.get_username() if h.aangemaakt_door else None,
                "gebruikt_op": h.gebruikt_op.isoformat() if h.gebruikt_op else None,
            }
            for h in WachtwoordHerstel.objects.filter(voor=user).select_related("aangemaakt_door")
        ],
        erase=lambda user: (
            WachtwoordHerstel.objects.filter(voor=user).delete(),
            WachtwoordHerstel.objects.filter(aangemaakt_door=user).update(aangemaakt_door=None),
        ),
    )
)
