"""
The checks ``cifal-course validate`` runs over an OLX tree, besides olxcleaner's: every ``cifal_*`` block with the
block's own rules (the messages Studio shows on import and on the unit page), unique url_names, static files that
exist, and pre-test/post-test pairs that can measure knowledge gain.
"""
import html
import re
import unicodedata
from urllib.parse import unquote

from cifal_core.questionnaire.editor import validate_olx as questionnaire_olx
from cifal_core.quiz.editor import validate_olx as quiz_olx
from cifal_core.scenario.editor import validate_olx as scenario_olx

BLOCK_RULES = {'cifal_quiz': quiz_olx, 'cifal_questionnaire': questionnaire_olx, 'cifal_scenario': scenario_olx}
# Problems that ``assemble`` resolves in a pre-test or post-test module (it sets the pair and adds the pool).
FILLED_BY_ASSEMBLY = frozenset({'pair', 'questions'})
_STATIC_REFERENCE = re.compile(r'''(?:src|href|data)\s*=\s*["'](?:/static/|/?asset-v1:[^"']*?@)([^"'?#]+)''')
_TAGS = re.compile(r'<[^>]+>')


def check_blocks(tree, report, shells=False):
    """Validate every cifal block; ``{url_name: (settings, content)}`` of those that parse. With ``shells`` (a
    pre-test or post-test module), a quiz missing its pair or its questions is expected: assembly adds them."""
    parsed = {}
    for block in tree.of_tag(*BLOCK_RULES):
        ignored = tuple(block.element.attrib)  # url_name and the platform's attributes: Studio keeps them
        settings, content, problems = BLOCK_RULES[block.tag](block.source_text, tag=block.tag,
                                                             ignored_attributes=ignored)
        failed = False
        for problem in problems:
            if shells and block.tag == 'cifal_quiz' and problem.field in FILLED_BY_ASSEMBLY:
                continue
            line = (problem.line + block.line_offset) if problem.line else block.line
            name = f'{block.tag} {block.url_name!r}: {problem.english()}'
            if problem.is_error:
                failed = True
                report.error(name, block.path, line, 'block')
            else:
                report.warning(name, block.path, line, 'block')
        if not failed:
            parsed[block.url_name] = (block, settings, content)
    return parsed


def check_url_names(tree, report):
    """Every url_name once in the course: Studio keys blocks by it, so a duplicate silently replaces content."""
    first = {}
    for block in tree.blocks:
        if not block.url_name or block.tag == 'course':
            continue
        if block.url_name in first:
            other = first[block.url_name]
            report.error(f'url_name {block.url_name!r} is used twice: <{block.tag}> here and <{other.tag}> in '
                         f'{other.path}:{other.line} (every url_name must be unique in a course)',
                         block.path, block.line, 'url_name')
        else:
            first[block.url_name] = block


def check_static(tree, report, course_image=None):
    """Every ``/static/...`` file an HTML text or a block refers to, and the course image, exist under static/."""
    static = tree.root / 'static'
    for block in tree.blocks:
        sources = [(block.path, block.line_offset, block.source_text)]
        if block.html_path:
            html_text = (tree.root / block.html_path).read_text(encoding='utf-8', errors='replace')
            sources.append((block.html_path, 0, html_text))
        for path, offset, text in sources:
            for match in _STATIC_REFERENCE.finditer(text):
                name = unquote(match.group(1))
                if not (static / name).is_file():
                    line = text.count('\n', 0, match.start()) + 1 + offset
                    report.error(f'refers to /static/{name}, which is not in the course\'s static/ folder', path,
                                 line, 'static')
    if course_image and not (static / course_image).is_file():
        report.error(f'the course image {course_image!r} is not in static/', 'course', None, 'static')


def reading(markup):
    """A question's words, to compare items: tags, case, accents' compositions and spacing set aside."""
    text = unicodedata.normalize('NFC', html.unescape(_TAGS.sub(' ', markup or '')))
    return ' '.join(text.casefold().split())


