from celery import shared_task

from . import retention


@shared_task
def apply_retention():
    """Each night (Celery beat): anonymise reports past their retention period; remove orphaned files."""
    return str(retention.apply_retention())
