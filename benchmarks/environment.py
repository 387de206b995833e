"""Django for a benchmark: the workbench settings on a fresh SQLite database in a temporary directory.

Set before Django is imported anywhere, so that the settings read them: ``CIFAL_VAR_DIR`` holds the database and
the log; ``CIFAL_DATABASE``/``CIFAL_WORKBENCH_DB`` are cleared so that a developer's environment cannot point a
benchmark at MariaDB or at their own workbench database.
"""
import os


def configure(var_dir: str) -> None:
    os.environ['CIFAL_VAR_DIR'] = str(var_dir)
    os.environ['DJANGO_SETTINGS_MODULE'] = 'cifal_workbench.settings'
    os.environ.pop('CIFAL_DATABASE', None)
    os.environ.pop('CIFAL_WORKBENCH_DB', None)
    import django  # pylint: disable=import-outside-toplevel

    django.setup()
