"""
The quiz's Studio editor as an author meets it, at 1280 px and on a phone (375 px), in English and French, by
keyboard: six questions start closed, each a summary line naming its number, type, points and the first words of
its prompt, so the editor is short; Save and the save status stay in view however far the author scrolls; a deleted
question or choice comes back with Undo; text areas grow with what is typed; the preview shows the question being
edited as learners would see it, from what was just typed, and a script typed in a prompt never runs; axe-core finds
nothing. Screenshots of each view go to test-artifacts/editor/ for a reviewer to look at.

The quiz is the workbench's knowledge check (xblocks/cifal_quiz/scenarios/01_knowledge_check.xml, every question
type); nothing here saves it, so the other tests find it as shipped.
"""
import pytest
from playwright.sync_api import expect

from tests.support.axe import assert_no_axe_violations
from tests.support.browser import ARTIFACTS_DIR, describe_focus, is_focused, scenario_path
from tests.support.browser import tab_to as tab_to_within

pytestmark = pytest.mark.browser

EDITOR = '.cifal-studio'
WIDTHS = {'phone': {'width': 375, 'height': 740}, 'desktop': {'width': 1280, 'height': 900}}
# What each summary line says about the knowledge check's questions: number, type, points, first words.
SUMMARIES = [
    ('Question 1', 'Single choice (radio buttons)', '1 point', 'How many international migrants were there'),
    ('Question 2', 'Multiple choice (checkboxes)', '2 points', 'Which of these are cited as obstacles'),
    ('Question 3', 'Number', '1 point', 'What percentage of international migrants were women'),
    ('Question 4', 'Short text', '1 point', 'Assessing what migration implies'),
    ('Question 5', 'Ordering', '2 points', 'Put the first four stages'),
    ('Question 6', 'Matching', '3 points', 'Match each term to its meaning'),
]
SHORT_EDITOR_PX = 2500  # six questions, closed, at 1280 px (it was about 8,000 with every form open)

# Every element of a card whose box reaches past the card's left or right edge (screen-reader-only text aside).
OUTSIDE_THEIR_CARDS_JS = """(cardSelector) => {
  const found = [];
  for (const card of document.querySelectorAll(cardSelector)) {
    const edge = card.getBoundingClientRect();
    for (const element of card.querySelectorAll('*')) {
      const box = element.getBoundingClientRect();
      if (box.width <= 1 || box.height <= 1 || element.closest('.cifal-sr, [hidden]')) continue;
      if (box.left < edge.left - 1 || box.right > edge.right + 1) {
        found.push(`${element.tagName.toLowerCase()}.${String(element.className).trim().split(/\\s+/).join('.')}`
          + ` spans ${Math.round(box.left)}-${Math.round(box.right)}`
          + ` in ${Math.round(edge.left)}-${Math.round(edge.right)}`);
      }
    }
  }
  return found.slice(0, 8);
}"""


@pytest.fixture(scope='module')
def knowledge_check_path(browser, base_url):
    return scenario_path(browser, base_url, 'Knowledge check')


def open_editor(page, base_url, path, author, width='desktop', lang=None):
    page.set_viewport_size(WIDTHS[width])
    response = page.goto(f'{base_url}{path}studio_view/?student={author}' + (f'&lang={lang}' if lang else ''))
    assert response.status == 200
    editor = page.locator(EDITOR)
    expect(editor.locator('.cifal-sq')).to_have_count(6)
    return editor


def tab_to(page, locator):
    tab_to_within(page, locator, max_presses=250)


def press(page, locator, key='Enter'):
    tab_to(page, locator)
    page.keyboard.press(key)


def entry(editor, number):
    return editor.locator('.cifal-sq').nth(number - 1)


def toggle(editor, number):
    return entry(editor, number).locator('.cifal-sq__toggle')


def open_question(page, editor, number):
    """By keyboard: Tab to the question's summary line and press Enter; its form opens below it."""
    press(page, toggle(editor, number))
    expect(toggle(editor, number)).to_have_attribute('aria-expanded', 'true')
    expect(entry(editor, number).locator('.cifal-sq__panel')).to_be_visible()
    return entry(editor, number)


