"""Exceptions raised by the quiz core.

Two kinds of bad input reach the core: OLX written by trainers (import, Studio editor) and answers
posted by learners (web and mobile). They need different handling, so they get different classes:
an ``OlxError`` must tell a trainer *where* the problem is; an ``AnswerError`` becomes a 400 reply.

An ``AnswerError`` carries its message as an English template marked with ``cifal_core.messages.gettext_noop``
plus parameters, so that the block can show it in the learner's language (``error.translated(gettext)``);
``str(error)`` is the English text.
"""
from cifal_core.messages import TranslatableMessage


class OlxError(ValueError):
    """Malformed quiz OLX, located by file and line so that a trainer can fix it."""

    def __init__(self, reason, line=None, source=None):
        super().__init__(reason)
        self.reason = reason
        self.line = line
        self.source = source

    def __str__(self):
        if self.source and self.line:
            return f'{self.source}:{self.line}: {self.reason}'
        if self.line:
            return f'line {self.line}: {self.reason}'
        if self.source:
            return f'{self.source}: {self.reason}'
        return self.reason


class AnswerError(TranslatableMessage, ValueError):
    """A learner payload that cannot be an answer to this quiz; the handler answers 400 with the translated text.

    ``template`` is an English message marked with ``gettext_noop``; ``params`` fill its ``{name}`` placeholders.
    """

    def __init__(self, template, question_id=None, **params):
        TranslatableMessage.__init__(self, template, params)
        ValueError.__init__(self, self.english())
        self.question_id = question_id
