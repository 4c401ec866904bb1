"""Project-level pages that belong to no domain app."""

from django.db import connection
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_safe


@require_safe
@never_cache
def gezond(request):
    """Health check for the load balancer: 200 only when the database answers."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        return HttpResponse("niet gezond\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


@require_GET
def toegankelijkheid(request):
    return render(request, "toegankelijkheid.html")
