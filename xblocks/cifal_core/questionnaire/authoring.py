"""Authoring checks of a questionnaire that parses: what it can be saved with but respondents or sponsors would
pay for. ``error`` problems stop a save; ``warning`` ones are advice (the editor, the OLX tab and ``validate()``
share them, as the quiz's do)."""
from cifal_core.html import html_to_text
from cifal_core.messages import gettext_noop
from cifal_core.problems import WARNING, Problem
from cifal_core.questionnaire.models import QuestionnaireContent

IDENTIFYING_WORDS = ('your name', 'e-mail', 'email', 'votre nom', 'courriel', 'su nombre', 'correo')


def authoring_problems(settings: dict, content: QuestionnaireContent) -> list[Problem]:
    problems = settings_problems(settings)
    if not content.items:
        problems.append(Problem(gettext_noop('the questionnaire has no items yet'), severity=WARNING, field='items'))
    problems += indicator_problems(content)
    if settings.get('anonymous', True):
        problems += identifying_text_problems(content)
    return problems


def settings_problems(settings: dict) -> list[Problem]:
    """Settings that cannot go together, whatever the items (the editor reports them beside the items' errors)."""
    if settings.get('anonymous', True) and settings.get('editable', False):
        return [Problem(gettext_noop(
            'an anonymous questionnaire cannot be editable: nothing may find an anonymous response again, not '
            'even for its author (turn off "editable" or "anonymous")'), field='editable')]
    return []


def indicator_problems(content) -> list[Problem]:
    """An indicator is one headline figure: tagged twice, the summary reports the first and says so here."""
    seen, problems = {}, []
    for index, item in enumerate(content.items):
        tags = [(item.indicator, None)] + [(row.indicator, row.id) for row in item.rows]
        for indicator, row_id in tags:
            if not indicator:
                continue
            if indicator in seen:
                problems.append(Problem(gettext_noop(
                    "indicator '{indicator}' is already on item '{first}': the headline figure uses that one"),
                    {'indicator': indicator, 'first': seen[indicator]}, severity=WARNING, field='indicator',
                    question_id=item.id, question_index=index, part_id=row_id))
            else:
                seen[indicator] = item.id
    return problems


def identifying_text_problems(content) -> list[Problem]:
    """An anonymous questionnaire that asks for a name or an e-mail in a text item undoes its own anonymity."""
    problems = []
    for index, item in enumerate(content.items):
        words = html_to_text(item.prompt_html).casefold()
        if item.type == 'text' and any(word in words for word in IDENTIFYING_WORDS):
            problems.append(Problem(gettext_noop(
                "item '{item}' seems to ask for a name or an e-mail address, in an anonymous questionnaire"),
                {'item': item.id}, severity=WARNING, field='prompt', question_id=item.id, question_index=index))
    return problems
