import rules
from django.conf import settings
from django.contrib.auth.models import AbstractUser, Group
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from conduct_portal import small_tables


class StaffGroup(models.TextChoices):
    """The school's staff roles; a user in none of these is a parent or carer."""

    TEACHERS = "Teachers"
    OFFICE = "Office"
    LEADERSHIP = "Leadership"
    GOVERNORS = "Governors"
    SAFEGUARDING = "Safeguarding"  # the Designated Safeguarding Lead and deputies
    CLERK = "Clerk"  # the clerk to the governors: arranges the panel


STAFF_GROUP_NAMES = frozenset(StaffGroup.values)


class UserManager(DjangoUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)

    @classmethod
    def normalize_email(cls, email):
        return (email or "").strip().lower()

    def get_by_natural_key(self, username):
        return self.get(email__iexact=self.normalize_email(username))

    def in_group(self, group):
        return self.filter(groups__name=group, is_active=True)


class User(AbstractUser):
    """A person who logs in with their email address."""

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(max_length=150, blank=True)
    is_headteacher = models.BooleanField(default=False, help_text=_("The headteacher, in the Leadership group."))
    is_chair_of_governors = models.BooleanField(
        default=False, help_text=_("The chair of governors, in the Governors group.")
    )
    is_dsl = models.BooleanField(
        _("designated safeguarding lead"),
        default=False,
        help_text=_("The Designated Safeguarding Lead, in the Safeguarding group; the others there are deputies."),
    )
    closed_at = models.DateTimeField(
        _("account closed"),
        null=True,
        blank=True,
        help_text=_("Closed at the person's request: their details are gone."),
    )
    wants_deadline_reminders = models.BooleanField(
        _("email me the day before a deadline"),
        default=True,
        help_text=_("Reminders for staff. Every other email is part of the procedure and cannot be turned off."),
    )
    # Switched on or off by the school is ``is_active``; proving the address is this.
    language = models.CharField(
        _("language"), max_length=10, blank=True,
        help_text=_("The language the portal and its emails use for this person; empty: the school's."),
    )  # fmt: skip
    email_confirmed_at = models.DateTimeField(
        _("email address confirmed"),
        null=True,
        blank=True,
        help_text=_("Set when the person used a link sent to this address (sign-up or password reset)."),
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        ordering = ["full_name", "email"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_headteacher"],
                condition=models.Q(is_headteacher=True),
                name="one_headteacher",
            ),
            models.UniqueConstraint(
                fields=["is_chair_of_governors"],
                condition=models.Q(is_chair_of_governors=True),
                name="one_chair_of_governors",
            ),
            models.UniqueConstraint(fields=["is_dsl"], condition=models.Q(is_dsl=True), name="one_dsl"),
        ]

    def __str__(self):
        if self.closed_at:
            return str(_("Former parent"))
        return self.full_name or self.email

    def clean(self):
        super().clean()
        self.email = UserManager.normalize_email(self.email)

    def get_full_name(self):
        return str(self)

    @property
    def reading_language(self):
        """The language to write to this person in (emails are rendered in it, by the worker too)."""
        return self.language or settings.LANGUAGE_CODE

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email

    def staff_groups(self):
        """The names of the staff groups this user is in (cached per instance; from the small table of them)."""
        if not hasattr(self, "_staff_groups"):
            if "groups" in getattr(self, "_prefetched_objects_cache", {}):  # a list of people fetched with their groups
                found = frozenset(group.name for group in self.groups.all() if group.name in STAFF_GROUP_NAMES)
            else:
                found = small_tables.rows("staff_groups").get(self.pk, frozenset())
            self._staff_groups = found
        return self._staff_groups

    @property
    def is_school_staff(self):
        return bool(self.staff_groups())

    def in_group(self, name):
        return self.is_active and name in self.staff_groups()

    @property
    def is_email_confirmed(self):
        return self.email_confirmed_at is not None

    def confirm_email(self):
        """Record that the person has shown they read this address's mail (no save)."""
        if self.email_confirmed_at is None:
            self.email_confirmed_at = timezone.now()

    # Every permission, a superuser's included, is the access policy's answer
    # (access/rules.py): Django's "a superuser may do anything" does not hold here.

    def has_perm(self, perm, obj=None):
        return self.is_active and rules.has_perm(perm, self, obj)

    def has_perms(self, perm_list, obj=None):
        return all(self.has_perm(perm, obj) for perm in perm_list)

    def has_module_perms(self, app_label):
        return self.is_active and rules.has_perm(app_label, self)


__all__ = ["Group", "StaffGroup", "User"]
