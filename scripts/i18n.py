#!/usr/bin/env python
"""
Extract and compile the translations of the CIFAL blocks (``make extract_translations`` / ``compile_translations``).

Each block package has its own catalogs (OEP-58 layout), which also hold the ``cifal_core`` strings the block shows,
because the LMS loads one catalog per XBlock module::

    xblocks/<block>/conf/locale/<lang>/LC_MESSAGES/django.po     Python and template strings
    xblocks/<block>/conf/locale/<lang>/LC_MESSAGES/djangojs.po   JS strings
    xblocks/<block>/translations -> conf/locale                  what the LMS's XBlockI18nService reads

``extract`` collects the strings from the code (Python through GNU ``xgettext``, Django templates turned into
Python by Django's own ``templatize`` first, as ``makemessages`` does), then merges them into every language's
``.po`` file with polib: new strings are added untranslated, translations of the existing ones are kept, strings no
longer in the code are dropped. The English catalogs are filled with the source text.

``compile`` writes, beside each ``.po``, the ``.mo`` files (``django.mo``; ``text.mo``, the same catalog under the
name the LMS looks for; ``djangojs.mo``) and the bundled JS catalog ``public/js/translations/<lang>/text.js``
that installs ``window.<i18n_js_namespace> = {gettext, ngettext, interpolate}`` for platforms without one, with the
functions every block shares (``cifal_core/blocks/assets/i18n_runtime.js``).

    python scripts/i18n.py extract [--language xx]    # --language adds a new language's catalogs
    python scripts/i18n.py compile
"""
import argparse
import json
import re
import shutil
import subprocess  # noqa: S404 - runs GNU xgettext on the repository's own files
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import polib

SOURCE_ROOT = Path(__file__).resolve().parent.parent / 'xblocks'

# GNU gettext's rules; a language must be listed here before its catalogs are created (the UN official languages).
PLURAL_FORMS = {
    'ar': 'nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);',
    'en': 'nplurals=2; plural=(n != 1);',
    'es': 'nplurals=2; plural=(n != 1);',
    'fr': 'nplurals=2; plural=(n > 1);',
    'ru': 'nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);',
    'zh': 'nplurals=1; plural=0;',
}
LANGUAGE_NAMES = {'ar': 'Arabic', 'en': 'English', 'es': 'Spanish', 'fr': 'French', 'ru': 'Russian', 'zh': 'Chinese'}
SOURCE_LANGUAGE = 'en'
DOMAINS = ('django', 'djangojs')

# Django's makemessages keywords, on top of xgettext's defaults (_, gettext, ngettext:1,2, ...).
PYTHON_KEYWORDS = ('gettext_noop', 'gettext_lazy', 'ngettext_lazy:1,2', 'pgettext:1c,2', 'npgettext:1c,2,3',
                   'pgettext_lazy:1c,2', 'npgettext_lazy:1c,2,3')
XGETTEXT_OPTIONS = ('--from-code=UTF-8', '--add-comments=Translators', '--no-wrap')


@dataclass(frozen=True)
class Block:
    """A block package whose catalogs hold its own strings and those of the shared packages it shows."""

    package: str
    shared: tuple = ()
    js_namespace: str = ''

    @property
    def root(self):
        return SOURCE_ROOT / self.package

    @property
    def locale_dir(self):
        return self.root / 'conf' / 'locale'

    def po_path(self, language, domain):
        return self.locale_dir / language / 'LC_MESSAGES' / f'{domain}.po'

    def js_catalog_path(self, language):
        return self.root / 'public' / 'js' / 'translations' / language / 'text.js'

    def languages(self):
        """The languages that have catalogs, English first."""
        found = sorted(path.name for path in self.locale_dir.glob('*') if (path / 'LC_MESSAGES').is_dir())
        return sorted(found, key=lambda language: language != SOURCE_LANGUAGE)

    def sources(self, domain):
        """Paths relative to ``xblocks/`` of the files whose strings go into ``domain``, in a stable order: the
        block's own, plus the shared code it uses (``shared``: folders or files under ``xblocks/``)."""
        files = []
        for part in (self.package, *self.shared):
            root = SOURCE_ROOT / part
            candidates = [root] if root.is_file() else root.rglob('*')
            for path in candidates:
                if domain == 'djangojs':
                    keep = path.suffix == '.js' and 'translations' not in path.parts
                else:
                    keep = path.suffix == '.py' or (path.suffix == '.html' and 'templates' in path.parts)
                if keep and '__pycache__' not in path.parts:
                    files.append(path)
        return sorted({str(path.relative_to(SOURCE_ROOT)) for path in files})


