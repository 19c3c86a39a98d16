from django import template

register = template.Library()


@register.filter
def get_item(mapping: dict, key):
    """A label from a dict of choices in templates."""
    return mapping.get(key, key)


@register.filter
def lookup(mapping: dict, key):
    """The value kept under `key`, or None when there is none (get_item falls back to the key, which is truthy)."""
    return mapping.get(key)
