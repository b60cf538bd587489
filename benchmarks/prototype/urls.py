"""pipdash's URLs, with the council page wrapped in a per-viewer-class cache (prototype, no invalidation)."""

from django.core.cache import cache
from django.http import HttpResponse
from django.urls import path

from pipdash.dashboards.council_views import council_detail
from pipdash.urls import urlpatterns as pipdash_urlpatterns
from programmes.access import access_for
from programmes.models import Council


def cached_council_detail(request, gss_code):
    # The page differs by what the viewer may see: drafts (the council's managers and approvers)
    # and risks (the council's users and advisers). A real version also needs a version number
    # bumped by every write that changes the page, and must keep the header (user name, CSRF
    # token) out of the cached part: cache the content block, not the response.
    council_id = cache.get_or_set(
        f"council-id:{gss_code}", lambda: Council.objects.filter(gss_code=gss_code).values_list("pk", flat=True).first()
    )
    access = access_for(request.user)
    key = f"council-page:{gss_code}:{access.can_see_drafts(council_id)}:{access.can_see_risks(council_id)}"
    content = cache.get(key)
    if content is None:
        response = council_detail(request, gss_code)
        if response.status_code != 200:
            return response
        content = response.content
        cache.set(key, content, 300)
    return HttpResponse(content)


urlpatterns = [path("councils/<str:gss_code>/", cached_council_detail, name="council-detail-cached")]
urlpatterns += pipdash_urlpatterns
