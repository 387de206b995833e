"""
The trainers' command line for the CIFAL course (``cifal-course``): validate a course, a module or an archive, build
Studio's import archive, assemble a course from reusable modules, start a module, import a Moodle GIFT question bank,
preview units in the workbench.

Plain Python: it reads OLX with the blocks' own parsers (``cifal_core``), so a trainer meets here exactly the
messages Studio would show on import, and never needs a running Open edX. See docs/decisions/0012-course-modules.md.
"""
