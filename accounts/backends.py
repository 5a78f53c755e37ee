from django.contrib.auth.backends import ModelBackend


class EmailBackend(ModelBackend):
    """Django's backend for logging in; the username it is given is the email address, any case.

    It answers no permission question: those are the access policy's alone
    (access/rules.py), so no group permission in the database grants anything.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is not None:
            username = username.strip()
        return super().authenticate(request, username=username, password=password, **kwargs)

    def get_user_permissions(self, user_obj, obj=None):
        return set()

    def get_group_permissions(self, user_obj, obj=None):
        return set()

    def get_all_permissions(self, user_obj, obj=None):
        return set()

    def has_perm(self, user_obj, perm, obj=None):
        return False

    def has_module_perms(self, user_obj, app_label):
        return False


def login_name(request, credentials):
    """The email address as django-axes counts failed logins: any case or spacing is the same account."""
    name = (credentials or {}).get("username") or getattr(request, "POST", {}).get("username") or ""
    return name.strip().lower()
