from django.urls import path

from . import account

urlpatterns = [
    path("", account.account, name="account"),
    path("name/", account.change_name, name="account-name"),
    path("email/", account.change_email, name="account-email"),
    path("email/<str:token>/", account.confirm_email_change, name="account-confirm-email"),
    path("emails/", account.change_preferences, name="account-preferences"),
    path("data/", account.download_data, name="account-data"),
    path("close/", account.close, name="account-close"),
]
