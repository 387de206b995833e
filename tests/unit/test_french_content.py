"""French content shipped with the blocks and the course follows French typography: a no-break space before
: ; ? ! and », and after «, so that a phone's narrow column never starts a line with the mark (as the French
catalogs do, test_i18n_catalogs)."""
import re
import tomllib
from pathlib import Path

import pytest
from lxml import etree

ROOT = Path(__file__).resolve().parents[2]
MODULES = ROOT / 'course_content' / 'modules'


def french_modules():
    return [path.parent for path in sorted(MODULES.glob('*/module.toml'))
            if tomllib.loads(path.read_text(encoding='utf-8')).get('language') == 'fr']


FRENCH_FILES = (sorted(ROOT.glob('xblocks/*/scenarios/*_fr.xml')) + sorted(MODULES.glob('*/pool/fr.xml'))
                + [path for folder in french_modules() for path in sorted(folder.rglob('*'))
                   if path.suffix in ('.xml', '.html') and path.parent.name != 'pool']
                + sorted(ROOT.glob('course_content/courses/*-fr/about/*.html')))
BREAKING_SPACE_BEFORE_MARK = re.compile(r'[ \t\n]([:;?!»])|«[ \t\n]')


def test_french_content_is_found():
    assert len(french_modules()) >= 5 and len(FRENCH_FILES) >= 20


@pytest.mark.parametrize('path', FRENCH_FILES, ids=lambda path: str(path.relative_to(ROOT)))
def test_french_text_keeps_its_punctuation_with_the_word_before(path):
    text = path.read_text(encoding='utf-8')
    if path.suffix == '.html':  # a fragment: several top-level elements
        text = f'<div>{text}</div>'
    tree = etree.fromstring(text.encode('utf-8'), etree.XMLParser(resolve_entities=False))
    wrong = [(element.sourceline, text.strip()[:80]) for element in tree.iter(tag=etree.Element)
             for text in (element.text, element.tail, *element.attrib.values())
             if text and BREAKING_SPACE_BEFORE_MARK.search(text)]
    assert wrong == [], f'{path.name}: use a no-break space (U+00A0) before the mark'
