from django.conf import settings
from django.core.files.storage import FileSystemStorage


class EvidenceStorage(FileSystemStorage):
    """Files under EVIDENCE_ROOT, outside any public URL: served only through the evidence view."""

    @property
    def base_location(self):
        return settings.EVIDENCE_ROOT

    @property
    def location(self):
        return str(settings.EVIDENCE_ROOT)

    @property
    def base_url(self):
        return None
