"""Versioned stored JSON: old data is upgraded on read, data from a newer release is refused, never misread."""
import pytest

from cifal_core.quiz.models import CONTENT_SCHEMA, QuizContent
from cifal_core.schema import Schema, SchemaError
from cifal_quiz.attempts import ATTEMPT_SCHEMA, stored_record

RENAMED = Schema('example', 2, {0: lambda data: {'b': data['a']}, 1: lambda data: {**data, 'c': 3}})


def test_data_written_before_versions_is_upgraded_step_by_step():
    assert RENAMED.upgrade({'a': 1}) == {'b': 1, 'c': 3, 'schema_version': 2}
    assert RENAMED.upgrade({'b': 1, 'schema_version': 1}) == {'b': 1, 'c': 3, 'schema_version': 2}


def test_data_from_a_newer_release_is_refused():
    with pytest.raises(SchemaError, match='newer'):
        RENAMED.upgrade({'schema_version': 3})


def test_quiz_content_and_attempts_are_written_with_their_version_and_read_from_any_earlier_one():
    written = QuizContent(description_html='<p>D</p>').to_dict()
    assert written['schema_version'] == CONTENT_SCHEMA.version
    unversioned = {key: value for key, value in written.items() if key != 'schema_version'}
    assert QuizContent.from_dict(unversioned) == QuizContent.from_dict(written)
    assert stored_record({'number': 1, 'answers': {}})['schema_version'] == ATTEMPT_SCHEMA.version
