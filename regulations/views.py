"""Staff read a profile as a table of rules with their citations and quoted words."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

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
    return render(request, "regulations/detail.html", {"profile": profile})
