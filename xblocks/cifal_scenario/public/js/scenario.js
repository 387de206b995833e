/* The learner's scenario: each move (choose, check, next, back, start again) is one request, and the server answers
 * with the stage rendered afresh; this file only sends what the learner did, swaps the stage in, moves the focus to
 * what is new (the consequence's heading, the next step's title, the self-check's result) and announces the
 * indicator changes in the live region. Reflections are saved as the learner types (CifalDraftSaver). */
/* exported CifalScenarioBlock */
function CifalScenarioBlock(runtime, element, args) {
    'use strict';

    const {settings, root, block, gettext, post} = window.CifalBlockView(runtime, element, args, '.cifal-scenario',
                                                                         'CifalScenarioI18n');
    var busy = false;

    function stage() { return block.querySelector('.cifal-scenario__stage'); }
    function currentNode() { return block.querySelector('.cifal-scenario__node'); }
    function nodeId() { var node = currentNode(); return node ? node.dataset.nodeId : null; }
    function reflection() { return block.querySelector('.cifal-scenario__reflection-text'); }

    function showAlert(message) {
        var alert = block.querySelector('.cifal-scenario__alert');
        alert.textContent = message || '';
        alert.hidden = !message;
    }

    function announce(message) {
        var announcer = block.querySelector('.cifal-scenario__announcer');
        announcer.textContent = '';
        if (message) { window.setTimeout(function () { announcer.textContent = message; }, 50); }
    }

    function setSaveStatus(message) {
        var status = block.querySelector('.cifal-scenario__save-status');
        if (status) { status.textContent = message; }
    }

    var typed = false;  // whether the learner has typed in the reflection shown now
    var drafts = window.CifalDraftSaver({
        post: post, gettext: gettext, delay: settings.autosaveDelay, status: setSaveStatus, alert: showAlert,
        handler: 'reflect',
        payload: function () {
            var text = reflection();
            return text ? {node: nodeId(), text: text.value} : null;
        }
    });

    /* What the live region says after a move: the indicator changes and, for a self-check, its result. */
    function summary(body) {
        var parts = [];
        (body.indicators || []).forEach(function (indicator) {
            if (indicator.change_text) { parts.push(indicator.change_text); }
        });
        var question = body.node && body.node.question;
        if (question && question.answered && question.status_text) { parts.push(question.status_text); }
        return parts.join('. ');
    }

    function show(body) {
        typed = false;
        stage().innerHTML = body.html;
        var target = stage().querySelector('.cifal-scenario__focus');
        if (target) { target.focus(); }
        announce(summary(body));
    }

    /* One move at a time: the buttons do nothing while a move is on its way (a double click is one move). */
    function move(handler, payload) {
        if (busy) { return; }
        busy = true;
        showAlert('');
        block.setAttribute('aria-busy', 'true');
        drafts.settle().then(function () {
            return post(handler, payload);
        }).then(show).catch(function (error) {
            showAlert(error.message);
        }).then(function () {
            busy = false;
            block.removeAttribute('aria-busy');
        });
    }

    function chosenValues(form) {
        return Array.prototype.map.call(form.querySelectorAll('input:checked'), function (input) {
            return input.value;
        });
    }

    block.addEventListener('submit', function (event) {
        var form = event.target;
        event.preventDefault();
        var values = chosenValues(form);
        if (!values.length) {
            showAlert(gettext('Choose an answer first.'));
            var first = form.querySelector('input');
            if (first) { first.focus(); }
            return;
        }
        if (form.classList.contains('cifal-scenario__decision')) {
            move('choose', {node: nodeId(), choice: values[0]});
        } else if (form.classList.contains('cifal-scenario__check')) {
            var multiple = form.querySelector('input[type="checkbox"]');
            move('check', {node: nodeId(), answer: multiple ? values : values[0]});
        }
    });

    block.addEventListener('click', function (event) {
        var button = event.target.closest('button');
        if (!button || !stage().contains(button)) { return; }
        if (button.classList.contains('cifal-scenario__next')) {
            // Only words typed on this page are sent: a page shown before the last save landed (a quick reload)
            // holds older text, which must not overwrite the saved reflection.
            var save = reflection() && typed ? drafts.save() : Promise.resolve();
            save.then(function (saved) {
                if (saved !== false) { move('next', {node: nodeId()}); }  // not saved: the words stay on the page
            });
        } else if (button.classList.contains('cifal-scenario__back')) {
            move('back', {node: nodeId()});
        } else if (button.classList.contains('cifal-scenario__reset')) {
            // A new run starts with no decisions and empty reflections: the learner says so first, in the suite's
            // dialog (CifalConfirm: keyboard and screen reader ready, Escape says no).
            window.CifalConfirm({
                title: button.textContent.trim(),
                body: [gettext('Start again from the beginning? The decisions and reflections of this run will no '
                               + 'longer be shown: download your action plan first to keep it.')],
                confirm: button.textContent.trim(),
                cancel: gettext('Cancel'),
                within: block,
                returnFocus: button
            }).then(function (confirmed) {
                if (confirmed) { move('reset', {}); }
            });
        }
    });

    block.addEventListener('input', function (event) {
        if (event.target.classList.contains('cifal-scenario__reflection-text')) {
            typed = true;
            drafts.schedule();
        }
    });

    if (window.CifalDashboard) { window.CifalDashboard(runtime, root, gettext); }  // staff only
}
