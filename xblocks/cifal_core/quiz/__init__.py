"""Quiz-level rules: settings, grading of attempts and when answers may be revealed."""
