from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from programmes.selectors import participating_council_list


@require_GET
def home(request):
    return render(request, "home.html", {"councils": participating_council_list()})


@require_GET
@login_not_required
def accessibility(request):
    return render(request, "accessibility.html")
