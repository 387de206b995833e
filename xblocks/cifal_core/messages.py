"""
Marking messages for translation in the pure core, without importing Django or XBlock.

The core raises errors that learners and trainers read (``AnswerError``, ``OlxError``). It cannot translate them:
it does not know the reader's language and must not import the runtime. So it marks each English template with
``gettext_noop`` (the extraction script collects every call into the catalog of each block that shows core
messages) and raises it with its parameters; the block translates the template with its i18n service, then fills
in the parameters (``TranslatableMessage.translated``).
"""


def gettext_noop(text):
    """Mark ``text`` for extraction; it is translated later, where the reader's language is known."""
    return text


class TranslatableMessage:
    """An English ``{name}``-style template plus its parameters; ``str()`` gives the English text."""

    def __init__(self, template, params=None):
        self.template = template
        self.params = dict(params or {})

    def english(self):
        params = {name: value.english() if isinstance(value, TranslatableMessage) else value
                  for name, value in self.params.items()}
        return self.template.format(**params) if params else self.template

    def translated(self, gettext):
        """The message in the reader's language; the English text if a translation breaks its placeholders.

        A parameter that is itself a ``TranslatableMessage`` (a setting's reason inside an OLX error) is translated
        too, so that the reader never gets half a sentence in English.
        """
        text = gettext(self.template)
        params = {name: value.translated(gettext) if isinstance(value, TranslatableMessage) else value
                  for name, value in self.params.items()}
        try:
            return text.format(**params) if self.params else text
        except (KeyError, IndexError, ValueError):
            return self.english()
