"""
The workbench's Celery app, so that ``make serve`` runs the dashboard's report tasks with the same code as the LMS.

In the LMS the platform's own app (``lms.celery``) runs the suite's ``shared_task``s and nothing here is loaded.
The workbench's settings make it eager (``CELERY_TASK_ALWAYS_EAGER``): a task runs inside the request that sends
it, without a broker or a worker. To run a real worker instead, set ``CIFAL_CELERY_EAGER=0`` and a broker
(``CIFAL_CELERY_BROKER``: ``redis://localhost:6379/0``, or ``filesystem://``, files under ``var/celery-broker/``)
for the server and for ``DJANGO_SETTINGS_MODULE=cifal_workbench.settings .venv/bin/celery -A cifal_workbench worker
--pool=solo``.
"""
import os

from celery import Celery

os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'cifal_workbench.settings')

app = Celery('cifal_workbench')
app.config_from_object('django.conf:settings', namespace='CELERY')  # the CELERY_* settings
app.autodiscover_tasks()  # each installed app's tasks module: cifal_results.tasks
