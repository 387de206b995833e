"""
A learner takes the "Knowledge check" quiz in the workbench with the KEYBOARD ONLY (Tab, Shift+Tab, Space, arrow
keys, Enter through ``page.keyboard``; never a mouse click), as a screen-reader or switch user would.

The scenario (xblocks/cifal_quiz/scenarios/01_knowledge_check.xml) has one question of each type, three attempts,
best attempt kept, pass mark 60 %, correctness always shown and answers after each attempt.
"""
import re

import pytest
from playwright.sync_api import expect

from tests.support.axe import assert_no_axe_violations
from tests.support.browser import describe_focus, focus_within, is_focused, scenario_path, tab_to

pytestmark = pytest.mark.browser

QUIZ = '.cifal-quiz'
SCENARIO_PREFIX = 'Knowledge check'
SAVED = 'Your answers are saved.'
# The GMG Handbook's stages, as the scenario's key has them (learners see texts; option ids are opaque codes).
ORDER = ['Situation assessment', 'Set goals and priorities', 'Programme planning', 'Funding and capacity development']
LIVE_REGIONS = '[aria-live]:not([aria-live="off"]), [role="status"], [role="alert"], [role="log"]'


# --- the page --------------------------------------------------------------------------------------------------

@pytest.fixture(scope='module')
def knowledge_check_path(browser, base_url):
    return scenario_path(browser, base_url, SCENARIO_PREFIX)


def open_quiz(page, base_url, path, student, lang=None):
    query = f'?student={student}' + (f'&lang={lang}' if lang else '')
    response = page.goto(base_url + path + query)
    assert response.status == 200, f'{path} answered {response.status}'
    expect(page.locator(QUIZ)).to_be_visible()
    return page.locator(QUIZ)


def question(quiz, question_id):
    return quiz.locator(f'fieldset.cifal-question[data-question-id="{question_id}"]')


# --- answering with the keyboard -------------------------------------------------------------------------------

def choose_radio(page, fieldset, label):
    """Tab into the radio group, check the focused radio with Space, then move with ArrowDown to ``label``."""
    radios = fieldset.locator('input[type="radio"]')
    for _ in range(40):
        page.keyboard.press('Tab')
        if focus_within(fieldset):
            break
    else:
        raise AssertionError(f'the radio group {fieldset} is not in the tab order')
    if not page.evaluate('() => document.activeElement.checked'):
        page.keyboard.press('Space')
    for _ in range(radios.count()):
        if is_focused(fieldset.get_by_label(label, exact=True)):
            break
        page.keyboard.press('ArrowDown')
    expect(fieldset.get_by_label(label, exact=True)).to_be_checked()


def toggle_checkbox(page, fieldset, label):
    box = fieldset.get_by_label(label, exact=True)
    was = box.is_checked()
    tab_to(page, box)
    page.keyboard.press('Space')
    expect(box).to_be_checked(checked=not was)


def type_answer(page, fieldset, text):
    field = fieldset.locator('input[type="text"]')
    tab_to(page, field)
    page.keyboard.press('ControlOrMeta+A')
    page.keyboard.press('Delete')
    page.keyboard.type(text)
    expect(field).to_have_value(text)


def item_order(fieldset):
    """The ordering's items as the learner reads them, top to bottom."""
    return fieldset.locator('.cifal-ordering__text').evaluate_all('items => items.map(i => i.textContent.trim())')


def ordering_item(fieldset, text):
    return fieldset.locator('.cifal-ordering__item').filter(
        has=fieldset.page.locator('.cifal-ordering__text', has_text=re.compile(rf'^\s*{re.escape(text)}\s*$')))