# The shared code each block shows strings of (ADR 9): its catalog holds those and its own, nothing else.
SHARED_BY_EVERY_BLOCK = ('cifal_core/blocks', 'cifal_core/payloads.py', 'cifal_core/settings.py',
                         'cifal_core/olx.py', 'cifal_core/problems.py', 'cifal_core/messages.py',
                         'cifal_core/errors.py')

BLOCKS = (
    Block('cifal_quiz', shared=(*SHARED_BY_EVERY_BLOCK, 'cifal_core/quiz', 'cifal_core/statistics'),
          js_namespace='CifalQuizI18n'),
    Block('cifal_questionnaire', shared=(*SHARED_BY_EVERY_BLOCK, 'cifal_core/questionnaire',
                                         'cifal_core/conditions.py'),
          js_namespace='CifalQuestionnaireI18n'),
    Block('cifal_scenario', shared=(*SHARED_BY_EVERY_BLOCK, 'cifal_core/scenario', 'cifal_core/conditions.py',
                                    'cifal_core/quiz/answers.py', 'cifal_core/quiz/parse.py',
                                    'cifal_core/quiz/parse_parts.py', 'cifal_core/quiz/numbers.py'),
          js_namespace='CifalScenarioI18n'),
)


# ---- extract ---------------------------------------------------------------------------------------------------

def xgettext():
    """The path of GNU xgettext, or a clear error (``apt-get install gettext``)."""
    program = shutil.which('xgettext')
    if not program:
        raise SystemExit('scripts/i18n.py extract needs GNU gettext\'s xgettext: apt-get install gettext')
    return program


def extract_pot(block, domain, workdir):
    """The strings of ``block``'s sources for ``domain`` as a polib catalog (template), references relative."""
    from django.utils.translation.template import templatize  # Django's own template-to-Python, as makemessages

    workdir = Path(workdir)
    inputs = []
    for relative in block.sources(domain):
        if relative.endswith('.html'):
            text = (SOURCE_ROOT / relative).read_text(encoding='utf-8')
            target = workdir / f'{relative}.py'
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(templatize(text, origin=relative), encoding='utf-8')
            inputs.append(f'{relative}.py')
        else:
            inputs.append(relative)
    output = workdir / f'{domain}.pot'
    language = 'JavaScript' if domain == 'djangojs' else 'Python'
    keywords = () if domain == 'djangojs' else tuple(f'--keyword={keyword}' for keyword in PYTHON_KEYWORDS)
    command = [xgettext(), f'--language={language}', *XGETTEXT_OPTIONS, *keywords,
               f'--directory={SOURCE_ROOT}', f'--directory={workdir}', f'--output={output}', *inputs]
    subprocess.run(command, check=True)  # noqa: S603 - fixed program, arguments are repository paths
    pot = polib.pofile(str(output), encoding='utf-8') if output.exists() else polib.POFile()
    for entry in pot:
        entry.occurrences = [(path.removesuffix('.html.py') + '.html' if path.endswith('.html.py') else path, line)
                             for path, line in entry.occurrences]
    return pot


def header(block, language, domain, previous=None):
    metadata = {
        'Project-Id-Version': f'cifal-xblocks {block.package} ({domain})',
        'Report-Msgid-Bugs-To': '',
        'Language': language,
        'MIME-Version': '1.0',
        'Content-Type': 'text/plain; charset=UTF-8',
        'Content-Transfer-Encoding': '8bit',
        'Plural-Forms': PLURAL_FORMS[language],
    }
    if previous:
        metadata.update({key: value for key, value in previous.items() if key not in ('Language', 'Content-Type')})
    return metadata


def merge(block, pot, language, domain, previous=None):
    """``language``'s catalog for the template ``pot``: existing translations kept, English filled from the source."""
    catalog = polib.POFile(wrapwidth=120)
    name = LANGUAGE_NAMES.get(language, language)
    catalog.header = (previous.header if previous and previous.header else
                      f'{block.package}: {name} translations of the {domain} domain.\n'
                      'Refresh with `make extract_translations`, compile with `make compile_translations`.')
    catalog.metadata = header(block, language, domain, previous.metadata if previous else None)
    for source in pot:
        entry = polib.POEntry(msgid=source.msgid, msgid_plural=source.msgid_plural, msgctxt=source.msgctxt,
                              occurrences=source.occurrences, comment=source.comment,
                              flags=[flag for flag in source.flags if flag != 'fuzzy'])
        old = previous.find(source.msgid, msgctxt=source.msgctxt) if previous else None
        if language == SOURCE_LANGUAGE:
            if source.msgid_plural:
                entry.msgstr_plural = {0: source.msgid, 1: source.msgid_plural}
            else:
                entry.msgstr = source.msgid
        elif source.msgid_plural:
            forms = int(re.search(r'nplurals\s*=\s*(\d+)', catalog.metadata['Plural-Forms']).group(1))
            kept = old.msgstr_plural if old is not None and old.msgid_plural == source.msgid_plural else {}
            entry.msgstr_plural = {index: kept.get(index, '') for index in range(forms)}
        else:
            entry.msgstr = old.msgstr if old is not None and not old.msgid_plural else ''
        if old is not None:
            entry.tcomment = old.tcomment
            if old.fuzzy and language != SOURCE_LANGUAGE:
                entry.flags.append('fuzzy')
        catalog.append(entry)
    return catalog


