"""XBlock fields built from a block's settings table (``cifal_core.settings``), so that defaults live in one place."""
from xblock.fields import Boolean, Float, Integer, Scope, String

_FIELD_CLASSES = {'str': String, 'choice': String, 'bool': Boolean, 'int': Integer, 'float': Float}


def setting_field(spec, display_name, help_text, labels=None):
    """The ``Scope.settings`` field of one setting: its type, default and allowed values come from ``spec``;
    ``labels`` names each allowed value for Studio (marked with ``gettext_noop``; the platform translates them)."""
    options = {'display_name': display_name, 'help': help_text, 'default': spec.default, 'scope': Scope.settings}
    if spec.kind == 'choice':
        options['values'] = [{'display_name': (labels or {}).get(value, value), 'value': value}
                             for value in spec.choices]
    return _FIELD_CLASSES[spec.kind](**options)
