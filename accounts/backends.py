from django.contrib.auth.backends import ModelBackend


class EmailBackend(ModelBackend):
    """Django's backend; the username it is given is the email address, any case."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is not None:
            username = username.strip()
        return super().authenticate(request, username=username, password=password, **kwargs)


def login_name(request, credentials):
    """The email address as django-axes counts failed logins: any case or spacing is the same account."""
    name = (credentials or {}).get("username") or getattr(request, "POST", {}).get("username") or ""
    return name.strip().lower()