def extract(languages=()):
    for block in BLOCKS:
        wanted = list(dict.fromkeys([SOURCE_LANGUAGE, *block.languages(), *languages]))
        unknown = [language for language in wanted if language not in PLURAL_FORMS]
        if unknown:
            raise SystemExit(f'add the plural rule of {", ".join(unknown)} to PLURAL_FORMS in scripts/i18n.py')
        with tempfile.TemporaryDirectory() as workdir:
            for domain in DOMAINS:
                pot = extract_pot(block, domain, workdir)
                for language in wanted:
                    path = block.po_path(language, domain)
                    previous = polib.pofile(str(path)) if path.exists() else None
                    path.parent.mkdir(parents=True, exist_ok=True)
                    catalog = merge(block, pot, language, domain, previous)
                    catalog.save(str(path))
                    missing = len(catalog.untranslated_entries()) + len(catalog.fuzzy_entries())
                    print(f'{path.relative_to(SOURCE_ROOT.parent)}: {len(catalog)} strings, {missing} to translate')


# ---- compile ---------------------------------------------------------------------------------------------------

def plural_expression(plural_forms):
    """The C expression of a Plural-Forms header (valid JavaScript too)."""
    return re.search(r'plural\s*=\s*(.+?)\s*;?\s*$', plural_forms).group(1)


JS_CATALOG = """\
// The {language} catalog of {package}'s JS strings, used where the platform offers no JS catalog.
// Generated by `python scripts/i18n.py compile` from {source}: do not edit.
// The functions are shared by every block: cifal_core/blocks/assets/i18n_runtime.js, loaded before this file.
window.CifalI18n.install('{namespace}', {catalog}, function (n) {{ return {plural}; }});
"""


def js_catalog(block, language, catalog):
    """The text of ``public/js/translations/<language>/text.js`` for the djangojs ``catalog``."""
    messages = {}
    for entry in catalog.translated_entries():
        if entry.msgid_plural:
            messages[entry.msgid] = [entry.msgstr_plural[index] for index in sorted(entry.msgstr_plural)]
        else:
            messages[entry.msgid] = entry.msgstr
    return JS_CATALOG.format(
        language=language, package=block.package, namespace=block.js_namespace,
        source=block.po_path(language, 'djangojs').relative_to(SOURCE_ROOT.parent),
        catalog=json.dumps(messages, indent=4, sort_keys=True),
        plural=plural_expression(catalog.metadata['Plural-Forms']),
    )


def compiled_files(block, language):
    """{path: bytes} of everything ``compile`` writes for one language of one block."""
    files = {}
    django = polib.pofile(str(block.po_path(language, 'django')))
    files[block.po_path(language, 'django').with_suffix('.mo')] = django.to_binary()
    files[block.po_path(language, 'django').with_name('text.mo')] = django.to_binary()
    djangojs = polib.pofile(str(block.po_path(language, 'djangojs')))
    files[block.po_path(language, 'djangojs').with_suffix('.mo')] = djangojs.to_binary()
    files[block.js_catalog_path(language)] = js_catalog(block, language, djangojs).encode('utf-8')
    return files


def compile_catalogs():
    for block in BLOCKS:
        for language in block.languages():
            for path, content in compiled_files(block, language).items():
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(content)
                print(path.relative_to(SOURCE_ROOT.parent))
        link = block.root / 'translations'
        if not link.is_symlink():
            link.symlink_to(Path('conf') / 'locale', target_is_directory=True)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n', 1)[0].strip())
    commands = parser.add_subparsers(dest='command', required=True)
    extract_parser = commands.add_parser('extract', help='refresh the catalogs from the code')
    extract_parser.add_argument('--language', action='append', default=[],
                                help='also create the catalogs of this language (repeatable)')
    commands.add_parser('compile', help='write the .mo files and the bundled JS catalogs')
    args = parser.parse_args(argv)
    if args.command == 'extract':
        extract(args.language)
    else:
        compile_catalogs()


if __name__ == '__main__':
    sys.exit(main())
