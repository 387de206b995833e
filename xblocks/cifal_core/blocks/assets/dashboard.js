/* Staff only: the two tabs under a block's title, "What learners see" and "Results dashboard" (the WAI-ARIA tabs
 * pattern: the arrow keys, Home and End move between the tabs and select them, Tab goes on into the open panel).
 * The dashboard is loaded the first time its tab opens: its statistics take a moment on big courses, so they are
 * not computed on every page view. Downloads are plain links to a handler; large reports are prepared by the
 * platform's workers and listed by report_tasks.js, started here once the dashboard is in. Shared by every block
 * (cifal_core/blocks/assets), inlined; the view calls it, and it does nothing on a page without the tabs. */
/* exported CifalDashboard */
window.CifalDashboard = window.CifalDashboard || function CifalDashboard(runtime, root, gettext) {
    'use strict';

    var tablist = root.querySelector('.cifal-staff-tabs');
    if (!tablist) { return; }
    var tabs = Array.prototype.slice.call(tablist.querySelectorAll('[role="tab"]'));
    var panel = root.querySelector('.cifal-dashboard-panel');
    var status = panel.querySelector('.cifal-dashboard-panel__status');
    var content = panel.querySelector('.cifal-dashboard-panel__content');
    var post = window.CifalHandlerClient(runtime, root, gettext);
    var state = 'empty';  // then 'loading', then 'loaded'; a failed load goes back to 'empty' (open again to retry)

    function panelOf(tab) {
        return root.querySelector('[id="' + tab.getAttribute('aria-controls') + '"]');
    }

    function load() {
        state = 'loading';
        status.classList.remove('cifal-sr');
        status.textContent = gettext('Loading the results…');
        post('dashboard', {}).then(function (body) {
            content.innerHTML = body.html;
            if (window.CifalReportTasks) { window.CifalReportTasks(content, post, gettext); }  // prepared files
            state = 'loaded';
            status.classList.add('cifal-sr');  // said to screen readers; the dashboard itself shows it is there
            status.textContent = gettext('The results dashboard is loaded.');
        }).catch(function (error) {
            state = 'empty';
            status.textContent = error.message;
        });
    }

    function select(tab, focus) {
        tabs.forEach(function (other) {
            var selected = other === tab;
            other.setAttribute('aria-selected', String(selected));
            other.tabIndex = selected ? 0 : -1;
            panelOf(other).hidden = !selected;
        });
        if (focus) { tab.focus(); }
        if (tab.hasAttribute('data-dashboard-tab') && state === 'empty') { load(); }
    }

    var KEYS = {ArrowRight: 1, ArrowLeft: -1};
    tabs.forEach(function (tab, index) {
        tab.addEventListener('click', function () { select(tab, false); });
        tab.addEventListener('keydown', function (event) {
            var target = null;
            if (KEYS[event.key]) { target = tabs[(index + KEYS[event.key] + tabs.length) % tabs.length]; }
            if (event.key === 'Home') { target = tabs[0]; }
            if (event.key === 'End') { target = tabs[tabs.length - 1]; }
            if (!target) { return; }
            event.preventDefault();
            select(target, true);
        });
    });
};
