from celery import shared_task

from .services import chase


@shared_task
def chase_concerns():
    """Every few minutes (Celery beat): morning reminders, the headteacher alerted, LADO reminders, when due."""
    return chase()