def type_into(page, field, text):
    """Tab to a text control, select all and type over it, as a keyboard user does."""
    tab_to(page, field)
    page.keyboard.press('ControlOrMeta+A')
    page.keyboard.press('Delete')
    page.keyboard.type(text)


def height(locator):
    return locator.evaluate('el => el.getBoundingClientRect().height')


def screenshot(page, name, full_page=True):
    """test-artifacts/editor/<name>.png: the whole page, or what the screen shows (the bar that stays in view)."""
    folder = ARTIFACTS_DIR / 'editor'
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f'{name}.png'), full_page=full_page)


def assert_fits(page, width):
    outside = page.evaluate(OUTSIDE_THEIR_CARDS_JS, '.cifal-sq')
    assert outside == [], f'at {width} px, past the edge of their question card: {outside}'
    scroll = page.evaluate('() => document.documentElement.scrollWidth')
    assert scroll <= width, f'at {width} px the page scrolls sideways ({scroll} px wide)'


def assert_in_view(page, locator, where):
    box = locator.bounding_box()
    viewport = page.viewport_size
    assert box is not None, f'{where}: not shown'
    assert box['y'] >= 0 and box['y'] + box['height'] <= viewport['height'], (
        f'{where}: Save is at y={box["y"]:.0f}-{box["y"] + box["height"]:.0f}, outside the window '
        f'(0-{viewport["height"]})')


# --- the list of questions ----------------------------------------------------------------------------------------

def test_six_closed_questions_make_a_short_editor_whose_lines_name_each_question(page, base_url, knowledge_check_path,
                                                                                 staff_id, axe_available):
    editor = open_editor(page, base_url, knowledge_check_path, staff_id)

    assert height(editor) < SHORT_EDITOR_PX, f'the editor is {height(editor):.0f} px tall with six closed questions'
    for number, (title, kind, points, words) in enumerate(SUMMARIES, start=1):
        line = toggle(editor, number)
        expect(line).to_have_attribute('aria-expanded', 'false')
        for text in (title, kind, points, words):
            expect(line).to_contain_text(text)
        expect(entry(editor, number).locator('.cifal-sq__panel')).to_be_hidden()
        # The line is a heading with a button named by what it shows, and the question's moves sit beside it.
        expect(entry(editor, number).get_by_role('heading', level=4)).to_contain_text(title)
        expect(entry(editor, number).get_by_role('button', name=f'Delete question {number}')).to_be_visible()
    assert_no_axe_violations(page, EDITOR)
    screenshot(page, 'en-1280-closed')
    assert not page.js_errors, page.js_errors


def test_questions_open_and_close_by_keyboard_and_a_new_one_opens_alone(page, base_url, knowledge_check_path,
                                                                        staff_id):
    editor = open_editor(page, base_url, knowledge_check_path, staff_id)
    open_question(page, editor, 2)
    assert is_focused(toggle(editor, 2)), describe_focus(page)  # focus stays on the line
    page.keyboard.press('Space')
    expect(toggle(editor, 2)).to_have_attribute('aria-expanded', 'false')

    press(page, editor.get_by_role('button', name='Expand all'))
    expect(editor.locator('.cifal-sq__toggle[aria-expanded="true"]')).to_have_count(6)
    press(page, editor.get_by_role('button', name='Collapse all'))
    expect(editor.locator('.cifal-sq__toggle[aria-expanded="true"]')).to_have_count(0)

    open_question(page, editor, 1)
    tab_to(page, editor.get_by_label('Type of the new question', exact=True))
    page.keyboard.press('End')  # the last type: matching
    press(page, editor.get_by_role('button', name='Add a question'))
    new = entry(editor, 7)
    assert is_focused(new.get_by_label('Prompt (HTML)', exact=True)), describe_focus(page)
    expect(editor.locator('.cifal-sq__toggle[aria-expanded="true"]')).to_have_count(1)  # the new one, alone
    expect(toggle(editor, 7)).to_contain_text('(nothing written yet)')
    page.keyboard.type('Match the words')
    expect(toggle(editor, 7)).to_contain_text('Match the words')  # the line follows what is typed
    assert not page.js_errors, page.js_errors


