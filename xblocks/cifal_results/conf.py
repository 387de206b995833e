"""The app's settings as the code reads them (defaults apply when the plugin settings did not run)."""
from django.conf import settings

# EXPORT_REFLECTIONS: a scenario's reflections are the learner's own words; they reach the results store (and the
# ``scenario-paths`` report) only when the operator turns this on.
# REPORT_TASK_THRESHOLD: a dashboard download that reads more stored records than this is prepared by a Celery task
# (the platform's workers) and listed when ready, never built inside the web request (ADR 16).
# REPORT_TASK_QUEUE: the Celery queue of those tasks; None: the platform's GRADES_DOWNLOAD_ROUTING_KEY (the LMS's
# high-memory queue, which the instructor dashboard's reports use), or Celery's default queue where there is none.
# REPORT_TASK_TIMEOUT: seconds without a sign of life (queued and not started, or no progress) after which a task
# is shown as failed (a worker killed mid-task, a message lost by the broker) and may be prepared again.
# REPORT_STORAGE: where prepared files go when the platform's report store (GRADES_DOWNLOAD) is not importable, as a
# Django ``STORAGES`` entry ({"BACKEND": ..., "OPTIONS": {...}}); None: a FileSystemStorage under VAR_DIR/reports
# (the workbench's var/reports/).
DEFAULTS = {'IDENTIFIED_EXPORTS': False, 'MIN_GROUP_SIZE': 5, 'EXPORT_REFLECTIONS': False,
            'REPORT_TASK_THRESHOLD': 2000, 'REPORT_TASK_QUEUE': None, 'REPORT_TASK_TIMEOUT': 3600,
            'REPORT_STORAGE': None}


def results_setting(name):
    return {**DEFAULTS, **(getattr(settings, 'CIFAL_RESULTS', {}) or {})}[name]
