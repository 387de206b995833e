"""
An author builds a quiz in the workbench's ``studio_view`` (the "New quiz for authors" scenario, an empty quiz),
mostly with the keyboard, saves it, and a learner takes it; a refused save keeps what the author typed; the
editor passes axe-core in English and French.
"""
import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_quiz_learner_journey import (
    choose_match,
    choose_radio,
    put_in_order,
    question,
    submit_with_keyboard,
    toggle_checkbox,
    type_answer,
)
from tests.support.axe import assert_no_axe_violations
from tests.support.browser import describe_focus, is_focused, scenario_path
from tests.support.browser import tab_to as tab_to_within

pytestmark = pytest.mark.browser

EDITOR = '.cifal-studio'
SCENARIO_PREFIX = 'New quiz for authors'


@pytest.fixture(scope='module')
def empty_quiz_path(browser, base_url):
    return scenario_path(browser, base_url, SCENARIO_PREFIX)


def tab_to(page, locator):
    """Tab (or Shift+Tab) to ``locator``: an editor of several questions has a few hundred controls."""
    tab_to_within(page, locator, max_presses=400)


def open_editor(page, base_url, path, author, lang=None):
    response = page.goto(f'{base_url}{path}studio_view/?student={author}' + (f'&lang={lang}' if lang else ''))
    assert response.status == 200
    editor = page.locator(EDITOR)
    expect(editor).to_be_visible()
    return editor


def fill(page, field, text):
    """Tab to a text control, clear it and type, as a keyboard user does."""
    tab_to(page, field)
    page.keyboard.press('ControlOrMeta+A')
    page.keyboard.press('Delete')
    page.keyboard.type(text)
    expect(field).to_have_value(text)


def choose_with_arrows(page, select, value):
    """Focus a closed <select> and press ArrowDown/ArrowUp until ``value`` is selected."""
    tab_to(page, select)
    values = select.locator('option').evaluate_all('options => options.map(o => o.value)')
    for _ in range(len(values) * 2):
        current = values.index(select.input_value())
        if values[current] == value:
            break
        page.keyboard.press('ArrowDown' if current < values.index(value) else 'ArrowUp')
    expect(select).to_have_value(value)


def press(page, button):
    tab_to(page, button)
    page.keyboard.press('Enter')


def last_question(editor):
    return editor.locator('.cifal-sq').last


def add_question(page, editor, question_type):
    choose_with_arrows(page, editor.get_by_label('Type of the new question', exact=True), question_type)
    press(page, editor.get_by_role('button', name='Add a question'))
    prompt = last_question(editor).get_by_label('Prompt (HTML)', exact=True)
    assert is_focused(prompt), f'after adding a question, focus is on {describe_focus(page)}'
    return last_question(editor)


def check(page, control):
    tab_to(page, control)
    page.keyboard.press('Space')
    expect(control).to_be_checked()


