/* The parts of a block's Studio editor (a quiz's questions, a questionnaire's items, a scenario's nodes): the
 * labelled controls their forms are made of (Controls), and the list of parts with sub-parts that the shared editor
 * (editor.js, loaded first) edits, moves, adds and deletes, and locates problems in (PartsModel).
 * Inlined by cifal_core/blocks/rendering.py after editor.js; defined once per page. */
(function (CifalEditor) {
    'use strict';

    if (CifalEditor.PartsModel) { return; }
    var format = CifalEditor.format;
    var h = CifalEditor.h;

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
}(window.CifalEditor));
