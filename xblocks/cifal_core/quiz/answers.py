"""Learner payloads: check the answers posted by the web page or the mobile app, and canonicalise them.

Anything in the payload is untrusted. A value that cannot be an answer to the question (an unknown
choice, an ordering that is not a permutation...) is an ``AnswerError``, which the handler turns
into a 400. Empty values (None, blank text, [], {}) mean "not answered" and are dropped.

Learners name options by the codes of ``cifal_core.quiz.codes`` (``codes``), never by authored ids, which
could give the key away; the cleaned answers hold authored ids, as every record does. Without ``codes`` (the
core's own tests, internal callers) the payload names authored ids.

Messages are English templates marked with ``gettext_noop``: the block shows them in the learner's language.
"""
from cifal_core.errors import AnswerError
from cifal_core.messages import gettext_noop
from cifal_core.quiz.numbers import parse_number

MAX_TEXT_LENGTH = 1000
# A numeric draft is kept as typed; this is generous for any number a learner would type.
MAX_NUMERIC_DRAFT_LENGTH = 100


def clean_answers(content, raw_answers, codes=None) -> dict:
    """Canonical answers of a submission: {question id: value}, unanswered questions left out.

    single -> choice id; multiple -> choice ids in the question's order; numeric -> float;
    text -> stripped string; ordering -> item ids; matching -> {premise pair id: response pair id}.
    ``codes`` (an ``OptionCodes``): the payload names options by their learner codes.
    """
    return _clean(content, raw_answers, draft=False, codes=codes)


def clean_draft(content, raw_answers, codes=None) -> dict:
    """Like ``clean_answers`` but for work in progress: a numeric answer is kept as typed (so that
    "1,5" is shown back as "1,5", and a half-typed "1," is not refused) and text is not stripped."""
    return _clean(content, raw_answers, draft=True, codes=codes)


def _clean(content, raw_answers, draft, codes):
    if not isinstance(raw_answers, dict):
        raise AnswerError(gettext_noop('answers must be an object mapping question ids to answers'))
    questions = {question.id: question for question in content.questions}
    cleaned = {}
    for question_id, raw in raw_answers.items():
        question = questions.get(question_id)
        if question is None:
            raise AnswerError(gettext_noop('unknown question {question}'), question_id=question_id,
                              question=_shown(question_id))
        if _is_empty(raw):
            continue
        resolve = _resolver(question, codes)
        value = _CLEANERS[question.type](question, raw, draft, resolve)
        if not _is_empty(value):
            cleaned[question_id] = value
    return cleaned


def _resolver(question, codes):
    """``resolve(kind, value)``: the authored id a payload value names, or None if it names none."""
    if codes is not None:
        return codes.question(question).option_id
    ids = {
        'choice': {choice.id for choice in question.choices},
        'item': {item.id for item in question.items},
        'premise': {pair.id for pair in question.pairs},
        'response': {pair.id for pair in question.pairs},
    }
    return lambda kind, value: value if isinstance(value, str) and value in ids[kind] else None


def _shown(value, limit=40):
    """A learner's value as an error message quotes it: repr, cut short (a body may hold a long string)."""
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + '…'


def _is_empty(value):
    """None, blank text, [] or {} (but not 0, a perfectly good numeric answer)."""
    if isinstance(value, str):
        return not value.strip()
    return value is None or (isinstance(value, list | dict) and not value)


def _fail(question, template, **params):
    """An ``AnswerError`` about ``question``; ``template`` names it as ``{question}``, other values in ``params``."""
    return AnswerError(template, question_id=question.id, question=question.id, **params)


def _clean_single(question, raw, draft, resolve):
    choice_id = resolve('choice', raw)
    if choice_id is None:
        raise _fail(question, gettext_noop("question '{question}': {value} is not one of its choices"),
                    value=_shown(raw))
    return choice_id


def _clean_multiple(question, raw, draft, resolve):
    if not isinstance(raw, list) or not all(isinstance(choice_id, str) for choice_id in raw):
        raise _fail(question, gettext_noop("question '{question}': the answer must be a list of choice ids"))
    chosen = [resolve('choice', value) for value in raw]
    if None in chosen:
        raise _fail(question, gettext_noop("question '{question}': {value} is not one of its choices"),
                    value=_shown(raw[chosen.index(None)]))
    if len(set(chosen)) != len(chosen):
        raise _fail(question, gettext_noop("question '{question}': a choice is selected twice"))
    return [choice.id for choice in question.choices if choice.id in chosen]


def _clean_numeric(question, raw, draft, resolve):
    if isinstance(raw, bool) or not isinstance(raw, str | int | float):
        raise _fail(question, gettext_noop("question '{question}': {value} is not a number"), value=_shown(raw))
    if draft and isinstance(raw, str):
        if len(raw) > MAX_NUMERIC_DRAFT_LENGTH:
            raise _fail(question, gettext_noop("question '{question}': the answer is longer than {limit} characters"),
                        limit=MAX_NUMERIC_DRAFT_LENGTH)
        return raw
    try:
        return parse_number(raw)
    except ValueError:
        raise _fail(question, gettext_noop("question '{question}': {value} is not a number"),
                    value=_shown(raw)) from None


def _clean_text(question, raw, draft, resolve):
    if not isinstance(raw, str):
        raise _fail(question, gettext_noop("question '{question}': the answer must be text"))
    if len(raw) > MAX_TEXT_LENGTH:
        raise _fail(question, gettext_noop("question '{question}': the answer is longer than {limit} characters"),
                    limit=MAX_TEXT_LENGTH)
    return raw if draft else raw.strip()


def _clean_ordering(question, raw, draft, resolve):
    item_ids = [item.id for item in question.items]
    order = [resolve('item', value) for value in raw] if isinstance(raw, list) else None
    if order is None or None in order or sorted(order) != sorted(item_ids):
        raise _fail(question,
                    gettext_noop("question '{question}': the answer must list each of its items exactly once"))
    return order


def _clean_matching(question, raw, draft, resolve):
    if not isinstance(raw, dict):
        raise _fail(question, gettext_noop("question '{question}': the answer must map premises to responses"))
    cleaned = {}
    for premise, response in raw.items():
        premise_id = resolve('premise', premise)
        if premise_id is None:
            raise _fail(question, gettext_noop("question '{question}': {value} is not one of its premises"),
                        value=_shown(premise))
        if _is_empty(response):
            continue
        response_id = resolve('response', response)
        if response_id is None:
            raise _fail(question, gettext_noop("question '{question}': {value} is not one of its responses"),
                        value=_shown(response))
        cleaned[premise_id] = response_id
    return cleaned


_CLEANERS = {
    'single': _clean_single,
    'multiple': _clean_multiple,
    'numeric': _clean_numeric,
    'text': _clean_text,
    'ordering': _clean_ordering,
    'matching': _clean_matching,
}
