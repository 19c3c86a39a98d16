"""`{% supervision_panel dialogue=dialogue %}` or `{% supervision_panel case=case %}` on the pages that show them."""

from django import template

from ..panel import panel_context

register = template.Library()


@register.inclusion_tag("supervision/_panel.html", takes_context=True)
def supervision_panel(context, dialogue=None, case=None) -> dict:
    return panel_context(context["request"], dialogue=dialogue, case=case)
