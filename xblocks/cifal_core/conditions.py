"""
A small condition language for authors, parsed and never ``eval``'d: the questionnaire's ``show_if`` and the scenario
module's outcome and choice conditions.

    q1 <= 2                      group == "gov" or group == "civ"        not (rec >= 9)
    group in ("gov", "io")       m1.apply >= 4 and why                   cohesion >= 60 and services >= 50

Operands are numbers, quoted strings, ``true``/``false`` and names (``q1``, ``m1.apply``), which the caller's
``lookup(name)`` resolves (an answer, an indicator, whether a choice was made). A name with no value (an
unanswered item) makes every comparison false, so a condition on an unanswered item hides what depends on it; a
bare name is true when it has a value other than false, 0 or empty. When a name's value is a list (a multiple
choice), ``==`` and ``in`` ask whether the list holds the value and ``!=`` whether it does not.

Conditions are at most 500 characters and 20 parentheses deep; ``parse`` raises ``ConditionError`` with the position
and the reason, in words an author can act on. Parsing is linear in the text's length.
"""
import functools
import re
from dataclasses import dataclass

from cifal_core.messages import TranslatableMessage, gettext_noop

MAX_LENGTH = 500
MAX_DEPTH = 20
COMPARISONS = ('==', '!=', '<=', '>=', '<', '>')
_TOKEN = re.compile(r'''
    (?P<space>\s+)
  | (?P<number>-?\d+(?:\.\d+)?)
  | (?P<string>"[^"\\]*"|'[^'\\]*')
  | (?P<operator>==|!=|<=|>=|<|>)
  | (?P<punct>[(),])
  | (?P<name>[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)?)
''', re.VERBOSE)
KEYWORDS = {'and', 'or', 'not', 'in', 'true', 'false'}


class ConditionError(TranslatableMessage, ValueError):
    """A condition that does not parse; ``position`` is the 1-based character where the problem is."""

    def __init__(self, template, position=None, **params):
        TranslatableMessage.__init__(self, template, {'position': position, **params})
        ValueError.__init__(self, self.english())
        self.position = position


@dataclass(frozen=True)
class Condition:
    """A parsed condition: ``text`` as the author wrote it, ``tree`` its syntax tree (nested tuples)."""

    text: str
    tree: tuple

    def names(self) -> set[str]:
        """Every name the condition reads (to check that each one exists, and comes before what it controls)."""
        found = set()
        _collect_names(self.tree, found)
        return found

    def holds(self, lookup) -> bool:
        """Whether the condition is true where ``lookup(name)`` gives each name's value (None: no value)."""
        return _truthy(_evaluate(self.tree, lookup))


@functools.lru_cache(maxsize=1024)
def parse(text: str) -> Condition:
    """The parsed condition, or ``ConditionError``."""
    if not isinstance(text, str) or not text.strip():
        raise ConditionError(gettext_noop('the condition is empty'), position=1)
    if len(text) > MAX_LENGTH:
        raise ConditionError(gettext_noop('the condition is longer than {limit} characters'), position=MAX_LENGTH,
                             limit=MAX_LENGTH)
    parser = _Parser(_tokens(text))
    tree = parser.expression(0)
    if parser.peek() is not None:
        kind, value, position = parser.peek()
        raise ConditionError(gettext_noop("unexpected '{token}' at character {position}"), position=position,
                             token=value)
    return Condition(text, tree)


def _tokens(text):
    tokens, position = [], 0
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None:
            raise ConditionError(gettext_noop("'{token}' at character {position} is not part of a condition"),
                                 position=position + 1, token=text[position])
        kind = match.lastgroup
        if kind != 'space':
            value = match.group()
            if kind == 'name' and value in KEYWORDS:
                kind = 'keyword'
            tokens.append((kind, value, position + 1))
        position = match.end()
    return tokens


