"""Properties over generated quizzes: lossless OLX round trip and sane scores for any answer."""
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cifal_core.html import has_content, sanitize_html
from cifal_core.quiz.answers import clean_answers
from cifal_core.quiz.models import (
    MULTIPLE_SCORING,
    QUESTION_TYPES,
    Choice,
    Item,
    NumericAnswer,
    Pair,
    Question,
    QuizContent,
    TextAnswer,
)
from cifal_core.quiz.parse import parse_quiz_string
from cifal_core.quiz.scoring import correct_answer, score_attempt, score_question
from cifal_core.quiz.serialize import quiz_to_string
from cifal_core.quiz.settings import GRADING_METHODS, ROLES, SHOW_ANSWERS, SHOW_CORRECTNESS

WORDS = ['migration', 'Réfugiés', 'niño', 'año', 'é', 'ñ', '&amp;', '&lt;', '&gt;', '"quoted"', "l'été", '1 500',
         'Ελλάδα', '移民', '3,5 %', 'main-streaming', '&nbsp;']
REGEXES = [r'main-?streaming', r'r[ée]fugi[ée]s?', r'(?:migration )?mainstreaming', r'\d+ migrants', 'a|b']
PLAIN_TEXT = st.lists(st.sampled_from([word for word in WORDS if '&' not in word]), min_size=1, max_size=4).map(
    ' '.join)
IDS = st.text(alphabet='abcdefghijklmnopqrstuvwxyz0123456789-_', min_size=1, max_size=8)
SAFE_ATTRIBUTE_TEXT = st.text(alphabet='abcXYZ éñ&<>"\'-_.:/', max_size=12)


def html_fragments():
    text = st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(' '.join)
    tree = st.recursive(text, lambda inner: st.one_of(
        st.tuples(st.sampled_from(['strong', 'em', 'p', 'span', 'li-in-ul', 'a', 'pre']), inner).map(_wrap),
        st.lists(inner, min_size=2, max_size=3).map(lambda parts: ' '.join(parts)),
        inner.map(lambda part: part + '<br>' + part),
        inner.map(lambda part: part + ' <img src="/static/map.png" alt="carte é">'),
    ), max_leaves=5)
    return tree.map(sanitize_html).filter(has_content)


def _wrap(tag_and_inner):
    tag, inner = tag_and_inner
    if tag == 'li-in-ul':
        return f'<ul><li>{inner}</li></ul>'
    if tag == 'a':
        return f'<a href="https://example.org/?a=1&amp;b=é" title="Lien">{inner}</a>'
    if tag == 'pre':
        return f'<pre>\n\n{inner}\n</pre>'
    return f'<{tag}>{inner}</{tag}>'


HTML = html_fragments()
OPTIONAL_HTML = st.one_of(st.just(''), HTML)
FLOATS = st.floats(allow_nan=False, allow_infinity=False)
EXTRA_ATTRIBUTES = st.dictionaries(st.sampled_from(['hint', 'source', 'data-topic']), SAFE_ATTRIBUTE_TEXT,
                                   max_size=2).map(lambda attributes: tuple(attributes.items()))


@st.composite
def questions(draw, question_id=None, question_type=None):
    question_type = question_type or draw(st.sampled_from(QUESTION_TYPES))
    fields = {
        'id': question_id or draw(IDS), 'type': question_type, 'prompt_html': draw(HTML),
        'points': draw(st.floats(min_value=0.001, max_value=1000)), 'explanation_html': draw(OPTIONAL_HTML),
        'extra_attributes': draw(EXTRA_ATTRIBUTES),
    }
    if question_type in ('single', 'multiple'):
        ids = draw(st.lists(IDS, min_size=2, max_size=6, unique=True))
        if question_type == 'single':
            right = draw(st.sampled_from(ids))
            flags = [choice_id == right for choice_id in ids]
        else:
            flags = draw(st.lists(st.booleans(), min_size=len(ids), max_size=len(ids)).filter(any))
            fields['scoring'] = draw(st.sampled_from(MULTIPLE_SCORING))
        fields['choices'] = tuple(Choice(id=choice_id, html=draw(HTML), correct=flag, feedback_html=draw(OPTIONAL_HTML))
                                  for choice_id, flag in zip(ids, flags, strict=True))
    elif question_type == 'numeric':
        fields['numeric'] = NumericAnswer(value=draw(FLOATS), tolerance=draw(st.floats(min_value=0, max_value=1e6)),
                                          relative=draw(st.booleans()))
    elif question_type == 'text':
        answers = draw(st.lists(st.one_of(PLAIN_TEXT.map(TextAnswer),
                                          st.sampled_from(REGEXES).map(lambda pattern: TextAnswer(pattern, True))),
                                min_size=1, max_size=3))
        fields['text_answers'] = tuple(answers)
    elif question_type == 'ordering':
        ids = draw(st.lists(IDS, min_size=2, max_size=6, unique=True))
        fields['items'] = tuple(Item(id=item_id, html=draw(HTML)) for item_id in ids)
    else:
        ids = draw(st.lists(IDS, min_size=2, max_size=5, unique=True))
        fields['pairs'] = tuple(Pair(id=pair_id, premise_html=draw(HTML), response_html=draw(HTML)) for pair_id in ids)
    return Question(**fields)