def build_every_type(page, editor):
    """One question of each type, all through the keyboard; returns nothing, the editor holds it."""
    q = add_question(page, editor, 'single')
    page.keyboard.type('Where was the Global Compact for Migration adopted?')
    fill(page, q.get_by_label('Choice 1 (HTML)', exact=True), 'Geneva')
    fill(page, q.get_by_label('Choice 2 (HTML)', exact=True), 'Marrakech')
    fill(page, q.get_by_label('Feedback for choice 2 (HTML)', exact=True), '<p>Yes, in December 2018.</p>')
    # A radio group is one tab stop: reach it, then the arrow key marks the second choice correct.
    tab_to(page, q.get_by_label('Choice 1 is correct', exact=True))
    page.keyboard.press('ArrowDown')
    expect(q.get_by_label('Choice 2 is correct', exact=True)).to_be_checked()
    expect(q.get_by_label('Choice 1 is correct', exact=True)).not_to_be_checked()

    q = add_question(page, editor, 'multiple')
    page.keyboard.type('Which obstacles to ratification are cited?')
    fill(page, q.get_by_label('Choice 1 (HTML)', exact=True), 'Low awareness')
    fill(page, q.get_by_label('Choice 2 (HTML)', exact=True), 'Pull effect')
    press(page, q.get_by_role('button', name='Add a choice'))
    assert is_focused(q.get_by_label('Choice 3 (HTML)', exact=True)), describe_focus(page)
    page.keyboard.type('A citizenship duty')
    check(page, q.get_by_label('Choice 1 is correct', exact=True))
    check(page, q.get_by_label('Choice 2 is correct', exact=True))
    choose_with_arrows(page, q.get_by_label('Scoring', exact=True), 'partial')

    q = add_question(page, editor, 'numeric')
    page.keyboard.type('How many international migrants in mid-2024, in millions?')
    fill(page, q.get_by_label('Correct value', exact=True), '304')
    fill(page, q.get_by_label('Tolerance (0 for an exact value)', exact=True), '5')

    q = add_question(page, editor, 'text')
    page.keyboard.type('Assessing migration in every policy is called migration …')
    fill(page, q.get_by_label('Accepted answer 1', exact=True), 'mainstreaming')

    q = add_question(page, editor, 'ordering')
    page.keyboard.type('Put the stages in order.')
    fill(page, q.get_by_label('Item 1 (HTML)', exact=True), 'Goals')
    fill(page, q.get_by_label('Item 2 (HTML)', exact=True), 'Assessment')
    press(page, q.get_by_role('button', name='Move item 2 up'))
    moved = q.get_by_role('button', name='Move item 1 down')  # the same item, now first: only "down" is left
    assert is_focused(moved), f'after moving the item up, focus is on {describe_focus(page)}'
    press(page, q.get_by_role('button', name='Add an item'))
    page.keyboard.type('Planning')
    for number, text in enumerate(['Assessment', 'Goals', 'Planning'], start=1):
        expect(q.get_by_label(f'Item {number} (HTML)', exact=True)).to_have_value(text)

    q = add_question(page, editor, 'matching')
    page.keyboard.type('Match the terms.')
    fill(page, q.get_by_label('Premise 1 (HTML)', exact=True), 'Integration')
    fill(page, q.get_by_label('Matching response 1 (HTML)', exact=True), 'Mutual adaptation')
    fill(page, q.get_by_label('Premise 2 (HTML)', exact=True), 'Diaspora')
    fill(page, q.get_by_label('Matching response 2 (HTML)', exact=True), 'Identity shaped by migration')


def test_an_author_builds_every_type_and_a_learner_takes_the_quiz(page, base_url, empty_quiz_path, staff_id,
                                                                  student_id, axe_available):
    editor = open_editor(page, base_url, empty_quiz_path, staff_id)
    fill(page, editor.get_by_label('Display name', exact=True), 'Built in the editor')
    build_every_type(page, editor)

    # Reordering questions by keyboard: focus follows the question, and its new position is announced.
    press(page, editor.get_by_role('button', name='Move question 2 up'))
    assert is_focused(editor.get_by_role('button', name='Move question 1 down')), describe_focus(page)
    expect(editor.locator('.cifal-studio__announcer')).to_have_text('Moved to position 1 of 6.')
    page.keyboard.press('Enter')  # and back down
    expect(editor.locator('.cifal-sq__type').first).to_contain_text('Single choice')
    assert_no_axe_violations(page, EDITOR)

    press(page, editor.get_by_role('button', name='Save'))
    expect(editor.locator('.cifal-studio__status')).to_have_text('The quiz is saved.')
    assert not page.js_errors, page.js_errors

    page.goto(f'{base_url}{empty_quiz_path}?student={student_id}')
    quiz = page.locator('.cifal-quiz')
    expect(quiz.locator('.cifal-quiz__title')).to_have_text('Built in the editor')
    choose_radio(page, question(quiz, 'q1'), 'Marrakech')
    toggle_checkbox(page, question(quiz, 'q2'), 'Low awareness')
    toggle_checkbox(page, question(quiz, 'q2'), 'Pull effect')
    type_answer(page, question(quiz, 'q3'), '302')
    type_answer(page, question(quiz, 'q4'), 'Mainstreaming')
    put_in_order(page, question(quiz, 'q5'), ['Assessment', 'Goals', 'Planning'])
    matching = question(quiz, 'q6')
    for premise, response in (('Integration', 'Mutual adaptation'), ('Diaspora', 'Identity shaped by migration')):
        choose_match(page, matching, premise, response)
    submit_with_keyboard(page, quiz)
    expect(quiz.locator('.cifal-quiz__results')).to_contain_text('Your score: 6 of 6 points (100%).')
    assert not page.js_errors, page.js_errors


