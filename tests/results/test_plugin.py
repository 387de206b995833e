"""cifal_results as the LMS and Studio load it: a plugin app found through entry points, with its settings."""
import importlib
from importlib.metadata import entry_points
from types import SimpleNamespace

import pytest

from cifal_results.apps import CifalResultsConfig


@pytest.mark.parametrize('group', ['lms.djangoapp', 'cms.djangoapp'])
def test_the_app_is_registered_for_the_lms_and_studio(group):
    registered = {entry.name: entry.value for entry in entry_points(group=group)}

    assert registered.get('cifal_results') == 'cifal_results.apps:CifalResultsConfig'


def plugin_settings_modules(project):
    config = CifalResultsConfig.plugin_app['settings_config'][project]
    return [importlib.import_module(f'cifal_results.{entry["relative_path"]}') for entry in config.values()]


def test_plugin_settings_default_to_anonymous_exports_and_keep_the_operators_choice():
    settings = SimpleNamespace(CIFAL_RESULTS={'IDENTIFIED_EXPORTS': True})
    for module in plugin_settings_modules('lms.djangoapp'):
        module.plugin_settings(settings)

    assert settings.CIFAL_RESULTS == {'IDENTIFIED_EXPORTS': True, 'MIN_GROUP_SIZE': 5, 'REPORT_TASK_THRESHOLD': 2000}
    fresh = SimpleNamespace()
    plugin_settings_modules('cms.djangoapp')[0].plugin_settings(fresh)
    assert fresh.CIFAL_RESULTS['IDENTIFIED_EXPORTS'] is False


def test_production_settings_read_the_operators_yaml_tokens():
    settings = SimpleNamespace(CIFAL_RESULTS={'IDENTIFIED_EXPORTS': False, 'MIN_GROUP_SIZE': 5},
                               ENV_TOKENS={'CIFAL_RESULTS': {'MIN_GROUP_SIZE': 10}})
    importlib.import_module('cifal_results.settings.production').plugin_settings(settings)

    assert settings.CIFAL_RESULTS == {'IDENTIFIED_EXPORTS': False, 'MIN_GROUP_SIZE': 10}
