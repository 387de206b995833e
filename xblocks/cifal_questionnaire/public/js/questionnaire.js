/* The respondent's questionnaire: drafts saved as they go, items shown or hidden as the server decides from the
 * answers so far (one set of conditions, evaluated there), the required items named when something is missing,
 * and the thank-you body swapped in once the answers are sent. The server renders every state. */
/* exported CifalQuestionnaireBlock */
function CifalQuestionnaireBlock(runtime, element, args) {
    'use strict';

    const {settings, root, block, gettext, ngettext, post} = window.CifalBlockView(
        runtime, element, args, '.cifal-questionnaire', 'CifalQuestionnaireI18n');
    var numbers = numberFormat(settings.language);  // "1 969" in French

    function numberFormat(language) {
        try { return new Intl.NumberFormat(language || undefined); } catch (error) { return new Intl.NumberFormat(); }
    }

    function interpolate(text, values) {
        return text.replace(/\{(\w+)\}/g, function (match, key) {
            return Object.prototype.hasOwnProperty.call(values, key) ? values[key] : match;
        });
    }

    function form() { return block.querySelector('.cifal-questionnaire__form'); }
    function items() { return Array.prototype.slice.call(block.querySelectorAll('.cifal-item')); }

    function checkedValue(scope, name) {
        var checked = scope.querySelector('input[name="' + name + '"]:checked');
        if (!checked) { return null; }
        return checked.value === 'na' ? 'na' : Number(checked.value);
    }

    /* The answers as the handlers take them (README): hidden items are sent too; the server drops them. */
    function collect() {
        var answers = {};
        var other = {};
        items().forEach(function (fieldset) {
            var id = fieldset.dataset.itemId;
            var type = fieldset.dataset.type;
            var value = null;
            if (type === 'likert' || type === 'nps') {
                value = checkedValue(fieldset, fieldset.id);
            } else if (type === 'matrix') {
                value = {};
                fieldset.querySelectorAll('.cifal-matrix__row').forEach(function (row) {
                    var point = checkedValue(row, fieldset.id + '-' + row.dataset.rowId);
                    if (point !== null) { value[row.dataset.rowId] = point; }
                });
            } else if (type === 'single' || type === 'profile') {
                var chosen = fieldset.querySelector('input:checked');
                value = chosen ? chosen.value : null;
            } else if (type === 'multiple') {
                value = Array.prototype.map.call(fieldset.querySelectorAll('input[type="checkbox"]:checked'),
                                                 function (box) { return box.value; });
                var text = fieldset.querySelector('.cifal-options__other-text');
                if (text && text.value.trim()) { other[id] = text.value; }
            } else if (type === 'text') {
                value = fieldset.querySelector('.cifal-item__input').value;
            }
            answers[id] = value;
        });
        return {answers: answers, other: other};
    }

    function showAlert(message) {
        var alert = block.querySelector('.cifal-questionnaire__alert');
        alert.textContent = message;
        alert.hidden = !message;
    }

    function setSaveStatus(message) {
        var status = block.querySelector('.cifal-questionnaire__save-status');
        if (status) { status.textContent = message; }
    }

    function announce(message) {
        var announcer = block.querySelector('.cifal-questionnaire__announcer');
        announcer.textContent = '';
        announcer.textContent = message;
    }

    /* Items the server says are now shown appear; a hidden item keeps no answer. */
    function applyShown(shown) {
        var appeared = [];
        items().forEach(function (fieldset) {
            var visible = shown.indexOf(fieldset.dataset.itemId) !== -1;
            if (visible && fieldset.hidden) { appeared.push(fieldset); }
            fieldset.hidden = !visible;
        });
        if (appeared.length) {
            announce(ngettext('{count} more question is shown below.', '{count} more questions are shown below.',
                              appeared.length).replace('{count}', appeared.length));
        }
    }

    var drafts = window.CifalDraftSaver({
        post: post, gettext: gettext, delay: settings.autosaveDelay, status: setSaveStatus, alert: showAlert,
        payload: function () { return form() ? collect() : null; },
        saved: function (body) { applyShown(body.shown || []); }
    });

    function clearErrors() {
        var summary = block.querySelector('.cifal-questionnaire__errors');
        if (summary) { summary.hidden = true; summary.textContent = ''; }
        items().forEach(function (fieldset) {
            var message = fieldset.querySelector('.cifal-item__error');
            message.hidden = true;
            message.textContent = '';
            var own = fieldset.dataset.describedby;
            if (own !== undefined) {
                if (own) { fieldset.setAttribute('aria-describedby', own); } else { fieldset.removeAttribute('aria-describedby'); }
                delete fieldset.dataset.describedby;
            }
        });
    }

    /* One message per missing item, tied to it (aria-describedby), listed with links; focus on the list. */
    function showErrors(error) {
        var summary = block.querySelector('.cifal-questionnaire__errors');
        var heading = document.createElement('p');
        heading.className = 'cifal-questionnaire__errors-title';
        heading.textContent = error.message;
        summary.appendChild(heading);
        var list = document.createElement('ul');
        (error.body.items || []).forEach(function (problem) {
            var fieldset = block.querySelector('.cifal-item[data-item-id="' + problem.id + '"]');
            if (!fieldset) { return; }
            var message = fieldset.querySelector('.cifal-item__error');
            message.textContent = problem.message;
            message.hidden = false;
            fieldset.dataset.describedby = fieldset.getAttribute('aria-describedby') || '';
            fieldset.setAttribute('aria-describedby', (fieldset.dataset.describedby + ' ' + message.id).trim());
            var link = document.createElement('a');
            link.href = '#' + fieldset.id;
            link.textContent = fieldset.querySelector('.cifal-item__prompt').textContent.trim();
            link.addEventListener('click', function (event) {
                event.preventDefault();
                var first = fieldset.querySelector('input, textarea');
                if (first) { first.focus(); }
            });
            var row = document.createElement('li');
            row.appendChild(link);
            list.appendChild(row);
        });
        summary.appendChild(list);
        summary.hidden = false;
        summary.focus();
    }

    function replaceBody(html, focusSelector) {
        var body = block.querySelector('.cifal-questionnaire__body');
        body.innerHTML = html;
        var target = body.querySelector(focusSelector);
        if (target) { target.focus(); }
    }

    function submit(event) {
        event.preventDefault();
        var button = block.querySelector('.cifal-questionnaire__submit');
        button.disabled = true;
        showAlert('');
        clearErrors();
        drafts.settle().then(function () {
            return post('submit', collect());
        }).then(function (body) {
            replaceBody(body.html, '.cifal-questionnaire__thanks');
            announce(gettext('Thank you: your answers are sent.'));
        }).catch(function (error) {
            button.disabled = false;
            if (error.body && error.body.items) { showErrors(error); } else { showAlert(error.message); }
        });
    }

    function reopen() {
        showAlert('');
        post('reopen', {}).then(function (body) {
            replaceBody(body.html, '.cifal-questionnaire__editing');
            var first = block.querySelector('.cifal-questionnaire__form input, .cifal-questionnaire__form textarea');
            if (first) { first.focus(); }
        }).catch(function (error) { showAlert(error.message); });
    }

    function updateCounter(input) {
        var fieldset = input.closest('.cifal-item');
        var counter = fieldset && fieldset.querySelector('.cifal-item__counter');
        if (!counter) { return; }
        var left = Number(counter.dataset.max) - input.value.length;
        counter.textContent = interpolate(ngettext('{count} character left.', '{count} characters left.', left),
                                          {count: numbers.format(left)});
    }

    block.addEventListener('submit', function (event) {
        if (event.target.classList.contains('cifal-questionnaire__form')) { submit(event); }
    });
    block.addEventListener('change', function (event) {
        // A choice is complete when it changes: save it now (the server then says which items are shown).
        if (event.target.closest('.cifal-questionnaire__form')) { drafts.schedule(0); }
    });
    block.addEventListener('input', function (event) {
        if (event.target.matches('.cifal-item__input')) {
            updateCounter(event.target);
            if (event.target.classList.contains('cifal-options__other-text') && event.target.value.trim()) {
                var other = event.target.closest('.cifal-options__option--other').querySelector('input[type="checkbox"]');
                other.checked = true;  // typing an "other" answer chooses "Other"
            }
            drafts.schedule();
        }
    });
    block.addEventListener('click', function (event) {
        if (event.target.closest('.cifal-questionnaire__reopen')) { reopen(); }
    });
    if (window.CifalDashboard) { window.CifalDashboard(runtime, root, gettext); }  // staff only
}
