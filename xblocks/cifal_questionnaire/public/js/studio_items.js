/* The questionnaire editor's item forms, on the shared editor's controls (cifal_core/blocks/assets/editor.js):
 * builds the controls of one item from its data, and new items, options and rows with fresh ids. No state and no
 * requests here (studio.js has them). Author text is only ever put in .value or .textContent. */
/* exported CifalQuestionnaireStudioItems */
window.CifalQuestionnaireStudioItems = (function () {
    'use strict';

    /* Read at each call: the block's catalog may load after this file (add_js_catalog comes last). */
    function gettext(text) {
        var i18n = window.CifalQuestionnaireI18n;
        return i18n && i18n.gettext ? i18n.gettext(text) : text;
    }
    var format = window.CifalEditor.format;
    var h = window.CifalEditor.h;
    var uid = window.CifalEditor.uid;
    var PART_KINDS = {matrix: 'rows', single: 'options', multiple: 'options', profile: 'options'};

    /* Every item and part gets a client-only _uid: DOM ids and problem targets follow it through moves. */
    function tag(item) {
        item._uid = item._uid || uid();
        ['options', 'rows'].forEach(function (kind) {
            (item[kind] || []).forEach(function (part) { part._uid = part._uid || uid(); });
        });
        return item;
    }

    function freshId(prefix, used) {
        for (var n = 1; ; n += 1) {
            if (used.indexOf(prefix + n) === -1) { return prefix + n; }
        }
    }

    function newPart(kind, item) {
        var used = (item[kind] || []).map(function (part) { return part.id; });
        var part = {id: freshId(kind === 'rows' ? 'r' : 'o', used), html: ''};
        if (kind === 'rows') { part.indicator = ''; }
        part._uid = uid();
        return part;
    }

    /* An item's type-specific parts, created when missing; parts of other types stay in the browser only. */
    function ensureParts(item) {
        var kind = PART_KINDS[item.type];
        if (kind && !(item[kind] || []).length) {
            item[kind] = [];
            for (var n = 0; n < (kind === 'rows' ? 1 : 2); n += 1) { item[kind].push(newPart(kind, item)); }
        }
        if ((item.type === 'likert' || item.type === 'matrix') && !item.scale) { item.scale = 'agree5'; }
        return item;
    }

    function newItem(type, items) {
        var used = items.map(function (item) { return item.id; });
        return ensureParts(tag({id: freshId('item', used), type: type, prompt_html: '', required: false,
                                indicator: '', scale: '', allow_na: false, options: [], rows: [], other: false,
                                long: false, max_length: 0, show_if: '', extra_attributes: []}));
    }

    function Builder(prefix, types, scales) {
        this.prefix = prefix;
        this.types = types;
        this.scales = scales;
    }
    Builder.prototype = Object.create(window.CifalEditor.Controls.prototype);

    Builder.prototype.base = function (item) { return this.prefix + '-q' + item._uid; };

    Builder.prototype.item = function (item, index, total, customScales) {
        var base = this.base(item);
        var number = index + 1;
        var typeLabel = (this.types.filter(function (type) { return type.value === item.type; })[0] || {}).label;
        var children = [
            h('legend', {'class': 'cifal-sq__legend'}, [
                h('span', {'class': 'cifal-sq__title', id: base + '-title', tabindex: '-1',
                           text: format(gettext('Item {number}'), {number: number})}),
                h('span', {'class': 'cifal-sq__type', text: typeLabel ? ' \u2013 ' + typeLabel : ''})]),
            h('div', {'class': 'cifal-sq__head'}, [
                this.select(item, base + '-type', 'type', gettext('Item type'), this.types),
                this.field(item, {id: base + '-id', key: 'id', label: gettext('Item id')}),
                this.check(item, {id: base + '-required', key: 'required', label: gettext('Required')})]),
            this.field(item, {id: base + '-prompt', key: 'prompt_html', label: gettext('Prompt (HTML)'),
                              multiline: true, rows: 2})
        ];
        if (item.type === 'likert' || item.type === 'matrix') {
            var scales = this.scales.concat((customScales || []).map(function (scale) {
                return {value: scale.id, label: scale.id};
            }));
            children.push(this.select(item, base + '-scale', 'scale', gettext('Scale'), scales));
            children.push(this.check(item, {id: base + '-allow_na', key: 'allow_na',
                                            label: gettext('Offer “Not applicable”')}));
        }
        if (item.type === 'likert' || item.type === 'nps') {
            children.push(this.field(item, {id: base + '-indicator', key: 'indicator',
                                            label: gettext('Headline indicator (a word, such as utility; optional)')}));
        }
        if (item.type === 'multiple') {
            children.push(this.check(item, {id: base + '-other', key: 'other', label: gettext('Offer “Other, please say”')}));
        }
        if (item.type === 'text') {
            children.push(this.check(item, {id: base + '-long', key: 'long', label: gettext('Long answer')}));
            children.push(this.field(item, {id: base + '-max_length', key: 'max_length', inputmode: 'numeric',
                                            label: gettext('Most characters allowed (0: 500, or 2000 if long)')}));
        }
        children.push(this.parts(item));
        children.push(this.field(item, {id: base + '-show_if', key: 'show_if',
                                        label: gettext('Show only if (a condition on earlier items; optional)')}));
        children.push(h('p', {'class': 'cifal-studio__help', text: gettext(
            'For example: q1 <= 2, or group == "gov". Leave empty to always show the item.')}));
        children.push(this.moves('question', {
            up: format(gettext('Move item {number} up'), {number: number}),
            down: format(gettext('Move item {number} down'), {number: number}),
            remove: format(gettext('Delete item {number}'), {number: number})
        }, {'data-q': item._uid}, index, total));
        return h('li', {'class': 'cifal-sq', 'data-q': item._uid}, [
            h('fieldset', {'class': 'cifal-sq__fieldset', id: base}, children)]);
    };

    Builder.prototype.parts = function (item) {
        var kind = PART_KINDS[item.type];
        if (!kind) { return null; }
        var self = this;
        var parts = item[kind] || [];
        var legend = kind === 'rows' ? gettext('Statements (rows), each rated on the scale') : gettext('Options');
        var add = kind === 'rows' ? gettext('Add a statement') : gettext('Add an option');
        return h('fieldset', {'class': 'cifal-sq__group', id: this.base(item) + '-' + kind}, [
            h('legend', {text: legend}),
            h('ol', {'class': 'cifal-sq__parts'}, parts.map(function (part, position) {
                return self.part(item, kind, part, position, parts.length);
            })),
            h('button', {type: 'button', 'class': 'cifal-studio__button', 'data-action': 'part-add',
                         'data-q': item._uid, 'data-kind': kind, text: add})
        ]);
    };

    Builder.prototype.part = function (item, kind, part, position, total) {
        var id = this.base(item) + '-' + kind + part._uid;
        var number = position + 1;
        var on = {kind: kind, part: part};
        var rows = kind === 'rows';
        var fields = [
            this.field(item, Object.assign({id: id + '-text', key: 'html', label: format(
                rows ? gettext('Statement {number} (HTML)') : gettext('Option {number} (HTML)'), {number: number})}, on)),
            this.field(item, Object.assign({id: id + '-id', key: 'id', label: format(
                rows ? gettext('Statement {number} id') : gettext('Option {number} id'), {number: number})}, on))
        ];
        if (rows) {
            fields.push(this.field(item, Object.assign({id: id + '-indicator', key: 'indicator', label: format(
                gettext('Statement {number} headline indicator (optional)'), {number: number})}, on)));
        }
        var labels = rows ? [gettext('Move statement {number} up'), gettext('Move statement {number} down'),
                             gettext('Delete statement {number}')]
                          : [gettext('Move option {number} up'), gettext('Move option {number} down'),
                             gettext('Delete option {number}')];
        fields.push(this.moves('part', {
            up: format(labels[0], {number: number}), down: format(labels[1], {number: number}),
            remove: format(labels[2], {number: number})
        }, {'data-q': item._uid, 'data-kind': kind, 'data-p': part._uid}, position, total));
        return h('li', {'class': 'cifal-sq__part', id: id, 'data-p': part._uid}, fields);
    };

    return {Builder: Builder, ensureParts: ensureParts, newItem: newItem, newPart: newPart, tag: tag};
}());
