"""Render a block's Django templates with its own translations, build its fragments and start their JS.

Templates are compiled once per process (again when their file changes), by one engine: xblock-utils'
``render_django_template`` built an engine, looked up every installed tag library and compiled the template on each
call, and its ``{% trans %}`` proxy built a copy of the language's whole catalog for every tag it rendered. Here the
tags are Django's own; the block's catalog, where the platform's i18n service has one (the LMS's
``XBlockI18nService``), is merged over the language's once per language and catalog, and made the active translation
only while the block's template renders, so the platform's own translations are never changed (ADR 4).
"""
import contextlib
import functools
import importlib.resources
import json
import threading
from pathlib import Path

from django.template import Context, Engine, Template
from django.template.backends.django import get_installed_libraries
from django.utils import translation
from django.utils.translation import trans_real
from web_fragments.fragment import Fragment

# What every block's views share (ADR 9). XBlock serves a block's ``public/`` only from its own package, so these
# are inlined in each fragment, before the view's own files; each defines itself once per page.
SHARED_CSS = ('shared.css',)
SHARED_JS = ('handler_client.js', 'i18n_runtime.js', 'draft_saver.js', 'confirm_dialog.js')
# The staff dashboard's tabs and its prepared files (report_tasks.js): for staff only, learners get none of it.
DASHBOARD_JS = ('dashboard.js', 'report_tasks.js')
DASHBOARD_CSS = ('dashboard.css',)
EDITOR_JS = ('editor.js', 'editor_parts.js')  # the Studio editor's shell and its parts, for ``studio_view`` only
EDITOR_CSS = ('editor.css',)
AUTOSAVE_DELAY_MS = 1200  # quiet time before typed text is saved as a draft (CifalDraftSaver), for every block


@functools.cache
def shared_asset(name: str) -> str:
    """The text of ``cifal_core/blocks/assets/<name>``."""
    return importlib.resources.files('cifal_core.blocks').joinpath('assets', name).read_text(encoding='utf-8')


@functools.cache
def template_engine() -> Engine:
    """The one engine of the blocks' templates: the installed tag libraries (``{% load i18n %}`` is Django's)."""
    return Engine(libraries=get_installed_libraries())


class BlockRenderer:
    """Templates, CSS and JS of one block package (files under the package's ``templates/`` and ``public/``)."""

    def __init__(self, module_name):
        self.module_name = module_name
        self._compiled = {}  # template name -> (file's modification time, Template)
        self._lock = threading.Lock()

    @functools.cached_property
    def folder(self):
        return importlib.resources.files(self.module_name).joinpath('templates')

    def template(self, name) -> Template:
        """``templates/<name>`` compiled, once per process and again only when the file changes."""
        source = self.folder.joinpath(name)
        stamp = Path(str(source)).stat().st_mtime_ns if isinstance(source, Path) else None
        known = self._compiled.get(name)
        if known is not None and known[0] == stamp:
            return known[1]
        compiled = Template(source.read_text(encoding='utf-8'), engine=template_engine())
        with self._lock:
            self._compiled[name] = (stamp, compiled)
        return compiled

    def render(self, block, template, context):
        """Render ``templates/<template>`` with the block's i18n service's catalog for ``{% trans %}``."""
        with block_translations(block.runtime.service(block, 'i18n')):
            return self.template(template).render(Context(dict(context)))

    def fragment(self, block, template, context, css=(), js=(), editor=False, dashboard=False):
        """A Fragment of the rendered template, the shared CSS and JS (with ``editor``, the Studio editor's too; with
        ``dashboard``, the staff dashboard's), then the package's public CSS and JS files."""
        return self.html_fragment(block, self.render(block, template, context), css, js, editor, dashboard)

    @staticmethod
    def html_fragment(block, html, css=(), js=(), editor=False, dashboard=False):
        """As ``fragment``, for HTML already rendered (by the shared templates of ``cifal_core.blocks``)."""
        frag = Fragment(html)
        for name in (*SHARED_CSS, *(EDITOR_CSS if editor else ()), *(DASHBOARD_CSS if dashboard else ())):
            frag.add_css(shared_asset(name))
        for name in (*SHARED_JS, *(EDITOR_JS if editor else ()), *(DASHBOARD_JS if dashboard else ())):
            frag.add_javascript(shared_asset(name))
        for path in css:
            frag.add_css_url(block.runtime.local_resource_url(block, f'public/{path}'))
        for path in js:
            frag.add_javascript_url(block.runtime.local_resource_url(block, f'public/{path}'))
        return frag


_MERGED = {}  # (language, id(catalog)) -> (catalog, the language's translation with the catalog merged over it)
_MERGED_LOCK = threading.Lock()


def merged_translation(language, service):
    """The language's Django translation with the service's catalog merged over it, made once per language and
    catalog (the entry keeps the catalog alive, so its id cannot be reused for another one)."""
    catalog = service._catalog  # pylint: disable=protected-access
    key = (language, id(catalog))
    known = _MERGED.get(key)
    if known is None:
        merged = trans_real.DjangoTranslation(language)
        merged.merge(service)
        with _MERGED_LOCK:
            known = _MERGED.setdefault(key, (catalog, merged))
    return known[1]


@contextlib.contextmanager
def block_translations(service):
    """While a block's template renders: the block's own catalog over the language's, as xblock-utils' ``{% trans %}``
    proxy merges it, where the i18n service has one (the LMS's loads the block's ``text.mo``). The workbench's
    service translates with Django's catalogs (``LOCALE_PATHS``), which are active already: nothing changes."""
    language = translation.get_language()
    if not language or not getattr(service, '_catalog', None):
        yield
        return
    active = trans_real._active  # pylint: disable=protected-access  (the translation Django's gettext reads)
    previous = getattr(active, 'value', None)
    active.value = merged_translation(language, service)
    try:
        yield
    finally:
        if previous is None:
            del active.value
        else:
            active.value = previous


# What could end the runtime's <script type="json/xblock-args"> element, or start markup inside it.
_SCRIPT_UNSAFE = {ord('<'): '\\u003c', ord('>'): '\\u003e', ord('&'): '\\u0026'}


def encode_init_data(data) -> str:
    """``data`` as JSON text in which ``<``, ``>`` and ``&`` only appear escaped (``\\u003c``...)."""
    return json.dumps(data).translate(_SCRIPT_UNSAFE)


def initialize_js(fragment, function_name, data):
    """
    Start the view's JS with ``data``, whatever text it holds (ADR 7).

    The LMS and the workbench write init arguments into a ``<script>`` element with a bare ``json.dumps``, so a
    display name containing ``</script>`` would end the element and run as markup. The data therefore travels as
    one JSON string, ``{"json": "..."}``, in which ``<``, ``>`` and ``&`` are escaped: the runtime's own encoding
    of that string holds none of them. The view reads it back with ``JSON.parse(args.json)``.
    """
    fragment.initialize_js(function_name, {'json': encode_init_data(data)})
