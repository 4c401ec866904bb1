"""One rule names a person everywhere: full name, else username."""

from django.template import Context, Template

from tests.factories import UserFactory
from trajecten.weergave import weergavenaam


def test_it_uses_the_full_name_and_falls_back_on_the_username(db):
    assert weergavenaam(UserFactory(username="bea", first_name="Bea", last_name="de Vries")) == "Bea de Vries"
    assert weergavenaam(UserFactory(username="kees", first_name="", last_name="")) == "kees"
    assert weergavenaam(None) == ""


def test_the_template_filter_follows_the_same_rule_and_escapes(db):
    user = UserFactory(username="x", first_name="<b>Ali</b>", last_name="")
    html = Template("{% load weergave %}{{ u|weergavenaam }}").render(Context({"u": user}))

    assert html == "&lt;b&gt;Ali&lt;/b&gt;"
