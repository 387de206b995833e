"""
The shipped catalogs are complete, consistent with the code, and compiled.

A failure here means: run ``make extract_translations`` (new or changed strings), translate what it reports in each
``conf/locale/<lang>/LC_MESSAGES/*.po``, then ``make compile_translations``; see docs/decisions/0004-translations.md.
"""
import importlib.util
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ('en', 'fr', 'es')


def load_script():
    spec = importlib.util.spec_from_file_location('cifal_i18n_script', ROOT / 'scripts' / 'i18n.py')
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


I18N = load_script()
CATALOGS = [(block, language, domain) for block in I18N.BLOCKS for language in SHIPPED for domain in I18N.DOMAINS]
CATALOG_IDS = [f'{block.package}-{language}-{domain}' for block, language, domain in CATALOGS]

PLACEHOLDER = re.compile(r'\{\w*\}|%\(\w+\)[sd]|%[sd]')
NO_BREAK_SPACES = '\u00a0\u202f'


def load(block, language, domain):
    return polib.pofile(str(block.po_path(language, domain)), encoding='utf-8')


def placeholders(text):
    return sorted(PLACEHOLDER.findall(text))


def msgstrs(entry):
    return [entry.msgstr_plural[index] for index in sorted(entry.msgstr_plural)] if entry.msgid_plural else [
        entry.msgstr]


@pytest.mark.parametrize('block, language, domain', CATALOGS, ids=CATALOG_IDS)
def test_every_string_is_translated_and_not_fuzzy(block, language, domain):
    catalog = load(block, language, domain)
    forms = int(re.search(r'nplurals\s*=\s*(\d+)', catalog.metadata['Plural-Forms']).group(1))

    untranslated = [entry.msgid for entry in catalog if not entry.obsolete and not all(msgstrs(entry))]
    fuzzy = [entry.msgid for entry in catalog.fuzzy_entries()]
    wrong_forms = [entry.msgid for entry in catalog if entry.msgid_plural and len(entry.msgstr_plural) != forms]

    assert catalog.metadata['Language'] == language
    assert len(catalog) > 0
    assert untranslated == [], f'{block.po_path(language, domain)}: translate these'
    assert fuzzy == [], f'{block.po_path(language, domain)}: review and unmark these fuzzy entries'
    assert wrong_forms == [], f'{block.po_path(language, domain)}: give these {forms} plural forms'


@pytest.mark.parametrize('block, language, domain', CATALOGS, ids=CATALOG_IDS)
def test_translations_keep_the_placeholders(block, language, domain):
    broken = []
    for entry in load(block, language, domain).translated_entries():
        expected = placeholders(entry.msgid_plural or entry.msgid)
        broken += [(entry.msgid, text) for text in msgstrs(entry) if placeholders(text) != expected]
    assert broken == []


@pytest.mark.parametrize('block, domain', [(block, domain) for block in I18N.BLOCKS for domain in I18N.DOMAINS])
def test_french_punctuation_has_no_break_spaces(block, domain):
    """French typography: a no-break space before : ; ? ! » and after «, so they never start a line."""
    wrong = []
    for entry in load(block, 'fr', domain).translated_entries():
        for text in msgstrs(entry):
            before = re.findall(r'(.)([:;?!»])', text)
            after = re.findall(r'«(.)', text)
            if any(space not in NO_BREAK_SPACES for space, _ in before) or any(
                    space not in NO_BREAK_SPACES for space in after):
                wrong.append(text)
    assert wrong == []


SPACED_PERCENT = [(block, language, domain)
                  for block in I18N.BLOCKS for language in ('fr', 'es') for domain in I18N.DOMAINS]


@pytest.mark.parametrize('block, language, domain', SPACED_PERCENT)
def test_a_percent_sign_after_a_number_keeps_to_it(block, language, domain):
    """French and Spanish write "95 %" with a no-break space, as Babel formats the figures next to it."""
    wrong = [text for entry in load(block, language, domain).translated_entries() for text in msgstrs(entry)
             if re.search(r'\d ?%(?![(\w])', text)]  # not "%(count)s" nor "%d"
    assert wrong == []


@pytest.mark.parametrize('block, domain', [(block, domain) for block in I18N.BLOCKS for domain in I18N.DOMAINS])
def test_spanish_questions_and_exclamations_open_with_inverted_marks(block, domain):
    wrong = [text for entry in load(block, 'es', domain).translated_entries() for text in msgstrs(entry)
             if text.count('?') != text.count('¿') or text.count('!') != text.count('¡')]
    assert wrong == []


