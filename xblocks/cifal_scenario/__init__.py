"""``cifal_scenario``: interactive migration modules (case scenarios with decisions, consequences, indicators,
self-checks and reflections that become the learner's action plan)."""
