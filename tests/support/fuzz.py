"""
Generated request bodies for any block's handlers, and the promise every handler keeps (ADR 7).

``bodies(field_names, keys)`` draws bytes of every kind a client could send: JSON of any shape, depth and size,
text with any Unicode (lone surrogates included, as JSON's ``\\ud800`` escapes carry them), numbers too large for
a float, bodies shaped like the block's own payloads with hostile values inside, and bytes that are not JSON at all.
``assert_handler_kept_its_promise`` checks one answer: never a 5xx; a 4xx is ``{"error": message}``; and after a
4xx nothing the block or the results store keeps has changed. The questionnaire and the scenario module use the
same harness with their own field names and keys: ``throw_body`` sends one body and checks the promise,
``throw_download_query`` does the same for the staff download's query string.
"""
import json
from urllib.parse import urlencode

from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st

from tests.support.workbench_fixtures import authored_snapshot, handler_url, learner_snapshot

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


FUZZ = settings(max_examples=120, deadline=None, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
DOWNLOAD_QUERIES = st.dictionaries(st.sampled_from(['report', 'format', 'table', 'identified', 'x']),
                                   st.text(max_size=30), max_size=4)


def throw_body(client, workbench, usage_id, published, student, handler, body, allowed_events):
    """POST ``body`` to ``handler`` as ``student`` through the workbench and check the promise, with what is stored
    snapshotted before and after; only ``allowed_events`` (the block's own names) may have been published."""
    before = learner_snapshot(workbench, usage_id, student), authored_snapshot(workbench, usage_id)
    events = len(published.events)

    response = client.generic('POST', handler_url(usage_id, handler, student), data=body,
                              content_type='application/json')

    after = learner_snapshot(workbench, usage_id, student), authored_snapshot(workbench, usage_id)
    event(f'{handler}: {response.status_code}')  # --hypothesis-show-statistics shows what was reached
    assert_handler_kept_its_promise(response, before, after, f'{handler} as {student}: {body[:120]!r}')
    assert {name for name, _ in published.events[events:]} <= set(allowed_events)


def throw_download_query(client, usage_id, query):
    """Any query string to ``download_report``: never a 5xx, and 403 for a learner whatever it asks."""
    for student in ('fuzzy', 'staff_fuzzy'):
        response = client.get(handler_url(usage_id, 'download_report', student) + '&' + urlencode(query))

        assert response.status_code < 500, (query, response.status_code)
        if student == 'fuzzy':
            assert response.status_code == 403
