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
