from django import template

from trajecten.weergave import weergavenaam as _weergavenaam

register = template.Library()


@register.filter
def weergavenaam(user) -> str:
    """{{ user|weergavenaam }}: see trajecten.weergave."""
    return _weergavenaam(user)
