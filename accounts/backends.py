from django.contrib.auth.backends import ModelBackend


class EmailBackend(ModelBackend):
    """Django's backend; the username it is given is the email address, any case."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is not None:
            username = username.strip()
        return super().authenticate(request, username=username, password=password, **kwargs)