class _Parser:
    """Recursive descent: or -> and -> not -> comparison -> operand."""

    def __init__(self, tokens):
        self.tokens, self.index = tokens, 0

    def peek(self):
        return self.tokens[self.index] if self.index < len(self.tokens) else None

    def take(self):
        token = self.peek()
        if token is None:
            raise ConditionError(gettext_noop('the condition ends too early'), position=None)
        self.index += 1
        return token

    def accept(self, kind, value=None):
        token = self.peek()
        if token is not None and token[0] == kind and (value is None or token[1] == value):
            self.index += 1
            return token
        return None

    def expression(self, depth):
        if depth > MAX_DEPTH:
            raise ConditionError(gettext_noop('the condition is nested more than {limit} levels deep'),
                                 position=self.peek()[2] if self.peek() else None, limit=MAX_DEPTH)
        left = self.conjunction(depth)
        while self.accept('keyword', 'or'):
            left = ('or', left, self.conjunction(depth))
        return left

    def conjunction(self, depth):
        left = self.negation(depth)
        while self.accept('keyword', 'and'):
            left = ('and', left, self.negation(depth))
        return left

    def negation(self, depth):
        if self.accept('keyword', 'not'):
            return ('not', self.negation(depth + 1))
        return self.comparison(depth)

    def comparison(self, depth):
        left = self.operand(depth)
        operator = self.accept('operator')
        if operator:
            return ('compare', operator[1], left, self.operand(depth))
        if self.accept('keyword', 'in'):
            return ('in', left, self.literal_list())
        return left

    def literal_list(self):
        start = self.take()
        if start[1] != '(':
            raise ConditionError(gettext_noop("'in' needs a list in parentheses, such as (\"a\", \"b\")"),
                                 position=start[2])
        values = [self.literal()]
        while self.accept('punct', ','):
            values.append(self.literal())
        end = self.take()
        if end[1] != ')':
            raise ConditionError(gettext_noop("expected ')' at character {position}"), position=end[2])
        return ('list', tuple(values))

    def literal(self):
        kind, value, position = self.take()
        if kind == 'number':
            return float(value)
        if kind == 'string':
            return value[1:-1]
        if kind == 'keyword' and value in ('true', 'false'):
            return value == 'true'
        raise ConditionError(gettext_noop("expected a number or a quoted text at character {position}"),
                             position=position)

    def operand(self, depth):
        token = self.peek()
        if token is None:
            raise ConditionError(gettext_noop('the condition ends too early'), position=None)
        kind, value, position = token
        if kind == 'punct' and value == '(':
            self.index += 1
            inner = self.expression(depth + 1)
            if not self.accept('punct', ')'):
                raise ConditionError(gettext_noop("the '(' at character {position} is never closed"),
                                     position=position)
            return inner
        if kind == 'name':
            self.index += 1
            return ('name', value)
        if kind in ('number', 'string') or (kind == 'keyword' and value in ('true', 'false')):
            return ('value', self.literal())
        raise ConditionError(gettext_noop("unexpected '{token}' at character {position}"), position=position,
                             token=value)


def _collect_names(tree, found):
    if tree[0] == 'name':
        found.add(tree[1])
    elif tree[0] in ('and', 'or', 'not', 'compare', 'in'):
        for part in tree[1:]:
            if isinstance(part, tuple):
                _collect_names(part, found)


def _evaluate(tree, lookup):
    kind = tree[0]
    if kind == 'value':
        return tree[1]
    if kind == 'name':
        return lookup(tree[1])
    if kind == 'and':
        return _truthy(_evaluate(tree[1], lookup)) and _truthy(_evaluate(tree[2], lookup))
    if kind == 'or':
        return _truthy(_evaluate(tree[1], lookup)) or _truthy(_evaluate(tree[2], lookup))
    if kind == 'not':
        return not _truthy(_evaluate(tree[1], lookup))
    if kind == 'in':
        value = _evaluate(tree[1], lookup)
        return any(_equal(value, candidate) for candidate in tree[2][1])
    return _compare(tree[1], _evaluate(tree[2], lookup), _evaluate(tree[3], lookup))


def _truthy(value):
    return value not in (None, False, 0, '', [], ())


def _equal(left, right):
    if isinstance(left, list):
        return any(_equal(item, right) for item in left)
    if _is_number(left) and _is_number(right):
        return float(left) == float(right)
    return left == right


def _is_number(value):
    return isinstance(value, int | float) and not isinstance(value, bool)


def _compare(operator, left, right):
    if left is None or right is None:
        return False
    if operator == '==':
        return _equal(left, right)
    if operator == '!=':
        return not _equal(left, right)
    if not (_is_number(left) and _is_number(right)):
        return False  # "q1 < 'x'" or a list: no order, so false rather than an error a learner would see
    return {'<': left < right, '<=': left <= right, '>': left > right, '>=': left >= right}[operator]