def move_item_to(page, fieldset, text, position):
    """Press the item's "Move up"/"Move down" button with Enter until it is at ``position``; focus must stay on it."""
    for _ in range(10):
        order = item_order(fieldset)
        current = order.index(text)
        if current == position:
            return
        direction = 'up' if current > position else 'down'
        button = ordering_item(fieldset, text).locator(f'[data-move="{direction}"]')
        if not is_focused(button):
            tab_to(page, button)
        page.keyboard.press('Enter')
        assert focus_within(ordering_item(fieldset, text)), (
            f'after moving {text} {direction}, focus left the item: it is on {describe_focus(page)}')
    raise AssertionError(f'could not move {text} to position {position}: order is {item_order(fieldset)}')


def put_in_order(page, fieldset, wanted):
    """Move the items into the ``wanted`` order, then make sure the order counts as the learner's answer (a list
    the shuffle happened to put right needs no move: the learner ticks "This is my order")."""
    for position, text in enumerate(wanted):
        move_item_to(page, fieldset, text, position)
    assert item_order(fieldset) == wanted
    confirm = fieldset.locator('.cifal-ordering__confirm input')
    if not confirm.is_checked():
        tab_to(page, confirm)
        page.keyboard.press('Space')
    expect(confirm).to_be_checked()


def choose_match(page, fieldset, premise, response):
    """Focus the premise's <select> and press ArrowDown/ArrowUp (the list stays closed) until ``response``."""
    select = fieldset.get_by_label(premise, exact=True)
    tab_to(page, select)
    options = select.locator('option').all_inner_texts()
    target = [text.strip() for text in options].index(response)
    for _ in range(len(options) * 2):
        current = select.evaluate('s => s.selectedIndex')
        if current == target:
            break
        page.keyboard.press('ArrowDown' if current < target else 'ArrowUp')
    expect(select).to_have_value(select.locator('option').nth(target).get_attribute('value'))


def answer_first_attempt(page, quiz):
    """Answers giving every kind of result: incorrect, partially correct, correct (6.5 of 10 points)."""
    choose_radio(page, question(quiz, 'migrants-2024'), 'About 1 billion')  # incorrect, 0 of 1
    multiple = question(quiz, 'icrmw-obstacles')  # 3 of 4 choices well classified: partial, 1.5 of 2
    toggle_checkbox(page, multiple, 'Low awareness of the Convention')
    toggle_checkbox(page, multiple, 'Fear of a "pull" signal')
    type_answer(page, question(quiz, 'women-share'), '48,5')  # within 48 ± 1, with a decimal comma: 1 of 1
    type_answer(page, question(quiz, 'mainstreaming'), 'mainstreaming')  # 1 of 1
    ordering = question(quiz, 'handbook-stages')
    # The shuffle may show the right order already (every order is as likely): move the last item up first, so
    # that the learner's moves, and their announcements, are exercised whatever the shuffle.
    move_item_to(page, ordering, item_order(ordering)[-1], 2)
    expect(ordering.locator('.cifal-ordering__announce[aria-live="polite"]')).to_have_text(
        re.compile(r'^“[^”]+” is now at position 3 of 4\.$'))
    expect(ordering.locator('.cifal-ordering__confirm input')).to_be_checked()  # a move is an answer
    put_in_order(page, ordering, ORDER)  # 2 of 2
    matching = question(quiz, 'terms')  # one pair of three right: partial, 1 of 3
    choose_match(page, matching, 'Integration', 'Two-way mutual adaptation of migrants and the receiving society')
    choose_match(page, matching, 'Diaspora', 'Personal money transfers by migrants to people they are linked to')
    choose_match(page, matching, 'Remittances', 'Migrants or descendants whose identity was shaped by migration')


