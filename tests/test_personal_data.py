"""Every model that points to a person is in the personal-data registry, and erasure
leaves no row pointing to the person."""

from django.apps import apps
from django.contrib.auth import get_user_model

from trajecten.registries import personal_data_entries
from trajecten.services import persoon_wissen, persoonsgegevens_export

User = get_user_model()


def _models_pointing_to_users():
    found = {}
    for model in apps.get_models(include_auto_created=True):
        if model is User:
            continue
        for field in model._meta.get_fields(include_hidden=True):
            if not getattr(field, "is_relation", False) or field.auto_created and not field.concrete:
                continue
            if field.related_model is User and (field.concrete or field.many_to_many):
                found.setdefault(model, []).append(field)
    return found


def _owner_label(model):
    """Auto-created M2M through tables belong to the model that declares the field."""
    if model._meta.auto_created:
        return model._meta.auto_created._meta.label
    return model._meta.label


def test_every_model_pointing_to_a_user_is_registered():
    registered = {entry.model._meta.label for entry in personal_data_entries()}
    # The user model's own groups and permissions are part of the account itself.
    account_tables = {User.groups.through._meta.label, User.user_permissions.through._meta.label}
    missing = sorted(
        f"{_owner_label(model)} ({', '.join(f.name for f in fields)})"
        for model, fields in _models_pointing_to_users().items()
        if model._meta.label not in account_tables and _owner_label(model) not in registered
    )
    assert not missing, (
        "models that point to a person but have no PersonalData entry (register one in the "
        f"app's AppConfig.ready()): {missing}"
    )


def test_the_export_holds_the_persons_memberships(world):
    data = persoonsgegevens_export(world.bob)
    assert data["account"]["gebruikersnaam"] == "bob"
    assert data["trajecten.Lidmaatschap"][0]["team"] == "Team Alfa"
    assert all(entry.model._meta.label in data for entry in personal_data_entries())


def test_after_erasure_no_row_points_to_the_person(world):
    pk = world.alice.pk
    persoon_wissen(world.alice)
    assert not User.objects.filter(pk=pk).exists()
    for model, fields in _models_pointing_to_users().items():
        for field in fields:
            if field.many_to_many:
                assert not model.objects.filter(**{f"{field.name}__pk": pk}).exists(), (model, field.name)
            else:
                assert not model.objects.filter(**{f"{field.attname}": pk}).exists(), (model, field.name)
    # The team and its trajectory remain.
    world.traject.refresh_from_db()
    assert world.traject.begeleiders.count() == 0
