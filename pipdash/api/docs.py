"""The OpenAPI 3.1 schema and the documentation page (Swagger UI from our static files, its start-up
script served as a file of its own, so the page keeps the strict Content-Security-Policy)."""

from django.contrib.auth.views import redirect_to_login
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.permissions import IsAuthenticated
from rest_framework.renderers import TemplateHTMLRenderer

from pipdash.api.base import ApiViewMixin
from pipdash.api.permissions import SignedInWithinScope


class SchemaView(ApiViewMixin, SpectacularAPIView):
    """The schema, for a token or a signed-in browser, like the API it describes."""

    permission_classes = [SignedInWithinScope]


class DocsView(SpectacularSwaggerSplitView):
    """Signed-out visitors are sent to sign in, as for every page (Django's LoginRequiredMiddleware)."""

    template_name = "api/swagger_ui.html"
    permission_classes = [IsAuthenticated]
    renderer_classes = [TemplateHTMLRenderer]
    throttle_classes = []

    def permission_denied(self, request, message=None, code=None):
        # DRF views are exempt from LoginRequiredMiddleware: send the visitor to sign in ourselves.
        raise SignInFirst

    def handle_exception(self, exc):
        if isinstance(exc, SignInFirst):
            return redirect_to_login(self.request.get_full_path())
        return super().handle_exception(exc)


class SignInFirst(Exception):
    """A signed-out visitor asked for the docs page."""
