from celery import shared_task
from django.utils import timezone

from .reminders import queue_deadline_reminders


@shared_task
def send_deadline_reminders():
    """Every school morning (Celery beat): reminders for tomorrow's deadlines, notices for passed ones."""
    return queue_deadline_reminders(timezone.localdate())
