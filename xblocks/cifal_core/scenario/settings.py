"""The scenario module's settings table (``cifal_core.settings``): OLX import, export, the editor and the fields."""
from cifal_core.messages import gettext_noop
from cifal_core.settings import SettingSpec, coerce, defaults, format_value, spec_table

SCENARIO_SETTINGS = spec_table(
    SettingSpec('display_name', 'str', gettext_noop('Case scenario'), max_length=255),  # translated until set
    SettingSpec('graded', 'bool', False),
    SettingSpec('allow_back', 'bool', True),
    SettingSpec('weight', 'float', 1.0, minimum=0, maximum=1000),
)


def default_settings() -> dict:
    return defaults(SCENARIO_SETTINGS)


def coerce_setting(name, raw):
    return coerce(SCENARIO_SETTINGS[name], raw)


def format_setting(name, value) -> str:
    return format_value(SCENARIO_SETTINGS[name], value)
