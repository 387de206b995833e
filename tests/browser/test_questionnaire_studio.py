"""
An author builds a questionnaire in the workbench's ``studio_view`` (the "New questionnaire for authors" scenario)
with the keyboard, saves it, and a respondent answers it; a refused save keeps what was typed and puts the error by
its field; the editor passes axe-core in English and French.
"""
import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_quiz_studio import check, choose_with_arrows, fill, press
from tests.support.axe import assert_no_axe_violations
from tests.support.browser import describe_focus, is_focused, scenario_path

pytestmark = pytest.mark.browser

EDITOR = '.cifal-studio'


@pytest.fixture(scope='module')
def empty_path(browser, base_url):
    return scenario_path(browser, base_url, 'New questionnaire for authors')


def open_editor(page, base_url, path, author, lang=None):
    response = page.goto(f'{base_url}{path}studio_view/?student={author}' + (f'&lang={lang}' if lang else ''))
    assert response.status == 200
    editor = page.locator(EDITOR)
    expect(editor).to_be_visible()
    return editor


def add_item(page, editor, item_type):
    choose_with_arrows(page, editor.get_by_label('Type of the new item', exact=True), item_type)
    press(page, editor.get_by_role('button', name='Add an item'))
    item = editor.locator('.cifal-sq').last
    prompt = item.get_by_label('Prompt (HTML)', exact=True)
    assert is_focused(prompt), f'after adding an item, focus is on {describe_focus(page)}'
    return item


def test_an_author_builds_a_questionnaire_and_a_respondent_answers_it(page, base_url, empty_path, staff_id,
                                                                      student_id, axe_available):
    editor = open_editor(page, base_url, empty_path, staff_id)
    fill(page, editor.get_by_label('Display name', exact=True), 'Built in the editor')

    likert = add_item(page, editor, 'likert')
    page.keyboard.type('The workshop met its objectives.')
    check(page, likert.get_by_label('Required', exact=True))
    fill(page, likert.get_by_label('Headline indicator (a word, such as utility; optional)', exact=True), 'utility')

    matrix = add_item(page, editor, 'matrix')
    page.keyboard.type('How far do you agree?')
    choose_with_arrows(page, matrix.get_by_label('Scale', exact=True), 'useful4')
    fill(page, matrix.get_by_label('Statement 1 (HTML)', exact=True), 'The case studies')
    press(page, matrix.get_by_role('button', name='Add a statement'))
    assert is_focused(matrix.get_by_label('Statement 2 (HTML)', exact=True)), describe_focus(page)
    page.keyboard.type('The exercises')

    profile = add_item(page, editor, 'profile')
    page.keyboard.type('Where do you work?')
    fill(page, profile.get_by_label('Option 1 (HTML)', exact=True), 'A city')
    fill(page, profile.get_by_label('Option 2 (HTML)', exact=True), 'A region')

    follow_up = add_item(page, editor, 'text')
    page.keyboard.type('What was missing?')
    fill(page, follow_up.get_by_label('Show only if (a condition on earlier items; optional)', exact=True),
         'item1 <= 2')
    assert_no_axe_violations(page, EDITOR)

    press(page, editor.get_by_role('button', name='Save'))
    expect(editor.locator('.cifal-studio__status')).to_have_text('The questionnaire is saved.')
    assert not page.js_errors, page.js_errors

    page.goto(f'{base_url}{empty_path}?student={student_id}')
    block = page.locator('.cifal-questionnaire')
    expect(block.locator('.cifal-questionnaire__title')).to_have_text('Built in the editor')
    expect(block.locator('.cifal-matrix th[scope="col"]')).to_have_text(
        ['Not at all useful', 'Slightly useful', 'Useful', 'Very useful'])
    follow = block.locator('fieldset[data-item-id="item4"]')
    expect(follow).to_be_hidden()
    block.locator('fieldset[data-item-id="item1"] input[value="1"]').check()
    expect(follow).to_be_visible()
    block.locator('fieldset[data-item-id="item3"]').get_by_label('A region', exact=True).check()
    block.locator('.cifal-questionnaire__submit').click()
    expect(block.locator('.cifal-questionnaire__thanks')).to_be_visible()
    assert not page.js_errors, page.js_errors


def test_a_refused_save_keeps_what_was_typed_and_shows_the_error_by_the_field(page, base_url, empty_path,
                                                                              staff_id):
    editor = open_editor(page, base_url, empty_path, staff_id)
    item = add_item(page, editor, 'single')
    page.keyboard.type('Which session helped most?')
    fill(page, item.get_by_label('Option 1 (HTML)', exact=True), 'Morning')
    fill(page, item.get_by_label('Show only if (a condition on earlier items; optional)', exact=True), 'later >= 3')
    check(page, editor.get_by_label('Respondents may change their response', exact=True))
    anonymous = editor.get_by_label('Anonymous', exact=True)
    if not anonymous.is_checked():
        check(page, anonymous)

    press(page, editor.get_by_role('button', name='Save'))

    summary = editor.locator('.cifal-studio__summary')
    expect(summary).to_contain_text('cannot be editable')
    assert is_focused(summary), f'after a refused save, focus is on {describe_focus(page)}'
    expect(editor.locator('.cifal-studio__status')).to_contain_text('Not saved')
    editable = editor.get_by_label('Respondents may change their response', exact=True)
    expect(editable).to_have_attribute('aria-invalid', 'true')
    message_id = editable.get_attribute('aria-describedby').split()[-1]
    expect(editor.locator(f'#{message_id}')).to_contain_text('cannot be editable')
    # Nothing typed is lost.
    expect(item.get_by_label('Prompt (HTML)', exact=True)).to_have_value('Which session helped most?')
    expect(item.get_by_label('Option 1 (HTML)', exact=True)).to_have_value('Morning')
    summary.get_by_role('link', name=re.compile('cannot be editable')).click()
    assert is_focused(editable)
    assert not page.js_errors, page.js_errors


@pytest.mark.parametrize('lang, texts', [
    ('en', ['Questionnaire settings', 'Add an item', 'Save']),
    ('fr', ['Paramètres du questionnaire', 'Ajouter une question', 'Enregistrer']),
])
def test_the_editor_has_no_axe_violations(page, base_url, empty_path, staff_id, axe_available, lang, texts):
    editor = open_editor(page, base_url, empty_path, staff_id, lang=lang)
    for text in texts:
        expect(editor).to_contain_text(text)
    for value in ('likert', 'matrix', 'nps', 'single', 'multiple', 'text', 'profile'):
        editor.locator('.cifal-studio__add select').select_option(value)
        editor.locator('.cifal-studio__add-part').click()
    assert_no_axe_violations(page, EDITOR)
    editor.locator('.cifal-studio__save').click()  # new items are empty: errors next to many fields
    expect(editor.locator('.cifal-studio__summary')).to_be_visible()
    expect(editor.locator('[aria-invalid="true"]').first).to_be_visible()
    assert_no_axe_violations(page, EDITOR)
    assert not page.js_errors, page.js_errors
