"""Exceptions raised by the quiz core.

Two kinds of bad input reach the core: OLX written by trainers (import, Studio editor) and answers
posted by learners (web and mobile). They need different handling, so they get different classes:
an ``OlxError`` must tell a trainer *where* the problem is; an ``AnswerError`` becomes a 400 reply.

Both carry their message as an English template marked with ``cifal_core.messages.gettext_noop`` plus
parameters, so that the block can show it in the reader's language (``error.translated(gettext)``);
``str(error)`` is the English text. A ``SettingError`` is a quiz setting's value refused by its spec.
"""
from cifal_core.messages import TranslatableMessage


class OlxError(TranslatableMessage, ValueError):
    """Malformed quiz OLX, located by file and line so that a trainer can fix it.

    ``template`` is an English message marked with ``gettext_noop`` whose ``{name}`` placeholders ``params`` fill;
    ``error.reason`` is the English text (``str(error)`` adds the file and line), ``error.translated(gettext)`` is
    the reason in the reader's language.
    ``question_id``, ``field`` (e.g. 'prompt', 'choices', 'answer', a quiz setting) and ``part_id`` (a choice, item
    or pair id, or a text answer's position) say where the mistake is, so that the Studio editor can show it next
    to the offending control rather than by line.
    """

    def __init__(self, template, line=None, source=None, *, question_id=None, field=None, part_id=None, **params):
        TranslatableMessage.__init__(self, template, params)
        ValueError.__init__(self, self.english())
        self.reason = self.english()
        self.line = line
        self.source = source
        self.question_id = question_id
        self.field = field
        self.part_id = part_id

    def __str__(self):
        if self.source and self.line:
            return f'{self.source}:{self.line}: {self.reason}'
        if self.line:
            return f'line {self.line}: {self.reason}'
        if self.source:
            return f'{self.source}: {self.reason}'
        return self.reason


class SettingError(TranslatableMessage, ValueError):
    """A quiz setting value that its spec does not allow; ``field`` is the setting's name when known."""

    def __init__(self, template, field=None, **params):
        TranslatableMessage.__init__(self, template, params)
        ValueError.__init__(self, self.english())
        self.field = field


class AnswerError(TranslatableMessage, ValueError):
    """A learner payload that cannot be an answer to this quiz; the handler answers 400 with the translated text.

    ``template`` is an English message marked with ``gettext_noop``; ``params`` fill its ``{name}`` placeholders.
    """

    def __init__(self, template, question_id=None, **params):
        TranslatableMessage.__init__(self, template, params)
        ValueError.__init__(self, self.english())
        self.question_id = question_id


class PayloadError(TranslatableMessage, ValueError):
    """A request body no handler may act on (too large, too deep, not JSON, unencodable text, a number out of
    range); ``status`` is the HTTP status it is answered with (400, or 413 for a body over the size limit)."""

    def __init__(self, template, status=400, **params):
        TranslatableMessage.__init__(self, template, params)
        ValueError.__init__(self, self.english())
        self.status = status


class PatternError(TranslatableMessage, ValueError):
    """A trainer's regular expression that the linear-time matcher (RE2) cannot run; the message says why."""

    def __init__(self, template, **params):
        TranslatableMessage.__init__(self, template, params)
        ValueError.__init__(self, self.english())
