"""French content shipped with the blocks follows French typography: a no-break space before : ; ? ! and », so
that a phone's narrow column never starts a line with the mark (as the French catalogs do, test_i18n_catalogs)."""
import re
from pathlib import Path

import pytest
from lxml import etree

ROOT = Path(__file__).resolve().parents[2]
FRENCH_OLX = sorted(ROOT.glob('xblocks/*/scenarios/*_fr.xml')) + sorted(ROOT.glob('course_content/**/*.fr.xml'))
BREAKING_SPACE_BEFORE_MARK = re.compile(r'[ \t\n]([:;?!»])')


@pytest.mark.parametrize('path', FRENCH_OLX, ids=lambda path: str(path.relative_to(ROOT)))
def test_french_text_keeps_its_punctuation_with_the_word_before(path):
    tree = etree.parse(str(path))
    wrong = [(element.sourceline, text.strip()[:80]) for element in tree.iter(tag=etree.Element)
             for text in (element.text, element.tail) if text and BREAKING_SPACE_BEFORE_MARK.search(text)]
    assert wrong == [], f'{path.name}: use a no-break space (U+00A0) before the mark'
