"""
What authoring checks report: a ``Problem``, located by field, question (or item, or node) and part, so that Studio's
editor can show it next to the control to fix; ``error`` problems stop a save, ``warning`` ones are advice. Every
block's editor, OLX tab and ``validate()`` report their rules this way.
"""
from dataclasses import dataclass, field

from cifal_core.messages import TranslatableMessage, gettext_noop

ERROR = 'error'
WARNING = 'warning'
LINE_TEMPLATE = gettext_noop('line {line}: {message}')


@dataclass(frozen=True)
class Problem:
    """One finding: an English template plus parameters, where it is, and whether it blocks saving.

    ``field`` is a setting of the block, or a field of one of its parts (a quiz question's 'prompt', 'choices'...,
    a questionnaire item's 'scale', 'show_if'...); ``question_id`` and ``question_index`` say which part (a
    question, an item) by id and by position in the editor, ``part_id`` a choice, item, option or row id; ``line``
    is the OLX line when the problem comes from OLX text.
    """

    template: str
    params: dict = field(default_factory=dict)
    severity: str = ERROR
    field: str | None = None
    question_id: str | None = None
    question_index: int | None = None
    part_id: str | None = None
    line: int | None = None

    @property
    def is_error(self):
        return self.severity == ERROR

    def english(self):
        return TranslatableMessage(self.template, self.params).english()

    def translated(self, gettext):
        """The message in the reader's language, with ``line N:`` in front when it comes from OLX text."""
        message = TranslatableMessage(self.template, self.params).translated(gettext)
        if self.line:
            return TranslatableMessage(LINE_TEMPLATE, {'line': self.line, 'message': message}).translated(gettext)
        return message

    def to_dict(self, gettext):
        """The JSON the editor reads: where, how serious, and the message in the author's language."""
        return {'field': self.field, 'question_id': self.question_id, 'question_index': self.question_index,
                'part_id': self.part_id, 'line': self.line, 'severity': self.severity,
                'message': self.translated(gettext)}

    @classmethod
    def from_olx_error(cls, error, **where):
        """A ``Problem`` for an ``OlxError`` (its template, parameters and location)."""
        location = {'field': error.field, 'question_id': error.question_id, 'part_id': error.part_id,
                    'line': error.line}
        location.update(where)
        return cls(error.template, dict(error.params), **location)
