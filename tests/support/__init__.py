"""Helpers shared by the tests: the workbench as a subprocess, the browser, axe-core."""
