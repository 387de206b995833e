"""
A Moodle GIFT bank becomes cifal_quiz OLX that validates, question by question: every convertible type keeps its
answer key and feedback, and what cannot be converted is reported with its line and left in the OLX as a comment,
never dropped silently.
"""
from cifal_core.quiz.parse import parse_quiz_string
from cifal_course.gift import convert_gift

BANK = r"""// Every GIFT type
$CATEGORY: $course$/Migration

::Stock:: How many international migrants did UN DESA estimate for mid-2024? {
  ~154 million#That is the 1990 figure.
  =304 million#Right: UN DESA, 2024.
  ~1 billion
  ####DESA's 2024 revision.
}

::Binding:: The Global Compact for Migration is legally binding. {F#It is not binding.#Right: it is not binding.}

::Principles:: Which are guiding principles of the GCM? {
  ~%50%Whole-of-government
  ~%50%Whole-of-society
  ~%-100%Binding quotas
}

::Year:: In what year did the ICRMW enter into force? {#2003:0}

::Objectives:: How many objectives does the GCM have? {#22..24}

::Term:: What does IOM call the two-way process of mutual adaptation? {=integration =%50%inclusion}

::Dates:: Match each date to its event. {
  =18 December 1990 -> ICRMW adopted
  =1 July 2003 -> ICRMW in force
  =10 December 2018 -> GCM adopted
}

::Essay:: Describe your town's arrivals. {}

Welcome to the bank (a description).

::Blank:: The ICRMW is monitored by the {=Committee on Migrant Workers ~Human Rights Committee}, with 14 experts.

::Signs:: Which sign means "equal"\: \= or \~? {=\=#yes ~\~#no}
"""


def test_every_convertible_type_becomes_a_question_that_validates():
    result = convert_gift(BANK, 'Migration bank', 'bank.gift')
    assert result.valid and result.converted == 9
    questions = {question.id: question for question in parse_quiz_string(result.olx).content.questions}
    single, true_false, multiple, year, objectives, term, dates, blank, signs = (
        questions[f'q{number}'] for number in range(1, 10))
    assert single.type == 'single' and [choice.correct for choice in single.choices] == [False, True, False]
    assert 'Right: UN DESA, 2024.' in single.choices[1].feedback_html and 'revision' in single.explanation_html
    assert [(choice.html, choice.correct) for choice in true_false.choices] == [('True', False), ('False', True)]
    assert true_false.choices[1].feedback_html == 'Right: it is not binding.'
    assert multiple.type == 'multiple' and multiple.scoring == 'partial'
    assert [choice.correct for choice in multiple.choices] == [True, True, False]
    assert (year.numeric.value, year.numeric.tolerance) == (2003, 0)
    assert (objectives.numeric.value, objectives.numeric.tolerance) == (23, 1)
    assert term.type == 'text' and [answer.text for answer in term.text_answers] == ['integration']
    assert dates.type == 'matching' and len(dates.pairs) == 3 and 'ICRMW in force' in dates.pairs[1].response_html
    assert 'monitored by the _____, with 14 experts' in blank.prompt_html
    assert [choice.html for choice in signs.choices] == ['=', '~'] and 'maths' not in signs.prompt_html
    assert '"equal": = or ~?' in signs.prompt_html.replace('&quot;', '"')


def test_what_cannot_be_converted_is_reported_with_its_line_and_kept_as_a_comment():
    result = convert_gift(BANK, 'Migration bank', 'bank.gift')
    skipped = {note.line: note.message for note in result.skipped}
    assert set(skipped) == {31, 33}
    assert 'essay' in skipped[31] and 'description' in skipped[33]
    notes = [note.message for note in result.notes if note.converted]
    assert any("'inclusion' earned 50%" in note for note in notes)
    assert "not converted (GIFT line 31)" in result.olx and 'Describe your town' in result.olx
    lines = result.report_lines()
    assert 'bank.gift:31: not converted: an essay question' in lines[1]
    assert lines[-1] == 'bank.gift: 9 question(s) converted, 2 not converted'


def test_html_question_text_is_kept_and_sanitized_plain_text_is_escaped():
    result = convert_gift('[html]<p>Which <b>term</b>?<script>alert(1)</script></p>{=a ~b}\n\n'
                          'Is 2 < 3 & 4 > 3? {T}', 'Bank')
    first, second = parse_quiz_string(result.olx).content.questions
    assert '<b>term</b>' in first.prompt_html and 'script' not in first.prompt_html
    assert '2 &lt; 3 &amp; 4 &gt; 3' in second.prompt_html


def test_ambiguous_questions_are_refused_with_the_reason():
    result = convert_gift('Two right answers? {=a =b ~c}\n\nNo right numeric {#=%50%3}', 'Bank')
    assert result.converted == 0 and [note.line for note in result.skipped] == [1, 3]
    assert 'exactly one right answer' in result.skipped[0].message
    assert 'no answer worth full marks' in result.skipped[1].message
