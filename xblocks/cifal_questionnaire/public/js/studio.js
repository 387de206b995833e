/* The questionnaire editor in Studio: the shared editor (cifal_core/blocks/assets/editor.js: settings, the OLX tab,
 * saving, problems next to their controls) with the questionnaire's items as its parts. Item forms are built by
 * studio_items.js; custom scales are edited in the OLX tab and kept as they are here. */
/* exported CifalQuestionnaireStudio */
function CifalQuestionnaireStudio(runtime, element, initArgs) {
    'use strict';

    var args = JSON.parse(initArgs.json);  // see initialize_js in cifal_core/blocks/rendering.py
    var I = window.CifalQuestionnaireStudioItems;
    var i18n = window.CifalQuestionnaireI18n || {};
    var gettext = i18n.gettext || function (text) { return text; };
    var ngettext = i18n.ngettext || function (one, many, count) { return count === 1 ? one : many; };
    var prefix = args.prefix;
    var builder = new I.Builder(prefix, args.types, args.scales);
    var scales = [];  // the questionnaire's own scales, edited in the OLX tab
    var editor = window.CifalEditor({
        runtime: runtime, element: element, prefix: prefix, gettext: gettext, ngettext: ngettext,
        handlers: {save: 'save_questionnaire', convert: 'convert_questionnaire'},
        texts: {
            problems: function (count) {
                return ngettext('The questionnaire has {count} problem to fix:',
                                'The questionnaire has {count} problems to fix:', count);
            },
            advice: gettext('Advice on this questionnaire:'),
            beforeLearners: gettext('Before people answer this questionnaire:'),
            saved: gettext('The questionnaire is saved.'),
            notSaved: gettext('The questionnaire was not saved'),
            showingOlx: gettext('Showing the questionnaire as OLX.')
        }
    });

    var items = window.CifalEditor.PartsModel(editor, {
        listId: prefix + '-part-list',
        typeSelectId: prefix + '-new-type',
        base: function (item) { return builder.base(item); },
        build: function (item, index, total) { return builder.item(item, index, total, scales); },
        newEntry: I.newItem,
        newPart: I.newPart,
        ensureParts: I.ensureParts,
        load: function (content) {
            editor.byId(prefix + '-intro').value = content.intro_html || '';
            editor.byId(prefix + '-thanks').value = content.thanks_html || '';
            scales = content.scales || [];
            return (content.items || []).map(function (item) {
                item.max_length = String(item.max_length || 0);
                return I.ensureParts(I.tag(item));
            });
        },
        content: function (entries) {
            return {intro_html: editor.byId(prefix + '-intro').value, thanks_html: editor.byId(prefix + '-thanks').value,
                    scales: scales, items: entries};
        },
        partKinds: {options: 'options', rows: 'rows'},
        plainFields: {id: '-id', type: '-type', prompt: '-prompt', scale: '-scale', indicator: '-indicator',
                      show_if: '-show_if', max_length: '-max_length', required: '-required', allow_na: '-allow_na',
                      other: '-other', 'long': '-long'},
        partFields: {},
        defaultPartField: function () { return '-text'; },
        settingTargets: {intro: prefix + '-intro', thanks: prefix + '-thanks', items: prefix + '-new-type',
                         scales: prefix + '-olx-help'},
        texts: {added: gettext('Item {number} added.'), deleted: gettext('Item {number} deleted.')}
    });

    editor.start(items, args, args.problems);
}
