"""The app's settings as the code reads them (defaults apply when the plugin settings did not run)."""
from django.conf import settings

DEFAULTS = {'IDENTIFIED_EXPORTS': False, 'MIN_GROUP_SIZE': 5}


def results_setting(name):
    return {**DEFAULTS, **(getattr(settings, 'CIFAL_RESULTS', {}) or {})}[name]
