"""
Translation helpers shared by the blocks.

Python strings go through the runtime's i18n service, so that the LMS's XBlockI18nService uses the block's own
catalog (``<package>/translations/<lang>/LC_MESSAGES/text.mo``) and the workbench uses Django's (``LOCALE_PATHS``).
JS strings come from the platform's JS catalog for ``i18n_js_namespace`` where the i18n service offers one, and
from the catalog bundled in the package's ``public/js/translations/<lang>/text.js`` otherwise.
"""
from django.utils import translation

# Marks a string for extraction where it must stay untranslated until shown (field labels, choices).
from cifal_core.messages import gettext_noop as gettext_noop

SHIPPED_LANGUAGES = ('en', 'fr', 'es')


class Translator:
    """``_`` and ``ngettext`` bound to a block's i18n service (falls back to Django's when there is none)."""

    def __init__(self, block):
        service = block.runtime.service(block, 'i18n')
        self._gettext = getattr(service, 'gettext', None) or translation.gettext
        self._ngettext = getattr(service, 'ngettext', None) or translation.ngettext

    def gettext(self, text):
        return self._gettext(text)

    def ngettext(self, singular, plural, number):
        return self._ngettext(singular, plural, number)


def current_language():
    """The two-letter language the page is shown in, limited to the shipped catalogs (English otherwise)."""
    language = (translation.get_language() or 'en').split('-')[0].lower()
    return language if language in SHIPPED_LANGUAGES else 'en'


def add_js_catalog(fragment, block):
    """Give the block's JS its catalog: the platform's for ``i18n_js_namespace`` if offered, else the bundled one."""
    service = block.runtime.service(block, 'i18n')
    url = None
    platform_catalog = getattr(service, 'get_javascript_i18n_catalog_url', None)
    if callable(platform_catalog):
        try:
            url = platform_catalog(block)
        except Exception:  # pylint: disable=broad-exception-caught
            url = None  # an older platform without a catalog for this block: use the bundled one
    if not url:
        url = block.runtime.local_resource_url(block, f'public/js/translations/{current_language()}/text.js')
    fragment.add_javascript_url(url)
