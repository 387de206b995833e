"""
The quiz as a learner meets it on a phone (375 px) and a desktop (1280 px), in English and French: every part of a
question stays inside its card and the page never scrolls sideways; numbers read the learner's way ("48,5",
"1,5 sur 2"); Submit asks first, in a dialog a keyboard and a screen reader can use, when questions are unanswered
or the attempt is the last; the review marks the learner's own answers right or wrong with an icon and a word, per
option, item and premise; ordering's ends say they cannot move; an empty quiz offers nothing to submit; axe-core
finds nothing. Screenshots of each view go to test-artifacts/learner/ for a reviewer to look at.

Scenarios: xblocks/cifal_quiz/scenarios/ (01 knowledge check: every question type, three attempts; 02 pre-test: one
attempt, nothing revealed; 05 an empty quiz).
"""
import re

import pytest
from playwright.sync_api import expect

from tests.support.axe import assert_no_axe_violations
from tests.support.browser import ARTIFACTS_DIR, describe_focus, focus_within, is_focused, scenario_path, tab_to

pytestmark = pytest.mark.browser

QUIZ = '.cifal-quiz'
WIDTHS = {'phone': {'width': 375, 'height': 740}, 'desktop': {'width': 1280, 'height': 900}}
ORDER = ['Situation assessment', 'Set goals and priorities', 'Programme planning', 'Funding and capacity development']
INTEGRATION = 'Two-way mutual adaptation of migrants and the receiving society'
DIASPORA = 'Migrants or descendants whose identity was shaped by migration'
REMITTANCES = 'Personal money transfers by migrants to people they are linked to'

# Every element of a card whose box reaches past the card's left or right edge (screen-reader-only text aside).
OUTSIDE_THEIR_CARDS_JS = """(cardSelector) => {
  const found = [];
  for (const card of document.querySelectorAll(cardSelector)) {
    const edge = card.getBoundingClientRect();
    for (const element of card.querySelectorAll('*')) {
      const box = element.getBoundingClientRect();
      if (box.width <= 1 || box.height <= 1 || element.closest('.cifal-sr')) continue;
      if (box.left < edge.left - 1 || box.right > edge.right + 1) {
        found.push(`${element.tagName.toLowerCase()}.${String(element.className).trim().split(/\\s+/).join('.')}`
          + ` "${(element.innerText || '').trim().slice(0, 30)}" spans ${Math.round(box.left)}-${Math.round(box.right)}`
          + ` in a card ${Math.round(edge.left)}-${Math.round(edge.right)}`);
      }
    }
  }
  return found.slice(0, 8);
}"""


# --- the page ---------------------------------------------------------------------------------------------------

@pytest.fixture(scope='module')
def knowledge_check_path(browser, base_url):
    return scenario_path(browser, base_url, 'Knowledge check')


@pytest.fixture(scope='module')
def pre_test_path(browser, base_url):
    return scenario_path(browser, base_url, 'Pre-test')


@pytest.fixture(scope='module')
def empty_quiz_path(browser, base_url):
    return scenario_path(browser, base_url, 'New quiz for authors')


def open_quiz(page, base_url, path, student, width='desktop', lang=None):
    page.set_viewport_size(WIDTHS[width])
    page.goto(f'{base_url}{path}?student={student}' + (f'&lang={lang}' if lang else ''))
    expect(page.locator(QUIZ)).to_be_visible()
    page.wait_for_load_state('networkidle')
    return page.locator(QUIZ)


def question(quiz, question_id):
    return quiz.locator(f'fieldset.cifal-question[data-question-id="{question_id}"]')


def review(quiz, question_id):
    return quiz.locator(f'.cifal-review__question[data-question-id="{question_id}"]')


def screenshot(page, name, full_page=True):
    """test-artifacts/learner/<name>.png: the whole page, or what the screen shows (an open dialog)."""
    folder = ARTIFACTS_DIR / 'learner'
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f'{name}.png'), full_page=full_page)