def question_words(question):
    """The prompt and options of a question, as read (two items that read the same are the same item)."""
    parts = [question.prompt_html] + [choice.html for choice in question.choices]
    parts += [item.html for item in getattr(question, 'items', ())]
    return reading(' | '.join(parts))


def check_pairs(parsed, report, complete=True):
    """Each pair key has one pre-test and one post-test, and the post-test reuses no pre-test item verbatim (a
    repeated item measures memory of the item, not knowledge gained). ``complete``: both halves must be present."""
    by_pair = {}
    for block, settings, content in parsed.values():
        if block.tag == 'cifal_quiz' and settings.get('role') in ('pre', 'post'):
            by_pair.setdefault(str(settings.get('pair') or ''), {}).setdefault(settings['role'], []).append(
                (block, content))
    for pair, roles in sorted(by_pair.items()):
        for role in ('pre', 'post'):
            found = roles.get(role, [])
            if len(found) > 1:
                second = found[1][0]
                report.error(f'pair {pair!r} has {len(found)} {role}-tests ({", ".join(b.url_name for b, _ in found)})'
                             ': a pair is one pre-test and one post-test', second.path, second.line, 'pair')
            other = 'post' if role == 'pre' else 'pre'
            if complete and found and not roles.get(other):
                block = found[0][0]
                report.error(f'{role}-test {block.url_name!r} (pair {pair!r}) has no {other}-test with the same pair '
                             'in this course: knowledge gain cannot be measured', block.path, block.line, 'pair')
        if roles.get('pre') and roles.get('post'):
            pre_items = {question_words(question): question.id for question in roles['pre'][0][1].questions}
            post_block, post_content = roles['post'][0]
            for question in post_content.questions:
                if question_words(question) in pre_items:
                    report.error(f'post-test question {question.id!r} repeats pre-test question '
                                 f'{pre_items[question_words(question)]!r} word for word: write a parallel item on '
                                 'the same objective', post_block.path, question_line(post_block, question.id), 'pair')


def question_line(block, question_id):
    """The line of a quiz's ``<question id>`` in the block's file (the quiz's own line if it cannot be found)."""
    for element in block.element.iter('question'):
        if element.get('id') == question_id:
            return element.sourceline
    return block.line


def check_answer_positions(parsed, report, least=4, share=0.75):
    """Warn when the right answer sits at the same place in most single-choice questions that learners see in the
    authored order: someone who always picks "the first one" would score well, and a pre-test would measure that.
    Per quiz whose choices are not shuffled, and over all the scenarios' self-checks (never shuffled)."""
    self_checks = []
    for block, settings, content in parsed.values():
        if block.tag == 'cifal_quiz' and not settings.get('shuffle_choices'):
            _position_warning(block, [question for question in content.questions if question.type == 'single'],
                              report, least, share, f'quiz {block.url_name!r}', 'or set shuffle_choices="true"')
        elif block.tag == 'cifal_scenario':
            self_checks += [(block, node.question) for node in content.nodes
                            if node.type == 'check' and node.question.type == 'single']
    if self_checks:
        _position_warning(self_checks[0][0], [question for _, question in self_checks], report, least, share,
                          'the scenarios\' self-checks', '(a self-check shows its choices as written)')


def _position_warning(block, questions, report, least, share, where, remedy):
    positions = [next(index for index, choice in enumerate(question.choices) if choice.correct)
                 for question in questions]
    if len(positions) < least:
        return
    position = max(set(positions), key=positions.count)
    if positions.count(position) >= share * len(positions):
        report.warning(f'in {where}, the right answer is choice {position + 1} in {positions.count(position)} of '
                       f'{len(positions)} single-choice questions: a learner who always picks it scores well; move '
                       f'some right answers {remedy}', block.path, block.line, 'answers')
