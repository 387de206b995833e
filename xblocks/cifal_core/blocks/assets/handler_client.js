/* How every view of every CIFAL block talks to its handlers: a JSON POST with Django's CSRF token (the LMS, Studio
 * and the workbench all check it); a refusal becomes an Error carrying the server's message, status and JSON body.
 * Shared by the blocks (cifal_core/blocks/assets), inlined before each view's own file; defined once per page. */
/* exported CifalHandlerClient */
window.CifalHandlerClient = window.CifalHandlerClient || function CifalHandlerClient(runtime, element, gettext) {
    'use strict';

    function csrfToken() {
        var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
        return match ? decodeURIComponent(match[1]) : '';
    }

    /* options.keepalive: the request outlives the page (saving on the way out);
     * options.replacer: a JSON.stringify replacer (the editor leaves its client-only keys out). */
    return function post(handler, payload, options) {
        options = options || {};
        return fetch(runtime.handlerUrl(element, handler), {
            method: 'POST',
            credentials: 'same-origin',
            keepalive: Boolean(options.keepalive),
            headers: {'Content-Type': 'application/json', 'X-CSRFToken': csrfToken(),
                      'X-Requested-With': 'XMLHttpRequest'},
            body: JSON.stringify(payload, options.replacer)
        }).then(function (response) {
            return response.json().catch(function () { return {}; }).then(function (body) {
                if (!response.ok) {
                    var error = new Error(body.error || gettext('Something went wrong; please try again.'));
                    error.status = response.status;
                    error.body = body;
                    throw error;
                }
                return body;
            });
        });
    };
};

/* What every block's learner view starts with: its settings (see initialize_js in cifal_core/blocks/rendering.py),
 * its root element (the runtime passes a DOM element or a jQuery object), the block's own element (``selector``),
 * the gettext functions of its catalog (``namespace``) and ``post`` for its handlers. */
/* exported CifalBlockView */
window.CifalBlockView = window.CifalBlockView || function CifalBlockView(runtime, element, args, selector, namespace) {
    'use strict';

    var root = element.querySelector ? element : element[0];
    var i18n = window[namespace] || {};
    var gettext = i18n.gettext || function (text) { return text; };
    var ngettext = i18n.ngettext || function (one, many, count) { return count === 1 ? one : many; };
    return {settings: JSON.parse(args.json), root: root, block: root.querySelector(selector), gettext: gettext,
            ngettext: ngettext, post: window.CifalHandlerClient(runtime, root, gettext)};
};
