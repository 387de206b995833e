"""
The quiz's domain, in plain Python: its questions (``models``), OLX import and export (``parse``, ``parse_parts``,
``serialize``), learner answers (``answers``, ``numbers``, ``text``, ``codes``), scoring, per-learner layouts
(``sampling``), settings, grading, reveal policies and authoring rules (``authoring``, ``editor``). The scenario
module's self-checks reuse the question model and its rules.
"""
