/* The Studio editor every block shares: the settings controls, the visual editor and OLX tabs, saving, and the
 * server's problems shown next to the controls they are about, with a summary that takes focus (ADR 9).
 * The server decides what is valid (one set of rules for the editor, the OLX tab and import); this file keeps what
 * the author types, sends it, and never touches what was typed when a save is refused.
 * A block's own file supplies the model of its parts (a quiz's questions, a questionnaire's items):
 *   load(content), content(), render(), add(), onEdit(event), onAction(button),
 *   locate(problem, target) and targetId(target) for problems about a part, settingTarget(field) (optional).
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

        function byId(id) { return id ? document.getElementById(id) : null; }
        function notify(name, data) {
            if (runtime && typeof runtime.notify === 'function') { runtime.notify(name, data); }
        }

        var postJson = window.CifalHandlerClient(runtime, element, gettext);

        function post(handler, payload) {
            return postJson(handler, payload, {replacer: function (key, value) {
                return key.charAt(0) === '_' ? undefined : value;  // client-only keys (_uid) stay here
            }});
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
            if (!problems.length) { return; }
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
            if (moveFocus) { summary.focus(); }
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
                setStatus(texts.saved);
                notify('save', {state: 'end'});
            }).catch(function (error) {
                receiveProblems(error.body || {});
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
            root.addEventListener('input', function (event) { model.onEdit(event); });
            root.addEventListener('change', function (event) { model.onEdit(event); });
            root.addEventListener('click', function (event) {
                var link = event.target.closest('a[data-target]');
                if (link) {
                    event.preventDefault();
                    var target = byId(link.dataset.target);
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
            start: start
        };
    }

    /* The controls every block's part forms are made of; each control says, in data-* attributes, which part
     * (data-q), sub-part (data-kind, data-p) and key (data-key) it edits. A block's builder derives from it. */
    function Controls() {}

    /* A labelled text control bound to question[key] (or part[key] when part is given). */
    Controls.prototype.field = function (question, options) {
        var id = options.id;
        var bind = {'data-q': question._uid, 'data-key': options.key, 'data-kind': options.kind,
                    'data-p': options.part ? options.part._uid : null, id: id, 'class': options.className};
        var holder = options.part || question;
        var value = options.nested ? (holder[options.nested] || {})[options.key] : holder[options.key];
        bind['data-nested'] = options.nested || null;
        var control;
        if (options.multiline) {
            control = h('textarea', Object.assign(bind, {rows: options.rows || 2, value: value == null ? '' : value}));
        } else {
            control = h('input', Object.assign(bind, {type: 'text', value: value == null ? '' : String(value),
                                                      inputmode: options.inputmode, autocomplete: 'off'}));
        }
        return h('div', {'class': 'cifal-studio__field'}, [h('label', {'for': id, text: options.label}), control]);
    };

    Controls.prototype.check = function (question, options) {
        var holder = options.part || question;
        var value = options.nested ? (holder[options.nested] || {})[options.key] : holder[options.key];
        var input = h('input', {type: options.radio ? 'radio' : 'checkbox', id: options.id, name: options.name,
                                checked: value === true, 'data-q': question._uid, 'data-key': options.key,
                                'data-kind': options.kind, 'data-p': options.part ? options.part._uid : null,
                                'data-nested': options.nested || null, 'data-radio': options.radio ? 'true' : null});
        return h('div', {'class': 'cifal-studio__check'}, [input, h('label', {'for': options.id, text: options.label})]);
    };

    Controls.prototype.select = function (question, id, key, label, options) {
        var select = h('select', {id: id, 'data-q': question._uid, 'data-key': key},
                       options.map(function (option) {
                           return h('option', {value: option.value, text: option.label,
                                               selected: option.value === question[key]});
                       }));
        return h('div', {'class': 'cifal-studio__field'}, [h('label', {'for': id, text: label}), select]);
    };

    Controls.prototype.button = function (action, label, icon, data) {
        var attributes = Object.assign({type: 'button', 'class': 'cifal-studio__icon-button', 'data-action': action,
                                        title: label}, data || {});
        return h('button', attributes, [h('span', {'aria-hidden': 'true', text: icon}),
                                        h('span', {'class': 'cifal-sr', text: label})]);
    };

    /* Move up / Move down / Delete for a question or a part. */
    Controls.prototype.moves = function (kind, labels, data, position, total) {
        return h('div', {'class': 'cifal-studio__moves'}, [
            position > 0 ? this.button(kind + '-up', labels.up, '\u2191', data) : null,
            position < total - 1 ? this.button(kind + '-down', labels.down, '\u2193', data) : null,
            this.button(kind + '-delete', labels.remove, '\u2715', data)
        ]);
    };

    /* The list of parts a block edits (a quiz's questions, a questionnaire's items), each with sub-parts (choices,
     * options, rows...): editing, moving, adding and deleting them with focus and announcements, and which control
     * a problem from the server is about. ``config`` says what is block-specific:
     *   build(entry, index, total), newEntry(type, entries), newPart(kind, entry), ensureParts(entry),
     *   load(content) -> entries, content(entries) -> the content to send, base(entry) -> the entry's DOM id,
     *   listId, typeSelectId, partKinds {problem field: sub-part kind}, plainFields {problem field: id suffix},
     *   partFields {problem field: sub-part id suffix}, settingTargets {problem field: DOM id},
     *   indexedKinds [kinds whose problems name a position, not an id], texts {added, deleted} (with {number}),
 *   rerenderOn [keys whose change other controls show: the form is built again] and focusOnAdd (the id suffix of
 *   a new entry's first control, '-prompt' unless said). */
    function PartsModel(editor, config) {
        var entries = [];
        var gettext = editor.gettext;

        function find(uidValue) { return entries.filter(function (entry) { return entry._uid === uidValue; })[0]; }

        function holderOf(control) {
            var entry = find(control.dataset.q);
            if (!entry) { return null; }
            var holder = entry;
            if (control.dataset.kind && control.dataset.p) {
                holder = (entry[control.dataset.kind] || []).filter(function (part) {
                    return part._uid === control.dataset.p;
                })[0];
            }
            if (holder && control.dataset.nested) {
                holder[control.dataset.nested] = holder[control.dataset.nested] || {};
                holder = holder[control.dataset.nested];
            }
            return {entry: entry, holder: holder};
        }

        function onEdit(event) {
            var control = event.target;
            if (!control.dataset || !control.dataset.q || !control.dataset.key) { return; }
            var found = holderOf(control);
            if (!found || !found.holder) { return; }
            var key = control.dataset.key;
            if (control.type === 'checkbox' || control.type === 'radio') {
                if (control.dataset.radio) {  // one of a kind (the correct choice): the others are unset
                    (found.entry[control.dataset.kind] || []).forEach(function (part) { part[key] = false; });
                }
                found.holder[key] = control.checked;
            } else {
                found.holder[key] = control.value;
            }
            if (key === 'type' && event.type === 'change' && !control.dataset.nested && !control.dataset.p) {
                config.ensureParts(found.entry);
                editor.render();
                editor.focusLater(config.base(found.entry) + '-type');
            } else if (event.type === 'change' && (config.rerenderOn || []).indexOf(key) !== -1) {
                editor.render();  // other controls show this value (a scenario's target lists show node titles)
                editor.focusLater(control.id);
            }
        }

        function onAction(button) {
            var action = button.dataset.action;
            var entry = find(button.dataset.q);
            var index = entries.indexOf(entry);
            if (action === 'question-up' || action === 'question-down') {
                editor.move(entries, index, action === 'question-up' ? -1 : 1);
                editor.render();
                editor.focusMoved(config.base(entry), action, entries.indexOf(entry) + 1, entries.length);
            } else if (action === 'question-delete') {
                entries.splice(index, 1);
                editor.render();
                var next = entries[Math.min(index, entries.length - 1)];
                editor.focusLater(next ? config.base(next) + '-title' : config.typeSelectId);
                editor.announce(format(config.texts.deleted, {number: index + 1}));
            } else if (action === 'part-add') {
                var kind = button.dataset.kind;
                var part = config.newPart(kind, entry);
                entry[kind].push(part);
                editor.render();
                var added = editor.byId(config.base(entry) + '-' + kind + part._uid);
                if (added) { added.querySelector('input[type="text"], textarea').focus(); }
            } else {
                partAction(action, entry, button.dataset.kind, button.dataset.p);
            }
        }

        function partAction(action, entry, kind, partUid) {
            var parts = entry[kind];
            var position = parts.map(function (part) { return part._uid; }).indexOf(partUid);
            var rowBase = config.base(entry) + '-' + kind;
            if (action === 'part-delete') {
                parts.splice(position, 1);
                editor.render();
                var next = parts[Math.min(position, parts.length - 1)];
                var row = next ? editor.byId(rowBase + next._uid) : null;
                (row ? row.querySelector('input[type="text"], textarea') :
                    editor.byId(rowBase).querySelector('[data-action="part-add"]')).focus();
                editor.announce(format(gettext('Deleted; {count} left.'), {count: parts.length}));
                return;
            }
            editor.move(parts, position, action === 'part-up' ? -1 : 1);
            editor.render();
            editor.focusMoved(rowBase + partUid, action,
                              parts.map(function (p) { return p._uid; }).indexOf(partUid) + 1, parts.length);
        }

        function add() {
            var entry = config.newEntry(editor.byId(config.typeSelectId).value, entries);
            entries.push(entry);
            editor.render();
            editor.focusLater(config.base(entry) + (config.focusOnAdd || '-prompt'));
            editor.announce(format(config.texts.added, {number: entries.length}));
        }

        function locate(problem, target) {
            var entry = entries[problem.question_index];
            if (!entry) { return target; }
            target.qUid = entry._uid;
            var kind = config.partKinds[problem.field];
            target.kind = kind;
            if (kind && problem.part_id !== null && problem.part_id !== undefined) {
                var parts = entry[kind] || [];
                var part = (config.indexedKinds || []).indexOf(kind) !== -1 ? parts[Number(problem.part_id)] :
                    parts.filter(function (p) { return p.id === problem.part_id; })[0];
                target.pUid = part ? part._uid : null;
            }
            return target;
        }

        function targetId(target) {
            var entry = find(target.qUid);
            if (!entry) { return null; }
            var base = config.base(entry);
            var plain = config.plainFields[target.field];
            if (plain) { return base + plain; }
            if (target.kind && target.pUid) {
                var partBase = base + '-' + target.kind + target.pUid;
                var sub = config.partFields[target.field] || '-text';
                return editor.byId(partBase + sub) ? partBase + sub : partBase + config.defaultPartField(target.kind);
            }
            if (target.kind) { return base + '-' + target.kind; }
            return base;
        }

        return {
            load: function (content) { entries = config.load(content); },
            content: function () { return config.content(entries); },
            render: function () {
                var list = editor.byId(config.listId);
                list.textContent = '';
                entries.forEach(function (entry, index) { list.appendChild(config.build(entry, index, entries.length)); });
            },
            add: add, onEdit: onEdit, onAction: onAction, locate: locate, targetId: targetId,
            settingTarget: function (field) { return (config.settingTargets || {})[field] || null; }
        };
    }

    CifalEditor.Controls = Controls;
    CifalEditor.PartsModel = PartsModel;
    CifalEditor.format = format;
    CifalEditor.h = h;
    CifalEditor.uid = uid;
    return CifalEditor;
}());
