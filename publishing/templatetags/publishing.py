"""`{% publication_box dialogue %}`: the publication duty of a dialogue, for its page (one query)."""

from django import template

from common import dates

from ..models import Publication

register = template.Library()


@register.inclusion_tag("publishing/_box.html")
def publication_box(dialogue) -> dict:
    publication = Publication.objects.filter(dialogue=dialogue).first()
    return {
        "publication": publication,
        "late": publication.is_late(dates.today()) if publication else False,
        "dialogue": dialogue,
    }
