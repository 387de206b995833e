/* The quiz editor in Studio: the quiz's questions on the shared editor (cifal_core/blocks/assets/editor.js), which
 * has the settings, the OLX tab, saving and the problems. Here: the list of questions, its moves, additions and
 * deletions, and which control a problem about a question or one of its parts belongs to. Question forms are built
 * by studio_questions.js. */
/* exported CifalQuizStudio */
function CifalQuizStudio(runtime, element, initArgs) {
    'use strict';

    var args = JSON.parse(initArgs.json);  // see initialize_js in cifal_core/blocks/rendering.py
    var Q = window.CifalQuizStudioQuestions;
    var i18n = window.CifalQuizI18n || {};
    var gettext = i18n.gettext || function (text) { return text; };
    var ngettext = i18n.ngettext || function (one, many, count) { return count === 1 ? one : many; };
    var prefix = args.prefix;
    var builder = new Q.Builder(prefix, args.types, args.scorings);
    var state = {questions: []};
    var editor = window.CifalEditor({
        runtime: runtime, element: element, prefix: prefix, gettext: gettext, ngettext: ngettext,
        handlers: {save: 'save_quiz', convert: 'convert_quiz'},
        texts: {
            problems: ['The quiz has {count} problem to fix:', 'The quiz has {count} problems to fix:'].map(gettext),
            advice: gettext('Advice on this quiz:'),
            beforeLearners: gettext('Before learners take this quiz:'),
            saved: gettext('The quiz is saved.'),
            notSaved: gettext('The quiz was not saved'),
            showingOlx: gettext('Showing the quiz as OLX.')
        }
    });
    var format = editor.format;
    var byId = editor.byId;

    function findQuestion(uid) { return state.questions.filter(function (q) { return q._uid === uid; })[0]; }

    function load(content) {
        byId(prefix + '-description').value = content.description_html || '';
        state.questions = (content.questions || []).map(function (question) {
            if (question.numeric) {
                question.numeric.value = String(question.numeric.value);
                question.numeric.tolerance = String(question.numeric.tolerance);
            }
            question.points = String(question.points);
            return Q.ensureParts(Q.tag(question));
        });
    }

    function content() {
        return {description_html: byId(prefix + '-description').value, questions: state.questions};
    }

    function render() {
        var list = byId(prefix + '-question-list');
        list.textContent = '';
        state.questions.forEach(function (question, index) {
            list.appendChild(builder.question(question, index, state.questions.length));
        });
    }

    /* ---- editing ------------------------------------------------------------------------------------------- */

    function holderOf(control) {
        var question = findQuestion(control.dataset.q);
        if (!question) { return null; }
        var holder = question;
        if (control.dataset.kind && control.dataset.p) {
            holder = (question[control.dataset.kind] || []).filter(function (part) {
                return part._uid === control.dataset.p;
            })[0];
        }
        if (holder && control.dataset.nested) {
            holder[control.dataset.nested] = holder[control.dataset.nested] || {};
            holder = holder[control.dataset.nested];
        }
        return {question: question, holder: holder};
    }

    function onEdit(event) {
        var control = event.target;
        if (!control.dataset || !control.dataset.q || !control.dataset.key) { return; }
        var found = holderOf(control);
        if (!found || !found.holder) { return; }
        var key = control.dataset.key;
        if (control.type === 'checkbox' || control.type === 'radio') {
            if (control.dataset.radio) {  // one correct choice: the others are no longer correct
                found.question.choices.forEach(function (choice) { choice.correct = false; });
            }
            found.holder[key] = control.checked;
        } else {
            found.holder[key] = control.value;
        }
        if (key === 'type' && event.type === 'change') {
            Q.ensureParts(found.question);
            editor.render();
            editor.focusLater(builder.base(found.question) + '-type');
        }
    }

    function onAction(button) {
        var action = button.dataset.action;
        var question = findQuestion(button.dataset.q);
        var index = state.questions.indexOf(question);
        if (action === 'question-up' || action === 'question-down') {
            editor.move(state.questions, index, action === 'question-up' ? -1 : 1);
            editor.render();
            editor.focusMoved(builder.base(question), action, state.questions.indexOf(question) + 1,
                              state.questions.length);
        } else if (action === 'question-delete') {
            state.questions.splice(index, 1);
            editor.render();
            var next = state.questions[Math.min(index, state.questions.length - 1)];
            editor.focusLater(next ? builder.base(next) + '-title' : prefix + '-new-type');
            editor.announce(format(gettext('Question {number} deleted.'), {number: index + 1}));
        } else if (action === 'part-add') {
            var kind = button.dataset.kind;
            var part = Q.newPart(kind, question);
            question[kind].push(part);
            editor.render();
            var added = byId(builder.base(question) + '-' + kind + part._uid);
            if (added) { added.querySelector('input[type="text"], textarea').focus(); }
        } else {
            partAction(action, question, button.dataset.kind, button.dataset.p);
        }
    }

    function partAction(action, question, kind, partUid) {
        var parts = question[kind];
        var position = parts.map(function (part) { return part._uid; }).indexOf(partUid);
        var rowBase = builder.base(question) + '-' + kind;
        if (action === 'part-delete') {
            parts.splice(position, 1);
            editor.render();
            var next = parts[Math.min(position, parts.length - 1)];
            var row = next ? byId(rowBase + next._uid) : null;
            (row ? row.querySelector('input[type="text"], textarea') :
                byId(rowBase).querySelector('[data-action="part-add"]')).focus();
            editor.announce(format(gettext('Deleted; {count} left.'), {count: parts.length}));
            return;
        }
        editor.move(parts, position, action === 'part-up' ? -1 : 1);
        editor.render();
        editor.focusMoved(rowBase + partUid, action, parts.map(function (p) { return p._uid; }).indexOf(partUid) + 1,
                          parts.length);
    }

    function add() {
        var type = byId(prefix + '-new-type').value;
        var question = Q.newQuestion(type, state.questions);
        state.questions.push(question);
        editor.render();
        editor.focusLater(builder.base(question) + '-prompt');
        editor.announce(format(gettext('Question {number} added.'), {number: state.questions.length}));
    }

    /* ---- which control a problem is about ------------------------------------------------------------------ */

    function locate(problem, target) {
        var question = state.questions[problem.question_index];
        if (!question) { return target; }
        target.qUid = question._uid;
        var kind = {choice: 'choices', feedback: 'choices', correct: 'choices', choices: 'choices', item: 'items',
                    items: 'items', premise: 'pairs', response: 'pairs', pairs: 'pairs', answers: 'text_answers'}[
            problem.field];
        target.kind = kind;
        if (kind && problem.part_id !== null && problem.part_id !== undefined) {
            var parts = question[kind] || [];
            var part = kind === 'text_answers' ? parts[Number(problem.part_id)] :
                parts.filter(function (p) { return p.id === problem.part_id; })[0];
            target.pUid = part ? part._uid : null;
        }
        return target;
    }

    function settingTarget(field) {
        return {description: prefix + '-description', questions: prefix + '-new-type'}[field] || null;
    }

    function targetId(target) {
        if (!target.qUid) { return null; }
        var base = prefix + '-q' + target.qUid;
        var plain = {id: '-id', type: '-type', points: '-points', prompt: '-prompt', explanation: '-explanation',
                     scoring: '-scoring', answer: '-value', tolerance: '-tolerance'}[target.field];
        if (plain) { return base + plain; }
        if (target.kind && target.pUid) {
            var sub = {feedback: '-feedback', correct: '-correct', premise: '-premise', response: '-response'}[
                target.field] || '-text';
            var partBase = base + '-' + target.kind + target.pUid;
            return byId(partBase + sub) ? partBase + sub : partBase + (target.kind === 'pairs' ? '-premise' : '-text');
        }
        if (target.kind) { return base + '-' + target.kind; }
        return base;
    }

    editor.start({load: load, content: content, render: render, add: add, onEdit: onEdit, onAction: onAction,
                  locate: locate, targetId: targetId, settingTarget: settingTarget}, args, args.problems);
}
