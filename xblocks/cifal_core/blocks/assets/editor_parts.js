/* The parts of a block's Studio editor (a quiz's questions, a questionnaire's items, a scenario's nodes): the
 * labelled controls their forms are made of (Controls), and the list of parts with sub-parts that the shared editor
 * (editor.js, loaded first) edits, moves, adds and deletes, and locates problems in (PartsModel).
 * Each part shows as a summary line (a disclosure button naming it, its problems, its moves) over a panel with its
 * form and, where the block has one, a preview; a deletion can be undone for a while.
 * Inlined by cifal_core/blocks/rendering.py after editor.js; defined once per page. */
(function (CifalEditor) {
    'use strict';

    if (CifalEditor.PartsModel) { return; }
    var format = CifalEditor.format;
    var h = CifalEditor.h;
    var UNDO_MS = 10000;  // how long Undo stays after a deletion; never while focus is on it
    var PREVIEW_DELAY_MS = 400;  // quiet time after typing before the preview is drawn again
    var SUMMARY_LENGTH = 90;  // characters of the prompt in a part's summary line

    /* Plain text of author HTML, from an inert document: nothing in it runs or loads, only its text is kept. */
    function plainText(html) {
        var doc = new DOMParser().parseFromString(String(html || ''), 'text/html');
        doc.querySelectorAll('script, style, template').forEach(function (node) { node.remove(); });
        return (doc.body.textContent || '').replace(/\s+/g, ' ').trim();
    }

    /* The first words of ``text``, cut at a word boundary, with an ellipsis when cut. */
    function firstWords(text, length) {
        if (text.length <= length) { return text; }
        var cut = text.slice(0, length);
        var space = cut.lastIndexOf(' ');
        return (space > length / 2 ? cut.slice(0, space) : cut).replace(/[\s,.;:]+$/, '') + '\u2026';
    }

    /* The controls every block's part forms are made of; each control says, in data-* attributes, which part
     * (data-q), sub-part (data-kind, data-p) and key (data-key) it edits. A block's builder derives from it. */
    function Controls() {}

    /* A labelled text control bound to question[key] (or part[key] when part is given). ``multiline``: a textarea
     * that grows with its content (editor.js), ``rows`` high at least (1 for a choice's text). */
    Controls.prototype.field = function (question, options) {
        var id = options.id;
        var bind = {'data-q': question._uid, 'data-key': options.key, 'data-kind': options.kind,
                    'data-p': options.part ? options.part._uid : null, id: id, 'class': options.className};
        var holder = options.part || question;
        var value = options.nested ? (holder[options.nested] || {})[options.key] : holder[options.key];
        bind['data-nested'] = options.nested || null;
        var control;
        if (options.multiline) {
            bind['class'] = ((options.className || '') + ' cifal-studio__grow').trim();
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

    /* Move up / Move down / Delete for a question or a part. A question's go to its summary line (PartsModel). */
    Controls.prototype.moves = function (kind, labels, data, position, total) {
        return h('div', {'class': 'cifal-studio__moves'}, [
            position > 0 ? this.button(kind + '-up', labels.up, '\u2191', data) : null,
            position < total - 1 ? this.button(kind + '-down', labels.down, '\u2193', data) : null,
            this.button(kind + '-delete', labels.remove, '\u2715', data)
        ]);
    };

    /* The list of parts a block edits (a quiz's questions, a questionnaire's items), each with sub-parts (choices,
     * options, rows...): editing, moving, adding and deleting them with focus and announcements, opening and
     * closing them, undoing a deletion, and which control a problem from the server is about. ``config`` says
     * what is block-specific:
     *   build(entry, index, total) -> <li class="cifal-sq"> holding one <fieldset class="cifal-sq__fieldset"> whose
     *     legend has .cifal-sq__title and .cifal-sq__type and whose last child is the entry's moves,
     *   newEntry(type, entries), newPart(kind, entry), ensureParts(entry),
     *   load(content) -> entries, content(entries) -> the content to send, base(entry) -> the entry's DOM id,
     *   listId, typeSelectId, partKinds {problem field: sub-part kind}, plainFields {problem field: id suffix},
     *   partFields {problem field: sub-part id suffix}, settingTargets {problem field: DOM id},
     *   indexedKinds [kinds whose problems name a position, not an id], texts {added, deleted} (with {number}),
     *   rerenderOn [keys whose change other controls show: the form is built again] and focusOnAdd (the id suffix of
     *   a new entry's first control, '-prompt' unless said);
     *   optional: summary(entry, index) -> {title, details: [text], text} for its summary line (the legend's title
     *   and type and the first words of its prompt or body unless said; text '' shows as not written yet, null
     *   not at all), and preview {handler, heading,
     *   payload(entry, index, total)}: a handler that answers {"html"} drawn on the server from the entry as typed,
     *   shown under the open entry's form. */
    function PartsModel(editor, config) {
        var entries = [];
        var gettext = editor.gettext;
        var pending = null;  // the last deletion until it is undone or forgotten: {list, index, item, entry, kind}
        if (config.preview) { editor.root.classList.add('cifal-studio--previews'); }

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

        /* ---- the summary line and the panel ------------------------------------------------------------------ */

        function summaryOf(entry, index, form) {
            if (config.summary) { return config.summary(entry, index); }
            var title = form.querySelector('.cifal-sq__title');
            var type = form.querySelector('.cifal-sq__type');
            return {title: title ? title.textContent : '',
                    details: type ? [type.textContent.replace(/^\s*\u2013\s*/, '')] : [],
                    text: plainText(entry.prompt_html || entry.body_html || '') || null};  // none: no line
        }

        /* What the disclosure button says: "Question 3 · Single choice · 1 point", then the prompt's first words. */
        function summaryChildren(summary) {
            var head = [h('span', {'class': 'cifal-sq__summary-title', text: summary.title})];
            summary.details.filter(Boolean).forEach(function (detail) {
                head.push(h('span', {'class': 'cifal-sq__summary-sep', 'aria-hidden': 'true', text: ' \u00b7 '}));
                head.push(h('span', {'class': 'cifal-sr', text: ', '}));
                head.push(h('span', {'class': 'cifal-sq__summary-detail', text: detail}));
            });
            var body = [h('span', {'class': 'cifal-sq__summary-head'}, head)];
            if (summary.text !== null && summary.text !== undefined) {  // '': not written yet, and said so
                var text = firstWords(summary.text, SUMMARY_LENGTH);
                body.push(h('span', {'class': 'cifal-sr', text: ': '}));
                body.push(h('span', {'class': 'cifal-sq__summary-text' + (text ? '' : ' cifal-sq__summary-text--empty'),
                                     text: text || gettext('(nothing written yet)')}));
            }
            return [h('span', {'class': 'cifal-sq__chevron', 'aria-hidden': 'true'}),
                    h('span', {'class': 'cifal-sq__summary-body'}, body)];
        }

        /* The block's form for one entry, under a summary line that opens and closes it; the entry's moves go to
         * the summary line, so that a closed entry can be moved and deleted too. */
        function frame(entry, index) {
            var item = config.build(entry, index, entries.length);
            var form = item.querySelector('.cifal-sq__fieldset');
            var base = config.base(entry);
            var moves = form.querySelector(':scope > .cifal-studio__moves');
            var legend = form.querySelector(':scope > legend');
            if (legend) { legend.classList.add('cifal-sr'); }  // the summary line shows what it says
            var toggle = h('button', {type: 'button', 'class': 'cifal-sq__toggle', id: base + '-toggle',
                                      'data-action': 'entry-toggle', 'data-q': entry._uid,
                                      'aria-expanded': entry._open ? 'true' : 'false',
                                      'aria-controls': base + '-panel'},
                           summaryChildren(summaryOf(entry, index, form)));
            var bar = h('div', {'class': 'cifal-sq__bar'}, [
                h('h4', {'class': 'cifal-sq__summary'}, [toggle]),
                h('span', {'class': 'cifal-sq__flag', id: base + '-flag', hidden: true}),
                moves
            ]);
            var panel = h('div', {'class': 'cifal-sq__panel' + (config.preview ? ' cifal-sq__panel--preview' : ''),
                                  id: base + '-panel', hidden: !entry._open}, [form]);
            if (config.preview) { panel.appendChild(previewSection(entry)); }
            item.id = base + '-entry';
            item.classList.toggle('cifal-sq--open', Boolean(entry._open));
            item.insertBefore(bar, item.firstChild);
            item.appendChild(panel);
            return item;
        }

        /* The summary line again, as the author types (the prompt's first words, the points, the type). */
        function refreshSummary(entry) {
            var form = editor.byId(config.base(entry));
            var toggle = editor.byId(config.base(entry) + '-toggle');
            if (!form || !toggle) { return; }
            toggle.textContent = '';
            summaryChildren(summaryOf(entry, entries.indexOf(entry), form)).forEach(function (child) {
                toggle.appendChild(child);
            });
        }

        function setOpen(entry, open) {
            entry._open = open;
            var base = config.base(entry);
            var panel = editor.byId(base + '-panel');
            var toggle = editor.byId(base + '-toggle');
            if (!panel || !toggle) { return; }
            panel.hidden = !open;
            toggle.setAttribute('aria-expanded', open ? 'true' : 'false');
            editor.byId(base + '-entry').classList.toggle('cifal-sq--open', open);
            if (open) {
                editor.growAll(panel);
                showPreview(entry);
            }
        }

        /* Open the entry a control belongs to (a problem's link leads there); true when it was closed. */
        function openAround(control) {
            var item = control && control.closest ? control.closest('.cifal-sq[data-q]') : null;
            var entry = item ? find(item.dataset.q) : null;
            if (!entry || entry._open) { return false; }
            setOpen(entry, true);
            return true;
        }

        /* Open every entry a problem is about (after a refused save: its controls say what to fix). */
        function openWith(targets) {
            targets.forEach(function (target) {
                var entry = target && target.qUid ? find(target.qUid) : null;
                if (entry) { entry._open = true; }
            });
        }

        /* Each summary line says how many problems its entry has, in words (not by colour alone). */
        function flagProblems() {
            entries.forEach(function (entry) {
                var base = config.base(entry);
                var flag = editor.byId(base + '-flag');
                var panel = editor.byId(base + '-panel');
                if (!flag || !panel) { return; }
                var errors = panel.querySelectorAll('.cifal-studio__message--error').length;
                var warnings = panel.querySelectorAll('.cifal-studio__message--warning').length;
                flag.className = 'cifal-sq__flag cifal-sq__flag--' + (errors ? 'error' : 'warning');
                flag.hidden = !(errors || warnings);
                flag.textContent = errors ? '\u26a0 ' + format(editor.ngettext('{count} problem', '{count} problems',
                                                                               errors), {count: errors})
                    : (warnings ? format(editor.ngettext('{count} piece of advice', '{count} pieces of advice',
                                                         warnings), {count: warnings}) : '');
            });
        }

        /* ---- the preview ------------------------------------------------------------------------------------- */

        function previewSection(entry) {
            var base = config.base(entry);
            return h('section', {'class': 'cifal-sq__preview', 'aria-labelledby': base + '-preview-heading'}, [
                h('h5', {'class': 'cifal-sq__preview-heading', id: base + '-preview-heading',
                         text: config.preview.heading}),
                h('div', {'class': 'cifal-sq__preview-body', id: base + '-preview'})
            ]);
        }

        function previewPayload(entry) {
            return config.preview.payload(entry, entries.indexOf(entry), entries.length);
        }

        /* The preview is drawn on the server from the entry as typed, its HTML sanitised as on save: what arrives
         * is the block's own rendering, never the author's text parsed here. */
        function drawPreview(entry) {
            var body = editor.byId(config.base(entry) + '-preview');
            if (!body || !entry._preview) { return; }
            if (entry._preview.error) {
                body.textContent = format(gettext('No preview: {reason}'), {reason: entry._preview.error});
            } else {
                body.innerHTML = entry._preview.html;
            }
        }

        function requestPreview(entry) {
            var payload = previewPayload(entry);
            var key = JSON.stringify(payload, editor.replacer);
            var body = editor.byId(config.base(entry) + '-preview');
            if (body && !body.hasChildNodes()) { drawPreview(entry); }  // drawn again: the last one, until the new
            if (entry._preview && entry._preview.key === key) { return; }
            if (body) { body.setAttribute('aria-busy', 'true'); }
            var ticket = entry._previewTicket = (entry._previewTicket || 0) + 1;
            editor.post(config.preview.handler, payload).then(function (answer) {
                return {key: key, html: answer.html || ''};
            }, function (error) {
                return {key: null, error: error.message};
            }).then(function (preview) {
                if (ticket !== entry._previewTicket) { return; }  // a later request, for newer text, is on its way
                entry._preview = preview;
                drawPreview(entry);
                var shown = editor.byId(config.base(entry) + '-preview');
                if (shown) { shown.removeAttribute('aria-busy'); }
            });
        }

        /* The open entry's preview, now or once the author pauses (``later``: while typing). */
        function showPreview(entry, later) {
            if (!config.preview || !entry._open) { return; }
            clearTimeout(entry._previewTimer);
            if (later) {
                entry._previewTimer = setTimeout(function () { requestPreview(entry); }, PREVIEW_DELAY_MS);
            } else {
                requestPreview(entry);
            }
        }

        /* ---- undoing a deletion ------------------------------------------------------------------------------ */

        function forget() {
            if (!pending) { return; }
            clearTimeout(pending.timer);
            pending = null;
        }

        function removeUndo() {
            var notice = editor.root.querySelector('.cifal-studio__deleted');
            if (notice) { notice.remove(); }
        }

        /* Undo stays until the author does something else to the list, or for UNDO_MS once focus is elsewhere. */
        function armUndo() {
            clearTimeout(pending.timer);
            pending.timer = setTimeout(function expire() {
                var notice = editor.root.querySelector('.cifal-studio__deleted');
                if (notice && notice.contains(document.activeElement)) {
                    pending.timer = setTimeout(expire, UNDO_MS);
                    return;
                }
                removeUndo();
                pending = null;
            }, UNDO_MS);
        }

        /* Where the deleted entry or part was: what was deleted, and Undo (focused: Enter brings it back). */
        function drawUndo() {
            if (!pending) { return; }
            var notice = h('li', {'class': 'cifal-studio__deleted'}, [
                h('span', {'class': 'cifal-studio__deleted-text', id: editor.prefix + '-deleted',
                           text: pending.message}),
                h('button', {type: 'button', 'class': 'cifal-studio__button', 'data-action': 'undo',
                             'aria-describedby': editor.prefix + '-deleted', text: gettext('Undo')})
            ]);
            var list = pending.entry ? partList(pending.entry, pending.kind) : editor.byId(config.listId);
            if (!list) { return; }
            var rows = Array.prototype.filter.call(list.children, function (child) {
                return !child.classList.contains('cifal-studio__deleted');
            });
            list.insertBefore(notice, rows[pending.index] || null);
        }

        function partList(entry, kind) {
            var add = editor.root.querySelector('[data-action="part-add"][data-q="' + entry._uid + '"][data-kind="' +
                                                kind + '"]');
            return add ? add.parentNode.querySelector('.cifal-sq__parts') : null;
        }

        function deleted(record) {
            forget();
            pending = record;
            editor.render();
            armUndo();
            var undo = editor.root.querySelector('.cifal-studio__deleted button');
            if (undo) { undo.focus(); }
            editor.announce(record.message + ' ' + gettext('Undo brings it back.'));
            editor.changed();
        }

        function undo() {
            if (!pending) { return; }
            var record = pending;
            forget();
            record.list.splice(Math.min(record.index, record.list.length), 0, record.item);
            editor.render();
            if (record.entry) {
                var row = editor.byId(config.base(record.entry) + '-' + record.kind + record.item._uid);
                var control = row ? row.querySelector('input[type="text"], textarea, select') : null;
                if (control) { control.focus(); }
            } else {
                editor.focusLater(config.base(record.item) + '-toggle');
            }
            editor.announce(gettext('Restored.'));
            editor.changed();
        }

        /* ---- editing ----------------------------------------------------------------------------------------- */

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
                forget();
                config.ensureParts(found.entry);
                editor.render();
                editor.focusLater(config.base(found.entry) + '-type');
            } else if (event.type === 'change' && (config.rerenderOn || []).indexOf(key) !== -1) {
                forget();
                editor.render();  // other controls show this value (a scenario's target lists show node titles)
                editor.focusLater(control.id);
            } else if (event.type === 'input' || control.tagName === 'SELECT' || control.type === 'checkbox' ||
                       control.type === 'radio') {
                refreshSummary(found.entry);
                showPreview(found.entry, true);
            }
        }

        function onAction(button) {
            var action = button.dataset.action;
            if (action === 'undo') { undo(); return; }
            if (action === 'entries-open' || action === 'entries-close') {
                entries.forEach(function (entry) { setOpen(entry, action === 'entries-open'); });
                return;
            }
            var entry = find(button.dataset.q);
            if (!entry) { return; }
            if (action === 'entry-toggle') { setOpen(entry, !entry._open); return; }
            var index = entries.indexOf(entry);
            forget();
            if (action === 'question-up' || action === 'question-down') {
                editor.move(entries, index, action === 'question-up' ? -1 : 1);
                editor.render();
                editor.focusMoved(config.base(entry) + '-entry', action, entries.indexOf(entry) + 1, entries.length);
                editor.changed();
            } else if (action === 'question-delete') {
                entries.splice(index, 1);
                deleted({list: entries, index: index, item: entry,
                         message: format(config.texts.deleted, {number: index + 1})});
            } else if (action === 'part-add') {
                var kind = button.dataset.kind;
                var part = config.newPart(kind, entry);
                entry[kind].push(part);
                editor.render();
                var added = editor.byId(config.base(entry) + '-' + kind + part._uid);
                if (added) { added.querySelector('input[type="text"], textarea').focus(); }
                editor.changed();
            } else {
                partAction(action, entry, button.dataset.kind, button.dataset.p);
            }
        }

        function partAction(action, entry, kind, partUid) {
            var parts = entry[kind];
            var position = parts.map(function (part) { return part._uid; }).indexOf(partUid);
            if (position === -1) { return; }
            if (action === 'part-delete') {
                var part = parts.splice(position, 1)[0];
                deleted({list: parts, index: position, item: part, entry: entry, kind: kind,
                         message: format(gettext('Deleted; {count} left.'), {count: parts.length})});
                return;
            }
            editor.move(parts, position, action === 'part-up' ? -1 : 1);
            editor.render();
            editor.focusMoved(config.base(entry) + '-' + kind + partUid, action,
                              parts.map(function (p) { return p._uid; }).indexOf(partUid) + 1, parts.length);
            editor.changed();
        }

        /* A new entry opens, alone: the others close, so that the list stays short as it grows. */
        function add() {
            forget();
            var entry = config.newEntry(editor.byId(config.typeSelectId).value, entries);
            entries.forEach(function (other) { other._open = false; });
            entry._open = true;
            entries.push(entry);
            editor.render();
            editor.focusLater(config.base(entry) + (config.focusOnAdd || '-prompt'));
            editor.announce(format(config.texts.added, {number: entries.length}));
            editor.changed();
        }

        /* ---- problems ---------------------------------------------------------------------------------------- */

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

        /* ---- loading and drawing ----------------------------------------------------------------------------- */

        /* Entries read again (after a save, or from the OLX tab) stay open or closed as they were; on the first
         * load they start closed, unless there is only one. */
        function load(content) {
            forget();
            var before = entries;
            entries = config.load(content);
            entries.forEach(function (entry, index) {
                var same = before.filter(function (old) { return old.id === entry.id; })[0] || before[index];
                entry._open = before.length ? Boolean(same && same._open) : entries.length === 1;
                if (same && same._preview) { entry._preview = same._preview; }
            });
        }

        function render() {
            var list = editor.byId(config.listId);
            list.textContent = '';
            entries.forEach(function (entry, index) { list.appendChild(frame(entry, index)); });
            drawUndo();
            editor.root.querySelectorAll('.cifal-studio__list-tools').forEach(function (tools) {
                tools.hidden = entries.length < 2;
            });
            editor.growAll(list);
            entries.forEach(function (entry) { showPreview(entry); });
        }

        return {
            load: load,
            content: function () { return config.content(entries); },
            render: render,
            add: add, onEdit: onEdit, onAction: onAction, locate: locate, targetId: targetId,
            openAround: openAround, openWith: openWith, flagProblems: flagProblems,
            settingTarget: function (field) { return (config.settingTargets || {})[field] || null; }
        };
    }

    CifalEditor.Controls = Controls;
    CifalEditor.PartsModel = PartsModel;
    CifalEditor.plainText = plainText;
    CifalEditor.firstWords = firstWords;
}(window.CifalEditor));
