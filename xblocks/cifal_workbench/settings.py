"""
Django settings for running the CIFAL blocks in xblock-sdk's workbench (``make serve``) and in the tests.

Import as ``cifal_workbench.settings`` from the repository root. The workbench's own settings are the base; this
module adds what the LMS would provide: a user service with staff and anonymous ids, translations in English,
French and Spanish, and the suite's Django apps.
"""
import os
from pathlib import Path

from workbench.settings import *  # noqa: F401,F403  pylint: disable=wildcard-import,unused-wildcard-import
from workbench.settings import INSTALLED_APPS, MIDDLEWARE, TEMPLATES, WORKBENCH

SOURCE_ROOT = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get('CIFAL_VAR_DIR', Path.cwd() / 'var'))
VAR_DIR.mkdir(parents=True, exist_ok=True)

SECRET_KEY = os.environ.get('CIFAL_SECRET_KEY', 'cifal-workbench-development-key-not-for-production')

DATABASES = {
    'default': {
        'ENGINE': 'django.db.backends.sqlite3',
        'NAME': os.environ.get('CIFAL_WORKBENCH_DB', str(VAR_DIR / 'workbench.db')),
        # Browser tests and the dev server answer concurrent requests: wait on the SQLite lock, don't fail.
        'OPTIONS': {'timeout': 20},
    }
}

if os.environ.get('CIFAL_DATABASE') == 'mysql':
    # The LMS runs on MySQL: the results store is tested on the MariaDB server of the project's machines too.
    # PyMySQL stands in for mysqlclient (same Django backend) so that no C headers are needed to run the tests.
    import pymysql

    pymysql.install_as_MySQLdb()
    DATABASES = {
        'default': {
            'ENGINE': 'django.db.backends.mysql',
            'NAME': os.environ.get('CIFAL_MYSQL_NAME', 'test'),
            'USER': os.environ.get('CIFAL_MYSQL_USER', 'root'),
            'PASSWORD': os.environ.get('CIFAL_MYSQL_PASSWORD', ''),
            'HOST': os.environ.get('CIFAL_MYSQL_HOST', '127.0.0.1'),
            'PORT': os.environ.get('CIFAL_MYSQL_PORT', '3306'),
            'OPTIONS': {'charset': 'utf8mb4'},
            'TEST': {'CHARSET': 'utf8mb4', 'COLLATION': 'utf8mb4_unicode_ci'},
        }
    }

INSTALLED_APPS = [*INSTALLED_APPS, 'cifal_workbench.apps.CifalWorkbenchConfig', 'cifal_results']

# The suite's scenario page (viewport, language, debug panel on request) and its author-only views (ADR 2).
ROOT_URLCONF = 'cifal_workbench.urls'
TEMPLATES = [{**TEMPLATES[0], 'DIRS': [str(SOURCE_ROOT / 'cifal_workbench' / 'templates'), *TEMPLATES[0]['DIRS']]}]

EXCLUDED_XBLOCKS = {
    # The sdk's demo blocks clutter the index that trainers and testers browse; keep only this suite.
    name for name in (
        'allscopes_demo', 'attempts_scoreboard_demo', 'equality_demo', 'filethumbs', 'helloworld_demo',
        'html_demo', 'problem_demo', 'sidebar_demo', 'slider_demo', 'textinput_demo', 'thumbs',
        'view_counter_demo',
    )
} if os.environ.get('CIFAL_SHOW_SDK_SAMPLES') != '1' else set()
# xblock-poll (a development requirement: the peers `benchmarks.handlers` times the quiz against) registers its demo
# scenarios like any installed block; they stay off the index, which lists this suite only. Its blocks still load.
EXCLUDED_XBLOCKS |= {'poll', 'survey'}

# The language a learner sees: ?lang=fr on any page (remembered in a cookie), or the browser's Accept-Language.
LANGUAGES = [('en', 'English'), ('fr', 'Français'), ('es', 'Español')]
LANGUAGE_CODE = 'en'
MIDDLEWARE = [
    *MIDDLEWARE[:2],
    'django.middleware.locale.LocaleMiddleware',
    'cifal_workbench.middleware.LanguageFromQueryMiddleware',
    'cifal_workbench.middleware.ScenariosReadyMiddleware',
    *MIDDLEWARE[2:],
]
LOCALE_PATHS = sorted(str(path) for path in SOURCE_ROOT.glob('cifal_*/conf/locale'))

WORKBENCH = {
    **WORKBENCH,
    'services': {
        **WORKBENCH['services'],
        'user': 'cifal_workbench.services.WorkbenchUserService',
    },
}

LOGGING = {
    'version': 1,
    'disable_existing_loggers': False,
    'handlers': {
        'logfile': {
            'level': 'INFO',
            'class': 'logging.handlers.RotatingFileHandler',
            'filename': str(VAR_DIR / 'workbench.log'),
            'maxBytes': 1_000_000,
            'backupCount': 2,
        },
    },
    'loggers': {
        'django': {'handlers': ['logfile'], 'level': 'INFO'},
        'workbench': {'handlers': ['logfile'], 'level': 'INFO'},
        'cifal_workbench': {'handlers': ['logfile'], 'level': 'INFO'},
    },
}

# Course units shown after the block demos: the folder `cifal-course preview` passes, else the shipped course when
# this is a checkout of the suite (course_content/course, built by `cifal-course assemble`).
CIFAL_PREVIEW_COURSES = [Path(os.environ['CIFAL_PREVIEW'])] if os.environ.get('CIFAL_PREVIEW') else [
    path for path in [SOURCE_ROOT.parent / 'course_content' / 'course'] if (path / 'course.xml').is_file()]

# The results store's settings (the LMS's come from the plugin's settings and the operator). Dashboard downloads
# over REPORT_TASK_THRESHOLD records are prepared as Celery tasks (ADR 16); CIFAL_REPORT_TASK_THRESHOLD lowers it
# to try them on a few records. Their files go to var/reports/ (the LMS uses its GRADES_DOWNLOAD report store).
CIFAL_RESULTS = {
    'REPORT_TASK_THRESHOLD': int(os.environ.get('CIFAL_REPORT_TASK_THRESHOLD', '2000')),
    'REPORT_STORAGE': {'BACKEND': 'django.core.files.storage.FileSystemStorage',
                       'OPTIONS': {'location': str(VAR_DIR / 'reports')}},
}

# Celery (cifal_workbench/celery.py): eager by default, so that `make serve` runs the report tasks inside the
# request, with the same code as the LMS's workers and no broker. The LMS's own Celery settings are never touched.
# CIFAL_CELERY_EAGER=0 sends them to a broker instead: CIFAL_CELERY_BROKER (e.g. redis://...), or "filesystem://",
# a broker of files under var/celery-broker/ that a worker started beside the server shares without any service.
CELERY_TASK_ALWAYS_EAGER = os.environ.get('CIFAL_CELERY_EAGER', '1') != '0'
CELERY_BROKER_URL = os.environ.get('CIFAL_CELERY_BROKER', 'memory://')
CELERY_TASK_IGNORE_RESULT = True
if CELERY_BROKER_URL.startswith('filesystem://'):
    _BROKER_DIR = VAR_DIR / 'celery-broker'
    for _folder in ('messages', 'processed', 'control'):
        (_BROKER_DIR / _folder).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        'data_folder_in': str(_BROKER_DIR / 'messages'), 'data_folder_out': str(_BROKER_DIR / 'messages'),
        'processed_folder': str(_BROKER_DIR / 'processed'), 'control_folder': str(_BROKER_DIR / 'control'),
        'store_processed': False,
    }
