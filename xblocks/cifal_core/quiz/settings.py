"""The quiz's settings table (``cifal_core.settings``): OLX import, OLX export, the editor and the fields share it."""
from cifal_core.messages import gettext_noop
from cifal_core.settings import SettingSpec, coerce, defaults, format_number, format_value, parse_bool, spec_table

ROLES = ('knowledge_check', 'pre', 'post')
GRADING_METHODS = ('best', 'last', 'first', 'average')
SHOW_ANSWERS = ('after_attempt', 'after_final_attempt', 'after_pass', 'never')
SHOW_CORRECTNESS = ('always', 'never')

QUIZ_SETTINGS = spec_table(
    SettingSpec('display_name', 'str', gettext_noop('Quiz'), max_length=255),  # shown translated until set
    SettingSpec('role', 'choice', 'knowledge_check', choices=ROLES),
    SettingSpec('pair', 'str', '', max_length=100),
    SettingSpec('weight', 'float', 1.0, minimum=0, maximum=1000),
    SettingSpec('max_attempts', 'int', 0, minimum=0, maximum=1000),  # 0 = unlimited
    SettingSpec('grading', 'choice', 'best', choices=GRADING_METHODS),
    # Percent of the points needed to pass. 50 rather than 0 so that "after_pass" and pass/fail
    # reports mean something out of the box; 0 means "no pass mark": any finished attempt passes.
    SettingSpec('pass_mark', 'float', 50.0, minimum=0, maximum=100),
    SettingSpec('show_answers', 'choice', 'after_attempt', choices=SHOW_ANSWERS),
    SettingSpec('show_correctness', 'choice', 'always', choices=SHOW_CORRECTNESS),
    SettingSpec('shuffle_questions', 'bool', False),
    SettingSpec('shuffle_choices', 'bool', False),
    SettingSpec('draw', 'int', 0, minimum=0, maximum=1000),  # 0 = every question of the pool
)

__all__ = ['GRADING_METHODS', 'QUIZ_SETTINGS', 'ROLES', 'SHOW_ANSWERS', 'SHOW_CORRECTNESS', 'coerce_setting',
           'default_settings', 'format_number', 'format_setting', 'parse_bool']


def default_settings() -> dict:
    """Every quiz setting with its default value."""
    return defaults(QUIZ_SETTINGS)


def coerce_setting(name, raw):
    """A quiz attribute's value, typed (KeyError for a name that is not a quiz setting; ``SettingError``)."""
    return coerce(QUIZ_SETTINGS[name], raw)


def format_setting(name, value) -> str:
    """The OLX attribute text of a quiz setting's value."""
    return format_value(QUIZ_SETTINGS[name], value)