def assert_fits(page, card_selector, width):
    """No element wider than its card, and no sideways scroll of the page."""
    outside = page.evaluate(OUTSIDE_THEIR_CARDS_JS, card_selector)
    assert outside == [], f'at {width} px, past the edge of their {card_selector} card: {outside}'
    scroll = page.evaluate('() => document.documentElement.scrollWidth')
    assert scroll <= width, f'at {width} px the page scrolls sideways ({scroll} px wide)'


# --- answering (the keyboard journey is test_quiz_learner_journey.py; here what a learner answers) ---------------

def choose(quiz, question_id, *labels):
    for label in labels:
        question(quiz, question_id).get_by_label(label, exact=True).check()


def type_in(quiz, question_id, text):
    question(quiz, question_id).locator('input[type="text"]').fill(text)


def put_in_order(quiz, wanted):
    """Press the items' "up" buttons until the ordering reads ``wanted`` (a press is an answer)."""
    fieldset = question(quiz, 'handbook-stages')
    texts = fieldset.locator('.cifal-ordering__text')
    for position, text in enumerate(wanted):
        for _ in range(len(wanted)):
            order = [t.strip() for t in texts.all_inner_texts()]
            if order.index(text) == position:
                break
            fieldset.locator('.cifal-ordering__item', has=quiz.page.get_by_text(text, exact=True)).locator(
                '[data-move="up"]').click()
    confirm = fieldset.locator('.cifal-ordering__confirm input')
    if not confirm.is_checked():
        confirm.check()
    assert [t.strip() for t in texts.all_inner_texts()] == wanted


def match(quiz, premise, response):
    """Choose the premise's response in its list (wide screens) or among its radio buttons (narrow ones)."""
    fieldset = question(quiz, 'terms')
    listed = fieldset.get_by_label(premise, exact=True)
    if listed.is_visible():
        listed.select_option(label=response)
    else:
        group = fieldset.locator('fieldset.cifal-matching__choices').filter(
            has=quiz.page.locator('legend', has_text=re.compile(rf'^\s*{re.escape(premise)}\s*$')))
        group.get_by_label(response, exact=True).check()


def answer_partly_right(quiz, numeric='48,5'):
    """Every question answered, with every kind of result: 5.5 of 10 points."""
    choose(quiz, 'migrants-2024', 'About 1 billion')  # incorrect: 0 of 1
    choose(quiz, 'icrmw-obstacles', 'Low awareness of the Convention', 'Fear of a "pull" signal')  # 1.5 of 2
    type_in(quiz, 'women-share', numeric)  # 48 ± 1: 1 of 1
    type_in(quiz, 'mainstreaming', 'mainstreaming')  # 1 of 1
    put_in_order(quiz, [ORDER[0], ORDER[1], ORDER[3], ORDER[2]])  # two in place of four: 1 of 2
    match(quiz, 'Integration', INTEGRATION)  # one right of three: 1 of 3
    match(quiz, 'Diaspora', REMITTANCES)
    match(quiz, 'Remittances', DIASPORA)


def answer_all_right(quiz):
    choose(quiz, 'migrants-2024', 'About 304 million')
    choose(quiz, 'icrmw-obstacles', 'Low awareness of the Convention', 'Fear of a "pull" signal',
           'Too little administrative capacity')
    type_in(quiz, 'women-share', '48')
    type_in(quiz, 'mainstreaming', 'mainstreaming')
    put_in_order(quiz, ORDER)
    match(quiz, 'Integration', INTEGRATION)
    match(quiz, 'Diaspora', DIASPORA)
    match(quiz, 'Remittances', REMITTANCES)


def submit(quiz, confirm=False):
    """Press Submit (and the dialog's confirm button when it asks first); wait for the results."""
    quiz.locator('.cifal-quiz__submit').click()
    if confirm:
        quiz.locator('dialog.cifal-dialog .cifal-dialog__confirm').click()
    expect(quiz.locator('.cifal-quiz__results')).to_be_visible()


