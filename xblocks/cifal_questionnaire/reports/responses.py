"""The ``questionnaire-responses`` report: one row per response and item (and matrix row), in words.

A response is named by a random id: an anonymous response's own (nothing links it to a learner), a named one's
``r<n>`` beside the learner's anonymous id (names and e-mails only in identified exports, which anonymous
responses never have). Rows come block by block; an anonymous questionnaire's in the order of their random ids.
"""
from collections.abc import Iterator
from itertools import batched

from cifal_core.exports.cells import iso_utc
from cifal_core.exports.tables import LazyRows, Problems, Report, Table
from cifal_core.questionnaire.words import Wording
from cifal_questionnaire.reports.content import WITHHELD_NOTE, QuestionnaireVersions, questionnaire_filters, responses
from cifal_results.api import UNKNOWN, IdentityResolver, unless_malformed

NAME = 'questionnaire-responses'
COLUMNS = ('response_id', 'anonymous_id', 'course', 'block', 'questionnaire', 'item_id', 'row_id', 'prompt',
           'answer', 'value', 'submitted_on')
IDENTITY_COLUMNS = ('username', 'name', 'email')
BATCH = 500


def columns(identified):
    return (*COLUMNS[:2], *IDENTITY_COLUMNS, *COLUMNS[2:]) if identified else COLUMNS


def build(course=None, block=None, pair=None, attempts=None, identified=False) -> Report:
    filters = questionnaire_filters(course=course, block=block)
    attempts = attempts or 'kept'
    problems = Problems()
    table = Table(NAME, columns(identified), LazyRows(lambda: rows(filters, attempts, identified, problems)))
    meta = {'filters': filters.as_meta(), 'attempts': attempts, 'identified': identified,
            'notes': ['one response per named respondent (the latest) unless attempts is "all"; anonymous responses '
                      'carry no learner id and only their day', WITHHELD_NOTE]}
    return Report(NAME, (table,), meta, problems)


def rows(filters, attempts, identified, problems) -> Iterator[tuple]:
    versions = QuestionnaireVersions()
    wordings = {}
    resolver = IdentityResolver() if identified else None
    for chunk in batched(responses(filters, attempts), BATCH):
        identities = resolver.resolve(r.learner_id for r in chunk if r.learner_id) if resolver else None
        for record in chunk:
            identity = (identities.get(record.learner_id, UNKNOWN) if identities is not None and record.learner_id
                        else UNKNOWN) if identified else None
            yield from unless_malformed(problems, _response_rows, record, versions, wordings, identity) or ()


def _response_rows(record, versions, wordings, identity) -> list[tuple]:
    content = versions.content(record.content_version_id)
    if record.content_version_id not in wordings:
        wordings[record.content_version_id] = Wording(content)
    wording = wordings[record.content_version_id]
    answers, other = record.answers.get('answers') or {}, record.answers.get('other') or {}
    response_id = record.id if record.learner_id is None else f'r{record.id}'
    head = (response_id, record.learner_id or '', *(identity or ()))
    shared = (record.course_key, record.usage_key, versions.display_name(record.content_version_id))
    day = iso_utc(record.submitted_at.date() if hasattr(record.submitted_at, 'date') else record.submitted_at)
    produced = []
    for item in content.items:
        value = answers.get(item.id)
        if value is None:
            continue
        if item.type == 'matrix':
            for row in item.rows:
                if row.id in value:
                    produced.append((*head, *shared, item.id, row.id, wording.rows[item.id][row.id],
                                     wording.point(item, value[row.id]), value[row.id], day))
            continue
        raw = '; '.join(value) if isinstance(value, list) else value
        produced.append((*head, *shared, item.id, '', wording.prompts[item.id],
                         wording.answer(item, value, other.get(item.id)), raw, day))
    return produced