def test_a_refused_save_keeps_what_was_typed_and_shows_the_error_by_the_field(page, base_url, empty_quiz_path,
                                                                              staff_id):
    editor = open_editor(page, base_url, empty_quiz_path, staff_id)
    before = editor.locator('.cifal-sq').count()
    q = add_question(page, editor, 'single')
    page.keyboard.type('A question without a right answer')
    fill(page, q.get_by_label('Choice 1 (HTML)', exact=True), 'Yes')
    fill(page, q.get_by_label('Choice 2 (HTML)', exact=True), 'No')
    fill(page, editor.get_by_label('Questions drawn', exact=True), '99')

    press(page, editor.get_by_role('button', name='Save'))

    summary = editor.locator('.cifal-studio__summary')
    expect(summary).to_contain_text('exactly one correct choice (found 0)')
    assert is_focused(summary), f'after a refused save, focus is on {describe_focus(page)}'
    expect(editor.locator('.cifal-studio__status')).to_contain_text('Not saved')
    draw = editor.get_by_label('Questions drawn', exact=True)
    expect(draw).to_have_attribute('aria-invalid', 'true')
    message_id = draw.get_attribute('aria-describedby').split()[-1]
    expect(editor.locator(f'#{message_id}')).to_contain_text('draws 99 questions')
    choices = q.locator('fieldset.cifal-sq__group')
    expect(choices.locator('.cifal-studio__message')).to_contain_text('exactly one correct choice')
    assert choices.locator('.cifal-studio__message').get_attribute('id') in choices.get_attribute('aria-describedby')
    # Nothing typed is lost.
    expect(q.get_by_label('Prompt (HTML)', exact=True)).to_have_value('A question without a right answer')
    expect(q.get_by_label('Choice 2 (HTML)', exact=True)).to_have_value('No')
    expect(draw).to_have_value('99')
    assert editor.locator('.cifal-sq').count() == before + 1
    # The summary's link takes the author to the field.
    summary.get_by_role('link', name=re.compile('draws 99 questions')).click()
    assert is_focused(draw)
    assert not page.js_errors, page.js_errors


def test_the_olx_tab_by_keyboard_with_line_numbered_errors(page, base_url, empty_quiz_path, staff_id):
    editor = open_editor(page, base_url, empty_quiz_path, staff_id)
    editor_tab = editor.get_by_role('tab', name='Editor')
    tab_to(page, editor_tab)
    page.keyboard.press('ArrowRight')
    olx_tab = editor.get_by_role('tab', name='OLX')
    assert is_focused(olx_tab)
    page.keyboard.press('Enter')
    expect(olx_tab).to_have_attribute('aria-selected', 'true')
    area = editor.get_by_label('The quiz as OLX', exact=True)
    expect(area).to_have_value(re.compile(r'^<cifal_quiz'))

    area.fill('<cifal_quiz>\n  <question id="x" type="riddle"><prompt>P</prompt></question>\n</cifal_quiz>')
    press(page, editor.get_by_role('button', name='Save'))
    expect(editor.locator('.cifal-studio__summary')).to_contain_text("line 2: question 'x': unknown question type")
    expect(area).to_have_attribute('aria-invalid', 'true')
    # Switching back is refused too, and the text stays as typed.
    tab_to(page, olx_tab)
    page.keyboard.press('ArrowLeft')
    page.keyboard.press('Enter')
    expect(olx_tab).to_have_attribute('aria-selected', 'true')
    expect(area).to_have_value(re.compile('riddle'))
    assert_no_axe_violations(page, EDITOR)


@pytest.mark.parametrize('lang, texts', [
    ('en', ['Quiz settings', 'Add a question', 'Save']),
    ('fr', ['Paramètres du quiz', 'Ajouter une question', 'Enregistrer']),
])
def test_the_editor_has_no_axe_violations(page, base_url, empty_quiz_path, staff_id, axe_available, lang, texts):
    editor = open_editor(page, base_url, empty_quiz_path, staff_id, lang=lang)
    for text in texts:
        expect(editor).to_contain_text(text)
    add_button = editor.locator('.cifal-studio__add-part')
    for value in ('single', 'multiple', 'numeric', 'text', 'ordering', 'matching'):
        editor.locator('.cifal-studio__add select').select_option(value)
        add_button.click()
    assert_no_axe_violations(page, EDITOR)
    editor.locator('.cifal-studio__save').click()  # new questions are empty: errors next to many fields
    expect(editor.locator('.cifal-studio__summary')).to_be_visible()
    expect(editor.locator('[aria-invalid="true"]').first).to_be_visible()
    assert_no_axe_violations(page, EDITOR)
    assert not page.js_errors, page.js_errors