def test_save_and_its_status_stay_in_view_however_far_the_author_scrolls(page, base_url, knowledge_check_path,
                                                                         staff_id):
    editor = open_editor(page, base_url, knowledge_check_path, staff_id)
    press(page, editor.get_by_role('button', name='Expand all'))
    expect(editor.locator('.cifal-sq__panel:visible')).to_have_count(6)
    total = height(editor)
    assert total > 3 * WIDTHS['desktop']['height'], f'the open editor is only {total:.0f} px tall'
    save = editor.get_by_role('button', name='Save')

    for fraction in (0, 0.3, 0.6, 1):
        page.evaluate('f => window.scrollTo(0, f * (document.documentElement.scrollHeight - innerHeight))', fraction)
        assert_in_view(page, save, f'scrolled to {fraction:.0%} of the page')
    screenshot(page, 'en-1280-bottom-bar', full_page=False)

    page.evaluate('() => window.scrollTo(0, document.documentElement.scrollHeight * 0.4)')
    prompt = entry(editor, 3).get_by_label('Prompt (HTML)', exact=True)
    type_into(page, prompt, '<p>Changed</p>')
    expect(editor.locator('.cifal-studio__status')).to_have_text('Unsaved changes…')
    assert_in_view(page, editor.locator('.cifal-studio__status'), 'after typing')
    assert_in_view(page, save, 'after typing')
    assert not page.js_errors, page.js_errors


# --- deleting, and undoing it ----------------------------------------------------------------------------------------

def test_a_deleted_question_comes_back_with_undo_by_keyboard(page, base_url, knowledge_check_path, staff_id,
                                                             axe_available):
    editor = open_editor(page, base_url, knowledge_check_path, staff_id)

    press(page, entry(editor, 3).get_by_role('button', name='Delete question 3'))

    expect(editor.locator('.cifal-sq')).to_have_count(5)
    undo = editor.get_by_role('button', name='Undo')
    assert is_focused(undo), f'after deleting, focus is on {describe_focus(page)}'
    expect(editor.locator('.cifal-studio__deleted')).to_contain_text('Question 3 deleted.')
    expect(editor.locator('.cifal-studio__announcer')).to_have_text('Question 3 deleted. Undo brings it back.')
    expect(toggle(editor, 3)).to_contain_text('Short text')  # what was question 4 moved up
    assert_no_axe_violations(page, EDITOR)
    screenshot(page, 'en-1280-undo')

    page.keyboard.press('Enter')

    expect(editor.locator('.cifal-sq')).to_have_count(6)
    expect(editor.locator('.cifal-studio__deleted')).to_have_count(0)
    for number, summary in enumerate(SUMMARIES, start=1):
        expect(toggle(editor, number)).to_contain_text(summary[-1])
    assert is_focused(toggle(editor, 3)), describe_focus(page)
    expect(editor.locator('.cifal-studio__announcer')).to_have_text('Restored.')
    assert not page.js_errors, page.js_errors


def test_a_deleted_choice_comes_back_with_undo(page, base_url, knowledge_check_path, staff_id):
    editor = open_editor(page, base_url, knowledge_check_path, staff_id)
    question = open_question(page, editor, 1)

    press(page, question.get_by_role('button', name='Delete choice 2'))

    expect(question.get_by_label('Choice 3 (HTML)', exact=True)).to_have_count(0)
    expect(question.get_by_label('Choice 2 (HTML)', exact=True)).to_have_value('About 1 billion')
    expect(question.locator('.cifal-sq__preview')).not_to_contain_text('About 304 million')
    assert is_focused(question.get_by_role('button', name='Undo')), describe_focus(page)
    page.keyboard.press('Enter')
    expect(question.get_by_label('Choice 2 (HTML)', exact=True)).to_have_value('About 304 million')
    expect(question.get_by_label('Choice 2 is correct', exact=True)).to_be_checked()
    assert is_focused(question.get_by_label('Choice 2 is correct', exact=True)) or is_focused(
        question.get_by_label('Choice 2 (HTML)', exact=True)), describe_focus(page)
    expect(question.locator('.cifal-sq__preview')).to_contain_text('About 304 million')
    assert not page.js_errors, page.js_errors


