from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _resync_holdings(sender, **kwargs):
    from .holdings import resync

    resync()


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports")

    def ready(self):
        from . import holdings

        holdings.connect_signals()
        # Every deploy re-derives who holds each open report from the directory: a safety net.
        post_migrate.connect(_resync_holdings, sender=self, dispatch_uid="reports-resync-holdings")
