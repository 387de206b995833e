"""Django for a benchmark: the workbench settings on a database of the benchmark's own.

Set before Django is imported anywhere, so that the settings read them: ``CIFAL_VAR_DIR`` holds the SQLite
database and the log. ``database='mysql'`` runs on the MariaDB/MySQL server the tests use (127.0.0.1:3306 unless
``CIFAL_MYSQL_*`` say otherwise), in a database of its own, ``MYSQL_DATABASE``, which ``create_mysql_database``
makes afresh and ``drop_mysql_database`` removes; ``CIFAL_WORKBENCH_DB`` is cleared so that a developer's
environment cannot point a benchmark at their own workbench database.
"""
import os

MYSQL_DATABASE = 'cifal_bench'


def configure(var_dir: str, database: str = 'sqlite') -> None:
    os.environ['CIFAL_VAR_DIR'] = str(var_dir)
    os.environ['DJANGO_SETTINGS_MODULE'] = 'cifal_workbench.settings'
    os.environ.pop('CIFAL_WORKBENCH_DB', None)
    if database == 'mysql':
        os.environ['CIFAL_DATABASE'] = 'mysql'
        os.environ['CIFAL_MYSQL_NAME'] = MYSQL_DATABASE
    else:
        os.environ.pop('CIFAL_DATABASE', None)
    import django  # pylint: disable=import-outside-toplevel

    django.setup()


def _server():
    import pymysql  # pylint: disable=import-outside-toplevel

    return pymysql.connect(host=os.environ.get('CIFAL_MYSQL_HOST', '127.0.0.1'),
                           port=int(os.environ.get('CIFAL_MYSQL_PORT', '3306')),
                           user=os.environ.get('CIFAL_MYSQL_USER', 'root'),
                           password=os.environ.get('CIFAL_MYSQL_PASSWORD', ''), charset='utf8mb4')


def create_mysql_database() -> None:
    with _server() as connection, connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS {MYSQL_DATABASE}')
        cursor.execute(f'CREATE DATABASE {MYSQL_DATABASE} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci')


def drop_mysql_database() -> None:
    with _server() as connection, connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS {MYSQL_DATABASE}')
