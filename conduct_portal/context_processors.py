from django.conf import settings


def portal(request):
    return {"SCHOOL_NAME": settings.SCHOOL_NAME}
