"""
A respondent answers the French reaction questionnaire on a phone-sized screen (375 px) with the KEYBOARD ONLY
(Tab, Space, arrow keys, Enter; never a click), as a screen-reader or switch user would: the required items are
named when missing, an item appears when an earlier answer calls for it, and the thanks replace the form.

The scenario (xblocks/cifal_questionnaire/scenarios/02_reaction_fr.xml) is anonymous, shows the results once enough
people have answered, and asks what was missing only of respondents who disagree that it met its objectives.
"""
import re

import pytest
from playwright.sync_api import expect

from tests.support.axe import assert_no_axe_violations
from tests.support.browser import describe_focus, is_focused, scenario_path, tab_to

pytestmark = pytest.mark.browser

BLOCK = '.cifal-questionnaire'
PHONE = {'width': 375, 'height': 740}
REQUIRED_IN_FRENCH = ['Le cours a atteint les objectifs d’apprentissage annoncés.',
                      'Ce que j’ai appris est utile pour mon travail.',
                      'Quelle est la probabilité que vous recommandiez ce cours à un ou une collègue\u00a0?',
                      'Qu’est-ce qui décrit le mieux votre lieu de travail\u00a0?']


@pytest.fixture(scope='module')
def french_path(browser, base_url):
    return scenario_path(browser, base_url, 'Questionnaire de satisfaction')


@pytest.fixture(scope='module')
def english_path(browser, base_url):
    return scenario_path(browser, base_url, 'Reaction questionnaire')


def open_questionnaire(page, base_url, path, student, lang=None):
    response = page.goto(f'{base_url}{path}?student={student}' + (f'&lang={lang}' if lang else ''))
    assert response.status == 200
    block = page.locator(BLOCK)
    expect(block.locator('.cifal-questionnaire__form')).to_be_visible()
    return block


def item(block, item_id):
    return block.locator(f'fieldset.cifal-item[data-item-id="{item_id}"]')


def choose_point(page, group, value, key='ArrowRight'):
    """Tab into a radio group (a scale, an NPS or a matrix row), check its first radio with Space if none is, then
    press the arrow key until the radio whose value is ``value`` is checked."""
    radios = group.locator('input[type="radio"]')
    checked = group.locator('input[type="radio"]:checked')
    tab_to(page, checked if checked.count() else radios.first, max_presses=120)
    if not checked.count():
        page.keyboard.press('Space')
    for _ in range(radios.count()):
        if group.locator('input[type="radio"]:checked').get_attribute('value') == str(value):
            break
        page.keyboard.press(key)
    expect(group.locator(f'input[type="radio"][value="{value}"]')).to_be_checked()


def send(page, block):
    tab_to(page, block.locator('.cifal-questionnaire__submit'), max_presses=120)
    page.keyboard.press('Enter')


def fits_the_screen(page):
    return page.evaluate('() => document.documentElement.scrollWidth') <= PHONE['width']


