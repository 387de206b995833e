"""Functional core of the CIFAL quiz: plain Python with no XBlock import.

The XBlock is a thin shell around this package, so that parsing OLX, checking learner answers,
scoring, sampling and the reveal policy can be unit-tested (and reused by reports and the mobile
API) without a running Open edX platform.
"""
