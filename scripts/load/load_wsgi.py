"""
The workbench as gunicorn serves it for ``make load``: ``gunicorn --preload load_wsgi:application``.

xblock-sdk loads its scenarios lazily, in each process, on the first page it serves; loading writes the scenarios'
content to the database and first deletes every block's children there. Several workers loading at once would
delete each other's children while serving pages, and a worker started after another was killed would answer
404 to handlers until it served a page. So the scenarios are loaded here, once, in gunicorn's master process
(``--preload``), with the load test's quiz (``quiz.xml``: three attempts) added; every worker, including the ones
gunicorn starts to replace a killed worker, is forked with them. The master's database connection is closed
before the fork, so no two processes share one.
"""
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
for folder in (HERE, REPO / 'xblocks'):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))
os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'load_settings')

from django.core.wsgi import get_wsgi_application  # noqa: E402  (the path and settings above come first)
from load_scenario import load_scenarios  # noqa: E402

application = get_wsgi_application()
load_scenarios()
