"""
Reading an untrusted JSON request body: one function for every handler of every block (ADR 7).

A handler's body comes from a browser, a mobile app or anyone with a session cookie, so it can hold any bytes.
``read_json`` turns them into plain Python values a handler can trust to be well-formed, or raises a
``PayloadError`` that the handler answers with a 4xx and ``{"error": message}``:

- size: at most ``max_bytes`` (the caller checks the declared length before reading, this checks the bytes read);
- encoding: strict UTF-8, no byte order mark games;
- shape: nesting at most ``max_depth`` deep (checked before parsing, so a deep body can never exhaust the stack) and
  at most ``max_items`` values in all;
- numbers: finite, within ±``MAX_MAGNITUDE``, no ``NaN``/``Infinity``/1000-digit integers (a float that overflows or
  an integer too long to convert would otherwise surface as a 500 far from here);
- text: must be encodable (no lone surrogates, which ``"\\ud800"`` in JSON produces and which no database column,
  page or CSV file can hold), normalised to NFC (so "é" typed two ways is one answer), and stripped of control
  characters other than tab and newlines, which no learner means to type and which XML (XLSX, OLX) cannot hold.

Plain Python: the messages are English templates marked with ``gettext_noop``; the block translates them.
"""
import json
import re
import unicodedata

from cifal_core.errors import PayloadError
from cifal_core.messages import gettext_noop

MAX_MAGNITUDE = 1e15  # larger than any score, count or typed answer; exact as a float
MAX_DEPTH = 16
MAX_ITEMS = 5000
MAX_INTEGER_DIGITS = 16
_CONTROL_CHARACTERS = re.compile('[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]')
_SURROGATES = re.compile('[\ud800-\udfff]')


def read_json(body: bytes, *, max_bytes: int, max_depth: int = MAX_DEPTH, max_items: int = MAX_ITEMS,
              empty=None):
    """The cleaned JSON value of ``body``; ``empty`` is returned for an empty body (None: refuse it)."""
    if len(body) > max_bytes:
        raise too_large(max_bytes)
    if not body.strip():
        if empty is None:
            raise PayloadError(gettext_noop('The request body is empty; send a JSON object.'))
        return empty
    try:
        text = body.decode('utf-8')
    except UnicodeDecodeError:
        raise PayloadError(gettext_noop('The request body is not valid UTF-8 text.')) from None
    if nesting_depth(text) > max_depth:
        raise PayloadError(gettext_noop('The request is nested more than {depth} levels deep.'), depth=max_depth)
    try:
        value = json.loads(text, parse_constant=_refuse_constant, parse_int=_bounded_int,
                           parse_float=_bounded_float)
    except PayloadError:
        raise
    except (ValueError, RecursionError):
        raise PayloadError(gettext_noop('The request body is not valid JSON.')) from None
    counter = [0]
    return _clean(value, counter, max_items)


def too_large(max_bytes: int) -> PayloadError:
    """The error for a body over the limit (also raised before reading, from the declared length)."""
    return PayloadError(gettext_noop('The request is too large (more than {size} KB).'), status=413,
                        size=max(1, max_bytes // 1024))


def nesting_depth(text: str) -> int:
    """The deepest nesting of ``[`` and ``{`` in JSON text, outside strings; linear in the text's length."""
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == '\\':
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in '[{':
            depth += 1
            deepest = max(deepest, depth)
        elif char in ']}':
            depth -= 1
    return deepest


def clean_text(text: str) -> str:
    """Text as it may be stored: NFC, without control characters; raises ``PayloadError`` if not encodable."""
    if _SURROGATES.search(text):
        raise PayloadError(gettext_noop('The request holds text that cannot be stored (an unpaired surrogate '
                                        'character); check what was pasted.'))
    if not text.isascii():
        text = unicodedata.normalize('NFC', text)
    return _CONTROL_CHARACTERS.sub('', text) if _CONTROL_CHARACTERS.search(text) else text


def repair_text(text: str) -> str:
    """Stored text that ``clean_text`` would refuse, made safe to show or export: each unencodable character
    becomes U+FFFD. For values stored before the boundary checked them; new input never needs it."""
    return _SURROGATES.sub('\ufffd', text)


def repair_value(value):
    """``repair_text`` applied to every string in a JSON-like value (keys included); other values unchanged."""
    if isinstance(value, str):
        return repair_text(value)
    if isinstance(value, dict):
        return {repair_value(key): repair_value(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [repair_value(item) for item in value]
    return value


def needs_repair(value) -> bool:
    """Whether any string in a JSON-like value holds an unencodable character."""
    if isinstance(value, str):
        return _SURROGATES.search(value) is not None
    if isinstance(value, dict):
        return any(needs_repair(key) or needs_repair(item) for key, item in value.items())
    if isinstance(value, list | tuple):
        return any(needs_repair(item) for item in value)
    return False


def _refuse_constant(name):
    raise PayloadError(gettext_noop('{value} is not a number the request may hold.'), value=name)


def _bounded_int(digits: str):
    if len(digits.lstrip('-')) > MAX_INTEGER_DIGITS or abs(int(digits)) > MAX_MAGNITUDE:
        raise PayloadError(gettext_noop('The number {value} is too large.'), value=_shorten(digits))
    return int(digits)


def _bounded_float(digits: str):
    number = float(digits)
    if not abs(number) <= MAX_MAGNITUDE:  # also refuses inf, which "1e999" becomes
        raise PayloadError(gettext_noop('The number {value} is too large.'), value=_shorten(digits))
    return number


def _shorten(text: str, limit: int = 24) -> str:
    return text if len(text) <= limit else text[:limit] + '…'


def _clean(value, counter, max_items):
    counter[0] += 1
    if counter[0] > max_items:
        raise PayloadError(gettext_noop('The request holds more than {count} values.'), count=max_items)
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {clean_text(key): _clean(item, counter, max_items) for key, item in value.items()}
    if isinstance(value, list):
        return [_clean(item, counter, max_items) for item in value]
    return value
