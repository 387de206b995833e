"""Development settings and services that make xblock-sdk's workbench behave like the LMS for this suite."""
