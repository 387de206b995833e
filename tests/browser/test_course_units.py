"""
Every unit of the shipped course as a learner opens it in the workbench (the units `make serve` lists): on a phone
(375 px) and a desktop (1280 px), in English and, for the units a French trainer picks, in French: it renders with
no script error and no failed request, nothing is wider than the screen, and axe-core finds no WCAG violation.
A screenshot of each goes to test-artifacts/course/ for a reviewer to look at.
"""
import re

import pytest

from cifal_course.preview import unit_scenarios
from tests.course import SHIPPED_COURSE
from tests.support.axe import assert_no_axe_violations
from tests.support.browser import ARTIFACTS_DIR

pytestmark = pytest.mark.browser

UNITS = [description for _, description, _ in unit_scenarios(SHIPPED_COURSE)]
WIDTHS = {'phone': {'width': 375, 'height': 740}, 'desktop': {'width': 1280, 'height': 900}}
WIDER_THAN_THE_SCREEN_JS = """(width) => [...document.querySelectorAll('.student_view *')]
  .filter(element => element.getBoundingClientRect().right > width + 1)
  .map(element => element.tagName.toLowerCase() + '.' + String(element.className).trim().split(/\\s+/).join('.'))
  .slice(0, 5)"""


@pytest.fixture(scope='module')
def unit_paths(browser, base_url):
    context = browser.new_context()
    index = context.new_page()
    index.goto(base_url + '/')
    links = index.locator('section.main a[href^="/scenario/cifal_course_"]')
    paths = {links.nth(i).inner_text().strip(): links.nth(i).get_attribute('href') for i in range(links.count())}
    context.close()
    return paths


@pytest.mark.parametrize('width', WIDTHS)
@pytest.mark.parametrize('unit', UNITS, ids=lambda text: re.sub(r'\W+', '_', text.rsplit(' / ', 1)[-1])[:40])
def test_a_course_unit_opens_fits_the_screen_and_passes_axe(page, base_url, unit_paths, student_id, unit, width,
                                                            axe_available):
    page.set_viewport_size(WIDTHS[width])
    page.goto(f'{base_url}{unit_paths[unit]}?student={student_id}')
    page.wait_for_load_state('networkidle')
    assert page.locator('.student_view').count() == 1
    overflow = page.evaluate(WIDER_THAN_THE_SCREEN_JS, WIDTHS[width]['width'])
    assert page.evaluate('() => document.documentElement.scrollWidth') <= WIDTHS[width]['width'], overflow
    assert overflow == []
    assert_no_axe_violations(page, '.student_view')
    assert not page.js_errors and not page.failed_responses, (page.js_errors, page.failed_responses)
    folder = ARTIFACTS_DIR / 'course'
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f'{unit_paths[unit].strip("/").split("/")[-1]}-{width}.png'), full_page=True)


def test_the_pre_test_in_french_speaks_french_and_passes_axe(page, base_url, unit_paths, student_id, axe_available):
    """A French learner of the shipped course: the quiz's own words are French (the course's text is the
    trainer's, in the course's language)."""
    (unit,) = [description for description in UNITS if description.endswith(' / Pre-test')]
    page.set_viewport_size(WIDTHS['phone'])
    page.goto(f'{base_url}{unit_paths[unit]}?student={student_id}&lang=fr')
    page.wait_for_load_state('networkidle')
    assert page.get_by_role('button', name='Soumettre les réponses').count() == 1
    assert_no_axe_violations(page, '.student_view')
    assert page.evaluate('() => document.documentElement.scrollWidth') <= WIDTHS['phone']['width']
