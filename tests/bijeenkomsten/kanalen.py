"""Every channel that carries a live session's cards, as one reader sees them."""

from bijeenkomsten import live
from trajecten.registries import traject_exports


def kanalen(world, b, *, lezer: str = "teamlid", oefening: str | None = None) -> dict[str, str]:
    """The big screen and its poll (the begeleider), the phone and its poll, the report (the
    reader), the export, and, given a slug, the exercise page (the leidinggevende)."""

    def poll(actor, scherm):
        token = live.make_token(b.pk, world.user(actor).pk, scherm)
        return world.client(actor).get(f"/bijeenkomsten/{b.pk}/live/?t={token}").content.decode()

    export = next(e for e in traject_exports() if e.key == "bijeenkomsten_inbreng")
    gezien = {
        "presentatie": world.client("begeleider").get(f"/bijeenkomsten/{b.pk}/presentatie/").content.decode(),
        "poll scherm": poll("begeleider", "presentatie"),
        "poll telefoon": poll(lezer, "deelnemer"),
        "telefoon": world.client(lezer).get(f"/bijeenkomsten/{b.pk}/meedoen/").content.decode(),
        "verslag": world.client(lezer).get(f"/bijeenkomsten/{b.pk}/verslag/").content.decode(),
        "export": repr(export.rows(world.traject)),
    }
    if oefening:
        url = f"/trajecten/{world.traject.pk}/oefeningen/{oefening}/"
        gezien["oefening"] = world.client("leidinggevende").get(url).content.decode()
    return gezien
