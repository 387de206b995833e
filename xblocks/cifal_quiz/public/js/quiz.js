/* The learner's quiz: autosave of drafts, keyboard ordering, submit and retry.
 * The server renders every state (form, results); this file only sends answers, swaps the rendered body and
 * moves focus so that screen-reader users hear the results. No answer key ever reaches it. */
/* exported CifalQuizBlock */
function CifalQuizBlock(runtime, element, args) {
    'use strict';

    const view = window.CifalBlockView(runtime, element, args, '.cifal-quiz', 'CifalQuizI18n');
    const {settings, root, gettext, post} = view;
    const quiz = view.block;
    var interpolate = function (text, values) {
        return text.replace(/\{(\w+)\}/g, function (match, key) {
            return Object.prototype.hasOwnProperty.call(values, key) ? values[key] : match;
        });
    };

    function form() { return quiz.querySelector('.cifal-quiz__form'); }

    function collectAnswers() {
        var answers = {};
        quiz.querySelectorAll('.cifal-question').forEach(function (fieldset) {
            var id = fieldset.dataset.questionId;
            var type = fieldset.dataset.type;
            var value;
            if (type === 'single') {
                var checked = fieldset.querySelector('input:checked');
                value = checked ? checked.value : null;
            } else if (type === 'multiple') {
                value = Array.prototype.map.call(fieldset.querySelectorAll('input:checked'),
                                                 function (input) { return input.value; });
            } else if (type === 'numeric' || type === 'text') {
                value = fieldset.querySelector('input').value;
            } else if (type === 'ordering') {
                // The order as first shown is no answer: only once the learner moved an item or confirmed it.
                var confirmed = fieldset.querySelector('.cifal-ordering__confirm input');
                value = confirmed && confirmed.checked ? Array.prototype.map.call(
                    fieldset.querySelectorAll('.cifal-ordering__item'),
                    function (item) { return item.dataset.itemId; }) : null;
            } else if (type === 'matching') {
                value = {};
                fieldset.querySelectorAll('select').forEach(function (select) {
                    if (select.value) { value[select.dataset.premise] = select.value; }
                });
            }
            answers[id] = value;
        });
        return answers;
    }

    function showAlert(message) {
        var alert = quiz.querySelector('.cifal-quiz__alert');
        alert.textContent = message;
        alert.hidden = !message;
    }

    function setSaveStatus(message) {
        var status = quiz.querySelector('.cifal-quiz__save-status');
        if (status) { status.textContent = message; }
    }

    var drafts = window.CifalDraftSaver({
        post: post, gettext: gettext, delay: settings.autosaveDelay, status: setSaveStatus, alert: showAlert,
        payload: function () { return form() ? {answers: collectAnswers()} : null; }
    });

    function announce(message) {
        // The announcer stays on the page across body swaps, so screen readers hear the new text.
        var announcer = quiz.querySelector('.cifal-quiz__announcer');
        announcer.textContent = '';
        announcer.textContent = message;
    }

    function replaceBody(html, focusSelector) {
        var body = quiz.querySelector('.cifal-quiz__body');
        body.innerHTML = html;
        var target = body.querySelector(focusSelector);
        if (target) { target.focus(); }
    }

    function moveItem(button) {
        var item = button.closest('.cifal-ordering__item');
        var list = item.parentNode;
        var up = button.dataset.move === 'up';
        var sibling = up ? item.previousElementSibling : item.nextElementSibling;
        if (!sibling) { return; }
        list.insertBefore(item, up ? sibling : sibling.nextElementSibling);
        var items = Array.prototype.slice.call(list.children);
        var position = items.indexOf(item) + 1;
        var announce = list.parentNode.querySelector('.cifal-ordering__announce');
        announce.textContent = interpolate(gettext('“{item}” is now at position {position} of {total}.'), {
            item: item.querySelector('.cifal-ordering__text').textContent.trim(),
            position: position,
            total: items.length
        });
        var confirm = list.parentNode.querySelector('.cifal-ordering__confirm input');
        if (confirm) { confirm.checked = true; }
        // Keep focus on the same action for the moved item, or the other one at the ends of the list.
        var again = item.querySelector('[data-move="' + button.dataset.move + '"]');
        var atEnd = up ? position === 1 : position === items.length;
        (atEnd ? item.querySelector('[data-move="' + (up ? 'down' : 'up') + '"]') : again).focus();
        drafts.schedule();
    }

    function submit(event) {
        event.preventDefault();
        var button = quiz.querySelector('.cifal-quiz__submit');
        button.disabled = true;
        showAlert('');
        drafts.settle().then(function () {
            return post('submit', {answers: collectAnswers(), attempt: Number(form().dataset.attempt)});
        }).then(function (result) {
            replaceBody(result.html, '.cifal-quiz__results');
            var summary = quiz.querySelectorAll('.cifal-quiz__summary-line');
            announce(Array.prototype.map.call(summary, function (line) { return line.textContent; }).join(' '));
        }).catch(function (error) {
            button.disabled = false;
            showAlert(error.message);
        });
    }

    function retry() {
        showAlert('');
        post('retry', {}).then(function (result) {
            replaceBody(result.html, '.cifal-quiz__attempt-heading');
        }).catch(function (error) { showAlert(error.message); });
    }

    quiz.addEventListener('submit', function (event) {
        if (event.target.classList.contains('cifal-quiz__form')) { submit(event); }
    });
    quiz.addEventListener('change', function (event) {
        // A choice or a selection is complete when it changes: save it now. Typed text waits for a pause.
        if (event.target.closest('.cifal-quiz__form')) { drafts.schedule(0); }
    });
    quiz.addEventListener('input', function (event) {
        if (event.target.matches('.cifal-question__input')) { drafts.schedule(); }
    });
    quiz.addEventListener('click', function (event) {
        var move = event.target.closest('.cifal-ordering__move');
        if (move) { moveItem(move); return; }
        if (event.target.closest('.cifal-quiz__retry')) { retry(); }
    });
    if (window.CifalDashboard) { window.CifalDashboard(runtime, root, gettext); }  // staff only
}