def require_xgettext():
    """Extraction needs GNU gettext's xgettext: skipped on a laptop without it, a failure in CI."""
    if shutil.which('xgettext'):
        return
    message = "comparing the catalogs with the code needs GNU gettext's xgettext (apt-get install gettext)"
    if os.environ.get('CI'):
        pytest.fail(f'{message} (required in CI: $CI is set)', pytrace=False)
    pytest.skip(message)


@pytest.mark.parametrize('block, domain', [(block, domain) for block in I18N.BLOCKS for domain in I18N.DOMAINS])
def test_the_catalogs_hold_exactly_the_strings_of_the_code(block, domain, tmp_path):
    require_xgettext()
    code = {(entry.msgctxt, entry.msgid, entry.msgid_plural) for entry in I18N.extract_pot(block, domain, tmp_path)}

    for language in SHIPPED:
        catalog = {(entry.msgctxt, entry.msgid, entry.msgid_plural) for entry in load(block, language, domain)
                   if not entry.obsolete}
        assert sorted(code - catalog, key=str) == [], (
            f'{language} {domain}: strings of the code missing from the catalog: run make extract_translations')
        assert sorted(catalog - code, key=str) == [], (
            f'{language} {domain}: strings no longer in the code: run make extract_translations')


def test_the_extraction_finds_core_messages_template_tags_and_field_labels(tmp_path):
    require_xgettext()
    quiz = next(block for block in I18N.BLOCKS if block.package == 'cifal_quiz')
    msgids = {entry.msgid for entry in I18N.extract_pot(quiz, 'django', tmp_path)}

    assert "question '{question}': {value} is not a number" in msgids  # cifal_core, gettext_noop
    assert 'Submit answers' in msgids  # {% trans %}
    assert 'Results of attempt %(attempt_number)s' in msgids  # {% blocktrans %}
    assert 'Maximum attempts' in msgids  # a field's display name
    assert 'Knowledge check' in msgids  # a value label


@pytest.mark.parametrize('block, language', [(block, language) for block in I18N.BLOCKS for language in SHIPPED])
def test_the_compiled_files_are_up_to_date(block, language):
    stale = [str(path.relative_to(ROOT)) for path, content in I18N.compiled_files(block, language).items()
             if not path.exists() or path.read_bytes() != content]
    assert stale == [], 'run make compile_translations'


def test_the_lms_finds_the_catalogs_through_the_translations_link():
    for block in I18N.BLOCKS:
        link = block.root / 'translations'
        assert link.is_symlink() and os.readlink(link) == 'conf/locale'
        for language in SHIPPED:
            assert (link / language / 'LC_MESSAGES' / 'text.mo').is_file()


@pytest.mark.skipif(not shutil.which('node'), reason='needs Node.js to run the bundled JS catalogs')
@pytest.mark.parametrize('language, expected', [
    ('en', ['Your answers are saved.', 'Something went wrong; please try again.', 'Untranslated']),
    ('fr', ['Vos réponses sont enregistrées.', 'Une erreur s’est produite\u202f; veuillez réessayer.', 'Untranslated']),
    ('es', ['Sus respuestas se han guardado.', 'Se ha producido un error; vuelva a intentarlo.', 'Untranslated']),
])
def test_the_bundled_js_catalog_defines_the_namespace(language, expected):
    """The catalog file with the shared runtime loaded first, as the views inline it (cifal_core/blocks/assets)."""
    quiz = next(block for block in I18N.BLOCKS if block.package == 'cifal_quiz')
    runtime = I18N.SOURCE_ROOT / 'cifal_core' / 'blocks' / 'assets' / 'i18n_runtime.js'
    script = (
        'globalThis.window = globalThis;'
        f'require({str(runtime)!r});'
        f'require({str(quiz.js_catalog_path(language))!r});'
        'const i18n = window.CifalQuizI18n;'
        "console.log(JSON.stringify([i18n.gettext('Your answers are saved.'),"
        " i18n.gettext('Something went wrong; please try again.'), i18n.gettext('Untranslated'),"
        " i18n.ngettext('one', 'many', 1), i18n.ngettext('one', 'many', 2),"
        " i18n.interpolate('%(a)s-%(b)s', {a: 1, b: 2}, true), i18n.interpolate('%s/%s', [3, 4])]));"
    )
    result = subprocess.run(['node', '-e', script], capture_output=True, text=True, check=True)

    assert json.loads(result.stdout) == [*expected, 'one', 'many', '1-2', '3/4']
