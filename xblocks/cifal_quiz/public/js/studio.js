/* The quiz editor in Studio: the shared editor (cifal_core/blocks/assets/editor.js: settings, the OLX tab, saving,
 * problems next to their controls; editor_parts.js: questions that open and close, undo) with the quiz's questions
 * as its parts. Question forms are built by studio_questions.js; here is what is the quiz's own: how its content
 * loads and is sent, each question's summary line, its preview (drawn by the preview_question handler), and which
 * control a problem about a question or one of its parts belongs to. */
/* exported CifalQuizStudio */
function CifalQuizStudio(runtime, element, initArgs) {
    'use strict';

    var args = JSON.parse(initArgs.json);  // see initialize_js in cifal_core/blocks/rendering.py
    var Q = window.CifalQuizStudioQuestions;
    var i18n = window.CifalQuizI18n || {};
    var gettext = i18n.gettext || function (text) { return text; };
    var ngettext = i18n.ngettext || function (one, many, count) { return count === 1 ? one : many; };
    var prefix = args.prefix;
    var builder = new Q.Builder(prefix, args.types, args.scorings);
    var numbers = Q.numberFormat(args.language);
    var editor = window.CifalEditor({
        runtime: runtime, element: element, prefix: prefix, gettext: gettext, ngettext: ngettext,
        handlers: {save: 'save_quiz', convert: 'convert_quiz'},
        texts: {
            problems: function (count) {
                return ngettext('The quiz has {count} problem to fix:', 'The quiz has {count} problems to fix:', count);
            },
            advice: gettext('Advice on this quiz:'),
            beforeLearners: gettext('Before learners take this quiz:'),
            saved: gettext('The quiz is saved.'),
            notSaved: gettext('The quiz was not saved'),
            showingOlx: gettext('Showing the quiz as OLX.')
        }
    });

    var questions = window.CifalEditor.PartsModel(editor, {
        listId: prefix + '-part-list',
        typeSelectId: prefix + '-new-type',
        base: function (question) { return builder.base(question); },
        build: function (question, index, total) { return builder.question(question, index, total); },
        newEntry: Q.newQuestion,
        newPart: Q.newPart,
        ensureParts: Q.ensureParts,
        load: function (content) {
            editor.byId(prefix + '-description').value = content.description_html || '';
            return (content.questions || []).map(function (question) {
                if (question.numeric) {
                    question.numeric.value = String(question.numeric.value);
                    question.numeric.tolerance = String(question.numeric.tolerance);
                }
                question.points = String(question.points);
                return Q.ensureParts(Q.tag(question));
            });
        },
        content: function (entries) {
            return {description_html: editor.byId(prefix + '-description').value, questions: entries};
        },
        partKinds: {choice: 'choices', feedback: 'choices', correct: 'choices', choices: 'choices', item: 'items',
                    items: 'items', premise: 'pairs', response: 'pairs', pairs: 'pairs', answers: 'text_answers'},
        indexedKinds: ['text_answers'],
        plainFields: {id: '-id', type: '-type', points: '-points', prompt: '-prompt', explanation: '-explanation',
                      scoring: '-scoring', answer: '-value', tolerance: '-tolerance'},
        partFields: {feedback: '-feedback', correct: '-correct', premise: '-premise', response: '-response'},
        defaultPartField: function (kind) { return kind === 'pairs' ? '-premise' : '-text'; },
        settingTargets: {description: prefix + '-description', questions: prefix + '-new-type'},
        texts: {added: gettext('Question {number} added.'), deleted: gettext('Question {number} deleted.')},
        summary: function (question, index) { return builder.summary(question, index, numbers); },
        preview: {
            handler: 'preview_question',
            heading: gettext('Preview: the question as learners see it'),
            payload: function (question, index, total) {
                return {question: question, number: index + 1, total: total};
            }
        }
    });

    editor.start(questions, args, args.problems);
}
