/* Staff only: the dashboard's prepared files (ADR 16). A report too large to build while staff wait has a "Prepare"
 * button per format (cifal_core/blocks/templates/report_downloads.html); pressing one asks the platform's workers
 * for the file (prepare_report), then the list of this block's prepared files (prepared_reports) is shown and asked
 * for again every 2 s while one is waiting or being prepared, and no more once none is. Each file says its state in
 * words, its progress (a <progress> bar and its percentage as text), when it finished (in the reader's language and
 * time zone) and its size, and gives a download link, or why it failed. What changes is said in the polite status
 * region. Words and numbers come translated and formatted from the server; the times are formatted here (Intl).
 * Shared by every block (cifal_core/blocks/assets), inlined with dashboard.js, which starts it on each load. */
/* exported CifalReportTasks */
window.CifalReportTasks = window.CifalReportTasks || function CifalReportTasks(container, post, gettext) {
    'use strict';

    var box = container.querySelector('[data-report-tasks]');
    if (!box) { return; }
    var section = box.querySelector('[data-report-tasks-section]');
    var list = box.querySelector('[data-report-tasks-list]');
    var empty = box.querySelector('[data-report-tasks-empty]');
    var status = box.querySelector('[data-report-tasks-status]');
    var pollMs = Number(box.getAttribute('data-poll-ms')) || 2000;
    var language = box.getAttribute('data-language') || document.documentElement.lang || 'en';
    var states = null;  // task id -> state last shown (null until the first list: nothing to announce then)
    var timer = null;
    var times;
    try {
        times = new Intl.DateTimeFormat(language, {dateStyle: 'medium', timeStyle: 'short'});
    } catch (error) {
        times = new Intl.DateTimeFormat(undefined, {dateStyle: 'medium', timeStyle: 'short'});
    }

    function format(text, values) {
        return text.replace(/\{(\w+)\}/g, function (match, name) {
            return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : match;
        });
    }

    function say(text) {
        // A new text node each time, so that the same sentence said twice is announced twice.
        status.textContent = '';
        window.setTimeout(function () { status.textContent = text; }, 50);
    }

    function element(tag, className, text) {
        var node = document.createElement(tag);
        if (className) { node.className = className; }
        if (text !== undefined) { node.textContent = text; }
        return node;
    }

    function rowContent(task) {
        var parts = [];
        var heading = element('p', 'cifal-report-task__heading');
        heading.appendChild(element('span', 'cifal-report-task__label', task.label));
        heading.appendChild(document.createTextNode(' '));
        heading.appendChild(element('span', 'cifal-report-task__state', task.state_text));
        parts.push(heading);
        if (task.active) {
            var progress = element('progress', 'cifal-report-task__bar');
            progress.max = 100;
            progress.value = task.percent;
            progress.setAttribute('aria-label', format(gettext('Progress of {file}'), {file: task.label}));
            progress.textContent = task.progress_text;
            parts.push(progress);
            parts.push(element('p', 'cifal-report-task__progress', task.progress_text));
        } else if (task.state === 'succeeded') {
            var line = element('p', 'cifal-report-task__file');
            var link = element('a', 'cifal-report-task__download', format(gettext('Download {file}'),
                                                                             {file: task.file_name}));
            link.href = task.download_url;
            link.setAttribute('download', '');
            line.appendChild(link);
            line.appendChild(document.createTextNode(' '));
            line.appendChild(element('span', 'cifal-report-task__size', task.size_text));
            parts.push(line);
        } else if (task.state === 'failed') {
            parts.push(element('p', 'cifal-report-task__error', task.message));
        }
        if (task.finished) {
            var finished = element('p', 'cifal-report-task__time');
            var time = element('time', '', times.format(new Date(task.finished)));
            time.setAttribute('datetime', task.finished);
            var template = gettext('Finished: {time}').split('{time}');
            finished.appendChild(document.createTextNode(template[0]));
            finished.appendChild(time);
            finished.appendChild(document.createTextNode(template.slice(1).join('{time}')));
            parts.push(finished);
        }
        return parts;
    }

    function render(tasks) {
        var focused = document.activeElement;
        var focusedRow = focused && list.contains(focused) ? focused.closest('[data-task-id]') : null;
        var keepId = focusedRow ? focusedRow.getAttribute('data-task-id') : null;
        list.textContent = '';
        tasks.forEach(function (task) {
            var row = element('li', 'cifal-report-task cifal-report-task--' + task.state);
            row.setAttribute('data-task-id', task.id);
            row.setAttribute('data-state', task.state);
            rowContent(task).forEach(function (part) { row.appendChild(part); });
            list.appendChild(row);
        });
        if (keepId) {  // a keyboard user on a file's link keeps their place when the list is redrawn
            var again = list.querySelector('[data-task-id="' + keepId + '"] .cifal-report-task__download');
            if (again) { again.focus(); }
        }
        empty.hidden = tasks.length > 0;
        if (tasks.length) { section.hidden = false; }
    }

    function announce(tasks) {
        var said = [];
        tasks.forEach(function (task) {
            if (states !== null && states[task.id] !== task.state) { said.push(task.announcement); }
        });
        states = {};
        tasks.forEach(function (task) { states[task.id] = task.state; });
        if (said.length) { say(said.join(' ')); }
    }

    function schedule(active) {
        window.clearTimeout(timer);
        timer = null;
        if (active && document.body.contains(box)) { timer = window.setTimeout(refresh, pollMs); }
    }

    function refresh() {
        return post('prepared_reports', {}).then(function (body) {
            render(body.tasks);
            announce(body.tasks);
            schedule(body.active);
        }).catch(function (error) {
            say(error.message);
            schedule(true);  // a passing failure (a restarting server): ask again rather than stop for good
        });
    }

    box.addEventListener('click', function (event) {
        var button = event.target.closest('.cifal-reports__prepare');
        // aria-disabled rather than disabled while the request is out: the button keeps the keyboard focus.
        if (!button || button.getAttribute('aria-disabled') === 'true') { return; }
        button.setAttribute('aria-disabled', 'true');
        post('prepare_report', {report: button.getAttribute('data-report'),
                                format: button.getAttribute('data-format')}).then(function (task) {
            if (states !== null) { states[task.id] = task.state; }
            say(task.announcement);
            return refresh();
        }).catch(function (error) {
            say(error.message);
        }).then(function () {
            button.removeAttribute('aria-disabled');
        });
    });

    refresh();
};
