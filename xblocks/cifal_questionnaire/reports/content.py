"""Where the questionnaire's reports read responses: named ones (the latest per learner) and anonymous ones, the
content versions they were given on, and the operator's minimum group size."""
from cifal_core.questionnaire.models import QuestionnaireContent
from cifal_results.api import (
    ContentVersions,
    Filters,
    anonymous_records,
    count_anonymous,
    records,
    results_setting,
)

KIND = 'questionnaire_response'


def questionnaire_filters(course=None, block=None) -> Filters:
    return Filters(kind=KIND, course=course, block=block)


def responses(filters: Filters, attempts: str = 'kept', withhold: bool = True):
    """Every response under ``filters``: named ones (one per learner, the latest, unless ``attempts`` is 'all'),
    then anonymous ones, in the order of their random ids, except (``withhold``) those of blocks with too few
    (``too_few_to_show``; the block's own dashboard counts them and says so)."""
    yield from records(filters, attempts)
    withheld = {}
    for record in anonymous_records(filters):
        if not withhold:
            yield record
            continue
        if record.usage_key not in withheld:
            withheld[record.usage_key] = too_few_to_show(record.usage_key)
        if not withheld[record.usage_key]:
            yield record


def too_few_to_show(block: str) -> bool:
    """Whether a block's anonymous responses are too few to show or export: with fewer than the minimum group size,
    whoever knows who answered (their receipts) could recognise each person's answers (ADR 10)."""
    count = count_anonymous(Filters(block=block))
    return 0 < count < min_group_size()


WITHHELD_NOTE = ('anonymous questionnaires with fewer responses than MIN_GROUP_SIZE are left out, so that nobody\'s '
                 'answers can be recognised; they appear once enough people have answered')


def min_group_size() -> int:
    """The smallest group a breakdown or a respondent's view of the results shows (``CIFAL_RESULTS``)."""
    return int(results_setting('MIN_GROUP_SIZE'))


class QuestionnaireVersions(ContentVersions):
    def __init__(self):
        super().__init__(parse=QuestionnaireContent.from_dict)
