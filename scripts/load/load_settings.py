"""
The workbench's settings for ``make load`` (scripts/load/run.py): the suite's own (``cifal_workbench.settings``,
with ``CIFAL_DATABASE=mysql`` and ``CIFAL_MYSQL_NAME`` naming the load test's database), run as production runs.

* ``DEBUG`` off: no traceback pages, no query log kept per request.
* A connection per request (``CONN_MAX_AGE = 0``, the LMS's default), so that a restarted database server is used
  again by the next request with nothing to reset; timeouts below gunicorn's (20 s), so that no request outlives
  the client that sent it (a late write could otherwise overwrite what a later request saved).
* One plain log file shared by the workers (no rotation across processes), warnings and errors only.
"""
import os

from cifal_workbench.settings import *  # noqa: F401,F403  pylint: disable=wildcard-import,unused-wildcard-import
from cifal_workbench.settings import DATABASES, VAR_DIR

DEBUG = False

if os.environ.get('CIFAL_DATABASE') != 'mysql':
    raise RuntimeError('the load test runs on MariaDB: set CIFAL_DATABASE=mysql and CIFAL_MYSQL_NAME')

DATABASES = {
    'default': {
        **DATABASES['default'],
        'CONN_MAX_AGE': 0,
        'OPTIONS': {**DATABASES['default']['OPTIONS'], 'connect_timeout': 5, 'read_timeout': 15,
                    'write_timeout': 15},
    },
}

LOGGING = {
    'version': 1,
    'disable_existing_loggers': False,
    'formatters': {'plain': {'format': '%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s'}},
    'handlers': {
        'logfile': {'level': 'WARNING', 'class': 'logging.FileHandler', 'formatter': 'plain',
                    'filename': str(VAR_DIR / 'workbench.log')},
    },
    'root': {'handlers': ['logfile'], 'level': 'WARNING'},
}
