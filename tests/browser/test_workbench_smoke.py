"""The harness itself: the workbench subprocess answers, Chromium renders its index, every listed scenario opens."""
import urllib.request
from importlib.metadata import entry_points

import pytest

pytestmark = pytest.mark.browser


def suite_blocks():
    """The suite's blocks registered as XBlocks in this environment (by `pip install -e .`)."""
    return sorted(ep.name for ep in entry_points(group='xblock.v1') if ep.name.startswith('cifal_'))


def scenario_links(page):
    links = page.locator('section.main a[href^="/scenario/"]')
    return [(links.nth(i).inner_text().strip(), links.nth(i).get_attribute('href')) for i in range(links.count())]


def test_index_answers_200(base_url):
    with urllib.request.urlopen(base_url + '/', timeout=10) as response:  # the local workbench
        assert response.status == 200
        assert b'XBlock scenarios' in response.read()


def test_index_lists_scenarios_in_chromium(page, base_url):
    response = page.goto(base_url + '/')
    assert response.status == 200, f'the index answered {response.status}'
    assert page.locator('h1').inner_text().strip() == 'XBlock scenarios'
    links = scenario_links(page)
    for description, href in links:
        assert description, f'a scenario link without text: {href}'
    if suite_blocks():
        assert links, f'the suite registers {suite_blocks()} but the index lists no scenario'
    assert not page.js_errors, page.js_errors


def test_every_listed_scenario_renders(page, base_url, student_id):
    page.goto(base_url + '/')
    links = scenario_links(page)
    if not links:
        pytest.skip('the index lists no scenario yet')
    failures = []
    for description, href in links:
        response = page.goto(f'{base_url}{href}?student={student_id}')
        if response.status != 200:
            failures.append(f'{description} ({href}): HTTP {response.status}')
        elif page.locator('.student_view').count() != 1:
            failures.append(f'{description} ({href}): no rendered student view')
    assert not failures, 'scenarios that do not render:\n' + '\n'.join(failures)
    assert not page.js_errors, page.js_errors


def test_every_listed_scenario_loads_all_its_assets(page, base_url, student_id):
    """The blocks' CSS, JS and JS translation catalogs all exist: no 404 behind a page that looks fine."""
    page.goto(base_url + '/')
    links = scenario_links(page)
    if not links:
        pytest.skip('the index lists no scenario yet')
    for _, href in links:
        for lang in ('en', 'fr', 'es'):
            page.goto(f'{base_url}{href}?student={student_id}&lang={lang}', wait_until='networkidle')
    assert not page.failed_responses, 'requests that failed:\n' + '\n'.join(sorted(set(page.failed_responses)))


def test_index_still_answers_after_browsing(base_url):
    """Rendering every scenario must not break the index (a block raising in workbench_scenarios makes it 500)."""
    with urllib.request.urlopen(base_url + '/', timeout=10) as response:  # the local workbench
        assert response.status == 200
