"""The app's configuration, with the plugin declaration the LMS and Studio read (edx-django-utils convention)."""
from importlib import import_module

from django.apps import AppConfig, apps


class CifalResultsConfig(AppConfig):
    """Results store and reports. No URLs: evaluators use the management command and the blocks' dashboards."""

    name = 'cifal_results'
    label = 'cifal_results'
    verbose_name = 'CIFAL results'
    default_auto_field = 'django.db.models.BigAutoField'

    # Read by edx-django-utils' plugin manager in the LMS and Studio; plain strings so that the app needs no
    # platform import and works the same when simply listed in INSTALLED_APPS.
    plugin_app = {
        'settings_config': {
            'lms.djangoapp': {
                'common': {'relative_path': 'settings.common'},
                'production': {'relative_path': 'settings.production'},
            },
            'cms.djangoapp': {
                'common': {'relative_path': 'settings.common'},
            },
        },
    }

    def ready(self):
        if apps.is_installed('event_routing_backends'):  # xAPI for Aspects where ERB runs (docs/xapi.md)
            import_module('cifal_results.xapi')  # registers the transformers
