"""
``cifal_results``: the append-only results store of the CIFAL blocks and the evaluators' reports.

Installed in the LMS and Studio as an edx-django-utils plugin app (entry points ``lms.djangoapp`` and
``cms.djangoapp``), or simply listed in ``INSTALLED_APPS`` (the suite's workbench settings do that).
"""