def submit_with_keyboard(page, quiz, confirm=False):
    """Tab to Submit and press Enter; with ``confirm``, the dialog that asks first (questions unanswered, or the last
    attempt) opens with focus on its safe choice, and Shift+Tab, Enter confirm."""
    tab_to(page, quiz.locator('.cifal-quiz__submit'))
    page.keyboard.press('Enter')
    dialog = quiz.locator('dialog.cifal-dialog')
    if confirm:
        expect(dialog).to_be_visible()
        assert focus_within(dialog), f'the dialog opened with focus on {describe_focus(page)}'
        page.keyboard.press('Shift+Tab')
        assert is_focused(dialog.locator('.cifal-dialog__confirm')), describe_focus(page)
        page.keyboard.press('Enter')
    expect(quiz.locator('.cifal-quiz__results')).to_be_visible()
    expect(dialog).to_have_count(0)


def result_texts(quiz):
    """Question id → the text of its result line in the review."""
    return dict(quiz.locator('.cifal-review__question').evaluate_all(
        'items => items.map(i => [i.dataset.questionId,'
        ' (i.querySelector(".cifal-question__result") || {}).innerText || ""])'
    ))


def watch_live_regions(page, scope):
    """Remember the live regions in ``scope`` now, to ask later whether one of them was given some text."""
    page.evaluate(
        """([scope, selector]) => {
            window.__cifalLiveRegions = Array.from(document.querySelectorAll(scope))
                .flatMap(root => [root, ...root.querySelectorAll(selector)])
                .filter(el => el.matches(selector));
        }""",
        [scope, LIVE_REGIONS],
    )


def watched_live_region_texts(page):
    return page.evaluate(
        '() => (window.__cifalLiveRegions || []).filter(el => el.isConnected).map(el => el.innerText.trim())'
    )


# --- the tests -------------------------------------------------------------------------------------------------

def test_learner_journey_with_keyboard_only(page, base_url, knowledge_check_path, student_id, axe_available):
    quiz = open_quiz(page, base_url, knowledge_check_path, student_id)
    expect(quiz.locator('.cifal-quiz__status')).to_have_text('0 of 3 attempts used.')
    assert quiz.locator('fieldset.cifal-question').count() == 6
    for legend in quiz.locator('fieldset.cifal-question > legend').all():
        expect(legend).to_contain_text(re.compile(r'Question \d of 6'))
    assert_no_axe_violations(page, QUIZ)

    answer_first_attempt(page, quiz)
    submit_with_keyboard(page, quiz)

    # Focus moves to the results, and the page's live region (there before submitting) says the score in words.
    results = quiz.locator('.cifal-quiz__results')
    assert is_focused(results), f'after submitting, focus is on {describe_focus(page)}, not on the results'
    expect(quiz.locator('.cifal-quiz__announcer[aria-live="polite"]')).to_contain_text(
        'Your score: 6.5 of 10 points (65%).')
    expect(results).to_contain_text('Results of attempt 1')
    expect(results).to_contain_text('Your score: 6.5 of 10 points (65%).')
    expect(results).to_contain_text('Passed (pass mark 60%).')
    expect(results).to_contain_text('You have 2 attempts left.')
    expect(quiz.locator('.cifal-quiz__status')).to_have_text('1 of 3 attempts used.')

    # Correctness is written out for each question, not shown by colour or an icon alone.
    expected = {
        'migrants-2024': 'Incorrect (0 of 1 point)',
        'icrmw-obstacles': 'Partially correct (1.5 of 2 points)',
        'women-share': 'Correct (1 of 1 point)',
        'mainstreaming': 'Correct (1 of 1 point)',
        'handbook-stages': 'Correct (2 of 2 points)',
        'terms': 'Partially correct (1 of 3 points)',
    }
    texts = result_texts(quiz)
    for question_id, text in expected.items():
        assert text in texts.get(question_id, ''), f'{question_id}: result reads {texts.get(question_id)!r}'
    icons = quiz.locator('.cifal-question__result .cifal-icon')
    assert all(icon.get_attribute('aria-hidden') == 'true' for icon in icons.all())
    chosen = quiz.locator('.cifal-review__question[data-question-id="migrants-2024"] .cifal-review__option--chosen')
    expect(chosen).to_contain_text('Your answer')
    right = quiz.locator('.cifal-review__question[data-question-id="migrants-2024"] .cifal-review__option--correct')
    expect(right).to_contain_text('Correct answer')
    assert_no_axe_violations(page, QUIZ)

    # Reloading shows the same results.
    summary = results.locator('h4, .cifal-quiz__summary-line').all_inner_texts()
    page.reload()
    quiz = page.locator(QUIZ)
    expect(quiz.locator('.cifal-quiz__results').locator('h4, .cifal-quiz__summary-line')).to_have_text(summary)
    assert result_texts(quiz) == texts

    # "Try again" opens attempt 2, empty, with focus on its heading.
    retry = quiz.locator('.cifal-quiz__retry')
    expect(retry).to_have_text('Try again')
    tab_to(page, retry)
    page.keyboard.press('Enter')
    heading = quiz.locator('.cifal-quiz__attempt-heading')
    expect(heading).to_have_text('Attempt 2')
    assert is_focused(heading), f'after "Try again", focus is on {describe_focus(page)}'
    expect(quiz.locator('.cifal-quiz__form')).to_have_attribute('data-attempt', '2')
    assert quiz.locator('.cifal-question input:checked').count() == 0
    for field in quiz.locator('.cifal-question input[type="text"]').all():
        expect(field).to_have_value('')
    for select in quiz.locator('.cifal-question select').all():
        expect(select).to_have_value('')
    expect(quiz.locator('.cifal-quiz__status')).to_have_text('1 of 3 attempts used.')
    assert_no_axe_violations(page, QUIZ)
    assert not page.js_errors, page.js_errors


