"""``cifal_questionnaire``: the feedback questionnaire (reaction evaluation), anonymous by default."""
