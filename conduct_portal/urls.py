from django.contrib import admin
from django.urls import include, path
from django.views.decorators.cache import cache_page
from django.views.i18n import JavaScriptCatalog

from accounts.language import choose_language
from governance import views as governance_views
from pages import views as pages_views
from reports import views as report_views
from safeguarding import views as safeguarding_views

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("language/", choose_language, name="choose-language"),
    path("jsi18n/", cache_page(3600)(JavaScriptCatalog.as_view()), name="javascript-catalog"),
    path("accounts/", include("accounts.urls")),
    path("account/", include("accounts.account_urls")),
    path("privacy/", include("privacy.urls")),
    path("policy/", include("policy.urls")),
    path("help/", pages_views.help_page, name="pages-help"),
    path("contact/", pages_views.contact, name="pages-contact"),
    path("accessibility/", pages_views.accessibility_statement, name="pages-accessibility"),
    path("reports/", include("reports.urls")),
    path("queue/", report_views.queue, name="reports-queue"),
    path("overview/", report_views.overview, name="reports-overview"),
    path("governors/", report_views.governors, name="reports-governors"),
    path("governors/register/", governance_views.register, name="governance-register"),
    path("safeguarding/", safeguarding_views.concern_list, name="safeguarding-list"),
    path("notifications/", include("notifications.urls")),
    path("admin/", admin.site.urls),
]
