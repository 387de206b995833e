"""Defaults for every environment: exports are anonymous unless the operator says otherwise."""


def plugin_settings(settings):
    """Add the app's defaults without overriding what the operator already set."""
    defaults = {
        # Names and e-mails in exports only when the operator allows it AND the person asking is staff.
        'IDENTIFIED_EXPORTS': False,
        # Minimum group size shown in questionnaire breakdowns (smaller groups are suppressed).
        'MIN_GROUP_SIZE': 5,
    }
    configured = getattr(settings, 'CIFAL_RESULTS', {}) or {}
    settings.CIFAL_RESULTS = {**defaults, **configured}
