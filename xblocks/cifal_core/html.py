"""HTML written by trainers: sanitised once on the way in, and flattened to text for non-HTML uses.

Quiz HTML is shown to every learner of a course, so it is treated as untrusted and cleaned with
``nh3`` (the ammonia sanitiser) against a small allow-list that covers what course content needs.
The same HTML is also moved in and out of OLX elements, losslessly, by ``inner_html``/``append_html``.
"""
import functools
import html as html_escapes
import re
from copy import deepcopy

import nh3
from lxml import etree

ALLOWED_TAGS = frozenset({
    'p', 'br', 'strong', 'b', 'em', 'i', 'u', 's', 'sub', 'sup', 'span', 'div', 'ul', 'ol', 'li', 'a', 'img',
    'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'code', 'pre', 'table', 'thead', 'tbody', 'tr', 'th', 'td',
    'abbr', 'figure', 'figcaption', 'hr',
})
ALLOWED_ATTRIBUTES = {
    'a': {'href', 'title'},
    'img': {'src', 'alt', 'width', 'height'},
    'th': {'scope'},
    'abbr': {'title'},
}
ALLOWED_URL_SCHEMES = frozenset({'http', 'https', 'mailto'})
# Tags whose *content* is dropped too: their text is code or styling, never prose for the learner.
DROPPED_WITH_CONTENT = frozenset({'script', 'style'})

# Elements that separate words visually; html_to_text puts a space around them so that
# "<p>Yes</p><p>No</p>" reads "Yes No" rather than "YesNo".
_BLOCK_TAGS = frozenset({
    'p', 'br', 'div', 'ul', 'ol', 'li', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'table', 'thead',
    'tbody', 'tr', 'th', 'td', 'figure', 'figcaption', 'hr', 'img',
})
# HTML's own definition of whitespace; str.strip() would also remove no-break spaces that the author typed.
_HTML_WHITESPACE = ' \t\n\r\f'
# Allowed elements that have no content and no closing tag in HTML.
_VOID_TAGS = ('br', 'hr', 'img')
# Characters XML 1.0 cannot carry (pasted from word processors): they would make the quiz unexportable.
_NOT_XML_CHARACTERS = re.compile('[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]')
# A few passes are enough to reach a fixed point (e.g. "<pre>\n\nx" loses one leading newline per pass).
_MAX_SANITIZE_PASSES = 4


def _clean_once(html):
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(ALLOWED_URL_SCHEMES),
        link_rel='noopener noreferrer',
        strip_comments=True,
    )


def sanitize_html(html: str) -> str:
    """Return ``html`` reduced to the allow-list, without surrounding whitespace or XML-illegal characters.

    The result is a fixed point (sanitising it again changes nothing). Export writes this string back
    as OLX markup and import sanitises it again, so without a fixed point every export/import cycle
    could alter the trainer's content.
    """
    cleaned = _NOT_XML_CHARACTERS.sub('', html or '').strip(_HTML_WHITESPACE)
    for _ in range(_MAX_SANITIZE_PASSES):
        again = _clean_once(cleaned).strip(_HTML_WHITESPACE)
        if again == cleaned:
            break
        cleaned = again
    return cleaned


@functools.lru_cache(maxsize=4096)
def html_to_text(html: str) -> str:
    """Plain text of an HTML fragment, for reports, search and aria labels.

    Tags are dropped (script and style with their content), entities are unescaped and whitespace
    runs are collapsed to single spaces. A pure function of its text, remembered for the last few thousand: a page
    and a report turn the same options into text again and again.
    """
    cleaned = sanitize_html(html)
    if not cleaned:
        return ''
    root = sanitized_fragment_element(cleaned)
    parts = []
    _collect_text(root, parts)
    return ' '.join(''.join(parts).split())  # the HTML parser has already decoded entities


def has_content(html: str) -> bool:
    """Whether an HTML fragment shows anything: some text or an image (not just empty tags)."""
    return bool(html_to_text(html)) or '<img' in sanitize_html(html)


def _collect_text(element, parts):
    is_block = element.tag in _BLOCK_TAGS
    if is_block:
        parts.append(' ')
    if element.tag == 'img' and element.get('alt'):
        parts.append(element.get('alt'))
    parts.append(element.text or '')
    for child in element:
        _collect_text(child, parts)
        parts.append(child.tail or '')
    if is_block:
        parts.append(' ')


def inner_html(element, skip_tags=()) -> str:
    """The markup inside an lxml element (its text and child elements), e.g. an OLX ``<prompt>``.

    Children whose tag is in ``skip_tags`` are left out but their tail text is kept, which is how a
    choice's ``<feedback>`` is separated from the choice's own text. The result is not sanitised.
    """
    parts = [html_escapes.escape(element.text or '', quote=False)]
    for child in element:
        if child.tag in skip_tags:
            parts.append(html_escapes.escape(child.tail or '', quote=False))
        else:
            parts.append(etree.tostring(_without_self_closing_tags(child), encoding='unicode', with_tail=True))
    return ''.join(parts)


def _without_self_closing_tags(element):
    """A copy in which empty elements other than void ones serialise as <p></p>, not <p/>.

    An HTML parser reads "<p/>" as an opening tag that swallows the content after it.
    """
    copy = deepcopy(element)
    for descendant in copy.iter():
        if isinstance(descendant.tag, str) and descendant.tag not in _VOID_TAGS and not len(descendant) \
                and descendant.text is None:
            descendant.text = ''
    return copy


def append_html(element, html: str) -> None:
    """Append an HTML fragment to an lxml element as XML markup (not as escaped text).

    Exported OLX is then markup that trainers can read and edit, and that import reads back to the
    same HTML.
    """
    wrapper = sanitized_fragment_element(html)
    if len(element):
        element[-1].tail = (element[-1].tail or '') + (wrapper.text or '')
    else:
        element.text = (element.text or '') + (wrapper.text or '')
    for child in list(wrapper):
        element.append(child)


# A whole tag of nh3's output: attribute values are always double-quoted and may contain '>'.
_WHOLE_TAG = re.compile(r'<(?:[^>"]|"[^"]*")*>')
_VOID_TAG = re.compile(r'<(?:' + '|'.join(_VOID_TAGS) + r')\b')


def sanitized_fragment_element(html: str):
    """Sanitise ``html`` and return it as the children of an lxml.etree element.

    nh3 serialises in one canonical HTML5 form: '<', '>' and '&' in text are always escaped, attribute
    values are always double-quoted, and the only entity that is not XML's is ``&nbsp;``. That form
    becomes well-formed XML by closing the void elements of the allow-list and writing ``&nbsp;`` as a
    character reference, which is exact, where an HTML parser (libxml2) would drop whitespace-only text.
    """
    markup = _WHOLE_TAG.sub(_close_void_tag, sanitize_html(html)).replace('&nbsp;', '&#160;')
    return etree.fromstring(f'<fragment>{markup}</fragment>')


def _close_void_tag(match):
    tag = match.group(0)
    return tag[:-1] + '/>' if _VOID_TAG.match(tag) else tag
