"""
How every block's handlers read requests and answer errors: one reader, one error shape (ADR 7).

Use ``json_handler`` instead of ``XBlock.json_handler``. The platform's decorator parses whatever bytes arrive with
``json.loads``: a body nested ten thousand levels deep raises ``RecursionError``, ``1e999`` becomes infinity, a
lone surrogate is accepted and later breaks the learner's page and every export, and a body over Django's upload
limit is answered by an HTML page. Here every body goes through ``cifal_core.payloads.read_json`` and every refusal
is ``{"error": message}`` (plus the fields a handler adds, such as the editor's ``errors``) with a 4xx status, in
the requester's language. A handler validates everything before it changes anything, so a refusal changes nothing.

A database that cannot be reached (a lost connection, a server restarting) is answered ``503`` with ``{"error"}``
and ``Retry-After``, never a 500 page: the learner's state is written here, inside that protection, rather than by
the runtime after the handler returns, in one transaction where the runtime has their rows (all of them or none,
one commit), and changes not yet written are dropped. What the store had committed stays; a client that sends the
request again (a submission with its ``"attempt"``) is answered, never recorded twice.
"""
import functools
import json
import logging

from django.core.exceptions import RequestDataTooBig
from django.db import InterfaceError, OperationalError, transaction
from webob import Response
from xblock.core import XBlock
from xblock.exceptions import JsonHandlerError, XBlockSaveError
from xblock.fields import EXPLICITLY_SET

from cifal_core.blocks.i18n import Translator
from cifal_core.blocks.identity import current_identity
from cifal_core.errors import PayloadError
from cifal_core.messages import gettext_noop
from cifal_core.payloads import read_json, too_large

log = logging.getLogger(__name__)

LEARNER_BODY_LIMIT = 256 * 1024      # a whole quiz's answers with long texts in any script
AUTHORING_BODY_LIMIT = 2 * 1024 * 1024  # a large quiz's content with its HTML, below Django's 2.5 MB default
# What Django raises when the database does not answer: a connection refused, lost or killed, a server shutting down.
# The LMS's field store wraps a failed write in KeyValueMultiSaveError, which XBlock.save() raises as XBlockSaveError.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError, XBlockSaveError)
RETRY_AFTER_SECONDS = 5
UNAVAILABLE_MESSAGE = gettext_noop('The service is briefly unavailable; please try again in a moment.')  # the 503's


class HandlerError(JsonHandlerError):
    """A refusal answered as ``{"error": message, **extra}``; ``message`` is already in the reader's language."""

    def __init__(self, status_code, message, **extra):
        super().__init__(status_code, message)
        self.extra = extra

    def get_response(self, **kwargs):
        return json_response({'error': self.message, **self.extra}, status=self.status_code, **kwargs)


def json_response(body, status=200, **kwargs):
    """A JSON answer. ASCII-escaped, so that no stored text can make encoding the response fail."""
    return Response(json.dumps(body), status=status, content_type='application/json', charset='utf-8', **kwargs)


def error_response(status, message, **kwargs):
    return json_response({'error': message}, status=status, **kwargs)


def read_request_json(request, max_bytes, empty=None):
    """The request's cleaned JSON value (``cifal_core.payloads.read_json``); raises ``PayloadError``."""
    declared = request.content_length
    if declared is not None and declared > max_bytes:
        raise too_large(max_bytes)
    try:
        body = request.body
    except RequestDataTooBig:  # Django's DATA_UPLOAD_MAX_MEMORY_SIZE, if an operator set it lower than ours
        raise too_large(max_bytes) from None
    return read_json(body, max_bytes=max_bytes, empty=empty)


def json_handler(max_bytes=LEARNER_BODY_LIMIT, empty=None, staff_only=None, authoring=False):
    """
    Decorate ``handler(self, data, suffix)``: POST only, the body read by ``read_request_json``.

    ``empty`` is what an empty body means (``{}`` for handlers that need no data, such as ``retry``); by default an
    empty body is refused. ``staff_only``: the message (marked with ``gettext_noop``) that refuses anyone but course
    staff with 403, before the body is even read. ``authoring`` marks a Studio handler (the editor's): runtimes
    that must refuse it to learners, as Studio does, read the mark (the suite's workbench). The handler returns a
    JSON-serialisable value or a ``Response``, or raises ``HandlerError`` / ``JsonHandlerError``.
    """
    def decorate(func):
        @functools.wraps(func)
        def wrapper(self, request, suffix=''):
            return _serve(self, request, 'POST', staff_only,
                          lambda: func(self, read_request_json(request, max_bytes, empty), suffix))
        wrapper.authoring = authoring
        return XBlock.handler(wrapper)
    return decorate


