"""The app's settings as the code reads them (defaults apply when the plugin settings did not run)."""
from django.conf import settings

# EXPORT_REFLECTIONS: a scenario's reflections are the learner's own words; they reach the results store (and the
# ``scenario-paths`` report) only when the operator turns this on.
DEFAULTS = {'IDENTIFIED_EXPORTS': False, 'MIN_GROUP_SIZE': 5, 'EXPORT_REFLECTIONS': False}


def results_setting(name):
    return {**DEFAULTS, **(getattr(settings, 'CIFAL_RESULTS', {}) or {})}[name]
