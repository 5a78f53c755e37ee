from django.urls import path

from . import views

urlpatterns = [
    path("", views.inbox, name="notifications-inbox"),
    path("read/", views.mark_all_read, name="notifications-read"),
]
