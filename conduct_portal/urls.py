from django.contrib import admin
from django.urls import include, path

from . import views

admin.site.site_header = "Conduct portal administration"
admin.site.site_title = "Conduct portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("accounts/", include("accounts.urls")),
    path("policy/", include("policy.urls")),
    path("reports/", include("reports.urls")),
    path("admin/", admin.site.urls),
]
