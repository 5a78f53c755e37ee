from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from notifications.emails import absolute_url, make_message

from .models import User


def sign_up_parent(full_name, email, password):
    """Create an inactive parent account and email a confirmation link.

    An address that already has an account gets a message saying so (with the
    password-reset link) instead, so the form never reveals who is registered.
    """
    existing = User.objects.filter(email__iexact=email).first()
    if existing is not None and existing.is_active:
        make_message(
            "account-exists", existing.email, {"user": existing, "reset_url": absolute_url(reverse("password_reset"))}
        ).send()
        return existing
    user = existing or User.objects.create_user(email=email, password=password, full_name=full_name, is_active=False)
    if existing is not None:
        user.full_name = full_name
        user.set_password(password)
        user.save(update_fields=["full_name", "password"])
    link = reverse(
        "accounts-activate",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    make_message("account-activation", user.email, {"user": user, "activation_url": absolute_url(link)}).send()
    return user
