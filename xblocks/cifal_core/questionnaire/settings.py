"""The questionnaire's settings table (``cifal_core.settings``): OLX import, export, the editor and the fields."""
from cifal_core.messages import gettext_noop
from cifal_core.settings import SettingSpec, coerce, defaults, format_value, spec_table

QUESTIONNAIRE_SETTINGS = spec_table(
    SettingSpec('display_name', 'str', gettext_noop('Questionnaire'), max_length=255),  # translated until set
    # Anonymous by default: a reaction questionnaire's answers are worth quoting only if people answer freely.
    SettingSpec('anonymous', 'bool', True),
    SettingSpec('editable', 'bool', False),
    SettingSpec('show_results', 'bool', False),
)


def default_settings() -> dict:
    return defaults(QUESTIONNAIRE_SETTINGS)


def coerce_setting(name, raw):
    return coerce(QUESTIONNAIRE_SETTINGS[name], raw)


def format_setting(name, value) -> str:
    return format_value(QUESTIONNAIRE_SETTINGS[name], value)
