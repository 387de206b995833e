/* The quiz editor in Studio: settings, the list of questions, the OLX tab, saving.
 * The server decides what is valid (one set of rules for the editor, the OLX tab and import); this file keeps
 * what the author types, sends it, and shows each refused field's message next to it, with a summary that takes
 * focus. A refused save never touches what the author typed. Question forms are built by studio_questions.js. */
/* exported CifalQuizStudio */
function CifalQuizStudio(runtime, element, initArgs) {
    'use strict';

    var args = JSON.parse(initArgs.json);  // see initialize_js in cifal_core/blocks/rendering.py
    var root = (element.querySelector ? element : element[0]).querySelector('.cifal-studio');
    var Q = window.CifalQuizStudioQuestions;
    var i18n = window.CifalQuizI18n || {};
    var gettext = i18n.gettext || function (text) { return text; };
    var ngettext = i18n.ngettext || function (one, many, count) { return count === 1 ? one : many; };
    var format = Q.format;
    var prefix = args.prefix;
    var builder = new Q.Builder(prefix, args.types, args.scorings);
    var state = {questions: []};
    var problems = [];  // {severity, message, target: {setting|qUid, field, pUid}}
    var activeTab = 'editor';
    var busy = false;

    function byId(id) { return id ? document.getElementById(id) : null; }
    function questionList() { return byId(prefix + '-question-list'); }
    function olxArea() { return byId(prefix + '-olx'); }
    function findQuestion(uid) { return state.questions.filter(function (q) { return q._uid === uid; })[0]; }
    function notify(name, data) {
        if (runtime && typeof runtime.notify === 'function') { runtime.notify(name, data); }
    }

    /* ---- talking to the server ---------------------------------------------------------------------------- */

    var postJson = CifalHandlerClient(runtime, element.querySelector ? element : element[0], gettext);

    function post(handler, payload) {
        return postJson(handler, payload, {replacer: function (key, value) {
            return key.charAt(0) === '_' ? undefined : value;  // client-only keys (_uid) stay here
        }});
    }

    function editorPayload() {
        var settings = {};
        root.querySelectorAll('[data-setting] [name]').forEach(function (input) {
            settings[input.name] = input.type === 'checkbox' ? input.checked : input.value;
        });
        return {settings: settings, content: {description_html: byId(prefix + '-description').value,
                                              questions: state.questions}};
    }

    function payload() { return activeTab === 'olx' ? {olx: olxArea().value} : editorPayload(); }

    /* ---- loading data into the editor ---------------------------------------------------------------------- */

    function load(data) {
        Object.keys(data.settings || {}).forEach(function (name) {
            var input = root.querySelector('[data-setting="' + name + '"] [name]');
            if (!input) { return; }
            if (input.type === 'checkbox') { input.checked = Boolean(data.settings[name]); }
            else { input.value = String(data.settings[name]); }
        });
        var content = data.content || {};
        byId(prefix + '-description').value = content.description_html || '';
        state.questions = (content.questions || []).map(function (question) {
            if (question.numeric) {
                question.numeric.value = String(question.numeric.value);
                question.numeric.tolerance = String(question.numeric.tolerance);
            }
            question.points = String(question.points);
            return Q.ensureParts(Q.tag(question));
        });
        render();
    }

    function render() {
        var list = questionList();
        list.textContent = '';
        state.questions.forEach(function (question, index) {
            list.appendChild(builder.question(question, index, state.questions.length));
        });
        showProblems(false);
    }

    function focusLater(id) {
        var target = byId(id);
        if (target) { target.focus(); }
    }

    function announce(message) {
        var announcer = root.querySelector('.cifal-studio__announcer');
        announcer.textContent = '';
        window.setTimeout(function () { announcer.textContent = message; }, 50);
    }

    function setStatus(message) { root.querySelector('.cifal-studio__status').textContent = message; }

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
            render();
            focusLater(builder.base(found.question) + '-type');
        }
    }

    function move(list, index, delta) {
        var target = index + delta;
        if (target < 0 || target >= list.length) { return false; }
        var item = list.splice(index, 1)[0];
        list.splice(target, 0, item);
        return true;
    }

    /* Focus stays on the same button of the moved row, or on the other one at either end of the list. */
    function focusMoved(rowId, action, position, total) {
        var row = byId(rowId);
        if (!row) { return; }
        var selector = '[data-action="' + action + '"]';
        var up = /-up$/.test(action);
        var target = row.querySelector(selector) ||
            row.querySelector('[data-action="' + action.replace(up ? /-up$/ : /-down$/, up ? '-down' : '-up') + '"]');
        if (target) { target.focus(); }
        announce(format(gettext('Moved to position {position} of {total}.'), {position: position, total: total}));
    }

    function onAction(button) {
        var action = button.dataset.action;
        var question = findQuestion(button.dataset.q);
        var index = state.questions.indexOf(question);
        if (action === 'question-up' || action === 'question-down') {
            move(state.questions, index, action === 'question-up' ? -1 : 1);
            render();
            focusMoved(builder.base(question), action, state.questions.indexOf(question) + 1, state.questions.length);
        } else if (action === 'question-delete') {
            state.questions.splice(index, 1);
            render();
            var next = state.questions[Math.min(index, state.questions.length - 1)];
            focusLater(next ? builder.base(next) + '-title' : prefix + '-new-type');
            announce(format(gettext('Question {number} deleted.'), {number: index + 1}));
        } else if (action === 'part-add') {
            var kind = button.dataset.kind;
            var part = Q.newPart(kind, question);
            question[kind].push(part);
            render();
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
            render();
            var next = parts[Math.min(position, parts.length - 1)];
            var row = next ? byId(rowBase + next._uid) : null;
            (row ? row.querySelector('input[type="text"], textarea') :
                byId(rowBase).querySelector('[data-action="part-add"]')).focus();
            announce(format(gettext('Deleted; {count} left.'), {count: parts.length}));
            return;
        }
        move(parts, position, action === 'part-up' ? -1 : 1);
        render();
        focusMoved(rowBase + partUid, action, parts.map(function (p) { return p._uid; }).indexOf(partUid) + 1,
                   parts.length);
    }

    function addQuestion() {
        var type = byId(prefix + '-new-type').value;
        var question = Q.newQuestion(type, state.questions);
        state.questions.push(question);
        render();
        focusLater(builder.base(question) + '-prompt');
        announce(format(gettext('Question {number} added.'), {number: state.questions.length}));
    }

    /* ---- problems next to their fields --------------------------------------------------------------------- */

    /* Tie each problem from the server to the question and part it is about now (the list may move later). */
    function locate(problem) {
        var target = {field: problem.field};
        if (activeTab === 'olx') { target.olx = true; return target; }
        if (problem.question_index === null || problem.question_index === undefined) {
            target.setting = problem.field;
            return target;
        }
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

    function targetId(target) {
        if (target.olx) { return prefix + '-olx'; }
        if (target.setting !== undefined) {
            if (target.setting === 'description') { return prefix + '-description'; }
            if (target.setting === 'questions') { return prefix + '-new-type'; }
            return byId(prefix + '-setting-' + target.setting) ? prefix + '-setting-' + target.setting : null;
        }
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

    function clearMarks() {
        root.querySelectorAll('.cifal-studio__message').forEach(function (message) { message.remove(); });
        root.querySelectorAll('[aria-invalid]').forEach(function (control) { control.removeAttribute('aria-invalid'); });
        root.querySelectorAll('[data-described]').forEach(function (control) {
            var own = control.dataset.described;
            if (own) { control.setAttribute('aria-describedby', own); } else { control.removeAttribute('aria-describedby'); }
            delete control.dataset.described;
        });
    }

    function mark(control, problem, messageId) {
        var message = Q.h('p', {'class': 'cifal-studio__message cifal-studio__message--' + problem.severity,
                                id: messageId}, [
            Q.h('span', {'class': 'cifal-studio__message-kind', text: problem.severity === 'error' ?
                gettext('Error:') : gettext('Advice:')}),
            document.createTextNode(' ' + problem.message)]);
        if (control.tagName === 'FIELDSET') {
            control.insertBefore(message, control.querySelector('legend').nextSibling);
        } else {
            var field = control.closest('.cifal-studio__field, .cifal-studio__check') || control;
            field.appendChild(message);
        }
        if (control.dataset.described === undefined) {
            control.dataset.described = control.getAttribute('aria-describedby') || '';
        }
        var described = (control.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
        control.setAttribute('aria-describedby', described.concat([messageId]).join(' '));
        if (problem.severity === 'error' && control.tagName !== 'FIELDSET') {
            control.setAttribute('aria-invalid', 'true');
        }
    }

    function showProblems(moveFocus, heading) {
        clearMarks();
        var summary = byId(prefix + '-summary');
        summary.textContent = '';
        summary.hidden = problems.length === 0;
        if (!problems.length) { return; }
        var errors = problems.filter(function (problem) { return problem.severity === 'error'; });
        var title = heading || (errors.length ? ngettext('The quiz has {count} problem to fix:',
                                                         'The quiz has {count} problems to fix:', errors.length)
                                              : gettext('Advice on this quiz:'));
        summary.appendChild(Q.h('h3', {'class': 'cifal-studio__summary-title', text: format(title, {
            count: errors.length})}));
        var list = Q.h('ul');
        problems.forEach(function (problem, index) {
            var id = targetId(problem.target);
            var control = byId(id);
            var kind = problem.severity === 'error' ? gettext('Error:') : gettext('Advice:');
            var text = kind + ' ' + problem.message;
            var item = Q.h('li', {'class': 'cifal-studio__summary-' + problem.severity});
            if (control) {
                mark(control, problem, prefix + '-problem-' + index);
                item.appendChild(Q.h('a', {href: '#' + id, 'data-target': id, text: text}));
            } else {
                item.textContent = text;
            }
            list.appendChild(item);
        });
        summary.appendChild(list);
        if (moveFocus) { summary.focus(); }
    }

    function receiveProblems(body) {
        var all = (body.errors || []).concat(body.warnings || []);
        problems = all.map(function (problem) {
            return {severity: problem.severity, message: problem.message, target: locate(problem)};
        });
    }

    /* ---- saving and tabs ----------------------------------------------------------------------------------- */

    function save() {
        if (busy) { return; }
        busy = true;
        setStatus(gettext('Saving…'));
        notify('save', {state: 'start'});
        post('save_quiz', payload()).then(function (body) {
            receiveProblems(body);
            if (activeTab === 'editor') {
                load(body);  // what was stored: sanitized HTML, typed numbers
            } else {
                showProblems(false);
            }
            setStatus(gettext('The quiz is saved.'));
            notify('save', {state: 'end'});
        }).catch(function (error) {
            receiveProblems(error.body || {});
            showProblems(true, problems.length ? null : error.message);
            if (!problems.length) { showMessage(error.message); }
            setStatus(format(gettext('Not saved: {reason}'), {reason: error.message}));
            notify('error', {title: gettext('The quiz was not saved'), message: error.message});
        }).then(function () { busy = false; });
    }

    function showMessage(message) {
        var summary = byId(prefix + '-summary');
        summary.textContent = '';
        summary.appendChild(Q.h('p', {'class': 'cifal-studio__summary-error', text: message}));
        summary.hidden = false;
        summary.focus();
    }

    function tabs() { return Array.prototype.slice.call(root.querySelectorAll('[role="tab"]')); }

    function showTab(name) {
        activeTab = name;
        tabs().forEach(function (tab) {
            var selected = tab.dataset.tab === name;
            tab.setAttribute('aria-selected', selected ? 'true' : 'false');
            tab.tabIndex = selected ? 0 : -1;
            byId(tab.getAttribute('aria-controls')).hidden = !selected;
        });
    }

    /* Switching converts through the server, which refuses (and says why) what it cannot convert. */
    function activate(name) {
        if (name === activeTab || busy) { return; }
        busy = true;
        setStatus(gettext('Converting…'));
        post('convert_quiz', payload()).then(function (body) {
            receiveProblems(body);
            if (name === 'olx') { olxArea().value = body.olx; showTab('olx'); showProblems(false); }
            else { showTab('editor'); load(body); }
            setStatus(name === 'olx' ? gettext('Showing the quiz as OLX.') : gettext('Showing the editor.'));
        }).catch(function (error) {
            receiveProblems(error.body || {});
            showProblems(true, error.message);
            setStatus(error.message);
        }).then(function () { busy = false; });
    }

    function onTabKey(event) {
        var all = tabs();
        var index = all.indexOf(document.activeElement);
        if (index === -1) { return; }
        var next = {ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: all.length - 1}[event.key];
        if (next === undefined) { return; }
        event.preventDefault();
        all[(next + all.length) % all.length].focus();
    }

    /* ---- wiring -------------------------------------------------------------------------------------------- */

    root.addEventListener('input', onEdit);
    root.addEventListener('change', onEdit);
    root.addEventListener('click', function (event) {
        var link = event.target.closest('a[data-target]');
        if (link) {
            event.preventDefault();
            var target = byId(link.dataset.target);
            if (target && target.tagName === 'FIELDSET') { target = target.querySelector('input, select, textarea'); }
            if (target) { target.focus(); }
            return;
        }
        var tab = event.target.closest('[role="tab"]');
        if (tab) { activate(tab.dataset.tab); return; }
        var button = event.target.closest('[data-action]');
        if (button) { onAction(button); return; }
        if (event.target.closest('.cifal-studio__add-question')) { addQuestion(); return; }
        if (event.target.closest('.cifal-studio__save')) { save(); return; }
        if (event.target.closest('.cifal-studio__cancel')) { notify('cancel', {}); }
    });
    root.querySelector('[role="tablist"]').addEventListener('keydown', onTabKey);

    load(args);
    receiveProblems({warnings: args.problems || []});
    problems.forEach(function (problem) { problem.severity = problem.severity || 'warning'; });
    showProblems(false, gettext('Before learners take this quiz:'));
}