# --- the tests ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize('width', WIDTHS)
def test_form_and_results_fit_their_cards(page, base_url, knowledge_check_path, student_id, width, axe_available):
    pixels = WIDTHS[width]['width']
    quiz = open_quiz(page, base_url, knowledge_check_path, student_id, width)
    assert_fits(page, '.cifal-question', pixels)
    # The card's heading sits above its border, the prompt inside it (nothing straddles the border).
    for card in quiz.locator('fieldset.cifal-question').all():
        heading = card.locator('.cifal-question__heading').bounding_box()
        prompt = card.locator('.cifal-question__prompt').bounding_box()
        assert heading['y'] + heading['height'] <= prompt['y'] + 1, card.get_attribute('data-question-id')
    # Instructions come before what they are about.
    numeric = question(quiz, 'women-share')
    assert numeric.locator('.cifal-question__hint').bounding_box()['y'] < numeric.locator('input').bounding_box()['y']
    expect(question(quiz, 'icrmw-obstacles')).to_contain_text('Select all that apply.')  # the author's, once
    assert question(quiz, 'icrmw-obstacles').inner_text().count('Select all that apply') == 1
    # Matching: radio buttons per premise on a phone (the whole answer shown), lists on a desktop.
    terms = question(quiz, 'terms')
    radios, lists = terms.locator('.cifal-matching__choices'), terms.locator('select')
    if width == 'phone':
        assert all(group.is_visible() for group in radios.all()) and not any(s.is_visible() for s in lists.all())
        cut = terms.locator('.cifal-matching__choices label').evaluate_all(
            'labels => labels.filter(l => l.scrollWidth > l.clientWidth + 1).map(l => l.innerText)')
        assert cut == [], f'answers cut short: {cut}'
        expect(radios.first.locator('legend')).to_have_text('Integration')
    else:
        assert all(s.is_visible() for s in lists.all()) and not any(group.is_visible() for group in radios.all())
    assert_no_axe_violations(page, QUIZ)
    screenshot(page, f'form-{pixels}')

    answer_partly_right(quiz)
    submit(quiz)
    assert_fits(page, '.cifal-review__card', pixels)
    assert_fits(page, '.cifal-quiz__results', pixels)
    for card in quiz.locator('.cifal-review__question').all():
        heading = card.locator('.cifal-review__heading').bounding_box()
        assert heading['y'] + heading['height'] <= card.locator('.cifal-review__card').bounding_box()['y'] + 1
    expect(quiz.locator('.cifal-quiz__results')).to_contain_text('Your score: 5.5 of 10 points (55%).')
    assert_no_axe_violations(page, QUIZ)
    assert not page.js_errors, page.js_errors
    screenshot(page, f'results-{pixels}')


@pytest.mark.parametrize('width', WIDTHS)
def test_a_french_learner_reads_numbers_the_french_way(page, base_url, knowledge_check_path, student_id, width,
                                                       axe_available):
    pixels = WIDTHS[width]['width']
    quiz = open_quiz(page, base_url, knowledge_check_path, student_id, width, lang='fr')
    # The prompt is the author's (English here); the instruction is the block's, in French, before the options.
    multiple = question(quiz, 'icrmw-obstacles')
    hint = multiple.locator('.cifal-question__hint')
    expect(hint).to_have_text('Sélectionnez toutes les réponses qui conviennent.')
    assert hint.bounding_box()['y'] < multiple.locator('.cifal-option').first.bounding_box()['y']
    answer_partly_right(quiz, numeric='48,5')
    submit(quiz)

    results = quiz.locator('.cifal-quiz__results')
    expect(results).to_contain_text(re.compile(r'Votre score\s:\s5,5 sur 10 points \(55\s%\)\.'))
    expect(results).to_contain_text(re.compile(r'seuil de réussite\s:\s60\s%'))
    given = review(quiz, 'women-share').locator('.cifal-review__given')
    expect(given).to_contain_text('48,5')
    expect(review(quiz, 'women-share').locator('.cifal-review__expected')).to_contain_text('48 (± 1)')
    expect(review(quiz, 'icrmw-obstacles').locator('.cifal-question__result')).to_contain_text('1,5 sur 2 points')
    expect(review(quiz, 'handbook-stages').locator('.cifal-question__result')).to_contain_text('1 sur 2 points')
    page_text = quiz.inner_text()
    for english in ('48.5', '1.5 of', '5.5 of', '1.5 sur', '5.5 sur'):
        assert english not in page_text, f'a number written the English way on the French page: {english!r}'
    assert_fits(page, '.cifal-review__card', pixels)
    assert_no_axe_violations(page, QUIZ)
    assert not page.js_errors, page.js_errors
    screenshot(page, f'results-fr-{pixels}')


