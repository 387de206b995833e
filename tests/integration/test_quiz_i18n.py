"""The quiz in French and Spanish through the real workbench: page, results, handler errors, JS catalog."""
import pytest

from tests.integration.quizzes import PERFECT, all_types
from tests.support.workbench_fixtures import handler_url, post_json

NBSP, NNBSP = '\u00a0', '\u202f'


@pytest.fixture
def quiz(workbench):
    return workbench.add_scenario('i18n-quiz', all_types(max_attempts=2))


@pytest.mark.parametrize('language, texts', [
    ('fr', ['Soumettre les réponses', 'Question 1 sur 6', '(1 point)', '(2 points)', 'Tentative 1',
            'Sélectionnez toutes les réponses qui conviennent.', 'Votre réponse (un nombre)', 'Choisir…',
            f'Monter «{NNBSP}Assessment{NNBSP}»', '0 sur 2 tentatives utilisées.',
            'js/translations/fr/text.js']),
    ('es', ['Enviar respuestas', 'Pregunta 1 de 6', '(1 punto)', '(2 puntos)', 'Intento 1',
            'Seleccione todas las opciones que correspondan.', 'Su respuesta (un número)', 'Elija…',
            'Subir «Assessment»', '0 de 2 intentos usados.', 'js/translations/es/text.js']),
])
def test_the_page_is_shown_in_the_language_asked_for(client, quiz, language, texts):
    page = client.get(f'/scenario/i18n-quiz/?student=ana&lang={language}').content.decode()

    missing = [text for text in texts if text not in page]
    assert missing == []
    assert 'Submit answers' not in page


def test_english_stays_the_default(client, quiz):
    page = client.get('/scenario/i18n-quiz/?student=ana').content.decode()

    assert 'Submit answers' in page and 'Question 1 of 6' in page and 'js/translations/en/text.js' in page


def test_the_language_is_remembered_for_the_next_pages(client, quiz):
    client.get('/scenario/i18n-quiz/?student=ana&lang=es')

    assert 'Enviar respuestas' in client.get('/scenario/i18n-quiz/?student=ana').content.decode()


def test_the_default_title_is_translated_but_an_authored_one_is_not(client, workbench, quiz):
    workbench.add_scenario('untitled-quiz', all_types().replace('display_name="All types" ', ''))

    assert '>Cuestionario</h3>' in client.get('/scenario/untitled-quiz/?student=ana&lang=es').content.decode()
    assert '>All types</h3>' in client.get('/scenario/i18n-quiz/?student=ana&lang=es').content.decode()


def test_the_results_are_shown_in_french(client, quiz):
    client.cookies['django_language'] = 'fr'

    result = post_json(client, quiz, 'submit', 'bea', {'answers': {**PERFECT, 'q1': 'a'}}).json()

    html = result['html']
    for text in ['Résultats de la tentative 1', f'Votre score{NBSP}: 7 sur 8 points (88{NBSP}%).',
                 f'Réussi (seuil de réussite{NBSP}: 50{NBSP}%).', 'Il vous reste 1 tentative.',
                 'Incorrect', 'Correct', 'Bonne réponse', f'Explication{NBSP}:', 'Réessayer',
                 'Question 1', '0 sur 1 point', '1 sur 2 tentatives utilisées.']:
        assert text in html, text
    assert 'Your score' not in html


def test_an_invalid_answer_is_refused_in_french(client, quiz):
    client.cookies['django_language'] = 'fr'

    response = post_json(client, quiz, 'submit', 'cid', {'answers': {'q1': 'nope'}})

    assert response.status_code == 400
    expected = f"question «{NNBSP}q1{NNBSP}»{NBSP}: 'nope' ne fait pas partie des choix proposés"
    assert response.json()['error'] == expected


def test_a_draft_error_is_refused_in_the_browser_language(client, quiz):
    response = client.post(handler_url(quiz, 'save_draft', 'dee'), data='{"answers": {"q4": 42}}',
                           content_type='application/json', HTTP_ACCEPT_LANGUAGE='es')

    assert response.status_code == 400
    assert response.json()['error'] == 'pregunta «q4»: la respuesta debe ser un texto'


def test_the_handlers_own_refusals_are_translated(client, quiz):
    client.cookies['django_language'] = 'fr'

    response = post_json(client, quiz, 'submit', 'eva', {'answers': ['b']})

    assert response.status_code == 400
    assert response.json()['error'] == f'La requête doit être un objet JSON contenant «{NNBSP}answers{NNBSP}».'


def test_english_errors_are_unchanged(client, quiz):
    response = post_json(client, quiz, 'submit', 'fay', {'answers': {'q1': 'nope'}})

    assert response.json()['error'] == "question 'q1': 'nope' is not one of its choices"


@pytest.mark.parametrize('language, text', [
    ('fr', 'Enregistrement de vos r\\u00e9ponses'), ('es', 'Guardando sus respuestas'), ('en', 'Saving your answers'),
])
def test_the_bundled_js_catalog_is_served(client, quiz, language, text):
    page = client.get(f'/scenario/i18n-quiz/?student=ana&lang={language}').content.decode()
    url = next(part.split('"')[0] for part in page.split('src="')[1:] if f'translations/{language}/text.js' in part)

    response = client.get(url)

    assert response.status_code == 200
    assert text in b''.join(response.streaming_content if response.streaming else [response.content]).decode()
