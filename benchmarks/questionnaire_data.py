"""A synthetic reaction questionnaire: 15 items (the CIFAL template's kinds: profile, Likert, a matrix of three
statements, NPS, single and multiple choice, free text) and N anonymous responses.

Respondents have a mood that tilts their scale answers, and a stakeholder group, so that the breakdowns have groups
of every size to show or hide. Answers are cleaned by the suite's own ``clean_response``, so the rows are those the
block would have written; they are inserted with ``bulk_create`` in batches.
"""
import random
from datetime import date, timedelta

from cifal_core.questionnaire.answers import clean_response
from cifal_core.questionnaire.models import Item, Option, QuestionnaireContent, Row

COURSE = 'course-v1:UNITAR+BENCH+2025'
BLOCK = 'block-v1:UNITAR+BENCH+2025+type@cifal_questionnaire+block@reaction'
BATCH = 2000
GROUPS = ('local_gov', 'national_gov', 'civil_society', 'intl_org', 'academia', 'private', 'other')
GROUP_WEIGHTS = (40, 15, 20, 12, 8, 4, 1)  # "other" stays below the minimum group size
REGIONS = ('africa', 'americas', 'arab_states', 'asia_pacific', 'europe_ca')
COMMENTS = ('More case studies from small towns.', 'The pace was too fast.', '=HYPERLINK("http://x","y")',
            'Des exemples de villes de transit.', 'Más tiempo para el plan de acción.')


def _options(ids):
    return tuple(Option(option_id, option_id.replace('_', ' ').title()) for option_id in ids)


def _likert(item_id, indicator='', scale='agree5'):
    return Item(item_id, 'likert', f'<p>Statement {item_id}.</p>', scale=scale, indicator=indicator)


ITEMS = (
    Item('group', 'profile', '<p>Where do you work?</p>', required=True, options=_options(GROUPS)),
    Item('region', 'profile', '<p>Which region?</p>', options=_options(REGIONS)),
    _likert('objectives', 'utility'),
    _likert('applicability', 'applicability'),
    _likert('apply_soon', 'application'),
    _likert('confidence', 'confidence'),
    _likert('satisfaction', 'satisfaction', scale='satisfied5'),
    _likert('useful', scale='useful4'),
    _likert('trainer', 'facilitation'),
    Item('quality', 'matrix', '<p>How far do you agree?</p>', scale='agree5', allow_na=True,
         rows=(Row('materials', 'Materials', 'materials'), Row('pace', 'Pace'), Row('exchange', 'Exchanges'))),
    Item('recommend', 'nps', '<p>Would you recommend it?</p>', indicator='recommend', required=True),
    Item('format', 'single', '<p>Which format suits you?</p>', options=_options(('online', 'blended', 'room'))),
    Item('topics', 'multiple', '<p>Which topics did you use?</p>', other=True,
         options=_options(('cohesion', 'transit', 'origin', 'profiles', 'mainstreaming', 'icrmw'))),
    Item('most_useful', 'text', '<p>What was most useful?</p>', long=True, max_length=2000),
    Item('improve', 'text', '<p>What should change?</p>', long=True, max_length=2000),
)
CONTENT = QuestionnaireContent(intro_html='<p>Benchmark questionnaire</p>', items=ITEMS)


def _point(rng, mood, size):
    return max(1, min(size, round(rng.gauss(size * 0.6 + mood, 1.0))))


def response(rng: random.Random) -> dict:
    """One respondent's answers, cleaned as the block cleans them (a dict ready to store)."""
    mood = rng.gauss(0.3, 1.0)
    answers = {'group': rng.choices(GROUPS, GROUP_WEIGHTS)[0], 'recommend': max(0, min(10, round(7 + 2 * mood)))}
    if rng.random() < 0.8:
        answers['region'] = rng.choice(REGIONS)
    for item in ITEMS:
        if item.type == 'likert' and rng.random() < 0.95:
            answers[item.id] = _point(rng, mood, 4 if item.scale == 'useful4' else 5)
    answers['quality'] = {row.id: ('na' if rng.random() < 0.05 else _point(rng, mood, 5)) for row in ITEMS[9].rows}
    answers['format'] = rng.choice(('online', 'blended', 'room'))
    answers['topics'] = rng.sample(('cohesion', 'transit', 'origin', 'profiles', 'mainstreaming', 'icrmw'),
                                   rng.randint(1, 3))
    other = {}
    if rng.random() < 0.1:
        answers['topics'].append('other')
        other['topics'] = 'Climate and mobility'
    for item_id in ('most_useful', 'improve'):
        if rng.random() < 0.3:
            answers[item_id] = rng.choice(COMMENTS)
    return clean_response(CONTENT, answers, other).to_dict()


def generate(responses: int, seed: int = 2025) -> dict:
    """``responses`` anonymous responses to the questionnaire. Returns {'block': usage key, 'rows': count}."""
    from cifal_results.api import content_version  # pylint: disable=import-outside-toplevel
    from cifal_results.models import AnonymousResponse  # pylint: disable=import-outside-toplevel

    rng = random.Random(seed)
    version = content_version(BLOCK, 'cifal_questionnaire', 'Benchmark reaction', CONTENT.to_dict())
    first_day = date(2025, 3, 1)
    batch = []
    for number in range(responses):
        batch.append(AnonymousResponse(course_key=COURSE, usage_key=BLOCK, block_type='cifal_questionnaire',
                                       content_version=version, answers=response(rng),
                                       submitted_on=first_day + timedelta(days=number % 30)))
        if len(batch) >= BATCH:
            AnonymousResponse.objects.bulk_create(batch)
            batch.clear()
    if batch:
        AnonymousResponse.objects.bulk_create(batch)
    return {'block': BLOCK, 'rows': responses, 'items': len(ITEMS)}
