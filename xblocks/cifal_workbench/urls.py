"""xblock-sdk's URLs, with the scenario pages and the handler view replaced by ``cifal_workbench.views``."""
from django.urls import re_path
from workbench.urls import urlpatterns as workbench_urlpatterns

from cifal_workbench import views

urlpatterns = [
    re_path(r'^scenario/(?P<scenario_id>[^/]+)/(?P<view_name>[^/]+)/$', views.show_scenario, name='scenario'),
    re_path(r'^scenario/(?P<scenario_id>[^/]+)/$', views.show_scenario, name='workbench_show_scenario'),
    re_path(r'^view/(?P<scenario_id>[^/]+)/(?P<view_name>[^/]+)/$', views.show_scenario,
            {'template': 'workbench/blockview.html'}),
    re_path(r'^view/(?P<scenario_id>[^/]+)/$', views.show_scenario, {'template': 'workbench/blockview.html'}),
    re_path(r'^handler/(?P<usage_id>[^/]+)/(?P<handler_slug>[^/]*)(?:/(?P<suffix>.*))?$', views.handler,
            {'authenticated': True}, name='handler'),
    *workbench_urlpatterns,
]
