/* Drafts saved as the learner goes, for every block whose learners type or choose before they send (the quiz, the
 * questionnaire, the scenario's reflections). One save at a time, always with the answers as they are when it
 * leaves: a later save never races an earlier one to the server (the last one to arrive would win). A pending save
 * is sent with keepalive when the page is hidden or closed, so a reload or a closed tab keeps the last answers.
 * Shared by the blocks (cifal_core/blocks/assets), inlined before each view's own file; defined once per page.
 *
 * options: post (CifalHandlerClient's), handler (the handler that saves: save_draft unless said; the scenario's
 * reflections use reflect), payload() (the body it takes; null when there is nothing to save),
 * status(message) and alert(message) (where the block shows them), saved(body) (optional: the server's answer),
 * delay (ms of quiet before typed text is saved), gettext. */
/* exported CifalDraftSaver */
window.CifalDraftSaver = window.CifalDraftSaver || function CifalDraftSaver(options) {
    'use strict';

    var gettext = options.gettext;
    var timer = null;
    var inFlight = null;
    var again = false;

    function save(request) {
        clearTimeout(timer);
        timer = null;
        var payload = options.payload();
        if (!payload) { return Promise.resolve(); }
        if (inFlight && !(request && request.keepalive)) {
            again = true;
            return inFlight;
        }
        options.status(gettext('Saving your answers…'));
        inFlight = options.post(options.handler || 'save_draft', payload, request).then(function (body) {
            if (options.saved) { options.saved(body); }
            return true;
        }).catch(function (error) {
            options.status('');
            options.alert(error.message);
            return false;
        }).then(function (saved) {
            inFlight = null;
            if (again) {
                again = false;
                return save();
            }
            if (saved && !timer) { options.status(gettext('Your answers are saved.')); }
            return saved;
        });
        return inFlight;
    }

    /* Save after ``delay`` ms of quiet (0: now, as for a choice, which is complete when it changes). */
    function schedule(delay) {
        clearTimeout(timer);
        options.status(gettext('Unsaved changes…'));
        timer = setTimeout(save, delay === undefined ? (options.delay || 1200) : delay);
    }

    /* Before the answers are sent: no more drafts, and the one on its way lands first (a draft reaching the server
     * after the attempt is closed would be refused, or worse, reopen nothing the learner expects). */
    function settle() {
        clearTimeout(timer);
        timer = null;
        again = false;
        return Promise.resolve(inFlight);
    }

    function saveBeforeLeaving() {
        if (timer) { save({keepalive: true}); }
    }

    window.addEventListener('pagehide', saveBeforeLeaving);
    document.addEventListener('visibilitychange', function () {
        if (document.visibilityState === 'hidden') { saveBeforeLeaving(); }
    });
    return {save: save, schedule: schedule, settle: settle};
};