# --- text areas and the preview --------------------------------------------------------------------------------------

def test_text_areas_grow_with_what_is_typed(page, base_url, knowledge_check_path, staff_id):
    editor = open_editor(page, base_url, knowledge_check_path, staff_id)
    question = open_question(page, editor, 1)
    prompt = question.get_by_label('Prompt (HTML)', exact=True)
    choice = question.get_by_label('Choice 1 (HTML)', exact=True)
    assert choice.evaluate('el => el.tagName') == 'TEXTAREA'
    single_line = height(choice)
    assert single_line < 3.5 * 16, f'a choice starts one line high, not {single_line:.0f} px'
    before = height(prompt)

    tab_to(page, prompt)
    page.keyboard.press('ControlOrMeta+End')
    for line in ('<ul>', '<li>one</li>', '<li>two</li>', '<li>three</li>', '</ul>'):
        page.keyboard.press('Enter')
        page.keyboard.type(line)
    type_into(page, choice, 'About 154 million, ' * 12)

    assert height(prompt) > before + 4 * 16, f'the prompt stayed {height(prompt):.0f} px tall ({before:.0f} before)'
    assert height(choice) > single_line * 1.5, 'a long choice grows to show all of it'
    for area in (prompt, choice):  # all of the text shows: nothing to scroll inside
        assert area.evaluate('el => el.scrollHeight <= el.clientHeight + 1'), area
    assert not page.js_errors, page.js_errors


def test_the_preview_shows_the_question_as_typed_and_never_runs_a_script(page, base_url, knowledge_check_path,
                                                                         staff_id, axe_available):
    editor = open_editor(page, base_url, knowledge_check_path, staff_id)
    question = open_question(page, editor, 1)
    preview = question.locator('.cifal-sq__preview')
    expect(preview.get_by_role('heading')).to_have_text('Preview: the question as learners see it')
    expect(preview.locator('.cifal-question')).to_contain_text('How many international migrants')
    expect(preview.locator('.cifal-question__heading')).to_contain_text('Question 1 of 6')
    expect(preview.get_by_label('About 304 million', exact=True)).to_be_disabled()  # as learners see it, inert

    type_into(page, question.get_by_label('Prompt (HTML)', exact=True),
              '<p>TYPED <strong>live</strong></p><script>window.ranScript = true</script>'
              '<img src="x" alt="" onerror="window.ranScript = true">')
    type_into(page, question.get_by_label('Choice 3 (HTML)', exact=True), 'About <em>two</em> billion')

    expect(preview.locator('.cifal-question strong')).to_have_text('live')
    expect(preview.get_by_label('About two billion', exact=True)).to_be_visible()
    expect(preview.locator('.cifal-question em')).to_have_text('two')
    assert preview.locator('script, [onerror]').count() == 0
    page.wait_for_load_state('networkidle')
    assert page.evaluate('() => window.ranScript') is None, 'a script typed in the prompt ran'
    expect(toggle(editor, 1)).to_contain_text('TYPED live')  # the summary line shows text, not markup
    assert_no_axe_violations(page, EDITOR)
    screenshot(page, 'en-1280-preview')
    assert not page.js_errors, page.js_errors


