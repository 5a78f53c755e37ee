from django.urls import path

from safeguarding import views as safeguarding_views

from . import views

urlpatterns = [
    path("", views.my_reports, name="reports-mine"),
    path("new/", views.new_report, name="reports-new"),
    path("<str:reference>/", views.detail, name="reports-detail"),
    path("<str:reference>/submitted/", views.submitted, name="reports-submitted"),
    path("<str:reference>/move/<slug:move>/", views.move, name="reports-move"),
    path("<str:reference>/access/", views.access_log, name="reports-access-log"),
    path("<str:reference>/refer/", safeguarding_views.refer, name="reports-refer"),
    path("<str:reference>/concern/<slug:move>/", safeguarding_views.concern_move, name="safeguarding-move"),
    path("<str:reference>/evidence/<uuid:public_id>/", views.evidence_file, name="reports-evidence"),
]
