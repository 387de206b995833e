/* The learner's quiz: autosave of drafts, keyboard ordering, matching lists kept in step with their radio buttons,
 * a confirmation before an attempt is spent with questions unanswered or on the last attempt, submit and retry.
 * The server renders every state (form, results); this file only sends answers, swaps the rendered body and
 * moves focus so that screen-reader users hear the results. No answer key ever reaches it. */
/* exported CifalQuizBlock */
function CifalQuizBlock(runtime, element, args) {
    'use strict';

    const view = window.CifalBlockView(runtime, element, args, '.cifal-quiz', 'CifalQuizI18n');
    const {settings, root, gettext, ngettext, post} = view;
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

    /* The questions a submission would leave unanswered (or matched in part), named as their headings name them. */
    function unansweredQuestions(answers) {
        var names = [];
        quiz.querySelectorAll('.cifal-question').forEach(function (fieldset) {
            var value = answers[fieldset.dataset.questionId];
            var name = fieldset.querySelector('.cifal-question__number').textContent.trim();
            if (fieldset.dataset.type === 'matching') {
                var premises = fieldset.querySelectorAll('select').length;
                var matched = Object.keys(value).length;
                if (!matched) {
                    names.push(name);
                } else if (matched < premises) {
                    names.push(interpolate(gettext('{question} (partly answered)'), {question: name}));
                }
            } else if (value === null || (typeof value === 'string' && !value.trim())
                       || (Array.isArray(value) && !value.length)) {
                names.push(name);
            }
        });
        return names;
    }

    /* Whether to send now: at once when every question is answered and attempts are left after this one;
     * otherwise after the learner says so in a dialog that names what is unanswered and what is at stake. */
    function confirmSubmission(answers, button) {
        var unanswered = unansweredQuestions(answers);
        var last = form().dataset.lastAttempt;  // 'last', 'only' (a quiz of one attempt) or none
        if (!unanswered.length && !last) { return Promise.resolve(true); }
        var body = [];
        if (unanswered.length) {
            body.push(interpolate(ngettext('You have not answered {count} question:',
                                           'You have not answered {count} questions:', unanswered.length),
                                  {count: unanswered.length}));
            body.push(unanswered);
            body.push(gettext('Unanswered questions earn no points.'));
        }
        if (last) {
            body.push(last === 'only'
                ? gettext('This quiz allows one attempt: once you submit, you cannot change your answers.')
                : gettext('This is your last attempt: once you submit, you cannot change your answers.'));
        }
        return window.CifalConfirm({
            title: gettext('Submit your answers?'),
            body: body,
            confirm: button.textContent.trim(),
            cancel: gettext('Back to the questions'),
            within: quiz,
            returnFocus: button
        });
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

    /* After a move: each item shows its new position, and the first item's "up" and the last item's "down", which
     * can do nothing, say so (aria-disabled keeps them in the tab order, so focus stays put at an end). */
    function renumber(list) {
        var items = list.children;
        Array.prototype.forEach.call(items, function (item, index) {
            item.querySelector('.cifal-ordering__position').textContent = (index + 1) + '.';
            item.querySelector('[data-move="up"]').setAttribute('aria-disabled', String(index === 0));
            item.querySelector('[data-move="down"]').setAttribute('aria-disabled', String(index === items.length - 1));
        });
    }

    function moveItem(button) {
        var item = button.closest('.cifal-ordering__item');
        var list = item.parentNode;
        var up = button.dataset.move === 'up';
        var text = item.querySelector('.cifal-ordering__text').textContent.trim();
        var announcer = list.parentNode.querySelector('.cifal-ordering__announce');
        var sibling = up ? item.previousElementSibling : item.nextElementSibling;
        if (!sibling) {
            announcer.textContent = interpolate(up ? gettext('“{item}” is first: it cannot move up.')
                : gettext('“{item}” is last: it cannot move down.'), {item: text});
            return;
        }
        list.insertBefore(item, up ? sibling : sibling.nextElementSibling);
        renumber(list);
        var items = Array.prototype.slice.call(list.children);
        announcer.textContent = interpolate(gettext('“{item}” is now at position {position} of {total}.'), {
            item: text,
            position: items.indexOf(item) + 1,
            total: items.length
        });
        var confirm = list.parentNode.querySelector('.cifal-ordering__confirm input');
        if (confirm) { confirm.checked = true; }
        button.focus();  // the same action, on the item that moved
        drafts.schedule();
    }

    /* A matching premise has a list (wide screens) and radio buttons (narrow ones): the list holds the answer. */
    function syncMatching(control) {
        var row = control.closest('.cifal-matching__row');
        if (control.matches('select')) {
            row.querySelectorAll('.cifal-matching__choices input').forEach(function (radio) {
                radio.checked = radio.value === control.value;
            });
        } else {
            row.querySelector('select').value = control.value;
        }
    }

    var submitting = false;  // from the first press of Submit until the dialog is answered or the answers are in

    function done() { submitting = false; }

    function submit(event) {
        event.preventDefault();
        if (submitting) { return; }
        submitting = true;
        var button = quiz.querySelector('.cifal-quiz__submit');
        showAlert('');
        confirmSubmission(collectAnswers(), button).then(function (confirmed) {
            if (!confirmed) { return null; }  // nothing sent; the dialog gave focus back to Submit
            button.disabled = true;
            return drafts.settle().then(function () {
                return post('submit', {answers: collectAnswers(), attempt: Number(form().dataset.attempt)});
            }).then(function (result) {
                replaceBody(result.html, '.cifal-quiz__results');
                var summary = quiz.querySelectorAll('.cifal-quiz__summary-line');
                announce(Array.prototype.map.call(summary, function (line) { return line.textContent; }).join(' '));
            }).catch(function (error) {
                button.disabled = false;
                showAlert(error.message);
            });
        }).then(done, done);  // whatever happened, the next press of Submit is heard
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
        if (event.target.closest('.cifal-matching__row')) { syncMatching(event.target); }
        // A choice or a selection is complete when it changes: save it now. Typed text waits for a pause.
        if (event.target.closest('.cifal-quiz__form')) { drafts.schedule(0); }
    });
    quiz.addEventListener('keydown', function (event) {
        // Enter in a typed answer does not send the whole quiz: only the Submit button does.
        if (event.key === 'Enter' && event.target.matches('.cifal-question__input')) { event.preventDefault(); }
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
