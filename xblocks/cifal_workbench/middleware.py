"""
Two request-level fixes of the workbench: a tester switches the language with ``?lang=fr`` (remembered in Django's
language cookie), and the scenario list is complete before any view reads it.
"""
import threading

from django.conf import settings
from django.utils import translation

_SCENARIOS_LOCK = threading.Lock()


class LanguageFromQueryMiddleware:
    """Activate ``?lang=`` when it names a shipped language; LocaleMiddleware handles everything else."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.languages = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request):
        language = request.GET.get('lang')
        if language not in self.languages:
            return self.get_response(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.set_cookie(settings.LANGUAGE_COOKIE_NAME, language, samesite='Lax')
        return response


class ScenariosReadyMiddleware:
    """The sdk loads its scenarios on the first request that needs them, filling the list as it goes; a second
    request arriving meanwhile (a browser and a readiness probe at once) saw the block demos without the course
    units loaded after them. The first request loads them under a lock; the others wait for the whole list."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.ready = False

    def __call__(self, request):
        if not self.ready:
            from workbench import scenarios
            with _SCENARIOS_LOCK:
                if not self.ready:
                    scenarios.get_scenarios()
                    self.ready = True
        return self.get_response(request)
