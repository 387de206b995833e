"""
Answers in words, for people who read reports: evaluators' exports, the instructor's Problem Responses report,
and the results a learner reviews. Plain text only (author HTML reduced to its text).
"""
from cifal_core.html import html_to_text

LIST_SEPARATOR = '; '


def format_number(value):
    """A number as a person writes it: no trailing ".0", no float noise."""
    return f'{value:g}' if abs(value) < 1e15 else str(value)


def tolerance_in_words(numeric, shown=format_number, shown_percent=None):
    """'5' or '5%' (a relative tolerance is a percentage of the value); ``shown`` and ``shown_percent`` write the
    number and the percentage (plain, as reports and the author's preview write them, unless given)."""
    if numeric.relative:
        return shown_percent(numeric.tolerance) if shown_percent else shown(numeric.tolerance) + '%'
    return shown(numeric.tolerance)


def numeric_key_in_words(numeric):
    """'304 ± 5', '304 ± 5%' or '304' (reports)."""
    if not numeric.tolerance:
        return format_number(numeric.value)
    return f'{format_number(numeric.value)} \u00b1 {tolerance_in_words(numeric)}'


def numeric_key_on_page(numeric, shown=format_number, shown_percent=None):
    """'304 (± 5)' or '304': the key as the results and the author's preview show it. ``shown`` and
    ``shown_percent`` write the numbers (a learner's results pass the ones of their language: "48,5 (± 0,5)")."""
    if not numeric.tolerance:
        return shown(numeric.value)
    return f'{shown(numeric.value)} (\u00b1 {tolerance_in_words(numeric, shown, shown_percent)})'


def answer_in_words(question, answer):
    """What the learner answered, in the words of the content they saw; '' when unanswered."""
    if answer in (None, '', [], {}):
        return ''
    if question.type in ('single', 'multiple'):
        chosen = answer if isinstance(answer, list) else [answer]
        texts = {choice.id: html_to_text(choice.html) for choice in question.choices}
        return LIST_SEPARATOR.join(texts.get(choice_id, choice_id) for choice_id in chosen)
    if question.type == 'numeric':
        return format_number(answer) if isinstance(answer, int | float) else str(answer)
    if question.type == 'text':
        return str(answer)
    if question.type == 'ordering':
        texts = {item.id: html_to_text(item.html) for item in question.items}
        return ' > '.join(texts.get(item_id, item_id) for item_id in answer)
    premises = {pair.id: html_to_text(pair.premise_html) for pair in question.pairs}
    responses = {pair.id: html_to_text(pair.response_html) for pair in question.pairs}
    return LIST_SEPARATOR.join(
        f'{premises.get(premise, premise)} \u2192 {responses.get(response, response)}'
        for premise, response in answer.items()
    )


def correct_answer_in_words(question):
    """The answer key in words (accepted texts joined; a regular expression shown between slashes)."""
    if question.type in ('single', 'multiple'):
        return LIST_SEPARATOR.join(html_to_text(c.html) for c in question.choices if c.correct)
    if question.type == 'numeric':
        return numeric_key_in_words(question.numeric)
    if question.type == 'text':
        return ' | '.join(f'/{a.text}/' if a.regex else a.text for a in question.text_answers)
    if question.type == 'ordering':
        return ' > '.join(html_to_text(item.html) for item in question.items)
    return LIST_SEPARATOR.join(
        f'{html_to_text(pair.premise_html)} \u2192 {html_to_text(pair.response_html)}' for pair in question.pairs
    )
