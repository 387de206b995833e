"""The scenario module's functional core (``cifal_scenario``): content, OLX, graph checks, the learner's run, scores
and path analytics. Plain Python: no XBlock import."""
