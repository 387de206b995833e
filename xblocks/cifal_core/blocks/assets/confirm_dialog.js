/* "Are you sure?" for every CIFAL block, where one tap would spend something the learner cannot get back (the
 * quiz's last attempt, a scenario's run). A native <dialog> opened with showModal(): the page behind is inert, the
 * dialog is labelled by its heading and described by its text, so screen readers read both when it opens; focus
 * starts on the safe choice (cancel), Tab and Shift+Tab stay inside, Escape cancels, and focus goes back to where it
 * was. Shared by the blocks (cifal_core/blocks/assets), inlined before each view's own file; defined once per page.
 *
 * CifalConfirm(options) returns a Promise of true (confirmed) or false (cancelled). options: title (the heading),
 * body (a list: a string is a paragraph, an array of strings a bulleted list), confirm and cancel (the buttons'
 * words: the caller's, already translated), within (the element the dialog is put in, so it takes the block's
 * styles; the page's body otherwise), returnFocus (where focus goes after; the element focused before otherwise). */
/* exported CifalConfirm */
window.CifalConfirm = window.CifalConfirm || (function () {
    'use strict';

    var opened = 0;  // ids unique on the page, for aria-labelledby and aria-describedby

    function make(tag, className, text) {
        var element = document.createElement(tag);
        element.className = className;
        if (text !== undefined) { element.textContent = text; }
        return element;
    }

    function bodyOf(parts) {
        var body = make('div', 'cifal-dialog__body');
        (parts || []).forEach(function (part) {
            if (Array.isArray(part)) {
                var list = make('ul', 'cifal-dialog__list');
                part.forEach(function (text) { list.appendChild(make('li', '', text)); });
                body.appendChild(list);
            } else {
                body.appendChild(make('p', '', part));
            }
        });
        return body;
    }

    return function CifalConfirm(options) {
        opened += 1;
        var id = 'cifal-dialog-' + opened;
        var opener = options.returnFocus || document.activeElement;
        var dialog = make('dialog', 'cifal-dialog');
        // alertdialog: a question to answer before going on; screen readers read its text as it opens.
        dialog.setAttribute('role', 'alertdialog');
        dialog.setAttribute('aria-labelledby', id + '-title');
        dialog.setAttribute('aria-describedby', id + '-body');
        var title = make('h2', 'cifal-dialog__title', options.title);
        title.id = id + '-title';
        var body = bodyOf(options.body);
        body.id = id + '-body';
        var actions = make('div', 'cifal-dialog__actions');
        var confirm = make('button', 'cifal-dialog__confirm', options.confirm);
        var cancel = make('button', 'cifal-dialog__cancel', options.cancel);
        confirm.type = cancel.type = 'button';
        actions.append(confirm, cancel);
        dialog.append(title, body, actions);
        (options.within || document.body).appendChild(dialog);

        if (typeof dialog.showModal !== 'function') {  // a browser without <dialog>: its own confirm box
            dialog.remove();
            return Promise.resolve(window.confirm(options.title + '\n\n' + (body.textContent || '')));
        }
        return new Promise(function (resolve) {
            function close(confirmed) {
                dialog.close();
                dialog.remove();
                if (opener && opener.isConnected && typeof opener.focus === 'function') { opener.focus(); }
                resolve(confirmed);
            }

            confirm.addEventListener('click', function () { close(true); });
            cancel.addEventListener('click', function () { close(false); });
            dialog.addEventListener('cancel', function (event) {  // Escape
                event.preventDefault();
                close(false);
            });
            dialog.addEventListener('keydown', function (event) {
                // The page behind is inert; keep Tab from leaving for the browser's own controls too.
                if (event.key !== 'Tab') { return; }
                var first = confirm;
                var last = cancel;
                if (event.shiftKey && document.activeElement === first) {
                    event.preventDefault();
                    last.focus();
                } else if (!event.shiftKey && document.activeElement === last) {
                    event.preventDefault();
                    first.focus();
                }
            });
            dialog.showModal();
            cancel.focus();
        });
    };
}());