def test_submit_asks_first_in_a_dialog_a_keyboard_can_use(page, base_url, knowledge_check_path, student_id,
                                                          axe_available):
    quiz = open_quiz(page, base_url, knowledge_check_path, student_id, 'phone')
    choose(quiz, 'migrants-2024', 'About 304 million')
    type_in(quiz, 'women-share', '48')
    expect(quiz.locator('.cifal-quiz__save-status')).to_have_text('Your answers are saved.')

    # Enter in a typed answer does not send the quiz.
    question(quiz, 'women-share').locator('input').press('Enter')
    expect(quiz.locator('dialog')).to_have_count(0)
    expect(quiz.locator('.cifal-quiz__form')).to_be_visible()

    submit_button = quiz.locator('.cifal-quiz__submit')
    tab_to(page, submit_button)
    page.keyboard.press('Enter')
    dialog = page.get_by_role('alertdialog', name='Submit your answers?')
    expect(dialog).to_be_visible()
    assert dialog.evaluate('d => d.matches(":modal")'), 'the dialog is not modal: the page behind it is not inert'
    expect(dialog).to_have_accessible_description(re.compile(r'You have not answered 4 questions:'))
    expect(dialog.locator('li')).to_have_text(['Question 2 of 6', 'Question 4 of 6', 'Question 5 of 6',
                                               'Question 6 of 6'])
    cancel = dialog.get_by_role('button', name='Back to the questions')
    assert is_focused(cancel), f'the dialog opened with focus on {describe_focus(page)}, not on its safe choice'
    for key in ('Tab', 'Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab'):  # Tab and Shift+Tab stay in the dialog
        page.keyboard.press(key)
        assert focus_within(dialog), f'after {key}, focus left the dialog for {describe_focus(page)}'
    assert_no_axe_violations(page, QUIZ)
    screenshot(page, 'dialog-375', full_page=False)

    page.keyboard.press('Escape')  # "no": nothing is spent
    expect(dialog).to_have_count(0)
    assert is_focused(submit_button), f'after Escape, focus is on {describe_focus(page)}, not on Submit'
    page.reload()
    quiz = page.locator(QUIZ)
    expect(quiz.locator('.cifal-quiz__status')).to_have_text('0 of 3 attempts used.')
    expect(question(quiz, 'migrants-2024').get_by_label('About 304 million', exact=True)).to_be_checked()

    submit_button = quiz.locator('.cifal-quiz__submit')
    tab_to(page, submit_button)
    page.keyboard.press('Enter')
    dialog = page.get_by_role('alertdialog', name='Submit your answers?')
    expect(dialog).to_be_visible()
    page.keyboard.press('Shift+Tab')
    assert is_focused(dialog.get_by_role('button', name='Submit answers')), describe_focus(page)
    page.keyboard.press('Enter')
    expect(quiz.locator('.cifal-quiz__results')).to_be_visible()
    expect(quiz.locator('.cifal-quiz__status')).to_have_text('1 of 3 attempts used.')
    assert is_focused(quiz.locator('.cifal-quiz__results')), describe_focus(page)
    assert not page.js_errors, page.js_errors


