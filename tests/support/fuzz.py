"""
Generated request bodies for any block's handlers, and the promise every handler keeps (ADR 7).

``bodies(field_names, keys)`` draws bytes of every kind a client could send: JSON of any shape, depth and size,
text with any Unicode (lone surrogates included, as JSON's ``\\ud800`` escapes carry them), numbers too large for
a float, bodies shaped like the block's own payloads with hostile values inside, and bytes that are not JSON at all.
``assert_handler_kept_its_promise`` checks one answer: never a 5xx; a 4xx is ``{"error": message}``; and after a
4xx nothing the block or the results store keeps has changed. The questionnaire and the scenario module use the
same harness with their own field names and keys.
"""
import json

from hypothesis import strategies as st

ANY_TEXT = st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=40)
NUMBERS = (st.integers(min_value=-(10**30), max_value=10**30) | st.floats(allow_nan=True, allow_infinity=True)
           | st.sampled_from([0, -1, 1, 2**53 + 1, 10**400, 1e308]))
SCALARS = st.none() | st.booleans() | NUMBERS | ANY_TEXT


def json_values(max_leaves=30):
    return st.recursive(SCALARS, lambda children: st.lists(children, max_size=6)
                        | st.dictionaries(ANY_TEXT, children, max_size=6), max_leaves=max_leaves)


def _encode(value) -> bytes:
    """JSON as a client library writes it (ASCII escapes, so any code point travels), Python's NaN included."""
    return json.dumps(value, ensure_ascii=True).encode('ascii')


def deep(depth):
    return ('{"answers": ' + '[' * depth + ']' * depth + '}').encode()


def bodies(field_names, keys):
    """Request bodies: ``field_names`` are the top-level fields the block's handlers take ("answers", "attempt"),
    ``keys`` the ids its payloads name (question ids); values inside are anything."""
    shaped = st.fixed_dictionaries({}, optional={
        name: json_values() | st.dictionaries(st.sampled_from(keys) | ANY_TEXT, json_values(12), max_size=len(keys))
        for name in field_names
    })
    return st.one_of(
        shaped.map(_encode),
        json_values().map(_encode),
        st.integers(min_value=17, max_value=3000).map(deep),
        st.binary(max_size=200),
        st.sampled_from([b'', b'null', b'[]', b'{}', b'{"answers": {}}', b'"x"', b'1e999', b'{"answers": NaN}']),
    )


def assert_handler_kept_its_promise(response, before, after, label):
    """No 5xx; a 4xx is JSON ``{"error": "..."}``; after a 4xx, ``after`` (a snapshot taken then) equals ``before``."""
    status = response.status_code
    assert status < 500, f'{label}: {status} {response.content[:300]!r}'
    if status >= 400:
        assert response['Content-Type'].startswith('application/json'), f'{label}: {response["Content-Type"]}'
        body = json.loads(response.content)
        assert isinstance(body, dict) and isinstance(body.get('error'), str) and body['error'], f'{label}: {body}'
        assert after == before, f'{label}: a refused request changed what is stored'
