/* The scenario editor in Studio: the shared editor (cifal_core/blocks/assets/editor.js: settings, the OLX tab,
 * saving, problems next to their controls) with the scenario's nodes as its parts, the start node and the
 * indicators above them, and the drawing of the paths as last saved. Node forms are built by studio_nodes.js.
 * Renaming a node keeps every choice and "next" that led to it. */
/* exported CifalScenarioStudio */
function CifalScenarioStudio(runtime, element, initArgs) {
    'use strict';

    var args = JSON.parse(initArgs.json);  // see initialize_js in cifal_core/blocks/rendering.py
    var N = window.CifalScenarioStudioNodes;
    var i18n = window.CifalScenarioI18n || {};
    var gettext = i18n.gettext || function (text) { return text; };
    var ngettext = i18n.ngettext || function (one, many, count) { return count === 1 ? one : many; };
    var h = window.CifalEditor.h;
    var format = window.CifalEditor.format;
    var prefix = args.prefix;
    var builder = new N.Builder(prefix, args.types);
    var indicators = [];
    var entriesNow = [];

    var editor = window.CifalEditor({
        runtime: runtime, element: element, prefix: prefix, gettext: gettext, ngettext: ngettext,
        handlers: {save: 'save_scenario', convert: 'convert_scenario'},
        onLoad: function (data) { if (data.preview) { showPreview(data.preview); } },
        texts: {
            problems: function (count) {
                return ngettext('The scenario has {count} problem to fix:', 'The scenario has {count} problems to fix:',
                                count);
            },
            advice: gettext('Advice on this scenario:'),
            beforeLearners: gettext('Before learners work through this scenario:'),
            saved: gettext('The scenario is saved.'),
            notSaved: gettext('The scenario was not saved'),
            showingOlx: gettext('Showing the scenario as OLX.')
        }
    });

    /* The drawing is made on the server from the saved scenario (it never runs author text as markup here). */
    function showPreview(preview) {
        var drawing = editor.byId(prefix + '-drawing');
        drawing.innerHTML = preview.drawing || '';
        editor.byId(prefix + '-lengths').textContent = preview.lengths || '';
    }

    function targets() {
        return [{value: '', label: gettext('(choose a node)')}].concat(entriesNow.map(function (entry) {
            return {value: entry.id, label: entry.title ? entry.title + ' (' + entry.id + ')' : entry.id};
        }));
    }

    var nodes = window.CifalEditor.PartsModel(editor, {
        listId: prefix + '-part-list',
        typeSelectId: prefix + '-new-type',
        focusOnAdd: '-title',
        rerenderOn: ['id', 'title'],
        base: function (entry) { return builder.base(entry); },
        build: function (entry, index, total) { return builder.node(entry, index, total, targets()); },
        newEntry: function (type, entries) { return N.newNode(type, entries); },
        newPart: function (kind, entry) {
            entry._allChoiceIds = [].concat.apply([], entriesNow.map(function (other) {
                return (other.choices || []).map(function (choice) { return choice.id; });
            }));
            return N.newPart(kind, entry);
        },
        ensureParts: N.ensureParts,
        load: function (content) {
            editor.byId(prefix + '-start').value = content.start || '';
            indicators = (content.indicators || []).map(function (indicator) {
                return {id: indicator.id, label: indicator.label, min: String(indicator.min), max: String(indicator.max),
                        start: String(indicator.start)};
            });
            entriesNow = (content.nodes || []).map(N.fromStored);
            return entriesNow;
        },
        content: function (entries) {
            entriesNow = entries;
            return {start: editor.byId(prefix + '-start').value.trim(), indicators: indicators,
                    nodes: entries.map(N.toStored)};
        },
        partKinds: {choices: 'choices', target: 'choices', outcomes: 'outcomes'},
        indexedKinds: ['outcomes'],
        plainFields: {id: '-id', type: '-type', title: '-title', body: '-body', prompt: '-prompt', next: '-next',
                      question: '-prompt'},
        partFields: {choices: '-text', target: '-target'},
        defaultPartField: function () { return '-text'; },
        settingTargets: {start: prefix + '-start', indicators: prefix + '-indicators', nodes: prefix + '-new-type'},
        texts: {added: gettext('Node {number} added.'), deleted: gettext('Node {number} deleted.')}
    });

    /* ---- the indicators: a short list of its own (id, label, range, start) ----------------------------------- */

    function renderIndicators() {
        var list = editor.byId(prefix + '-indicator-list');
        list.textContent = '';
        indicators.forEach(function (indicator, index) {
            var base = prefix + '-indicator' + index;
            var number = {number: index + 1};
            function input(key, label, mode) {
                return h('div', {'class': 'cifal-studio__field'}, [
                    h('label', {'for': base + '-' + key, text: format(label, number)}),
                    h('input', {type: 'text', id: base + '-' + key, value: indicator[key], inputmode: mode || null,
                                autocomplete: 'off', 'data-indicator': String(index), 'data-indicator-key': key})]);
            }
            list.appendChild(h('li', {'class': 'cifal-studio__indicator', id: base}, [
                input('id', gettext('Indicator {number} id')), input('label', gettext('Indicator {number} label')),
                input('min', gettext('Indicator {number} lowest value'), 'decimal'),
                input('max', gettext('Indicator {number} highest value'), 'decimal'),
                input('start', gettext('Indicator {number} value at the start'), 'decimal'),
                h('button', {type: 'button', 'class': 'cifal-studio__button', 'data-action': 'indicator-delete',
                             'data-indicator': String(index), text: format(gettext('Delete indicator {number}'), number)})
            ]));
        });
    }

    /* Renaming a node: what led to its old id now leads to the new one. */
    function relink(entry, newId) {
        var oldId = entry._linkedId;
        if (!oldId || oldId === newId) { entry._linkedId = newId; return; }
        entriesNow.forEach(function (other) {
            if (other.next === oldId) { other.next = newId; }
            (other.choices || []).forEach(function (choice) { if (choice.target === oldId) { choice.target = newId; } });
        });
        var start = editor.byId(prefix + '-start');
        if (start.value.trim() === oldId) { start.value = newId; }
        entry._linkedId = newId;
    }

    var model = Object.assign({}, nodes, {
        render: function () { nodes.render(); renderIndicators(); },
        onEdit: function (event) {
            var control = event.target;
            if (control.dataset && control.dataset.indicatorKey) {
                indicators[Number(control.dataset.indicator)][control.dataset.indicatorKey] = control.value;
                return;
            }
            if (event.type === 'change' && control.dataset && control.dataset.key === 'id' && !control.dataset.p &&
                    !control.dataset.nested) {
                var entry = entriesNow.filter(function (other) { return other._uid === control.dataset.q; })[0];
                if (entry) { relink(entry, control.value.trim()); }
            }
            nodes.onEdit(event);
        },
        onAction: function (button) {
            if (button.dataset.action === 'indicator-add') {
                indicators.push({id: '', label: '', min: '0', max: '100', start: '50'});
                renderIndicators();
                editor.focusLater(prefix + '-indicator' + (indicators.length - 1) + '-id');
                return;
            }
            if (button.dataset.action === 'indicator-delete') {
                var index = Number(button.dataset.indicator);
                indicators.splice(index, 1);
                renderIndicators();
                editor.focusLater(indicators.length ? prefix + '-indicator' + Math.min(index, indicators.length - 1) +
                    '-id' : null);
                if (!indicators.length) { editor.root.querySelector('[data-action="indicator-add"]').focus(); }
                editor.announce(format(gettext('Indicator deleted; {count} left.'), {count: indicators.length}));
                return;
            }
            nodes.onAction(button);
        }
    });

    editor.start(model, args, args.problems);
}
