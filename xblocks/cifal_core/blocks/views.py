"""
What every CIFAL block's views share: an id prefix for its DOM, its title, and its workbench scenarios.

A block's views mixin derives from ``BlockViews`` and sets ``dom_id_prefix`` (``cq`` for the quiz, ``cqn`` for the
questionnaire...): two blocks of one unit never share an id, and a block's ids say which block they belong to.
"""
import hashlib
import importlib.resources
import re

from cifal_core.blocks.i18n import Translator, add_js_catalog, current_language
from cifal_core.blocks.platform import usage_key
from cifal_core.blocks.rendering import AUTOSAVE_DELAY_MS, BlockRenderer, initialize_js

SHARED_TEMPLATES = BlockRenderer('cifal_core.blocks')  # cifal_core/blocks/templates/

_FIRST_COMMENT = re.compile(r'<!--\s*(.*?)\s*-->', re.DOTALL)


class BlockViews:
    """Mixed into a block's views mixin; needs the block's ``display_name`` field."""

    dom_id_prefix = 'cifal'

    def dom_prefix(self):
        """An id prefix unique to this block on the page (usage ids contain characters ids should not)."""
        digest = hashlib.sha1(usage_key(self).encode(), usedforsecurity=False).hexdigest()[:10]
        return f'{self.dom_id_prefix}-{digest}'

    def learner_fragment(self, identity, view, body_html, intro_html='', notice_html=''):
        """The learner's view around ``body_html`` (``templates/learner_view.html`` here), with the block's CSS and
        JS, its JS catalog and its init function started with the drafts' delay and the reader's language. ``view``
        describes the block's view: ``renderer``, ``css``, ``js``, ``init`` (the JS function), ``block_class``,
        ``body_name``, ``intro_name``. Needs ``StaffDashboardMixin`` (the staff dashboard's slot)."""
        translator = Translator(self)
        html = SHARED_TEMPLATES.render(self, 'learner_view.html', {
            'block_class': view['block_class'], 'body_name': view.get('body_name', 'body'),
            'intro_name': view.get('intro_name', 'intro'), 'dom_prefix': self.dom_prefix(),
            'title': self.display_title(translator), 'intro_html': intro_html, 'notice_html': notice_html,
            'body_html': body_html, 'dashboard_slot_html': self.dashboard_slot(identity)})
        frag = view['renderer'].html_fragment(self, html, css=view['css'], js=view['js'], dashboard=identity.is_staff)
        add_js_catalog(frag, self)
        initialize_js(frag, view['init'], {'autosaveDelay': AUTOSAVE_DELAY_MS, 'language': current_language()})
        return frag

    def display_title(self, translator):
        """The display name, or the default one (marked for translation) in the reader's language."""
        if self.fields['display_name'].is_set_on(self):
            return self.display_name
        return translator.gettext(self.display_name)


def package_scenarios(package):
    """Workbench scenarios: every ``scenarios/*.xml`` file of ``package``, described by its first comment, sorted by
    file name so the index order is stable."""
    folder = importlib.resources.files(package).joinpath('scenarios')
    scenarios = []
    for entry in sorted(folder.iterdir(), key=lambda path: path.name):
        if entry.name.endswith('.xml'):
            xml = entry.read_text(encoding='utf-8')
            match = _FIRST_COMMENT.search(xml)
            scenarios.append((match.group(1) if match else entry.name, xml))
    return scenarios