@st.composite
def quizzes(draw):
    ids = draw(st.lists(IDS, max_size=5, unique=True))
    content = QuizContent(description_html=draw(OPTIONAL_HTML),
                          questions=tuple(draw(questions(question_id=question_id)) for question_id in ids))
    quiz_settings = draw(st.fixed_dictionaries({}, optional={
        'display_name': SAFE_ATTRIBUTE_TEXT, 'role': st.sampled_from(ROLES), 'pair': SAFE_ATTRIBUTE_TEXT,
        'weight': st.floats(min_value=0, max_value=100), 'max_attempts': st.integers(0, 20),
        'grading': st.sampled_from(GRADING_METHODS), 'pass_mark': st.floats(min_value=0, max_value=100),
        'show_answers': st.sampled_from(SHOW_ANSWERS), 'show_correctness': st.sampled_from(SHOW_CORRECTNESS),
        'shuffle_questions': st.booleans(), 'shuffle_choices': st.booleans(), 'draw': st.integers(0, 10),
    }))
    return content, quiz_settings


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(quizzes(), st.dictionaries(st.sampled_from(['url_name', 'due', 'graded']), SAFE_ATTRIBUTE_TEXT))
def test_export_then_import_gives_back_the_same_quiz(quiz, other_attributes):
    content, quiz_settings = quiz
    exported = quiz_to_string(content, quiz_settings, other_attributes=other_attributes)
    imported = parse_quiz_string(exported)
    assert imported.content == content
    assert imported.settings == quiz_settings
    assert imported.other_attributes == other_attributes
    again = parse_quiz_string(quiz_to_string(imported.content, imported.settings))
    assert again.content == imported.content
    assert QuizContent.from_dict(json.loads(json.dumps(content.to_dict()))) == content


@st.composite
def question_and_answer(draw):
    question = draw(questions())
    if question.type == 'single':
        answer = draw(st.sampled_from([choice.id for choice in question.choices]))
    elif question.type == 'multiple':
        answer = [choice.id for choice in question.choices if draw(st.booleans())] or None
    elif question.type == 'numeric':
        answer = draw(st.one_of(FLOATS, st.just(question.numeric.value)))
    elif question.type == 'text':
        answer = draw(st.one_of(PLAIN_TEXT, st.sampled_from([answer.text for answer in question.text_answers])))
    elif question.type == 'ordering':
        answer = draw(st.permutations([item.id for item in question.items]))
    else:
        pair_ids = [pair.id for pair in question.pairs]
        answer = draw(st.dictionaries(st.sampled_from(pair_ids), st.sampled_from(pair_ids))) or None
    return question, answer


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(question_and_answer())
def test_any_answer_scores_between_zero_and_the_points(question_and_answer_pair):
    question, answer = question_and_answer_pair
    cleaned = clean_answers(QuizContent(questions=(question,)), {question.id: answer})
    score = score_question(question, cleaned.get(question.id))
    assert 0 <= score.earned <= score.possible == question.points
    assert score.status == ('unanswered' if answer is None else score.status)
    assert (score.status == 'correct') == (score.earned == question.points)


def _perfect_answer(question):
    expected = correct_answer(question)
    if question.type == 'numeric':
        return expected['value']
    if question.type == 'text':
        return expected[0] if expected else None
    return expected


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(questions())
def test_the_correct_answer_scores_full_points(question):
    perfect = _perfect_answer(question)
    if perfect is None:  # a text question with only regex answers has no literal correct answer
        return
    cleaned = clean_answers(QuizContent(questions=(question,)), {question.id: perfect})
    score = score_question(question, cleaned[question.id])
    assert (score.earned, score.status) == (question.points, 'correct')


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(question_and_answer(), min_size=1, max_size=6))
def test_attempt_percent_stays_within_bounds(pairs):
    questions_in_attempt = [question.__class__(**{**question.__dict__, 'id': f'q{index}'})
                            for index, (question, _) in enumerate(pairs)]
    answers = {f'q{index}': answer for index, (_, answer) in enumerate(pairs) if answer is not None}
    content = QuizContent(questions=tuple(questions_in_attempt))
    attempt = score_attempt(content.questions, clean_answers(content, answers))
    assert 0 <= attempt.percent <= 100
    assert attempt.possible == content.max_points
