"""
Suite-wide test settings: which database the Django tests run on.

``make test`` runs the suite on SQLite, then the results-store tests again on the MariaDB server
(``CIFAL_DATABASE=mysql``). In CI an unreachable MariaDB fails the run; on a laptop that run is skipped with a
clear message.
"""
import os

import pytest

pytest_plugins = ['tests.support.workbench_fixtures']

MYSQL = os.environ.get('CIFAL_DATABASE') == 'mysql'


def mariadb_problem():
    """Why the MariaDB server cannot be used, or None when it answers."""
    import pymysql
    try:
        pymysql.connect(host=os.environ.get('CIFAL_MYSQL_HOST', '127.0.0.1'),
                        port=int(os.environ.get('CIFAL_MYSQL_PORT', '3306')),
                        user=os.environ.get('CIFAL_MYSQL_USER', 'root'),
                        password=os.environ.get('CIFAL_MYSQL_PASSWORD', ''), connect_timeout=5).close()
    except pymysql.MySQLError as error:
        return str(error)
    return None


@pytest.fixture(autouse=True)
def english_afterwards():
    """Requests activate the learner's language in the test's thread; leave English behind for the next test."""
    yield
    from django.utils import translation
    translation.deactivate()


def pytest_configure(config):
    if not MYSQL:
        return
    problem = mariadb_problem()
    if problem is None:
        return
    message = f'MariaDB is not reachable on 127.0.0.1:3306 ({problem}).'
    if os.environ.get('CI'):
        pytest.exit(f'{message} CI requires it: start it (see .ci/run).', returncode=1)
    pytest.exit(f'{message} Skipping the MariaDB run of the results-store tests on this machine.', returncode=0)


def pytest_collection_modifyitems(config, items):
    """Tests marked ``mysql`` prove something only MariaDB can (row locks, real concurrency)."""
    if MYSQL:
        return
    skip = pytest.mark.skip(reason='runs in the MariaDB pass of `make test` (CIFAL_DATABASE=mysql)')
    for item in items:
        if 'mysql' in item.keywords:
            item.add_marker(skip)
