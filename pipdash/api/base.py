"""What every API view shares: the API authenticates for itself (tokens or the session), so Django's
sign-in redirect is turned off for it and DRF answers 401 instead."""

from django.contrib.auth.decorators import login_not_required
from django.http import JsonResponse
from django.utils.decorators import method_decorator
from django.views.decorators.csrf import csrf_exempt

from programmes.access import access_for


class ApiViewMixin:
    @method_decorator(login_not_required)
    def dispatch(self, request, *args, **kwargs):
        return super().dispatch(request, *args, **kwargs)

    @property
    def access(self):
        return access_for(self.request.user)


@csrf_exempt  # it changes nothing, and API clients send no CSRF token
@login_not_required
def not_found(request):
    return JsonResponse({"detail": "No such address in the API: see /api/docs/."}, status=404)
