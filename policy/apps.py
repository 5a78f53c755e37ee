from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PolicyConfig(AppConfig):
    name = "policy"
    verbose_name = _("Policy")

    def ready(self):
        from django.core.signals import setting_changed
        from django.db.models.signals import post_delete, post_save

        from conduct_portal import small_tables

        from .models import Category, PolicyTranslation, PolicyVersion
        from .page_cache import forget_what_this_process_read, start_new_generation

        small_tables.register("categories", Category, lambda: list(Category.objects.all()))

        for model in (PolicyVersion, PolicyTranslation):
            post_save.connect(start_new_generation, sender=model, dispatch_uid=f"policy-page-{model.__name__}-saved")
            post_delete.connect(
                start_new_generation, sender=model, dispatch_uid=f"policy-page-{model.__name__}-deleted"
            )
        setting_changed.connect(forget_what_this_process_read, dispatch_uid="policy-page-cache-changed")
