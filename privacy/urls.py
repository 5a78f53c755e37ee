from django.urls import path

from . import views

urlpatterns = [
    path("", views.current, name="privacy"),
    path("<int:number>/", views.version, name="privacy-version"),
]