def test_the_last_attempt_asks_first_even_with_every_question_answered(page, base_url, pre_test_path, student_id,
                                                                       axe_available):
    quiz = open_quiz(page, base_url, pre_test_path, student_id, 'desktop')
    choose(quiz, 'adopted', '18 December 1990')
    type_in(quiz, 'ratifications', '20')
    choose(quiz, 'monitor', 'The Committee on Migrant Workers')
    quiz.locator('.cifal-quiz__submit').click()
    dialog = page.get_by_role('alertdialog', name='Submit your answers?')
    expect(dialog).to_have_accessible_description(
        'This quiz allows one attempt: once you submit, you cannot change your answers.')
    screenshot(page, 'dialog-last-attempt-1280', full_page=False)
    dialog.get_by_role('button', name='Submit answers').click()

    # A pre-test says what it is for; a spent single attempt is "final", never "0 attempts left".
    results = quiz.locator('.cifal-quiz__results')
    expect(results).to_contain_text('This pre-test shows what you knew before the module')
    expect(results).to_contain_text('Your score: 3 of 3 points (100%).')
    expect(results).to_contain_text('This quiz allows one attempt: this result is final.')
    assert '0 attempts' not in quiz.inner_text()
    expect(quiz.locator('.cifal-quiz__retry')).to_have_count(0)
    assert_no_axe_violations(page, QUIZ)
    screenshot(page, 'results-pre-test-1280')


def test_the_review_marks_each_answer_with_an_icon_and_a_word(page, base_url, knowledge_check_path, student_id):
    quiz = open_quiz(page, base_url, knowledge_check_path, student_id, 'desktop')
    answer_partly_right(quiz, numeric='48.5')
    submit(quiz)

    def tags(question_id, selector):
        """[(text of the answer, its marks as read)] for each option, item or premise of a reviewed question."""
        return review(quiz, question_id).locator(selector).evaluate_all(
            """rows => rows.map(row => [
                 (row.querySelector('.cifal-review__option-text, .cifal-review__item-text, strong') || row)
                   .innerText.trim(),
                 Array.from(row.querySelectorAll('.cifal-tag')).map(t => t.innerText.trim())])""")

    options = dict(tags('migrants-2024', '.cifal-review__option'))
    assert options == {'About 154 million': [], 'About 304 million': ['\u2713 Correct answer'],
                       'About 1 billion': ['\u2717 Your answer: incorrect']}, options
    options = dict(tags('icrmw-obstacles', '.cifal-review__option'))
    assert options == {'Low awareness of the Convention': ['\u2713 Your answer: correct'],
                       'Fear of a "pull" signal': ['\u2713 Your answer: correct'],
                       'A duty to grant citizenship after five years': [],
                       'Too little administrative capacity': ['\u2713 Correct answer']}, options
    items = tags('handbook-stages', '.cifal-review__item')
    assert items == [[ORDER[0], ['\u2713 In place']], [ORDER[1], ['\u2713 In place']],
                     [ORDER[3], ['\u2717 Not in place: it belongs at position 4']],
                     [ORDER[2], ['\u2717 Not in place: it belongs at position 3']]], items
    premises = dict(tags('terms', '.cifal-review__match'))
    assert premises == {'Integration': ['\u2713 Correct'], 'Diaspora': ['\u2717 Incorrect'],
                        'Remittances': ['\u2717 Incorrect']}, premises
    expect(review(quiz, 'terms').locator('.cifal-review__match').nth(1)).to_contain_text(f'Correct match: {DIASPORA}')
    expect(review(quiz, 'women-share').locator('.cifal-review__given')).to_have_text('Your answer: 48.5')
    # The icons are for the eye; screen readers read the words.
    hidden = quiz.locator('.cifal-tag > span, .cifal-question__result .cifal-icon').evaluate_all(
        'icons => icons.every(icon => icon.getAttribute("aria-hidden") === "true")')
    assert hidden


