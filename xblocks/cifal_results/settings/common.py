"""Defaults for every environment: exports are anonymous unless the operator says otherwise."""


def plugin_settings(settings):
    """Add the app's defaults without overriding what the operator already set."""
    defaults = {
        # Names and e-mails in exports only when the operator allows it AND the person asking is staff.
        'IDENTIFIED_EXPORTS': False,
        # Minimum group size shown in questionnaire breakdowns (smaller groups are suppressed).
        'MIN_GROUP_SIZE': 5,
        # Dashboard downloads reading more stored records than this are prepared by a Celery task on the LMS's
        # workers (the GRADES_DOWNLOAD_ROUTING_KEY queue, unless REPORT_TASK_QUEUE names another) and stored in the
        # instructor dashboard's report store (GRADES_DOWNLOAD); smaller ones are built while staff wait.
        'REPORT_TASK_THRESHOLD': 2000,
    }
    configured = getattr(settings, 'CIFAL_RESULTS', {}) or {}
    settings.CIFAL_RESULTS = {**defaults, **configured}
