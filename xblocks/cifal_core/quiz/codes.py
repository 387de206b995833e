"""
The codes learners see instead of authored option ids, so that nothing in a page or payload gives the key away.

Authored ids carry the key: a matching question's responses are identified by their pair's id, so the form that
offers "the response of pair p1" for premise p1 *is* the answer key; ordering items are often numbered in the
correct order (i1, i2, i3); choice ids may be named "right" or put the correct one first. So every option a learner
sees (choice, ordering item, matching premise and response) is named by a code: an HMAC of the server's secret,
the block, the question, the kind of option and its id. Codes are stable for a block (page reloads, the apps'
``student_view_data``, a retried request all agree), differ between blocks, and cannot be computed or inverted
without the secret. Premises and responses of one pair get different codes.

Only the boundary translates: handlers turn codes into ids before cleaning (``cifal_core.quiz.answers``), and
ids into codes for what they send back. Everything stored (drafts, attempts, the results store) holds authored ids,
so records made before codes existed read as they always did. Plain Python: the block passes in the secret.
"""
import base64
import hashlib
import hmac

KINDS = ('choice', 'item', 'premise', 'response')
CODE_LENGTH = 10  # 50 bits: collisions within one question are checked for, and guessing one is pointless
_SEPARATOR = b'\x1f'


def _code(key: bytes, parts: tuple[str, ...], length: int) -> str:
    digest = hmac.new(key, _SEPARATOR.join(part.encode('utf-8') for part in parts), hashlib.sha256).digest()
    return 'k' + base64.b32encode(digest).decode('ascii').lower()[:length - 1]


class QuestionCodes:
    """The codes of one question's options, both ways."""

    def __init__(self, key: bytes, scope: str, question):
        self._to_code: dict[tuple[str, str], str] = {}
        self._to_id: dict[tuple[str, str], str] = {}
        for kind, option_id in _options(question):
            length = CODE_LENGTH
            code = _code(key, (scope, question.id, kind, option_id), length)
            while (kind, code) in self._to_id:  # astronomically rare; stays deterministic
                length += 4
                code = _code(key, (scope, question.id, kind, option_id), length)
            self._to_code[kind, option_id] = code
            self._to_id[kind, code] = option_id

    def code(self, kind: str, option_id: str) -> str:
        """The code of an authored option id (KeyError for an id the question does not have)."""
        return self._to_code[kind, option_id]

    def option_id(self, kind: str, code) -> str | None:
        """The authored id behind a code a learner sent, or None if it is not one of this question's codes."""
        if not isinstance(code, str):
            return None
        return self._to_id.get((kind, code))


def _options(question):
    """The options of a question, or of a scenario's decision node (its choices are coded the same way)."""
    if question.type in ('single', 'multiple', 'decision'):
        return [('choice', choice.id) for choice in question.choices]
    if question.type == 'ordering':
        return [('item', item.id) for item in question.items]
    if question.type == 'matching':
        return [(kind, pair.id) for pair in question.pairs for kind in ('premise', 'response')]
    return []


class OptionCodes:
    """The codes of every question of one block; built per question on first use."""

    def __init__(self, secret: str | bytes, scope: str):
        self._key = secret.encode('utf-8') if isinstance(secret, str) else secret
        self._key = hashlib.sha256(b'cifal-option-codes' + _SEPARATOR + self._key).digest()
        self._scope = scope
        self._questions: dict[str, QuestionCodes] = {}

    def question(self, question) -> QuestionCodes:
        codes = self._questions.get(question.id)
        if codes is None:
            codes = self._questions[question.id] = QuestionCodes(self._key, self._scope, question)
        return codes


def answer_to_learner(question, codes: QuestionCodes, answer):
    """A stored answer (authored ids) in the codes the learner's page and app use; other types unchanged."""
    if question.type == 'single':
        return _coded(codes, 'choice', answer)
    if question.type == 'multiple' and isinstance(answer, list):
        return [_coded(codes, 'choice', choice_id) for choice_id in answer]
    if question.type == 'ordering' and isinstance(answer, list):
        return [_coded(codes, 'item', item_id) for item_id in answer]
    if question.type == 'matching' and isinstance(answer, dict):
        return {_coded(codes, 'premise', premise): _coded(codes, 'response', response)
                for premise, response in answer.items()}
    return answer  # numeric and text answers, and a value of another shape, which names no option


def _coded(codes, kind, option_id):
    """The code of ``option_id``; an id the current content no longer has, or a value that is no id, stays as it
    is (it matches nothing)."""
    if not isinstance(option_id, str):
        return option_id
    try:
        return codes.code(kind, option_id)
    except KeyError:
        return option_id


def answers_to_learner(content, codes: OptionCodes, answers: dict) -> dict:
    """Every answer of a stored attempt or draft in learner codes; unknown question ids are left out."""
    questions = {question.id: question for question in content.questions}
    return {question_id: answer_to_learner(questions[question_id], codes.question(questions[question_id]), value)
            for question_id, value in answers.items() if question_id in questions}


ORDER_KINDS = {'single': 'choice', 'multiple': 'choice', 'ordering': 'item', 'matching': 'response'}


def orders_to_learner(content, codes: OptionCodes, option_orders: dict) -> dict:
    """A layout's option orders (choices, items, matching responses, by authored id) in learner codes."""
    coded = {}
    for question_id, order in option_orders.items():
        question = content.question(question_id)
        kind = ORDER_KINDS[question.type]
        coded[question_id] = [codes.question(question).code(kind, option_id) for option_id in order]
    return coded
