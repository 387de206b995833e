"""Let a tester switch the workbench's language with ``?lang=fr`` (remembered in Django's language cookie)."""
from django.conf import settings
from django.utils import translation


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
