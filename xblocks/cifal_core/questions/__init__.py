"""Quiz questions: the content model, OLX import/export, learner answers and scoring."""
