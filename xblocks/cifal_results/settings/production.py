"""Production: read the operator's ``CIFAL_RESULTS`` from the LMS's YAML/env tokens when present."""


def plugin_settings(settings):
    tokens = getattr(settings, 'ENV_TOKENS', {}) or {}
    if 'CIFAL_RESULTS' in tokens:
        settings.CIFAL_RESULTS = {**getattr(settings, 'CIFAL_RESULTS', {}), **tokens['CIFAL_RESULTS']}