def test_a_respondent_answers_in_french_on_a_phone_by_keyboard(browser, base_url, french_path, student_id,
                                                               axe_available):
    context = browser.new_context(viewport=PHONE, locale='fr-FR', is_mobile=True, has_touch=True)
    page = context.new_page()
    errors = []
    page.on('pageerror', lambda error: errors.append(str(error)))
    try:
        block = open_questionnaire(page, base_url, french_path, student_id, lang='fr')
        expect(block.locator('.cifal-questionnaire__privacy')).to_contain_text('Anonyme')
        expect(item(block, 'objectives').locator('legend')).to_contain_text('(obligatoire)')
        expect(item(block, 'objectives')).to_have_attribute('aria-required', 'true')
        expect(item(block, 'missing')).to_be_hidden()  # only for who disagrees
        assert fits_the_screen(page), 'the form is wider than a 375 px screen'
        assert_no_axe_violations(page, BLOCK)

        # Sending with nothing answered: one message per required item, linked, focus on the list; nothing sent.
        send(page, block)
        summary = block.locator('.cifal-questionnaire__errors')
        expect(summary).to_be_visible()
        expect(summary.locator('.cifal-questionnaire__errors-title')).to_have_text(
            '4 questions obligatoires n’ont pas encore de réponse.')
        assert is_focused(summary), f'after a refused send, focus is on {describe_focus(page)}'
        expect(summary.get_by_role('link')).to_have_text(REQUIRED_IN_FRENCH)
        objectives = item(block, 'objectives')
        message = objectives.locator('.cifal-item__error')
        expect(message).to_have_text('Merci de répondre à cette question.')
        assert message.get_attribute('id') in objectives.get_attribute('aria-describedby')
        # The summary's link takes the respondent to the item (Enter on the focused link).
        tab_to(page, summary.get_by_role('link').first)
        page.keyboard.press('Enter')
        assert objectives.evaluate('el => el.contains(document.activeElement)'), describe_focus(page)
        assert_no_axe_violations(page, BLOCK)

        # Disagreeing shows the follow-up question, and the live region says so.
        choose_point(page, objectives, 1)
        missing = item(block, 'missing')
        expect(missing).to_be_visible()
        expect(block.locator('.cifal-questionnaire__announcer')).to_have_text(
            '1 question de plus s’affiche plus bas.')
        choose_point(page, item(block, 'applicability'), 4)
        pace = item(block, 'quality').locator('tr[data-row-id="pace"]')
        choose_point(page, pace, 2)
        choose_point(page, item(block, 'recommend'), 9)
        choose_point(page, item(block, 'group'), 'civil_society', key='ArrowDown')
        expect(missing.locator('.cifal-item__counter')).to_have_text(
            re.compile('^Au plus 2[\u00a0\u202f]000 caractères\\.$'))
        tab_to(page, missing.locator('textarea'), max_presses=120)
        page.keyboard.type('Des exemples de petites villes.')
        # Numbers are written as in French: "1 969", with a no-break space.
        expect(missing.locator('.cifal-item__counter')).to_have_text(
            re.compile('^1[\u00a0\u202f]969 caractères restants\\.$'))
        expect(block.locator('.cifal-questionnaire__save-status')).to_have_text('Vos réponses sont enregistrées.',
                                                                                timeout=15_000)
        assert fits_the_screen(page), 'the answered form is wider than a 375 px screen'

        send(page, block)
        thanks = block.locator('.cifal-questionnaire__thanks')
        expect(thanks).to_be_visible()
        assert is_focused(thanks), f'after sending, focus is on {describe_focus(page)}'
        expect(block.locator('.cifal-questionnaire__announcer')).to_have_text('Merci : vos réponses sont envoyées.')
        expect(thanks).to_contain_text('Merci pour vos réponses')
        expect(thanks.locator('.cifal-questionnaire__results-pending')).to_be_visible()  # fewer than 5 so far
        expect(block.locator('.cifal-questionnaire__form')).to_have_count(0)
        for english in ('Thank you', 'required', 'Send my answers', 'characters left'):
            assert english not in block.inner_text(), f'untranslated on the French page: {english!r}'
        assert fits_the_screen(page)
        assert_no_axe_violations(page, BLOCK)

        # Coming back: the thanks, not the form (one response per person).
        page.reload()
        expect(page.locator(BLOCK).locator('.cifal-questionnaire__thanks')).to_be_visible()
        expect(page.locator(BLOCK).locator('.cifal-questionnaire__form')).to_have_count(0)
        assert not errors, errors
    finally:
        context.close()


def test_the_draft_survives_a_reload(page, base_url, english_path, student_id):
    block = open_questionnaire(page, base_url, english_path, student_id)
    choose_point(page, item(block, 'objectives'), 4)
    choose_point(page, item(block, 'recommend'), 7)
    expect(block.locator('.cifal-questionnaire__save-status')).to_have_text('Your answers are saved.')

    page.reload()

    block = page.locator(BLOCK)
    expect(item(block, 'objectives').locator('input[value="4"]')).to_be_checked()
    expect(item(block, 'recommend').locator('input[value="7"]')).to_be_checked()
    expect(item(block, 'applicability').locator('input:checked')).to_have_count(0)
    assert not page.js_errors, page.js_errors


def test_the_matrix_is_a_table_of_labelled_radio_groups_that_fits_a_phone(browser, base_url, english_path,
                                                                          student_id, axe_available):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    try:
        block = open_questionnaire(page, base_url, english_path, student_id)
        matrix = item(block, 'quality')
        expect(matrix.locator('table th[scope="col"]').first).to_be_attached()
        rows = matrix.locator('tr.cifal-matrix__row')
        assert rows.count() == 3
        first_row_radios = rows.first.locator('input[type="radio"]')
        assert len({radio.get_attribute('name') for radio in first_row_radios.all()}) == 1
        accessible_name = page.evaluate(
            """el => el.getAttribute('aria-labelledby').split(' ')
                 .map(id => document.getElementById(id).textContent.trim()).join(' ')""",
            first_row_radios.first.element_handle())
        assert 'facilitation' in accessible_name.lower() and 'Strongly disagree' in accessible_name
        # On a phone each statement takes the screen's width, its points under it.
        box = rows.first.bounding_box()
        assert box['width'] <= PHONE['width'] and fits_the_screen(page)
        assert_no_axe_violations(page, BLOCK)
    finally:
        context.close()
