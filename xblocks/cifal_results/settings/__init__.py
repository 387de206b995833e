"""Plugin settings for the LMS and Studio (edx-django-utils calls ``plugin_settings(settings)``)."""
