import logging

from celery import shared_task

from . import retention

logger = logging.getLogger(__name__)


@shared_task
def apply_retention():
    """Each night (Celery beat): anonymise reports past their retention period; remove orphaned files.

    A run takes one batch (``retention.BATCH``); while more are due, it queues the next run.
    """
    outcome = retention.apply_retention()
    if outcome.more:
        try:
            apply_retention.apply_async(retry=False)
        except Exception as exc:  # noqa: BLE001 - any broker failure: tomorrow's run goes on with the rest
            logger.warning("The next retention run was not queued: broker unavailable (%s)", exc)
    return str(outcome)
