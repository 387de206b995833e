"""``cifal_quiz``: the graded assessment quiz (knowledge checks, pre-test and post-test)."""
