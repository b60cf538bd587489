from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from pipdash import views
from pipdash.forms import SignInForm

admin.site.site_header = "pipdash administration"
admin.site.site_title = "pipdash admin"

urlpatterns = [
    path("", views.home, name="home"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path(
        "sign-in/",
        auth_views.LoginView.as_view(template_name="registration/sign_in.html", authentication_form=SignInForm),
        name="login",
    ),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("", include("programmes.urls")),
    path("", include("projects.urls")),
    path("", include("metrics.urls")),
]
