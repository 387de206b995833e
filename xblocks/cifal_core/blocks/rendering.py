"""Render a block's Django templates with its own translations, and build its fragments."""
from web_fragments.fragment import Fragment
from xblock.utils.resources import ResourceLoader


class BlockRenderer:
    """Templates, CSS and JS of one block package (files under the package's ``templates/`` and ``public/``)."""

    def __init__(self, module_name):
        self.loader = ResourceLoader(module_name)

    def render(self, block, template, context):
        """Render ``templates/<template>`` with the block's i18n service active for ``{% trans %}``."""
        service = block.runtime.service(block, 'i18n')
        return self.loader.render_django_template(f'templates/{template}', dict(context), i18n_service=service)

    def fragment(self, block, template, context, css=(), js=()):
        """A Fragment of the rendered template plus the package's public CSS and JS files."""
        frag = Fragment(self.render(block, template, context))
        for path in css:
            frag.add_css_url(block.runtime.local_resource_url(block, f'public/{path}'))
        for path in js:
            frag.add_javascript_url(block.runtime.local_resource_url(block, f'public/{path}'))
        return frag