def test_ordering_ends_say_they_cannot_move_and_positions_show(page, base_url, knowledge_check_path, student_id):
    quiz = open_quiz(page, base_url, knowledge_check_path, student_id, 'phone')
    ordering = question(quiz, 'handbook-stages')
    items = ordering.locator('.cifal-ordering__item')

    def disabled():
        return items.evaluate_all("""items => items.map(item => [
            item.querySelector('[data-move="up"]').getAttribute('aria-disabled') === 'true',
            item.querySelector('[data-move="down"]').getAttribute('aria-disabled') === 'true'])""")

    assert disabled() == [[True, False], [False, False], [False, False], [False, True]]
    expect(ordering.locator('.cifal-ordering__position')).to_have_text(['1.', '2.', '3.', '4.'])
    first = items.first.locator('.cifal-ordering__text').inner_text().strip()
    up = items.first.locator('[data-move="up"]')
    tab_to(page, up)  # still in the tab order: it says why it does nothing
    page.keyboard.press('Enter')
    expect(ordering.locator('.cifal-ordering__announce')).to_have_text(f'“{first}” is first: it cannot move up.')
    assert items.first.locator('.cifal-ordering__text').inner_text().strip() == first
    expect(ordering.locator('.cifal-ordering__confirm input')).not_to_be_checked()  # no move, no answer

    page.keyboard.press('Tab')  # its "down"
    page.keyboard.press('Enter')
    expect(items.nth(1).locator('.cifal-ordering__text')).to_have_text(first)
    assert is_focused(items.nth(1).locator('[data-move="down"]')), describe_focus(page)
    assert disabled() == [[True, False], [False, False], [False, False], [False, True]]
    expect(ordering.locator('.cifal-ordering__position')).to_have_text(['1.', '2.', '3.', '4.'])
    expect(ordering.locator('.cifal-ordering__confirm input')).to_be_checked()
    assert not page.js_errors, page.js_errors


def test_after_full_marks_another_attempt_is_offered_not_pressed(page, base_url, knowledge_check_path, student_id,
                                                                 axe_available):
    quiz = open_quiz(page, base_url, knowledge_check_path, student_id, 'phone')
    answer_all_right(quiz)
    submit(quiz)
    expect(quiz.locator('.cifal-quiz__results')).to_contain_text('Your score: 10 of 10 points (100%).')
    retry = quiz.locator('.cifal-quiz__retry')
    expect(retry).to_have_text('Take the quiz again')
    expect(retry).to_have_class(re.compile(r'cifal-quiz__retry--secondary'))
    expect(quiz.locator('.cifal-quiz__retry-note')).to_contain_text('Full marks')
    assert 'Try again' not in quiz.inner_text()
    assert_fits(page, '.cifal-review__card', WIDTHS['phone']['width'])
    assert_no_axe_violations(page, QUIZ)
    screenshot(page, 'results-full-marks-375')


def test_a_quiz_with_no_questions_offers_nothing_to_submit(page, base_url, empty_quiz_path, student_id, staff_id,
                                                           axe_available):
    quiz = open_quiz(page, base_url, empty_quiz_path, student_id, 'phone')
    expect(quiz.locator('.cifal-quiz__empty')).to_have_text('There is nothing to answer in this quiz yet.')
    expect(quiz.locator('form, button, .cifal-quiz__attempt-heading')).to_have_count(0)
    assert 'Attempt 1' not in quiz.inner_text()
    assert_no_axe_violations(page, QUIZ)
    screenshot(page, 'empty-learner-375')

    quiz = open_quiz(page, base_url, empty_quiz_path, staff_id, 'desktop')
    expect(quiz.locator('.cifal-quiz__empty')).to_contain_text('This quiz has no questions yet')
    expect(quiz.locator('.cifal-quiz__empty')).to_contain_text('Add questions in Studio')
    expect(quiz.locator('.cifal-quiz__form, .cifal-quiz__submit')).to_have_count(0)
    screenshot(page, 'empty-staff-1280')
