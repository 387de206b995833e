"""The blocks' templates: compiled once, rendered with the block's own catalog where the platform's i18n service
has one (the LMS's ``XBlockI18nService``), and never changing the platform's own translations (ADR 4)."""
from types import SimpleNamespace

import pytest
from django.utils import translation

from cifal_core.blocks.rendering import BlockRenderer

NOTHING = 'There is nothing to answer in this quiz yet.'


class CatalogService:
    """What the LMS's i18n service looks like to a template: a gettext translations object with its ``_catalog``
    (the block's ``text.mo``)."""

    def __init__(self, catalog):
        self._catalog, self._info, self._fallback = catalog, {}, None
        self.plural = lambda n: int(n != 1)

    def gettext(self, message):
        return self._catalog.get(message, message)


def block_with(service):
    return SimpleNamespace(runtime=SimpleNamespace(service=lambda block, name: service))


@pytest.fixture
def renderer():
    return BlockRenderer('cifal_quiz')


def test_a_template_is_compiled_once(renderer):
    assert renderer.template('empty.html') is renderer.template('empty.html')


def test_the_block_s_catalog_translates_its_templates_and_the_platform_s_translations_stay_as_they_were(renderer):
    service = CatalogService({NOTHING: 'BLOCK-CATALOG-FR'})

    with translation.override('fr'):
        platform_before = translation.gettext(NOTHING)
        html = renderer.render(block_with(service), 'empty.html', {'for_staff': False})
        again = renderer.render(block_with(service), 'empty.html', {'for_staff': False})
        platform_after = translation.gettext(NOTHING)
        language_after = translation.get_language()

    assert 'BLOCK-CATALOG-FR' in html and 'BLOCK-CATALOG-FR' in again
    assert platform_after == platform_before != 'BLOCK-CATALOG-FR' and language_after == 'fr'


def test_without_a_catalog_the_language_s_own_translations_are_used(renderer):
    """The workbench's service translates with Django's catalogs (the blocks' ``conf/locale``)."""
    workbench_like = SimpleNamespace(gettext=translation.gettext)

    with translation.override('fr'):
        expected = translation.gettext(NOTHING)
        html = renderer.render(block_with(workbench_like), 'empty.html', {'for_staff': False})

    assert expected != NOTHING and expected in html


def test_two_catalogs_of_one_language_are_kept_apart(renderer):
    first, second = CatalogService({NOTHING: 'FIRST'}), CatalogService({NOTHING: 'SECOND'})

    with translation.override('es'):
        assert 'FIRST' in renderer.render(block_with(first), 'empty.html', {'for_staff': False})
        assert 'SECOND' in renderer.render(block_with(second), 'empty.html', {'for_staff': False})
