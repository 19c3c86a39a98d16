from django import template

register = template.Library()


@register.filter
def get_item(mapping: dict, key):
    """A label from a dict of choices in templates."""
    return mapping.get(key, key)
