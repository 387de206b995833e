/* The scenario editor's node forms, on the shared editor's controls (cifal_core/blocks/assets/editor.js): the
 * controls of one node from its data (its choices, with targets picked from the list of nodes, effects and
 * conditions; a self-check's question and its choices; an end's outcomes), and new nodes and parts with fresh ids.
 * No state and no requests here (studio.js has them). Author text is only ever put in .value or .textContent. */
/* exported CifalScenarioStudioNodes */
window.CifalScenarioStudioNodes = (function () {
    'use strict';

    /* Read at each call: the block's catalog may load after this file (add_js_catalog comes last). */
    function gettext(text) {
        var i18n = window.CifalScenarioI18n;
        return i18n && i18n.gettext ? i18n.gettext(text) : text;
    }
    var format = window.CifalEditor.format;
    var h = window.CifalEditor.h;
    var uid = window.CifalEditor.uid;
    var PART_KINDS = {decision: ['choices'], check: ['question_choices'], end: ['outcomes']};

    function tag(node) {
        node._uid = node._uid || uid();
        ['choices', 'question_choices', 'outcomes'].forEach(function (kind) {
            node[kind] = node[kind] || [];
            node[kind].forEach(function (part) { part._uid = part._uid || uid(); });
        });
        return node;
    }

    function freshId(prefix, used) {
        for (var n = 1; ; n += 1) {
            if (used.indexOf(prefix + n) === -1) { return prefix + n; }
        }
    }

    /* "services +10, budget -20" and back: the effects of a choice as one line an author can type. */
    function effectsText(effects) {
        return (effects || []).map(function (effect) {
            var delta = Number(effect.delta);
            return effect.indicator + ' ' + (delta > 0 ? '+' : '') + String(effect.delta);
        }).join(', ');
    }

    function parseEffects(text) {
        return String(text || '').split(/[,;\n]/).map(function (part) { return part.trim(); })
            .filter(Boolean).map(function (part) {
                var match = part.match(/^(\S+)\s*([+\-\u2212]?\s*[\d.,]+)?$/);
                if (!match) { return {indicator: part, delta: ''}; }  // the server says what is wrong with it
                return {indicator: match[1], delta: (match[2] || '').replace(/\s+/g, '').replace('\u2212', '-')
                    .replace(',', '.')};
            });
    }

    /* The editor's entries from stored nodes: a self-check's choices and an effects line are edited flat. */
    function fromStored(node) {
        var entry = JSON.parse(JSON.stringify(node));
        entry.question = entry.question || {id: '', type: 'single', points: 1, prompt_html: '', explanation_html: ''};
        entry.question_choices = entry.question.choices || [];
        delete entry.question.choices;
        (entry.choices || []).forEach(function (choice) { choice.effects_text = effectsText(choice.effects); });
        entry._linkedId = entry.id;
        return ensureParts(tag(entry));
    }

    function toStored(entry) {
        var node = {id: entry.id, type: entry.type, title: entry.title || '', body_html: entry.body_html || '',
                    extra_attributes: entry.extra_attributes || []};
        if (entry.type === 'decision') {
            node.choices = entry.choices.map(function (choice) {
                return {id: choice.id, target: choice.target, html: choice.html, points: choice.points,
                        consequence_html: choice.consequence_html || '', key_points_html: choice.key_points_html || '',
                        show_if: choice.show_if || '', effects: parseEffects(choice.effects_text),
                        extra_attributes: choice.extra_attributes || []};
            });
        }
        if (entry.type === 'check') {
            node.question = Object.assign({}, entry.question, {choices: entry.question_choices});
        }
        if (entry.type === 'reflection') { node.prompt_html = entry.prompt_html || ''; }
        if (entry.type === 'info' || entry.type === 'check' || entry.type === 'reflection') { node.next = entry.next || ''; }
        if (entry.type === 'end') { node.outcomes = entry.outcomes; }
        return node;
    }

    function newPart(kind, entry) {
        var part;
        if (kind === 'choices') {
            part = {id: freshId('c', (entry._allChoiceIds || []).concat(entry.choices.map(function (c) { return c.id; }))),
                    target: '', html: '', points: 0, consequence_html: '', key_points_html: '', show_if: '',
                    effects_text: ''};
        } else if (kind === 'question_choices') {
            part = {id: freshId('a', entry.question_choices.map(function (c) { return c.id; })), html: '',
                    correct: false, feedback_html: ''};
        } else {
            part = {condition: '', html: ''};
        }
        part._uid = uid();
        return part;
    }

    function ensureParts(entry) {
        (PART_KINDS[entry.type] || []).forEach(function (kind) {
            if (!entry[kind].length) {
                entry[kind].push(newPart(kind, entry));
                if (kind !== 'outcomes') { entry[kind].push(newPart(kind, entry)); }
            }
        });
        if (entry.type === 'check' && !entry.question.id) { entry.question.id = 'q_' + entry.id; }
        return entry;
    }

    function newNode(type, entries) {
        var used = entries.map(function (entry) { return entry.id; });
        return fromStored({id: freshId('n', used), type: type, title: '', body_html: '', choices: [], outcomes: [],
                           prompt_html: '', next: '', question: null, extra_attributes: []});
    }

    function Builder(prefix, types) {
        this.prefix = prefix;
        this.types = types;
    }
    Builder.prototype = Object.create(window.CifalEditor.Controls.prototype);

    Builder.prototype.base = function (entry) { return this.prefix + '-q' + entry._uid; };

    /* A select bound to entry[key], or to part[key] / entry[nested][key], listing ``options``. */
    Builder.prototype.choose = function (entry, options) {
        var holder = options.part || (options.nested ? entry[options.nested] : entry);
        var select = h('select', {id: options.id, 'data-q': entry._uid, 'data-key': options.key,
                                  'data-kind': options.kind || null, 'data-p': options.part ? options.part._uid : null,
                                  'data-nested': options.nested || null},
                       options.values.map(function (value) {
                           return h('option', {value: value.value, text: value.label,
                                               selected: value.value === (holder[options.key] || '')});
                       }));
        return h('div', {'class': 'cifal-studio__field'}, [h('label', {'for': options.id, text: options.label}), select]);
    };

    Builder.prototype.node = function (entry, index, total, targets) {
        var base = this.base(entry);
        var number = index + 1;
        var typeLabel = (this.types.filter(function (type) { return type.value === entry.type; })[0] || {}).label;
        var children = [
            h('legend', {'class': 'cifal-sq__legend'}, [
                h('span', {'class': 'cifal-sq__title', id: base + '-heading', tabindex: '-1',
                           text: format(gettext('Node {number}'), {number: number}) +
                               (entry.title ? ': ' + entry.title : '')}),
                h('span', {'class': 'cifal-sq__type', text: typeLabel ? ' \u2013 ' + typeLabel : ''})]),
            h('div', {'class': 'cifal-sq__head'}, [
                this.select(entry, base + '-type', 'type', gettext('Node type'), this.types),
                this.field(entry, {id: base + '-id', key: 'id', label: gettext('Node id')}),
                this.field(entry, {id: base + '-title', key: 'title', label: gettext('Title (the situation)')})]),
            this.field(entry, {id: base + '-body', key: 'body_html', label: gettext('What learners read (HTML)'),
                               multiline: true, rows: 3})
        ];
        if (entry.type === 'decision') { children.push(this.choiceList(entry, targets)); }
        if (entry.type === 'check') { children.push(this.question(entry)); }
        if (entry.type === 'reflection') {
            children.push(this.field(entry, {id: base + '-prompt', key: 'prompt_html', multiline: true, rows: 2,
                                             label: gettext('The question learners answer in their own words (HTML)')}));
        }
        if (entry.type === 'end') { children.push(this.outcomeList(entry)); }
        if (entry.type === 'info' || entry.type === 'check' || entry.type === 'reflection') {
            children.push(this.choose(entry, {id: base + '-next', key: 'next', label: gettext('Then go to'),
                                              values: targets}));
        }
        children.push(this.moves('question', {
            up: format(gettext('Move node {number} up'), {number: number}),
            down: format(gettext('Move node {number} down'), {number: number}),
            remove: format(gettext('Delete node {number}'), {number: number})
        }, {'data-q': entry._uid}, index, total));
        return h('li', {'class': 'cifal-sq cifal-sq--scenario', 'data-q': entry._uid}, [
            h('fieldset', {'class': 'cifal-sq__fieldset', id: base}, children)]);
    };

    Builder.prototype.group = function (entry, kind, legend, addLabel, rows) {
        return h('fieldset', {'class': 'cifal-sq__group', id: this.base(entry) + '-' + (kind === 'question_choices' ?
            'choices' : kind)}, [
            h('legend', {text: legend}),
            h('ol', {'class': 'cifal-sq__parts'}, rows),
            h('button', {type: 'button', 'class': 'cifal-studio__button', 'data-action': 'part-add',
                         'data-q': entry._uid, 'data-kind': kind, text: addLabel})
        ]);
    };

    Builder.prototype.partMoves = function (entry, kind, part, position, total, labels) {
        return this.moves('part', {
            up: format(labels[0], {number: position + 1}), down: format(labels[1], {number: position + 1}),
            remove: format(labels[2], {number: position + 1})
        }, {'data-q': entry._uid, 'data-kind': kind, 'data-p': part._uid}, position, total);
    };

    Builder.prototype.choiceList = function (entry, targets) {
        var self = this;
        return this.group(entry, 'choices', gettext('Choices'), gettext('Add a choice'),
                          entry.choices.map(function (choice, position) {
            var id = self.base(entry) + '-choices' + choice._uid;
            var n = {number: position + 1};
            var on = {kind: 'choices', part: choice};
            return h('li', {'class': 'cifal-sq__part', id: id, 'data-p': choice._uid}, [
                self.field(entry, Object.assign({id: id + '-text', key: 'html',
                                                 label: format(gettext('Choice {number} (HTML)'), n)}, on)),
                self.field(entry, Object.assign({id: id + '-id', key: 'id',
                                                 label: format(gettext('Choice {number} id'), n)}, on)),
                self.choose(entry, Object.assign({id: id + '-target', key: 'target', values: targets,
                                                  label: format(gettext('Choice {number} leads to'), n)}, on)),
                self.field(entry, Object.assign({id: id + '-consequence', key: 'consequence_html', multiline: true,
                                                 label: format(gettext('Choice {number}: consequence, shown once chosen (HTML)'), n)}, on)),
                self.field(entry, Object.assign({id: id + '-effects', key: 'effects_text', label: format(gettext(
                    'Choice {number}: effects on indicators, such as “services +10, budget -20”'), n)}, on)),
                self.field(entry, Object.assign({id: id + '-points', key: 'points', inputmode: 'decimal',
                                                 label: format(gettext('Choice {number}: points (graded scenarios)'), n)}, on)),
                self.field(entry, Object.assign({id: id + '-key_points', key: 'key_points_html', multiline: true,
                                                 label: format(gettext('Choice {number}: key points for the action plan (HTML; optional)'), n)}, on)),
                self.field(entry, Object.assign({id: id + '-show_if', key: 'show_if', label: format(gettext(
                    'Choice {number}: offered only if (a condition such as services >= 50; optional)'), n)}, on)),
                self.partMoves(entry, 'choices', choice, position, entry.choices.length, [
                    gettext('Move choice {number} up'), gettext('Move choice {number} down'),
                    gettext('Delete choice {number}')])
            ]);
        }));
    };

    Builder.prototype.question = function (entry) {
        var self = this;
        var base = this.base(entry);
        var q = {nested: 'question'};
        var choices = this.group(entry, 'question_choices', gettext('Answers'), gettext('Add an answer'),
                                 entry.question_choices.map(function (choice, position) {
            var id = base + '-question_choices' + choice._uid;
            var n = {number: position + 1};
            var on = {kind: 'question_choices', part: choice};
            return h('li', {'class': 'cifal-sq__part', id: id, 'data-p': choice._uid}, [
                self.field(entry, Object.assign({id: id + '-text', key: 'html',
                                                 label: format(gettext('Answer {number} (HTML)'), n)}, on)),
                self.field(entry, Object.assign({id: id + '-id', key: 'id',
                                                 label: format(gettext('Answer {number} id'), n)}, on)),
                self.check(entry, Object.assign({id: id + '-correct', key: 'correct',
                                                 label: format(gettext('Answer {number} is correct'), n)}, on)),
                self.field(entry, Object.assign({id: id + '-feedback', key: 'feedback_html', multiline: true,
                                                 label: format(gettext('Answer {number}: feedback once answered (HTML)'), n)}, on)),
                self.partMoves(entry, 'question_choices', choice, position, entry.question_choices.length, [
                    gettext('Move answer {number} up'), gettext('Move answer {number} down'),
                    gettext('Delete answer {number}')])
            ]);
        }));
        return h('div', {'class': 'cifal-sq__question'}, [
            this.field(entry, Object.assign({id: base + '-prompt', key: 'prompt_html', multiline: true,
                                             label: gettext('Question (HTML)')}, q)),
            h('div', {'class': 'cifal-sq__head'}, [
                this.choose(entry, Object.assign({id: base + '-question-type', key: 'type', label: gettext('Answers allowed'),
                                                  values: [{value: 'single', label: gettext('One answer')},
                                                           {value: 'multiple', label: gettext('Several answers')}]}, q)),
                this.field(entry, Object.assign({id: base + '-question-id', key: 'id', label: gettext('Question id')}, q)),
                this.field(entry, Object.assign({id: base + '-question-points', key: 'points', inputmode: 'decimal',
                                                 label: gettext('Points (graded scenarios)')}, q))]),
            choices,
            this.field(entry, Object.assign({id: base + '-question-explanation', key: 'explanation_html', multiline: true,
                                             label: gettext('Explanation, once answered (HTML; optional)')}, q))
        ]);
    };

    Builder.prototype.outcomeList = function (entry) {
        var self = this;
        return this.group(entry, 'outcomes', gettext('Outcomes (the first whose condition holds is shown)'),
                          gettext('Add an outcome'), entry.outcomes.map(function (outcome, position) {
            var id = self.base(entry) + '-outcomes' + outcome._uid;
            var n = {number: position + 1};
            var on = {kind: 'outcomes', part: outcome};
            return h('li', {'class': 'cifal-sq__part', id: id, 'data-p': outcome._uid}, [
                self.field(entry, Object.assign({id: id + '-condition', key: 'condition', label: format(gettext(
                    'Outcome {number}: shown if (such as cohesion >= 60; empty: always)'), n)}, on)),
                self.field(entry, Object.assign({id: id + '-text', key: 'html', multiline: true,
                                                 label: format(gettext('Outcome {number} (HTML)'), n)}, on)),
                self.partMoves(entry, 'outcomes', outcome, position, entry.outcomes.length, [
                    gettext('Move outcome {number} up'), gettext('Move outcome {number} down'),
                    gettext('Delete outcome {number}')])
            ]);
        }));
    };

    return {Builder: Builder, ensureParts: ensureParts, newNode: newNode, newPart: newPart, tag: tag,
            fromStored: fromStored, toStored: toStored};
}());