def test_score_is_announced_through_a_live_region_already_on_the_page(page, base_url, knowledge_check_path,
                                                                      student_id):
    quiz = open_quiz(page, base_url, knowledge_check_path, student_id)
    choose_radio(page, question(quiz, 'migrants-2024'), 'About 304 million')
    watch_live_regions(page, QUIZ)
    submit_with_keyboard(page, quiz, confirm=True)
    texts = watched_live_region_texts(page)
    assert any('Your score:' in text for text in texts), (
        f'no live region that was on the page before submitting received the score; their texts: {texts}')


def test_draft_survives_a_reload(page, base_url, knowledge_check_path, student_id):
    quiz = open_quiz(page, base_url, knowledge_check_path, student_id)
    choose_radio(page, question(quiz, 'migrants-2024'), 'About 304 million')
    toggle_checkbox(page, question(quiz, 'icrmw-obstacles'), 'Too little administrative capacity')
    type_answer(page, question(quiz, 'women-share'), '47')
    put_in_order(page, question(quiz, 'handbook-stages'), ORDER[::-1])
    choose_match(page, question(quiz, 'terms'), 'Diaspora',
                 'Migrants or descendants whose identity was shaped by migration')
    # Every change marks the answers unsaved until the save that follows it has landed.
    status = quiz.locator('.cifal-quiz__save-status')
    expect(status).to_have_attribute('role', 'status')
    expect(status).to_have_text(SAVED)

    page.reload()
    quiz = page.locator(QUIZ)
    expect(question(quiz, 'migrants-2024').get_by_label('About 304 million', exact=True)).to_be_checked()
    boxes = question(quiz, 'icrmw-obstacles').locator('input[type="checkbox"]:checked')
    assert [box.evaluate('b => b.labels[0].textContent.trim()') for box in boxes.all()] == [
        'Too little administrative capacity']
    expect(question(quiz, 'women-share').locator('input')).to_have_value('47')
    expect(question(quiz, 'mainstreaming').locator('input')).to_have_value('')
    assert item_order(question(quiz, 'handbook-stages')) == ORDER[::-1]
    expect(question(quiz, 'handbook-stages').locator('.cifal-ordering__confirm input')).to_be_checked()
    diaspora = question(quiz, 'terms').get_by_label('Diaspora', exact=True)
    expect(diaspora.locator('option:checked')).to_have_text(
        'Migrants or descendants whose identity was shaped by migration')
    expect(question(quiz, 'terms').get_by_label('Integration', exact=True)).to_have_value('')
    expect(quiz.locator('.cifal-quiz__status')).to_have_text('0 of 3 attempts used.')
    assert not page.js_errors, page.js_errors


