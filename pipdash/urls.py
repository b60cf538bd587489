from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponseRedirect
from django.templatetags.static import static
from django.urls import include, path
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from pipdash import health, views
from pipdash.auth import ThrottledPasswordResetView, UnlockingPasswordResetConfirmView
from pipdash.forms import SignInForm

admin.site.site_header = "pipdash administration"
admin.site.site_title = "pipdash admin"


@login_not_required
@require_safe
def favicon(request):
    """Browsers ask for /favicon.ico on every page, signed in or not: send them to the static icon.

    Not permanent: the static file's name carries a hash of its content in production.
    """
    response = HttpResponseRedirect(static("images/favicon.ico"))
    patch_cache_control(response, public=True, max_age=24 * 60 * 60)
    return response


urlpatterns = [
    path("", views.home, name="home"),
    path("favicon.ico", favicon, name="favicon"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path(
        "sign-in/",
        auth_views.LoginView.as_view(template_name="registration/sign_in.html", authentication_form=SignInForm),
        name="login",
    ),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    # Every signed-in user, staff or not, changes their own password; the reset by email needs no sign-in
    # (Django marks its reset views login_not_required). Templates are in templates/registration/.
    path("account/password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("account/password/changed/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path(
        "password-reset/",
        ThrottledPasswordResetView.as_view(
            email_template_name="registration/password_reset_email.txt",
            subject_template_name="registration/password_reset_subject.txt",
        ),
        name="password_reset",
    ),
    path("password-reset/sent/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "password-reset/<uidb64>/<token>/",
        UnlockingPasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("password-reset/done/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    # For load balancers: no sign-in, JSON, 503 when the database or cache cannot be reached.
    path("healthz", health.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    # Each feature keeps its own URL module so that its owner edits only that file.
    path("", include("pipdash.dashboards.urls")),  # council, project and programme pages, charts, downloads, history
    path("", include("metrics.entry.urls")),  # entering, submitting and approving figures
    path("", include("projects.urls")),  # milestones, progress updates, risks
    path("", include("metrics.compare.urls")),  # comparing councils, groups, partnerships
    path("", include("metrics.imports.urls")),  # bulk import from spreadsheets
    path("", include("pipdash.returns.urls")),  # the returns cycle: approvals, task lists, schedules
    path("", include("pipdash.reports.urls")),  # committee packs: the report page, its PDF and Word files
    path("", include("pipdash.api.urls")),  # the JSON API, its schema and docs, tokens, open data
]

# A database outage raised outside a view (reading the session) still gets the 503 page.
handler500 = "pipdash.views.server_error"
