"""
What every CIFAL block's views share: an id prefix for its DOM, its title, and its workbench scenarios.

A block's views mixin derives from ``BlockViews`` and sets ``dom_id_prefix`` (``cq`` for the quiz, ``cqn`` for the
questionnaire...): two blocks of one unit never share an id, and a block's ids say which block they belong to.
"""
import hashlib
import importlib.resources
import re

from cifal_core.blocks.platform import usage_key

_FIRST_COMMENT = re.compile(r'<!--\s*(.*?)\s*-->', re.DOTALL)


class BlockViews:
    """Mixed into a block's views mixin; needs the block's ``display_name`` field."""

    dom_id_prefix = 'cifal'

    def dom_prefix(self):
        """An id prefix unique to this block on the page (usage ids contain characters ids should not)."""
        digest = hashlib.sha1(usage_key(self).encode(), usedforsecurity=False).hexdigest()[:10]
        return f'{self.dom_id_prefix}-{digest}'

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
