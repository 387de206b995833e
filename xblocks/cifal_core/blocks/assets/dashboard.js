/* Staff only: loads a block's results dashboard under it when asked (its statistics take a moment on big courses,
 * so they are not computed on every page view). Downloads are plain links to a handler. Shared by every block
 * (cifal_core/blocks/assets), inlined; the view calls it when the page has a dashboard slot. */
/* exported CifalDashboard */
window.CifalDashboard = window.CifalDashboard || function CifalDashboard(runtime, root, gettext) {
    'use strict';

    var slot = root.querySelector('.cifal-dashboard-slot');
    if (!slot) { return; }
    var toggle = slot.querySelector('.cifal-dashboard__toggle');
    var content = slot.querySelector('.cifal-dashboard__content');
    var loaded = false;

    var post = window.CifalHandlerClient(runtime, root, gettext);

    function load() {
        content.textContent = gettext('Loading the results…');
        return post('dashboard', {}).then(function (body) {
            content.innerHTML = body.html;
            loaded = true;
            var heading = content.querySelector('h4');
            if (heading) { heading.focus(); }
        }).catch(function (error) {
            content.textContent = error.message;
        });
    }

    toggle.addEventListener('click', function () {
        var open = toggle.getAttribute('aria-expanded') !== 'true';
        toggle.setAttribute('aria-expanded', String(open));
        content.hidden = !open;
        toggle.textContent = open ? gettext('Hide the results dashboard') : gettext('Show the results dashboard');
        if (open && !loaded) { load(); }
    });
};
