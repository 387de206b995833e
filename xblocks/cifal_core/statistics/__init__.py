"""Quiz and questionnaire statistics: plain Python, computed from per-attempt records.

The definitions follow Moodle's quiz statistics report (facility, discrimination, discriminative
efficiency, Cronbach alpha...) and Hake's normalized gain, because those are the numbers evaluators
already know how to read. Every result is a ``Stat`` that carries its sample size, and a statistic
with too few data is "n/a" rather than a division by zero or a NaN, so reports can show small pilot
cohorts without special cases.

Modules: ``values`` (the Stat value and minimum sample sizes), ``descriptive`` (mean, median, SD,
skewness, kurtosis), ``items`` (per-question statistics), ``whole_test`` (the test as a whole),
``gain`` (pre/post knowledge gain) and ``reaction`` (Likert, NPS and suppressed breakdowns).
"""
