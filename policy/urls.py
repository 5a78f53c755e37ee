from django.urls import path

from . import views

urlpatterns = [
    path("", views.current, name="policy-current"),
    path("<int:number>/", views.version_detail, name="policy-version"),
    path("<int:number>/read/", views.acknowledge, name="policy-acknowledge"),
]