def test_quiz_in_french(page, base_url, knowledge_check_path, student_id, axe_available):
    """``?lang=fr``: the block's template, handler and JS strings come from the French catalogs."""
    quiz = open_quiz(page, base_url, knowledge_check_path, student_id, lang='fr')
    expect(quiz.locator('.cifal-quiz__status')).to_have_text('0 sur 3 tentatives utilisées.')
    expect(quiz.locator('.cifal-quiz__attempt-heading')).to_have_text('Tentative 1')
    expect(question(quiz, 'migrants-2024').locator('legend')).to_contain_text('Question 1 sur 6')
    expect(question(quiz, 'icrmw-obstacles')).to_contain_text('Sélectionnez toutes les réponses qui conviennent.')
    expect(quiz.locator('.cifal-quiz__submit')).to_have_text('Soumettre les réponses')
    expect(question(quiz, 'terms').locator('select').first.locator('option').first).to_have_text('Choisir…')
    ordering = question(quiz, 'handbook-stages')
    expect(ordering_item(ordering, 'Situation assessment').locator('[data-move="up"]')).to_have_text(
        re.compile(r'Monter «\s*Situation assessment\s*»'))
    assert_no_axe_violations(page, QUIZ)

    # The JS's own strings: the ordering announcement and the autosave status.
    choose_radio(page, question(quiz, 'migrants-2024'), 'About 304 million')
    # Move it somewhere it is not already (the learner's shuffle may have put it first or last).
    target = 3 if item_order(ordering).index('Situation assessment') != 3 else 0
    move_item_to(page, ordering, 'Situation assessment', target)
    expect(ordering.locator('.cifal-ordering__announce')).to_have_text(
        re.compile(rf'^«\s*Situation assessment\s*» est maintenant en position {target + 1} sur 4\.$'))
    expect(quiz.locator('.cifal-quiz__save-status')).to_have_text('Vos réponses sont enregistrées.', timeout=15_000)

    submit_with_keyboard(page, quiz, confirm=True)
    results = quiz.locator('.cifal-quiz__results')
    expect(results).to_contain_text('Résultats de la tentative 1')
    expect(results).to_contain_text('Votre score :')
    expect(results).to_contain_text('Il vous reste 2 tentatives.')
    texts = result_texts(quiz)
    assert 'Correct' in texts['migrants-2024'], texts
    assert 'Sans réponse' in texts['mainstreaming'], texts
    expect(quiz.locator('.cifal-quiz__retry')).to_have_text('Réessayer')
    for english in ('Your score', 'Try again', 'attempts used', 'Not answered'):
        assert english not in quiz.inner_text(), f'untranslated on the French page: {english!r}'
    assert_no_axe_violations(page, QUIZ)
    assert not page.js_errors, page.js_errors


def test_an_ordering_left_as_first_shown_is_not_an_answer(page, base_url, knowledge_check_path, student_id):
    """Every order is as likely to be shown first, the right one included: only a move or "This is my order" makes
    the order an answer, so a learner who never touched the question (or tapped Submit by mistake) earns nothing."""
    quiz = open_quiz(page, base_url, knowledge_check_path, student_id)
    choose_radio(page, question(quiz, 'migrants-2024'), 'About 304 million')
    expect(question(quiz, 'handbook-stages').locator('.cifal-ordering__confirm input')).not_to_be_checked()

    submit_with_keyboard(page, quiz, confirm=True)

    assert 'Not answered' in result_texts(quiz)['handbook-stages'], result_texts(quiz)
    assert not page.js_errors, page.js_errors
