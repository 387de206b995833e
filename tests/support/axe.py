"""
WCAG 2.1 A/AA checks with axe-core (npm, ``node_modules/axe-core/axe.min.js``) injected into the page under test.

Scope the check to the block's wrapper: the workbench's own page around the block is not ours to fix.
"""
from .browser import require_axe

WCAG_TAGS = ('wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa')

RUN_AXE_JS = """async ([selector, tags]) => {
  const results = await axe.run(document.querySelectorAll(selector), {
    runOnly: {type: 'tag', values: tags},
    resultTypes: ['violations'],
  });
  return results.violations.map(v => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    helpUrl: v.helpUrl,
    nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary || ''})),
  }));
}"""


def run_axe(page, selector, tags=WCAG_TAGS):
    """axe-core's violations within every element matching ``selector``, as plain dicts."""
    if page.locator(selector).count() == 0:
        raise AssertionError(f'axe: nothing on the page matches {selector!r}')
    if not page.evaluate('() => typeof window.axe === "object"'):
        page.add_script_tag(path=str(require_axe()))
    return page.evaluate(RUN_AXE_JS, [selector, list(tags)])


def format_violations(violations):
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} [{violation['impact']}]: {violation['help']} ({violation['helpUrl']})")
        for node in violation['nodes']:
            lines.append(f"    at {node['target']}")
            lines.extend(f'        {line.strip()}' for line in node['summary'].splitlines() if line.strip())
    return '\n'.join(lines)


def assert_no_axe_violations(page, selector, tags=WCAG_TAGS):
    """Fail with a readable list (rule, impact, help, target nodes) if axe finds WCAG violations in ``selector``."""
    violations = run_axe(page, selector, tags)
    if violations:
        raise AssertionError(
            f'axe-core found {len(violations)} WCAG violation(s) ({", ".join(tags)}) in {selector!r}:\n'
            + format_violations(violations)
        )
