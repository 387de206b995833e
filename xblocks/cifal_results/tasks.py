"""
The Celery task that prepares a report for a staff dashboard (ADR 16), found by the platform's own Celery app.

The LMS's Celery app (``lms.celery``, the one Tutor's ``lms-worker`` runs) calls ``autodiscover_tasks()``, which
imports the ``tasks`` module of every installed app: ``cifal_results`` is one (a plugin app), so this task is known
to every LMS worker without any setting. The workbench has its own app (``cifal_workbench.celery``), eager by
default. The task takes only the id of its ``ReportTask`` row, which holds everything else; it is routed when it is
sent (``report_tasks.submit``: the high-memory queue of the platform's own report downloads), so no router needs
to know its name.
"""
from celery import shared_task

from cifal_results.report_tasks import TASK_NAME, run_report_task


@shared_task(name=TASK_NAME, ignore_result=True)
def generate_report(task_id):
    """Prepare the file of the queued ``ReportTask`` ``task_id`` (its state says how it went)."""
    return run_report_task(task_id)
