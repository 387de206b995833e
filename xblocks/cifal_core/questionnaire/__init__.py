"""
The feedback questionnaire's domain, in plain Python: items and scales (``models``, ``scales``), OLX import and
export (``parse``, ``serialize``), authoring rules (``authoring``), respondents' answers and which items are shown
(``answers``), and the figures sponsors quote (``figures``).
"""
