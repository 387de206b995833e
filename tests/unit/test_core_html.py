"""Trainer HTML is sanitised; plain text is derived for reports and aria labels."""
import pytest
from lxml import etree

from cifal_core.html import append_html, has_content, html_to_text, inner_html, sanitize_html


@pytest.mark.parametrize(('dirty', 'clean'), [
    ('<p>Hi<script>alert(1)</script></p>', '<p>Hi</p>'),
    ('<p onclick="steal()">Hi</p>', '<p>Hi</p>'),
    ('<a href="javascript:alert(1)">x</a>', '<a rel="noopener noreferrer">x</a>'),
    ('<img src="x.png" onerror="alert(1)">', '<img src="x.png">'),
    ('<style>p{color:red}</style>text', 'text'),
    ('<iframe src="https://evil.example"></iframe>ok', 'ok'),
    ('<p style="color:red" class="x" id="y">Hi</p>', '<p>Hi</p>'),
    ('<img src="data:image/png;base64,AAAA">', '<img>'),
])
def test_dangerous_markup_is_removed(dirty, clean):
    assert sanitize_html(dirty) == clean


@pytest.mark.parametrize('markup', [
    '<p>A <strong>b</strong> <b>c</b> <em>d</em> <i>e</i> <u>f</u> <s>g</s> H<sub>2</sub>O x<sup>2</sup></p>',
    '<ul><li>one</li></ul><ol><li>two</li></ol>',
    '<h2>T</h2><h3>T</h3><h4>T</h4><h5>T</h5><h6>T</h6>',
    '<blockquote>q</blockquote><pre><code>x = 1</code></pre><hr>',
    '<table><thead><tr><th scope="col">h</th></tr></thead><tbody><tr><td>d</td></tr></tbody></table>',
    '<abbr title="International Organization for Migration">IOM</abbr>',
    '<figure><img src="https://x.org/a.png" alt="map" width="10" height="20"><figcaption>c</figcaption></figure>',
    '<div><span>é ñ &amp; &lt;</span><br></div>',
])
def test_allowed_markup_is_kept(markup):
    assert sanitize_html(markup) == markup


def test_links_keep_href_and_title_and_get_rel_noopener():
    assert sanitize_html('<a href="https://www.un.org" title="UN" target="_blank" rel="opener">UN</a>') == \
        '<a href="https://www.un.org" title="UN" rel="noopener noreferrer">UN</a>'
    assert 'href="mailto:a@b.org"' in sanitize_html('<a href="mailto:a@b.org">mail</a>')


def test_sanitize_is_a_fixed_point_even_for_pre_with_leading_newlines():
    once = sanitize_html('<pre>\n\n\nx</pre>')
    assert sanitize_html(once) == once


def test_characters_that_xml_cannot_carry_are_dropped_so_the_quiz_stays_exportable():
    element = etree.Element('prompt')
    append_html(element, 'Pasted\x0b text\x01')
    assert etree.tostring(element, encoding='unicode') == '<prompt>Pasted text</prompt>'


def test_html_to_text_separates_blocks_and_unescapes_entities():
    assert html_to_text('<p>Yes &amp; no</p><p>Maybe<br>later</p><script>x()</script>') == 'Yes & no Maybe later'
    assert html_to_text('<strong>mig</strong>ration &lt;b&gt;') == 'migration <b>'
    assert html_to_text('') == ''


def test_has_content():
    assert has_content('<img src="a.png">')
    assert has_content('x')
    assert not has_content('<p> </p><span></span>')


def test_inner_html_keeps_markup_and_skips_given_children():
    element = etree.fromstring('<choice>A &amp; <b>B</b><feedback>F</feedback> C</choice>')
    assert inner_html(element, skip_tags=('feedback',)) == 'A &amp; <b>B</b> C'


def test_append_html_writes_markup_not_escaped_text():
    element = etree.Element('prompt')
    append_html(element, 'A<br>b &amp; <em>c</em>&nbsp;d')
    assert etree.tostring(element, encoding='unicode') == '<prompt>A<br/>b &amp; <em>c</em>\u00a0d</prompt>'
    assert sanitize_html(inner_html(element)) == 'A<br>b &amp; <em>c</em>&nbsp;d'