def test_a_refused_save_opens_the_questions_with_errors_and_the_bar_counts_them(page, base_url,
                                                                                knowledge_check_path, staff_id):
    editor = open_editor(page, base_url, knowledge_check_path, staff_id)
    question = open_question(page, editor, 4)
    type_into(page, question.get_by_label('Accepted answer 1', exact=True), '')
    press(page, toggle(editor, 4))  # closed again: the error is out of sight
    expect(toggle(editor, 4)).to_have_attribute('aria-expanded', 'false')

    press(page, editor.get_by_role('button', name='Save'))  # refused: nothing is saved

    expect(editor.locator('.cifal-studio__summary')).to_be_visible()
    expect(toggle(editor, 4)).to_have_attribute('aria-expanded', 'true')
    expect(entry(editor, 4).locator('.cifal-sq__flag')).to_contain_text('1 problem')
    count = editor.locator('.cifal-studio__problem-count')
    expect(count).to_have_text('⚠ 1 problem to fix')
    press(page, count)
    assert is_focused(editor.locator('.cifal-studio__summary')), describe_focus(page)
    assert not page.js_errors, page.js_errors


# --- phones, and French -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize('lang', ['en', 'fr'])
def test_the_editor_fits_a_phone(page, base_url, knowledge_check_path, staff_id, axe_available, lang):
    editor = open_editor(page, base_url, knowledge_check_path, staff_id, width='phone', lang=lang)
    assert_fits(page, 375)
    screenshot(page, f'{lang}-375-closed')
    for number in (2, 6):  # many choices; long matching texts
        open_question(page, editor, number)
        expect(entry(editor, number).locator('.cifal-sq__preview .cifal-question')).to_be_visible()
    assert_fits(page, 375)
    assert_in_view(page, editor.locator('.cifal-studio__save'), 'on a phone')
    assert_no_axe_violations(page, EDITOR)
    entry(editor, 2).scroll_into_view_if_needed()
    screenshot(page, f'{lang}-375-open')
    assert not page.js_errors, page.js_errors


def test_in_french_the_lines_write_numbers_the_french_way(page, base_url, knowledge_check_path, staff_id,
                                                          axe_available):
    editor = open_editor(page, base_url, knowledge_check_path, staff_id, lang='fr')
    expect(editor).to_contain_text('Paramètres du quiz')
    question = open_question(page, editor, 3)
    type_into(page, question.get_by_label('Points', exact=True), '1.5')

    expect(toggle(editor, 3)).to_contain_text('1,5 points')
    expect(question.locator('.cifal-sq__preview .cifal-question__points')).to_contain_text('1,5')
    assert_no_axe_violations(page, EDITOR)
    screenshot(page, 'fr-1280-preview')
    assert not page.js_errors, page.js_errors


# --- the questionnaire's and the scenario's editors, on the same shared layer ---------------------------------------

@pytest.mark.parametrize('prefix, name, first, count', [
    ('Reaction questionnaire: the CIFAL template, in English', 'questionnaire', 'Item 1', 13),
    ('Case scenario: diaspora funding for a water project', 'scenario', "Node 1: The hometown association's offer", 5),
])
@pytest.mark.parametrize('width', ['desktop', 'phone'])
def test_the_questionnaire_and_the_scenario_editors_close_and_undo_the_same_way(page, browser, base_url, staff_id,
                                                                                axe_available, prefix, name, first,
                                                                                count, width):
    path = scenario_path(browser, base_url, prefix)
    page.set_viewport_size(WIDTHS[width])
    assert page.goto(f'{base_url}{path}studio_view/?student={staff_id}').status == 200
    editor = page.locator(EDITOR)
    expect(editor.locator('.cifal-sq')).to_have_count(count)
    expect(editor.locator('.cifal-sq__toggle[aria-expanded="false"]')).to_have_count(count)
    expect(toggle(editor, 1)).to_contain_text(first)
    open_question(page, editor, 1)
    assert_fits(page, WIDTHS[width]['width'])
    assert_in_view(page, editor.locator('.cifal-studio__save'), f'the {name} editor')
    assert_no_axe_violations(page, EDITOR)
    screenshot(page, f'{name}-en-{WIDTHS[width]["width"]}-open')

    press(page, entry(editor, 2).locator('[data-action="question-delete"]'))
    expect(editor.locator('.cifal-sq')).to_have_count(count - 1)
    page.keyboard.press('Enter')  # Undo has the focus
    expect(editor.locator('.cifal-sq')).to_have_count(count)
    assert is_focused(toggle(editor, 2)), describe_focus(page)
    assert not page.js_errors, page.js_errors
