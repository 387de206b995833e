"""
Authoring advice on a scenario that imports (``parse`` already refused what would break a run): what a learner or a
trainer would miss, as warnings that do not stop a save. Studio's editor, the OLX tab and ``validate()`` show them.
"""
from cifal_core.messages import gettext_noop
from cifal_core.problems import WARNING, Problem
from cifal_core.scenario.run import max_points


def authoring_problems(settings, content) -> list[Problem]:
    problems = []
    index = {node.id: position for position, node in enumerate(content.nodes)}

    def advise(template, at=None, field=None, part=None, **params):
        problems.append(Problem(template, params, severity=WARNING, field=field,
                                question_id=at.id if at else None,
                                question_index=index[at.id] if at else None, part_id=part))

    if not content.nodes:
        advise(gettext_noop('The scenario has no nodes yet: learners see nothing until you add some.'), field='nodes')
        return problems
    if settings.get('graded') and content.nodes and not max_points(content):
        advise(gettext_noop('The scenario is graded, but no choice or self-check on a path to an end is worth '
                            'points: every learner would score 0.'), field='graded')
    changed = {effect.indicator for node in content.nodes for choice in node.choices for effect in choice.effects}
    for indicator in content.indicators:
        if indicator.id not in changed:
            advise(gettext_noop("indicator '{id}' is never changed by a choice"), field='indicators', id=indicator.id)
    for node in content.nodes:
        if node.type == 'decision':
            if len(node.choices) == 1:
                advise(gettext_noop("node '{node}': a decision with one choice leaves nothing to decide (an info "
                                    'node says it plainly)'), node, 'choices', node=node.id)
            for choice in node.choices:
                if not choice.consequence_html:
                    advise(gettext_noop("node '{node}': choice '{choice}' has no consequence: learners will not see "
                                        'what it changed'), node, 'choices', choice.id, node=node.id, choice=choice.id)
        if node.type == 'end':
            seen_unconditional = False
            for outcome in node.outcomes:
                if seen_unconditional:
                    advise(gettext_noop("node '{node}': an outcome after the one without a condition is never shown "
                                        '(the first outcome that applies is shown)'), node, 'outcomes', node=node.id)
                    break
                seen_unconditional = seen_unconditional or not outcome.condition
    if content.nodes and not any(node.type == 'reflection' for node in content.nodes):
        advise(gettext_noop("The scenario has no reflection: the learner's action plan will hold only the key points "
                            'of their decisions.'), field='start')
    return problems
