"""
The workbench's scenario page and handler view, with Studio's rule for who may author (ADR 2).

In Open edX only course authors reach a block's ``studio_view`` and ``author_view`` and the handlers behind them
(Studio checks edit rights before calling them). The stock workbench lets any ``?student=`` open them, which would
let a learner read the answer key in the author's preview or rewrite the quiz. Here, as in Studio, only course staff
(a student id starting with ``staff``) may; a learner gets 403.
"""
import json

from django.http import HttpResponse, HttpResponseForbidden
from workbench import views as workbench_views
from workbench.runtime import WorkbenchRuntime
from xblock.exceptions import NoSuchUsage

from cifal_workbench.services import STAFF_PREFIX

AUTHOR_VIEWS = ('studio_view', 'author_view')


def is_author(request):
    return workbench_views.get_student_id(request).startswith(STAFF_PREFIX)


def show_scenario(request, scenario_id, view_name='student_view', template='workbench/block.html'):
    if view_name in AUTHOR_VIEWS and not is_author(request):
        return HttpResponseForbidden('Only course authors can open this view: add ?student=staff_1 to the address.',
                                     content_type='text/plain; charset=utf-8')
    return workbench_views.show_scenario(request, scenario_id, view_name, template)


def handler(request, usage_id, handler_slug, suffix='', authenticated=True):
    if not is_author(request) and _is_authoring_handler(request, usage_id, handler_slug):
        body = json.dumps({'error': 'Only course authors can change the content: this is a Studio handler.'})
        return HttpResponse(body, status=403, content_type='application/json')
    return workbench_views.handler(request, usage_id, handler_slug, suffix, authenticated)


def _is_authoring_handler(request, usage_id, handler_slug):
    """Whether the block's handler is one of Studio's (marked by ``cifal_core.blocks.handlers``)."""
    try:
        block = WorkbenchRuntime(workbench_views.get_student_id(request)).get_block(usage_id)
    except NoSuchUsage:
        return False
    return getattr(getattr(type(block), handler_slug, None), 'authoring', False)
