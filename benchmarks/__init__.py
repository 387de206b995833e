"""Benchmarks of the results reports at scale (``make bench`` = ``python -m benchmarks``).

They print figures and assert nothing: speed depends on the machine, so targets are read here, never checked in
tests (a test only runs them with a few attempts to prove they work).
"""
