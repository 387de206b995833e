"""Render a block's Django templates with its own translations, build its fragments and start their JS."""
import functools
import importlib.resources
import json

from web_fragments.fragment import Fragment
from xblock.utils.resources import ResourceLoader

# What every block's views share (ADR 9). XBlock serves a block's ``public/`` only from its own package, so these
# are inlined in each fragment, before the view's own files; each defines itself once per page.
SHARED_CSS = ('shared.css',)
SHARED_JS = ('handler_client.js', 'i18n_runtime.js', 'draft_saver.js', 'confirm_dialog.js')
DASHBOARD_JS = ('dashboard.js',)  # the staff dashboard's tabs: for staff only, learners get none of it
DASHBOARD_CSS = ('dashboard.css',)
EDITOR_JS = ('editor.js', 'editor_parts.js')  # the Studio editor's shell and its parts, for ``studio_view`` only
EDITOR_CSS = ('editor.css',)
AUTOSAVE_DELAY_MS = 1200  # quiet time before typed text is saved as a draft (CifalDraftSaver), for every block


@functools.cache
def shared_asset(name: str) -> str:
    """The text of ``cifal_core/blocks/assets/<name>``."""
    return importlib.resources.files('cifal_core.blocks').joinpath('assets', name).read_text(encoding='utf-8')


class BlockRenderer:
    """Templates, CSS and JS of one block package (files under the package's ``templates/`` and ``public/``)."""

    def __init__(self, module_name):
        self.loader = ResourceLoader(module_name)

    def render(self, block, template, context):
        """Render ``templates/<template>`` with the block's i18n service active for ``{% trans %}``."""
        service = block.runtime.service(block, 'i18n')
        return self.loader.render_django_template(f'templates/{template}', dict(context), i18n_service=service)

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
