"""
The learner's action plan as a Word document (python-docx): a title, the date, each reflection under the situation
it answered, then the key points of the decisions taken, then the indicators' journey as a table.

Plain text only reaches the document (author HTML is reduced to its text, the learner's words are written as they
are, with the characters XML cannot hold taken out), so nothing a learner or author wrote can break the file.
"""
import io
import re

from docx import Document
from docx.shared import Pt

_NOT_XML = re.compile('[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]')  # what a .docx (XML 1.0) cannot hold


def _text(value) -> str:
    return _NOT_XML.sub('', str(value or ''))


def action_plan_docx(title, plan, journey, labels) -> bytes:
    """The .docx bytes. ``plan`` is ``presenter.action_plan``'s value, ``journey`` ``presenter.journey_view``'s;
    ``labels`` the headings and phrases in the learner's language (``title``, ``date``, ``reflections``,
    ``no_text``, ``decisions``, ``you_chose``, ``indicators``, ``indicator``, ``start``, ``end``, ``change``)."""
    document = Document()
    document.core_properties.title = _text(labels['title'])
    document.styles['Normal'].font.size = Pt(11)
    document.add_heading(_text(labels['title']), level=0)
    document.add_paragraph(_text(title))
    document.add_paragraph(_text(labels['date']))
    document.add_heading(_text(labels['reflections']), level=1)
    for entry in plan['reflections']:
        document.add_heading(_text(entry['situation'] or entry['prompt_text']), level=2)
        if entry['situation']:
            document.add_paragraph(_text(entry['prompt_text']), style='Intense Quote')
        for line in (_text(entry['text']) or _text(labels['no_text'])).splitlines() or ['']:
            document.add_paragraph(line)
    if plan['decisions']:
        document.add_heading(_text(labels['decisions']), level=1)
        for entry in plan['decisions']:
            item = document.add_paragraph(style='List Bullet')
            item.add_run(_text(entry['situation']) + ' ').bold = True
            item.add_run(_text(labels['you_chose']) + ' ' + _text(entry['choice_text']))
            if entry['key_points_text']:
                document.add_paragraph(_text(entry['key_points_text']))
    if journey:
        document.add_heading(_text(labels['indicators']), level=1)
        table = document.add_table(rows=1, cols=4)
        table.style = 'Table Grid'
        for cell, key in zip(table.rows[0].cells, ('indicator', 'start', 'end', 'change'), strict=True):
            cell.text = _text(labels[key])
        for entry in journey:
            for cell, key in zip(table.add_row().cells, ('label', 'start', 'end', 'change'), strict=True):
                cell.text = _text(entry[key])
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()
