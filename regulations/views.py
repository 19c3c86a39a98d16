"""Staff read a profile as a table of rules with their citations and quoted words."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from .layers import layered_deadlines, layered_frequencies, layered_hosts
from .models import RegulationProfile


@login_required
def profile_list(request):
    profiles = RegulationProfile.objects.prefetch_related("bindings__unit").order_by("-is_shipped", "name")
    return render(request, "regulations/list.html", {"profiles": profiles})


@login_required
def profile_detail(request, code: str):
    profile = get_object_or_404(
        RegulationProfile.objects.prefetch_related(
            "deadlines", "frequencies", "hosts", "reporting", "fields", "dossier", "agenda", "notes", "bindings__unit"
        ),
        code=code,
    )
    layers = [layer for layer in layered_deadlines(profile).values() if layer.inherited or layer.beside]
    context = {
        "profile": profile,
        "layers": layers,
        "inherited_frequencies": [rule for rule in layered_frequencies(profile) if rule.profile_id != profile.pk],
        "inherited_hosts": [rule for rule in layered_hosts(profile) if rule.profile_id != profile.pk],
    }
    return render(request, "regulations/detail.html", context)
