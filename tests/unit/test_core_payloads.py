"""The one reader of request bodies: whatever the bytes, a clean value or a PayloadError (a 4xx), never a crash."""
import json
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cifal_core.errors import PayloadError
from cifal_core.payloads import needs_repair, read_json, repair_value

LIMIT = 64 * 1024


def read(body, **options):
    return read_json(body if isinstance(body, bytes) else body.encode('utf-8', 'surrogatepass'),
                     max_bytes=options.pop('max_bytes', LIMIT), **options)


def refusal(body, **options):
    with pytest.raises(PayloadError) as refused:
        read(body, **options)
    return refused.value


def test_a_well_formed_body_comes_back_as_it_was_sent():
    body = {'answers': {'q1': 'k2x', 'q2': ['a', 'b'], 'q3': 1.5, 'q4': -3, 'q5': None, 'q6': True}}
    assert read(json.dumps(body)) == body


def test_nesting_deeper_than_the_limit_is_refused_before_parsing():
    error = refusal('[' * 30_000 + ']' * 30_000)  # json.loads alone would raise RecursionError
    assert error.status == 400 and '16 levels' in str(error)


def test_brackets_inside_strings_do_not_count_as_nesting():
    assert read(json.dumps({'text': '[[[[{{{{' * 50}))['text'].startswith('[[[[')


@pytest.mark.parametrize('number', ['1' + '0' * 400, '1e999', '-1e999', '9' * 5000, '1e16', '-2e15'])
def test_numbers_a_float_cannot_hold_or_too_large_for_any_answer_are_refused(number):
    assert 'too large' in str(refusal(f'{{"answers": {{"q3": {number}}}}}'))


@pytest.mark.parametrize('constant', ['NaN', 'Infinity', '-Infinity'])
def test_json_extensions_for_non_numbers_are_refused(constant):
    assert constant in str(refusal(f'[{constant}]'))


def test_a_lone_surrogate_is_refused_with_a_reason():
    error = refusal('{"answers": {"q4": "caf\\ud800"}}')
    assert error.status == 400 and 'surrogate' in str(error)


def test_a_surrogate_pair_is_one_character_and_accepted():
    assert read('{"t": "\\ud83d\\ude00"}') == {'t': '\U0001F600'}


def test_text_is_normalised_to_nfc_and_control_characters_removed():
    decomposed = unicodedata.normalize('NFD', 'Côte d’Ivoire')
    value = read(json.dumps({'t': decomposed + '\x00\x07\x1b', 'lines': 'a\tb\nc\r\n'}))
    assert value == {'t': 'Côte d’Ivoire', 'lines': 'a\tb\nc\r\n'}


def test_keys_are_cleaned_too():
    assert 'surrogate' in str(refusal('{"\\udfff": 1}'))


def test_a_body_over_the_limit_answers_413():
    assert refusal(b'"' + b'x' * 2000 + b'"', max_bytes=1024).status == 413


@pytest.mark.parametrize('body', [b'\xff\xfe{}', b'{"a": "\xc3"}', b'\xc0\x80'])
def test_bytes_that_are_not_utf8_are_refused(body):
    assert 'UTF-8' in str(refusal(body))


@pytest.mark.parametrize('body', [b'{"answers": ', b'{}}', b"{'a': 1}", b'[1,]'])
def test_malformed_json_is_refused(body):
    assert 'not valid JSON' in str(refusal(body))


def test_an_empty_body_is_refused_unless_the_handler_says_what_it_means():
    assert 'empty' in str(refusal(b'  '))
    assert read(b'', empty={}) == {}


def test_too_many_values_are_refused():
    assert 'values' in str(refusal(json.dumps(list(range(6000)))))


def test_stored_text_with_a_surrogate_is_repaired_for_display():
    stored = {'answers': {'q4': 'caf\ud800', '\udc00': ['ok', 'x\udfff']}}
    assert needs_repair(stored)
    repaired = repair_value(stored)
    assert repaired == {'answers': {'q4': 'caf\ufffd', '\ufffd': ['ok', 'x\ufffd']}}
    assert not needs_repair(repaired)
    json.dumps(repaired, ensure_ascii=False).encode('utf-8')


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_give_a_clean_value_or_a_payload_error(body):
    try:
        value = read_json(body, max_bytes=LIMIT)
    except PayloadError as error:
        assert error.status in (400, 413)
        return
    json.dumps(value, ensure_ascii=False).encode('utf-8')  # storable and printable as it is


@settings(max_examples=200, deadline=None)
@given(st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
                    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(), children, max_size=4),
                    max_leaves=30))
def test_any_json_value_gives_a_clean_value_or_a_payload_error(value):
    body = json.dumps(value, ensure_ascii=True).encode()
    try:
        cleaned = read_json(body, max_bytes=LIMIT)
    except PayloadError:
        return
    json.dumps(cleaned, ensure_ascii=False, allow_nan=False).encode('utf-8')
