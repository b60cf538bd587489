"""/account/api-tokens/: a signed-in user's own tokens, created (the secret shown once) and revoked."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from pipdash.api.models import ApiToken
from pipdash.api.tokens import LIFETIMES, token_create, token_revoke
from pipdash.web.forms import GovukFormMixin


class TokenForm(GovukFormMixin, forms.Form):
    name = forms.CharField(
        max_length=100, label="Name", help_text="What will use it, for example ‘Power BI refresh’",
        error_messages={"required": "Enter a name for the token, saying what will use it"},
    )  # fmt: skip
    scope = forms.ChoiceField(
        choices=ApiToken.Scope.choices, initial=ApiToken.Scope.READ, widget=forms.RadioSelect, label="What it may do"
    )
    days = forms.ChoiceField(
        choices=[(k, f"{v} days") for k, v in LIFETIMES.items()], initial="90", widget=forms.RadioSelect,
        label="Expires after",
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
def tokens(request):
    form = TokenForm(request.POST or None)
    created = None
    if request.method == "POST" and form.is_valid():
        try:
            token, secret = token_create(
                user=request.user,
                name=form.cleaned_data["name"],
                scope=form.cleaned_data["scope"],
                days=LIFETIMES[form.cleaned_data["days"]],
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            created = (token, secret)
            form = TokenForm()
    mine = ApiToken.objects.filter(user=request.user).order_by("-created_at")
    response = render(request, "api/tokens.html", {"form": form, "tokens": mine, "created": created})
    return response


@require_POST
def revoke(request, pk):
    token = token_revoke(user=request.user, pk=pk)
    if token is not None:
        messages.success(request, f"Token ‘{token.name}’ revoked: it can no longer be used.")
    return redirect("api-tokens")
