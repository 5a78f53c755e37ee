from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class ConductPortalConfig(AppConfig):
    name = "conduct_portal"
    verbose_name = _("Conduct portal")

    def ready(self):
        from . import checks as production_checks
        from . import form_errors

        form_errors.install()

        for check in production_checks.CHECKS:
            checks.register(check, production_checks.TAG)
