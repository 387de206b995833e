/* The quiz editor's question forms: builds the controls of one question from its data, and new questions and
 * parts with fresh ids. No state and no requests here (studio.js has them): every control says, in data-*
 * attributes, which question (data-q), part (data-kind, data-p) and key (data-key) it edits.
 * Author text is only ever put in .value or .textContent, never parsed as HTML in the editor. */
/* exported CifalQuizStudioQuestions */
window.CifalQuizStudioQuestions = (function () {
    'use strict';

    /* Read at each call: the quiz's catalog may load after this file (add_js_catalog comes last). */
    function gettext(text) {
        var i18n = window.CifalQuizI18n;
        return i18n && i18n.gettext ? i18n.gettext(text) : text;
    }
    function ngettext(one, many, count) {
        var i18n = window.CifalQuizI18n;
        return i18n && i18n.ngettext ? i18n.ngettext(one, many, count) : (count === 1 ? one : many);
    }
    var PART_KINDS = {single: 'choices', multiple: 'choices', text: 'text_answers', ordering: 'items',
                      matching: 'pairs'};
    var ID_PREFIXES = {choices: '', items: 'i', pairs: 'p'};

    var format = window.CifalEditor.format;  // the shared editor's helpers (cifal_core/blocks/assets/editor.js)
    var h = window.CifalEditor.h;
    var uid = window.CifalEditor.uid;

    /* Give every question and part a client-only _uid: DOM ids and error targets follow it through moves. */
    function tag(question) {
        question._uid = question._uid || uid();
        ['choices', 'items', 'pairs', 'text_answers'].forEach(function (kind) {
            (question[kind] || []).forEach(function (part) { part._uid = part._uid || uid(); });
        });
        return question;
    }

    function freshId(prefix, used) {
        for (var n = 1; ; n += 1) {
            var candidate = prefix ? prefix + n : letters(n);
            if (used.indexOf(candidate) === -1) { return candidate; }
        }
    }

    function letters(n) {  // 1 -> a, 26 -> z, 27 -> aa: the ids trainers write for choices
        var text = '';
        while (n > 0) { n -= 1; text = String.fromCharCode(97 + (n % 26)) + text; n = Math.floor(n / 26); }
        return text;
    }

    function newPart(kind, question) {
        var used = (question[kind] || []).map(function (part) { return part.id; });
        var id = freshId(ID_PREFIXES[kind], used);
        var part = {choices: {id: id, html: '', correct: false, feedback_html: ''}, items: {id: id, html: ''},
                    pairs: {id: id, premise_html: '', response_html: ''}, text_answers: {text: '', regex: false}}[kind];
        part._uid = uid();
        return part;
    }

    /* A question's type-specific parts, created when missing; parts of other types are kept (not sent). */
    function ensureParts(question) {
        var kind = PART_KINDS[question.type];
        if (kind && !(question[kind] || []).length) {
            question[kind] = [];
            var count = kind === 'text_answers' ? 1 : 2;
            for (var n = 0; n < count; n += 1) { question[kind].push(newPart(kind, question)); }
        }
        if (question.type === 'numeric' && !question.numeric) {
            question.numeric = {value: '', tolerance: '0', relative: false};
        }
        if (question.type === 'multiple' && !question.scoring) { question.scoring = 'all_or_nothing'; }
        return question;
    }

    function newQuestion(type, questions) {
        var used = questions.map(function (question) { return question.id; });
        return ensureParts(tag({id: freshId('q', used), type: type, points: '1', prompt_html: '',
                                explanation_html: '', scoring: 'all_or_nothing', extra_attributes: []}));
    }

    /* Numbers as the author's language writes them ("1,5" in French); a number typed either way is read. */
    function numberFormat(language) {
        var formatter;
        try {
            formatter = new Intl.NumberFormat(language || undefined);
        } catch (error) {  // a language the browser does not know: its own
            formatter = new Intl.NumberFormat();
        }
        return {
            read: function (text) {
                var value = Number(String(text == null ? '' : text).trim().replace(/\s/g, '').replace(',', '.'));
                return String(text == null ? '' : text).trim() === '' || isNaN(value) ? null : value;
            },
            format: function (value) { return formatter.format(value); }
        };
    }

    /* ---- building the DOM ---------------------------------------------------------------------------------- */

    /* The shared editor's controls (field, check, select, button, moves) plus the quiz's question forms. */
    function Builder(prefix, types, scorings) {
        this.prefix = prefix;
        this.types = types;
        this.scorings = scorings;
    }
    Builder.prototype = Object.create(window.CifalEditor.Controls.prototype);

    Builder.prototype.base = function (question) { return this.prefix + '-q' + question._uid; };

    Builder.prototype.typeLabel = function (question) {
        return (this.types.filter(function (type) { return type.value === question.type; })[0] || {}).label || '';
    };

    /* A question's summary line: "Question 3 · Single choice · 1 point", then the prompt's first words. Points
     * left empty count 1, as on save; points that are not a number show as typed (saving says what is wrong). */
    Builder.prototype.summary = function (question, index, numbers) {
        var typed = String(question.points == null ? '' : question.points).trim();
        var points = typed === '' ? 1 : numbers.read(typed);
        var pointsLabel = points === null ? typed : format(  // gettext's plural rules take whole numbers only
            ngettext('{points} point', '{points} points', Number.isInteger(points) ? points : 2),
            {points: numbers.format(points)});
        return {title: format(gettext('Question {number}'), {number: index + 1}),
                details: [this.typeLabel(question), pointsLabel],
                text: window.CifalEditor.plainText(question.prompt_html)};
    };

    Builder.prototype.question = function (question, index, total) {
        var base = this.base(question);
        var number = index + 1;
        var data = {'data-q': question._uid};
        var typeLabel = this.typeLabel(question);
        var legend = h('legend', {'class': 'cifal-sq__legend'}, [
            h('span', {'class': 'cifal-sq__title', id: base + '-title', tabindex: '-1',
                       text: format(gettext('Question {number}'), {number: number})}),
            h('span', {'class': 'cifal-sq__type', text: typeLabel ? ' \u2013 ' + typeLabel : ''})
        ]);
        var head = h('div', {'class': 'cifal-sq__head'}, [
            this.select(question, base + '-type', 'type', gettext('Question type'), this.types),
            this.field(question, {id: base + '-id', key: 'id', label: gettext('Question id')}),
            this.field(question, {id: base + '-points', key: 'points', label: gettext('Points'),
                                  inputmode: 'decimal', className: 'cifal-studio__short'})
        ]);
        var children = [legend, head,
            this.field(question, {id: base + '-prompt', key: 'prompt_html', label: gettext('Prompt (HTML)'),
                                  multiline: true, rows: 2}),
            this.parts(question)];
        children.push(this.field(question, {id: base + '-explanation', key: 'explanation_html', multiline: true,
                                            rows: 2,
                                            label: gettext('Explanation, shown when answers are revealed (HTML)')}));
        children.push(this.moves('question', {
            up: format(gettext('Move question {number} up'), {number: number}),
            down: format(gettext('Move question {number} down'), {number: number}),
            remove: format(gettext('Delete question {number}'), {number: number})
        }, data, index, total));
        return h('li', {'class': 'cifal-sq', 'data-q': question._uid}, [
            h('fieldset', {'class': 'cifal-sq__fieldset', id: base}, children)]);
    };

    Builder.prototype.parts = function (question) {
        var base = this.base(question);
        if (question.type === 'numeric') {
            return h('div', {'class': 'cifal-sq__numeric'}, [
                this.field(question, {id: base + '-value', nested: 'numeric', key: 'value', inputmode: 'decimal',
                                      label: gettext('Correct value')}),
                this.field(question, {id: base + '-tolerance', nested: 'numeric', key: 'tolerance',
                                      inputmode: 'decimal', label: gettext('Tolerance (0 for an exact value)')}),
                this.check(question, {id: base + '-relative', nested: 'numeric', key: 'relative',
                                      label: gettext('The tolerance is a percentage of the value')})
            ]);
        }
        var kind = PART_KINDS[question.type];
        if (!kind) { return null; }
        var self = this;
        var parts = question[kind] || [];
        var legends = {choices: gettext('Choices'), text_answers: gettext('Accepted answers'),
                       items: gettext('Items, in the correct order'), pairs: gettext('Pairs to match')};
        var adds = {choices: gettext('Add a choice'), text_answers: gettext('Add an accepted answer'),
                    items: gettext('Add an item'), pairs: gettext('Add a pair')};
        var rows = parts.map(function (part, position) { return self.part(question, kind, part, position, parts.length); });
        var children = [h('legend', {text: legends[kind]})];
        if (question.type === 'multiple') {
            children.push(this.select(question, base + '-scoring', 'scoring', gettext('Scoring'), this.scorings));
        }
        children.push(h('ol', {'class': 'cifal-sq__parts'}, rows));
        children.push(h('button', {type: 'button', 'class': 'cifal-studio__button', 'data-action': 'part-add',
                                   'data-q': question._uid, 'data-kind': kind, text: adds[kind]}));
        return h('fieldset', {'class': 'cifal-sq__group', id: base + '-' + kind}, children);
    };

    Builder.prototype.part = function (question, kind, part, position, total) {
        var id = this.base(question) + '-' + kind + part._uid;
        var number = position + 1;
        var on = {kind: kind, part: part};
        var data = {'data-q': question._uid, 'data-kind': kind, 'data-p': part._uid};
        var fields = [];
        var labels;
        if (kind === 'choices') {
            fields.push(this.check(question, Object.assign({id: id + '-correct', key: 'correct',
                radio: question.type === 'single', name: this.base(question) + '-correct',
                label: format(gettext('Choice {number} is correct'), {number: number})}, on)));
            fields.push(this.field(question, Object.assign({id: id + '-text', key: 'html', multiline: true, rows: 1,
                label: format(gettext('Choice {number} (HTML)'), {number: number})}, on)));
            fields.push(this.field(question, Object.assign({id: id + '-feedback', key: 'feedback_html', multiline: true,
                rows: 1, label: format(gettext('Feedback for choice {number} (HTML)'), {number: number})}, on)));
            labels = [gettext('Move choice {number} up'), gettext('Move choice {number} down'),
                      gettext('Delete choice {number}')];
        } else if (kind === 'text_answers') {
            fields.push(this.field(question, Object.assign({id: id + '-text', key: 'text',
                label: format(gettext('Accepted answer {number}'), {number: number})}, on)));
            fields.push(this.check(question, Object.assign({id: id + '-regex', key: 'regex',
                label: format(gettext('Answer {number} is a regular expression'), {number: number})}, on)));
            labels = [gettext('Move answer {number} up'), gettext('Move answer {number} down'),
                      gettext('Delete answer {number}')];
        } else if (kind === 'items') {
            fields.push(this.field(question, Object.assign({id: id + '-text', key: 'html', multiline: true, rows: 1,
                label: format(gettext('Item {number} (HTML)'), {number: number})}, on)));
            labels = [gettext('Move item {number} up'), gettext('Move item {number} down'),
                      gettext('Delete item {number}')];
        } else {
            fields.push(this.field(question, Object.assign({id: id + '-premise', key: 'premise_html', multiline: true,
                rows: 1, label: format(gettext('Premise {number} (HTML)'), {number: number})}, on)));
            fields.push(this.field(question, Object.assign({id: id + '-response', key: 'response_html', multiline: true,
                rows: 1, label: format(gettext('Matching response {number} (HTML)'), {number: number})}, on)));
            labels = [gettext('Move pair {number} up'), gettext('Move pair {number} down'),
                      gettext('Delete pair {number}')];
        }
        fields.push(this.moves('part', {
            up: format(labels[0], {number: number}), down: format(labels[1], {number: number}),
            remove: format(labels[2], {number: number})
        }, data, position, total));
        return h('li', {'class': 'cifal-sq__part', id: id, 'data-p': part._uid}, fields);
    };

    return {
        PART_KINDS: PART_KINDS,
        Builder: Builder,
        ensureParts: ensureParts,
        format: format,
        h: h,
        newPart: newPart,
        newQuestion: newQuestion,
        numberFormat: numberFormat,
        tag: tag
    };
}());
