"""The 500 handler: the site's own page, with the request id to quote to support, and nothing else.

It renders without the request's context processors (no user, no database), so it still works when
the database is what failed. No traceback ever reaches the user (DEBUG is off in production).
"""

from django.http import HttpRequest, HttpResponseServerError
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token

from .logging import current_request_id


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponseServerError:
    request_id = getattr(request, "request_id", "") or current_request_id()
    return HttpResponseServerError(loader.get_template("500.html").render({"request_id": request_id}))
