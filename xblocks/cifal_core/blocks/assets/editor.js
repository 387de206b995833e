/* The Studio editor every block shares: the settings controls, the visual editor and OLX tabs, saving, and the
 * server's problems shown next to the controls they are about, with a summary that takes focus (ADR 9).
 * The server decides what is valid (one set of rules for the editor, the OLX tab and import); this file keeps what
 * the author types, sends it, and never touches what was typed when a save is refused. Save, the save status and
 * the number of problems stay in view (a bar at the bottom); text areas grow with what they hold.
 * A block's own file supplies the model of its parts (a quiz's questions, a questionnaire's items), usually a
 * PartsModel of editor_parts.js:
 *   load(content), content(), render(), add(), onEdit(event), onAction(button),
 *   locate(problem, target) and targetId(target) for problems about a part, settingTarget(field) (optional);
 *   with parts that open and close (optional): openAround(control), openWith(targets), flagProblems().
 * Inlined by cifal_core/blocks/rendering.py; defined once per page. */
/* exported CifalEditor */
window.CifalEditor = window.CifalEditor || (function () {
    'use strict';

    function format(text, values) {
        return text.replace(/\{(\w+)\}/g, function (match, key) {
            return Object.prototype.hasOwnProperty.call(values, key) ? values[key] : match;
        });
    }

    /* Build an element; author text only ever goes in properties (value, textContent), never parsed as HTML. */
    function h(tagName, attributes, children) {
        var node = document.createElement(tagName);
        Object.keys(attributes || {}).forEach(function (name) {
            var value = attributes[name];
            if (value === null || value === undefined || value === false) { return; }
            if (name === 'text') { node.textContent = value; } else if (name === 'value') { node.value = value; }
            else if (name === 'checked') { node.checked = Boolean(value); }
            else { node.setAttribute(name, value === true ? '' : value); }
        });
        (children || []).forEach(function (child) { if (child) { node.appendChild(child); } });
        return node;
    }

    var uidCounter = 0;
    function uid() { uidCounter += 1; return String(uidCounter); }

    function CifalEditor(options) {
        var runtime = options.runtime;
        var element = options.element.querySelector ? options.element : options.element[0];
        var root = element.querySelector('.cifal-studio');
        var prefix = options.prefix;
        var gettext = options.gettext;
        var ngettext = options.ngettext;
        var texts = options.texts;
        var model = null;
        var problems = [];  // {severity, message, target}
        var activeTab = 'editor';
        var busy = false;
        var dirty = false;  // changed since the last save (or since the editor opened)

        function byId(id) { return id ? document.getElementById(id) : null; }
        function notify(name, data) {
            if (runtime && typeof runtime.notify === 'function') { runtime.notify(name, data); }
        }

        var postJson = window.CifalHandlerClient(runtime, element, gettext);

        function replacer(key, value) {
            return key.charAt(0) === '_' ? undefined : value;  // client-only keys (_uid, _open) stay here
        }

        function post(handler, payload) {
            return postJson(handler, payload, {replacer: replacer});
        }

        function settingsPayload() {
            var settings = {};
            root.querySelectorAll('[data-setting] [name]').forEach(function (input) {
                settings[input.name] = input.type === 'checkbox' ? input.checked : input.value;
            });
            return settings;
        }

        function olxArea() { return byId(prefix + '-olx'); }
        function payload() {
            if (activeTab === 'olx') { return {olx: olxArea().value}; }
            return {settings: settingsPayload(), content: model.content()};
        }

        function load(data) {
            Object.keys(data.settings || {}).forEach(function (name) {
                var input = root.querySelector('[data-setting="' + name + '"] [name]');
                if (!input) { return; }
                if (input.type === 'checkbox') { input.checked = Boolean(data.settings[name]); }
                else { input.value = String(data.settings[name]); }
            });
            model.load(data.content || {});
            if (options.onLoad) { options.onLoad(data); }  // what else the block sends (a scenario's preview)
            render();
            growAll(root);  // the block's own text areas (a quiz's description), filled by model.load
        }

        function render() {
            model.render();
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

        /* Something the author typed or did is not saved yet: the bar says so (once, not at every key). */
        function changed() {
            if (dirty || busy) { return; }
            dirty = true;
            setStatus(gettext('Unsaved changes…'));
        }

        /* ---- text areas that grow with their content ----------------------------------------------------------- */

        function grow(area) {
            if (!area.offsetParent) { return; }  // hidden (a closed part): sized when it is shown
            area.style.height = 'auto';
            area.style.height = (area.scrollHeight + area.offsetHeight - area.clientHeight) + 'px';
        }

        function growAll(container) {
            (container || root).querySelectorAll('textarea:not(.cifal-studio__olx)').forEach(grow);
        }

        function move(list, index, delta) {
            var target = index + delta;
            if (target < 0 || target >= list.length) { return false; }
            var part = list.splice(index, 1)[0];
            list.splice(target, 0, part);
            return true;
        }

        /* Focus stays on the same button of the moved row, or on the other one at either end of the list. */
        function focusMoved(rowId, action, position, total) {
            var row = byId(rowId);
            if (!row) { return; }
            var up = /-up$/.test(action);
            var other = action.replace(up ? /-up$/ : /-down$/, up ? '-down' : '-up');
            var target = row.querySelector('[data-action="' + action + '"]') ||
                row.querySelector('[data-action="' + other + '"]');
            if (target) { target.focus(); }
            announce(format(gettext('Moved to position {position} of {total}.'), {position: position, total: total}));
        }

        /* ---- problems next to their fields --------------------------------------------------------------------- */

        /* Tie each problem from the server to the part it is about now (the list may move later). */
        function locate(problem) {
            var target = {field: problem.field};
            if (activeTab === 'olx') { target.olx = true; return target; }
            if (problem.question_index === null || problem.question_index === undefined) {
                target.setting = problem.field;
                return target;
            }
            return model.locate(problem, target);
        }

        function targetId(target) {
            if (target.olx) { return prefix + '-olx'; }
            if (target.setting !== undefined) {
                var own = model.settingTarget ? model.settingTarget(target.setting) : null;
                if (own) { return own; }
                return byId(prefix + '-setting-' + target.setting) ? prefix + '-setting-' + target.setting : null;
            }
            return model.targetId(target);
        }

        function clearMarks() {
            root.querySelectorAll('.cifal-studio__message').forEach(function (message) { message.remove(); });
            root.querySelectorAll('[aria-invalid]').forEach(function (control) {
                control.removeAttribute('aria-invalid');
            });
            root.querySelectorAll('[data-described]').forEach(function (control) {
                var own = control.dataset.described;
                if (own) { control.setAttribute('aria-describedby', own); }
                else { control.removeAttribute('aria-describedby'); }
                delete control.dataset.described;
            });
        }

        function mark(control, problem, messageId) {
            var message = h('p', {'class': 'cifal-studio__message cifal-studio__message--' + problem.severity,
                                  id: messageId}, [
                h('span', {'class': 'cifal-studio__message-kind', text: problem.severity === 'error' ?
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
            if (!problems.length) { showCounts(); return; }
            var errors = problems.filter(function (problem) { return problem.severity === 'error'; });
            var title = heading || (errors.length ? texts.problems(errors.length) : texts.advice);
            summary.appendChild(h('h3', {'class': 'cifal-studio__summary-title', text: format(title, {
                count: errors.length})}));
            var list = h('ul');
            problems.forEach(function (problem, index) {
                var id = targetId(problem.target);
                var control = byId(id);
                var kind = problem.severity === 'error' ? gettext('Error:') : gettext('Advice:');
                var text = kind + ' ' + problem.message;
                var row = h('li', {'class': 'cifal-studio__summary-' + problem.severity});
                if (control) {
                    mark(control, problem, prefix + '-problem-' + index);
                    row.appendChild(h('a', {href: '#' + id, 'data-target': id, text: text}));
                } else {
                    row.textContent = text;
                }
                list.appendChild(row);
            });
            summary.appendChild(list);
            showCounts();
            if (moveFocus) { summary.focus(); }
        }

        /* The bar at the bottom says how many problems there are, and takes the author to their list. */
        function showCounts() {
            if (model && model.flagProblems) { model.flagProblems(); }
            var count = root.querySelector('.cifal-studio__problem-count');
            var errors = problems.filter(function (problem) { return problem.severity === 'error'; }).length;
            var warnings = problems.length - errors;
            count.hidden = problems.length === 0;
            count.classList.toggle('cifal-studio__problem-count--advice', !errors);
            count.textContent = errors
                ? '\u26a0 ' + format(ngettext('{count} problem to fix', '{count} problems to fix', errors),
                                      {count: errors})
                : format(ngettext('{count} piece of advice', '{count} pieces of advice', warnings), {count: warnings});
        }

        function receiveProblems(body) {
            var all = (body.errors || []).concat(body.warnings || []);
            problems = all.map(function (problem) {
                return {severity: problem.severity, message: problem.message, target: locate(problem)};
            });
        }

        /* ---- saving and tabs ----------------------------------------------------------------------------------- */

        function showMessage(message) {
            var summary = byId(prefix + '-summary');
            summary.textContent = '';
            summary.appendChild(h('p', {'class': 'cifal-studio__summary-error', text: message}));
            summary.hidden = false;
            summary.focus();
        }

        function save() {
            if (busy) { return; }
            busy = true;
            setStatus(gettext('Saving…'));
            notify('save', {state: 'start'});
            post(options.handlers.save, payload()).then(function (body) {
                receiveProblems(body);
                if (activeTab === 'editor') {
                    load(body);  // what was stored: sanitized HTML, typed numbers
                } else {
                    showProblems(false);
                }
                dirty = false;
                setStatus(texts.saved);
                notify('save', {state: 'end'});
            }).catch(function (error) {
                receiveProblems(error.body || {});
                if (activeTab === 'editor' && model.openWith) {  // the parts with errors open, to be fixed there
                    model.openWith(problems.filter(function (problem) { return problem.severity === 'error'; })
                        .map(function (problem) { return problem.target; }));
                    model.render();
                }
                showProblems(true, problems.length ? null : error.message);
                if (!problems.length) { showMessage(error.message); }
                setStatus(format(gettext('Not saved: {reason}'), {reason: error.message}));
                notify('error', {title: texts.notSaved, message: error.message});
            }).then(function () { busy = false; });
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
            post(options.handlers.convert, payload()).then(function (body) {
                receiveProblems(body);
                if (name === 'olx') { olxArea().value = body.olx; showTab('olx'); showProblems(false); }
                else { showTab('editor'); load(body); }
                setStatus(name === 'olx' ? texts.showingOlx : gettext('Showing the editor.'));
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

        function start(partsModel, data, initialProblems) {
            model = partsModel;
            root.addEventListener('input', function (event) {
                if (event.target.tagName === 'TEXTAREA') { grow(event.target); }
                model.onEdit(event);
                changed();
            });
            root.addEventListener('change', function (event) { model.onEdit(event); changed(); });
            var resizing = null;
            window.addEventListener('resize', function () {  // lines wrap differently: heights follow
                window.cancelAnimationFrame(resizing);
                resizing = window.requestAnimationFrame(function () { growAll(root); });
            });
            root.addEventListener('click', function (event) {
                var link = event.target.closest('a[data-target]');
                if (link) {
                    event.preventDefault();
                    var target = byId(link.dataset.target);
                    if (target && model.openAround) { model.openAround(target); }  // in a closed part: open it
                    if (target && target.tagName === 'FIELDSET') {
                        target = target.querySelector('input, select, textarea');
                    }
                    if (target) { target.focus(); }
                    return;
                }
                var tab = event.target.closest('[role="tab"]');
                if (tab) { activate(tab.dataset.tab); return; }
                var button = event.target.closest('[data-action]');
                if (button) { model.onAction(button); return; }
                if (event.target.closest('.cifal-studio__add-part')) { model.add(); return; }
                if (event.target.closest('.cifal-studio__save')) { save(); return; }
                if (event.target.closest('.cifal-studio__problem-count')) { byId(prefix + '-summary').focus(); return; }
                if (event.target.closest('.cifal-studio__cancel')) { notify('cancel', {}); }
            });
            root.querySelector('[role="tablist"]').addEventListener('keydown', onTabKey);
            load(data);
            receiveProblems({warnings: initialProblems || []});
            problems.forEach(function (problem) { problem.severity = problem.severity || 'warning'; });
            showProblems(false, texts.beforeLearners);
        }

        return {
            root: root, prefix: prefix, gettext: gettext, ngettext: ngettext, format: format, h: h, uid: uid,
            byId: byId, render: render, announce: announce, focusLater: focusLater, move: move, focusMoved: focusMoved,
            post: post, replacer: replacer, changed: changed, grow: grow, growAll: growAll, start: start
        };
    }

    CifalEditor.format = format;
    CifalEditor.h = h;
    CifalEditor.uid = uid;
    return CifalEditor;
}());
