from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SchoolConfig(AppConfig):
    name = "school"
    verbose_name = _("School directory")

    def ready(self):
        from conduct_portal import small_tables

        from .models import Holiday, SchoolClass

        small_tables.register("classes", SchoolClass, lambda: list(SchoolClass.objects.all()))
        small_tables.register("holidays", Holiday, lambda: list(Holiday.objects.values_list("start_date", "end_date")))
        teaching = SchoolClass.teachers.through
        small_tables.register(
            "class_teachers",
            SchoolClass,
            lambda: frozenset(teaching.objects.values_list("schoolclass_id", "user_id")),
            memberships=teaching,
        )
