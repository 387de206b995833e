"""
Open edX's own course-structure checks, by olxcleaner (the library behind ``edx-cleaner``), with the suite's blocks
passed as ``allowed_xblocks``. Its findings that are wrong for OLX that Studio imports as it is (``FALSE_POSITIVES``)
are left out with the reason, counted, and listed by ``validate --verbose``, so nothing is hidden from a trainer.
"""
from cifal_course.findings import Report
from cifal_course.olx_tree import CIFAL_TAGS

# olxcleaner name -> a rule giving why the finding does not apply (shown by --verbose), or None when it does.
FALSE_POSITIVES = {
    # olxcleaner requires an end date; Studio imports a course without one, and a self-paced course (as CIFAL's
    # online courses are) has none: it never closes.
    'InvalidSetting': lambda error: ("the course has no end date: Studio imports it and a self-paced course never "
                                     "closes" if "required setting 'end'" in error.description else None),
}
LEVELS = {'ERROR': 'error', 'WARNING': 'warning'}


def olxcleaner_findings(course_folder, report: Report):
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
