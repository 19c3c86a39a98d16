"""Staff read a profile as a table of rules with their citations and quoted words."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from .layers import (
    INHERITED_RELATIONS,
    chain,
    every_layer,
    layered_deadlines,
    layered_frequencies,
    layered_hosts,
    nearest_rows,
)
from .loading import CHILD_RELATIONS
from .models import EVERY_LEVEL, RegulationProfile


@login_required
def profile_list(request):
    profiles = RegulationProfile.objects.prefetch_related("bindings__unit").order_by("-is_shipped", "name")
    return render(request, "regulations/list.html", {"profiles": profiles})


@login_required
def profile_detail(request, code: str):
    profile = get_object_or_404(
        RegulationProfile.objects.prefetch_related(*CHILD_RELATIONS, "bindings__unit").select_related("parent"),
        code=code,
    )
    # Every layer, whatever level it binds (the law binds communes only; the page says so beside its rows).
    layers = []
    for layer in layered_deadlines(profile, EVERY_LEVEL).values():
        if layer.inherited or layer.beside:
            layers += [upper for upper in every_layer(layer) if upper not in layers and (upper is layer or upper.beside)]
    context = {
        "profile": profile,
        "layers": layers,
        "chain": list(reversed(chain(profile))),
        "summaries": sum(1 for relation in CHILD_RELATIONS for row in getattr(profile, relation).all() if row.is_summary),
        "inherited_frequencies": [
            rule for rule in layered_frequencies(profile, EVERY_LEVEL) if rule.profile_id != profile.pk
        ],
        "inherited_hosts": [rule for rule in layered_hosts(profile, EVERY_LEVEL) if rule.profile_id != profile.pk],
        **{relation: nearest_rows(profile, relation) for relation in INHERITED_RELATIONS},
    }
    return render(request, "regulations/detail.html", context)
