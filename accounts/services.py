from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from notifications.emails import absolute_url, make_message

from .models import User
from .tokens import email_confirmation_token


def _link(view_name, user, token_generator):
    uidb64 = urlsafe_base64_encode(force_bytes(user.pk))
    return absolute_url(reverse(view_name, kwargs={"uidb64": uidb64, "token": token_generator.make_token(user)}))


def password_reset_link(user):
    return _link("password_reset_confirm", user, default_token_generator)


def sign_up_parent(full_name, email, password):
    """Create a parent account and email a link to confirm the address; never change an existing account.

    The form's answer is the same whatever happens, so it never reveals who is
    registered. What happens is told only to the mailbox:

    - a new address: an account that cannot log in until the address is confirmed;
    - an account in use: a note that it exists, with a link to choose a new password;
    - an account never confirmed: a link to choose a password, which confirms it
      (so nobody can claim an address by signing up first with a password of their own);
    - an account the school switched off: a note to contact the school; it stays off.
    """
    existing = User.objects.filter(email__iexact=email).first()
    if existing is None:
        with transaction.atomic():
            user = User.objects.create_user(email=email, password=password, full_name=full_name,
                                            language=translation.get_language() or "")  # fmt: skip
        make_message(
            "account-activation",
            user.email,
            {"user": user, "activation_url": _link("accounts-activate", user, email_confirmation_token)},
        ).send()
        return user
    if not existing.is_active:
        make_message("account-switched-off", existing.email, {"user": existing}).send()
    elif existing.is_email_confirmed:
        make_message(
            "account-exists", existing.email, {"user": existing, "reset_url": absolute_url(reverse("password_reset"))}
        ).send()
    else:
        make_message(
            "account-unconfirmed", existing.email, {"user": existing, "reset_url": password_reset_link(existing)}
        ).send()
    return existing


def send_password_reset(user):
    """Email ``user`` a link to choose a password (what staff do instead of setting one)."""
    make_message("password-set", user.email, {"user": user, "reset_url": password_reset_link(user)}).send()


def correct_email(account, new_email, *, by):
    """The office corrects a parent's address: saved, and the old address is told."""
    old_email = account.email
    account.email = User.objects.normalize_email(new_email)
    account.save(update_fields=["email"])
    make_message("account-email-changed", old_email, {"user": account, "old_email": old_email, "by": by}).send()
