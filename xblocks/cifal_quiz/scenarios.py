"""Workbench scenarios: every ``scenarios/*.xml`` file of the package, described by its first comment."""
import importlib.resources
import re

COMMENT = re.compile(r'<!--\s*(.*?)\s*-->', re.DOTALL)


def workbench_scenarios():
    """(description, xml) pairs, sorted by file name so the index order is stable."""
    folder = importlib.resources.files(__package__).joinpath('scenarios')
    scenarios = []
    for entry in sorted(folder.iterdir(), key=lambda path: path.name):
        if not entry.name.endswith('.xml'):
            continue
        xml = entry.read_text(encoding='utf-8')
        match = COMMENT.search(xml)
        scenarios.append((match.group(1) if match else entry.name, xml))
    return scenarios