def get_handler(func=None, *, staff_only=None):
    """Decorate ``handler(self, request, suffix)`` answered to GET only (a JSON 405 otherwise), errors as JSON;
    ``staff_only`` as for ``json_handler``. Use as ``@get_handler`` or ``@get_handler(staff_only=...)``."""
    def decorate(func):
        @functools.wraps(func)
        def wrapper(self, request, suffix=''):
            return _serve(self, request, 'GET', staff_only, lambda: func(self, request, suffix))
        return XBlock.handler(wrapper)
    return decorate(func) if func is not None else decorate


def _serve(block, request, method, staff_only, answer):
    """The method check, the staff check, then ``answer()``; every refusal as ``{"error"}`` JSON. The block's
    changed fields are saved before the answer goes out; a database that does not answer is a JSON 503."""
    translator = Translator(block)
    if request.method != method:
        use = translator.gettext('Use POST.') if method == 'POST' else translator.gettext('Use GET.')
        return error_response(405, use, allow=[method])
    try:
        response = _answer(block, translator, staff_only, answer)
        _save(block)  # what the runtime would save after the handler, saved where a lost database is answered
    except DATABASE_UNAVAILABLE as error:
        log.warning('%s %s answered 503: the database did not answer (%s: %s)', type(block).__name__,
                    getattr(request, 'path', ''), type(error).__name__, error)
        _drop_unsaved_changes(block)
        response = error_response(503, translator.gettext(UNAVAILABLE_MESSAGE))
        response.headers['Retry-After'] = str(RETRY_AFTER_SECONDS)
    return response


def _save(block):
    """Write the block's changed fields. Where the runtime has the row of every scope written (a field of that scope
    was read in this request, and a read finds or creates it), in one transaction: all of them or none, and one
    commit, not one per field. A field set with no read of its scope before may need its row created, which the
    runtime does under its own lock and commit (the suite's workbench, ADR 2: inside a transaction, the row would
    be committed only after the lock that keeps it single is released), so that save is left as the runtime's."""
    if _rows_read(block):
        with transaction.atomic():
            block.save()
    else:
        block.save()


def _rows_read(block):
    """Whether a field of each scope the block is about to write was read from the runtime in this request (its
    value cached without having been set, or set after a read that kept the read value as the baseline)."""
    dirty = getattr(block, '_dirty_fields', {})
    cached = getattr(block, '_field_data_cache', {})
    read = {field.scope for field in block.fields.values()
            if field.name in cached and dirty.get(field) is not EXPLICITLY_SET}
    return all(field.scope in read for field in dirty)


def _answer(block, translator, staff_only, answer):
    try:
        if staff_only:
            require_staff(block, translator.gettext(staff_only))
        result = answer()
    except PayloadError as error:
        return error_response(error.status, error.translated(translator.gettext))
    except JsonHandlerError as error:
        return _as_json(error)
    return result if isinstance(result, Response) else json_response(result)


def _drop_unsaved_changes(block):
    """After a database error, the runtime's own save (after the handler) must not write half a request's changes
    through a broken connection and turn the 503 into a 500: nothing is left for it to save."""
    getattr(block, '_dirty_fields', {}).clear()


def _as_json(error):
    return error.get_response() if isinstance(error, HandlerError) else error_response(error.status_code,
                                                                                       error.message)


def require_object(data, translator, allowed=None):
    """Refuse a body that is not a JSON object, or (with ``allowed``) that has a key not in ``allowed``."""
    if not isinstance(data, dict):
        raise HandlerError(400, translator.gettext('The request must be a JSON object.'))
    if allowed is not None:
        unknown = sorted(set(data) - set(allowed))
        if unknown:
            raise HandlerError(400, translator.gettext('The request has an unknown field: {name}.').format(
                name=json.dumps(unknown[0])[:60]))
    return data


def require_staff(block, message):
    """Refuse anyone but course staff with 403 and ``message`` (already translated)."""
    if not current_identity(block).is_staff:
        raise HandlerError(403, message)
