"""The figures of one questionnaire block, for its dashboard and for respondents: the responses tallied with the
block's current content (``cifal_core.questionnaire.figures``)."""
from cifal_core.blocks.platform import usage_key
from cifal_core.blocks.store import results_api
from cifal_core.questionnaire.figures import tally
from cifal_questionnaire.reports.content import min_group_size, questionnaire_filters, responses

__all__ = ['block_tally', 'min_group_size']


def block_tally(block):
    """The tally of every response to ``block`` (the latest of each named respondent), or None without the store.
    Nothing is withheld here: the dashboard and the respondents' view apply the minimum group size themselves."""
    if results_api() is None:
        return None
    filters = questionnaire_filters(block=usage_key(block))
    return tally(block.questionnaire_content, (record.answers for record in responses(filters, withhold=False)))
