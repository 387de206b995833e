"""Development settings and services that make xblock-sdk's workbench behave like the LMS for this suite."""
# The workbench's Celery app is loaded with Django, as Celery's Django guide does it: its shared tasks bind to it.
from cifal_workbench.celery import app as celery_app

__all__ = ('celery_app',)
