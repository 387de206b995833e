"""
Open edX's own course-structure checks, by olxcleaner (the library behind ``edx-cleaner``), with the suite's blocks
passed as ``allowed_xblocks``. A few of its findings are wrong for OLX that Studio imports as it is; those are left
out with the reason, counted, and listed by ``validate --verbose`` so nothing is hidden from a curious trainer.
"""
from cifal_course.findings import Report

CIFAL_TAGS = ('cifal_quiz', 'cifal_questionnaire', 'cifal_scenario')
# olxcleaner name -> why it does not apply here (a reason is shown by --verbose).
FALSE_POSITIVES = {
    # olxcleaner reads an XBlock-style block's file as a container and expects a display_name in the pointer; our
    # blocks keep display_name in their own file, as Studio's export writes them.
    'MissingDisplayName': lambda error: (any(f'<{tag}' in error.description for tag in CIFAL_TAGS)
                                         and 'a cifal block keeps its display_name in its own file, as Studio '
                                             'exports it'),
    # Open edX fills the default tabs when policy.json has none; olxcleaner's check predates that behaviour.
    'MissingTabs': lambda error: 'Studio creates the default tabs on import when the course lists none',
}
LEVELS = {'ERROR': 'error', 'WARNING': 'warning'}


def olxcleaner_findings(course_folder, report: Report, relative_to=None):
    """Add olxcleaner's errors and warnings about ``course_folder`` to ``report``; ``[(name, reason)]`` filtered."""
    from olxcleaner import validate  # imported here: only a course folder needs it

    _, store, _ = validate(str(course_folder), steps=8, allowed_xblocks=CIFAL_TAGS)
    filtered = []
    for error in store.errors:
        severity = LEVELS.get(error.level)
        if severity is None:
            continue
        rule = FALSE_POSITIVES.get(error.name)
        reason = rule(error) if rule else None
        if reason:
            filtered.append((error.name, error.filename, reason))
            continue
        message = f'{error.description} (olxcleaner {error.name})'
        getattr(report, severity)(message, error.filename or '', None, 'olxcleaner')
    return filtered
