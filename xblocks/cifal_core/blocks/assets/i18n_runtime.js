/* The gettext functions of the bundled JS catalogs (public/js/translations/<lang>/text.js of each block), shared by
 * every CIFAL block: a catalog file holds only its strings and calls CifalI18n.install(namespace, catalog, plural).
 * Where the platform offers its own JS catalog for a block's namespace, that one is used and this one is not
 * installed. Inlined before each view's files (cifal_core/blocks/rendering.py); defined once per page. */
window.CifalI18n = window.CifalI18n || {
    install: function (namespace, catalog, pluralIndex) {
        'use strict';
        if (window[namespace]) { return; }  // the platform's catalog, or this block's from another view

        function formIndex(count) {
            var index = pluralIndex(count);
            return typeof index === 'boolean' ? (index ? 1 : 0) : index;
        }

        function gettext(msgid) {
            var value = catalog[msgid];
            if (typeof value === 'string' && value) { return value; }
            return Array.isArray(value) && value[0] ? value[0] : msgid;
        }

        function ngettext(singular, plural, count) {
            var value = catalog[singular];
            var form = Array.isArray(value) ? value[formIndex(count)] : '';
            return form || (count === 1 ? singular : plural);
        }

        // Django's interpolate: %s from a list, or %(name)s from an object when named is true.
        function interpolate(format, values, named) {
            if (named) {
                return format.replace(/%\(\w+\)s/g, function (match) { return String(values[match.slice(2, -2)]); });
            }
            var index = 0;
            return format.replace(/%s/g, function () { return String(values[index++]); });
        }

        window[namespace] = {gettext: gettext, ngettext: ngettext, interpolate: interpolate};
    }
};
