"""Counting the finder's searches, for the admin page "Czego szukają mieszkańcy"."""

import logging

from django.conf import settings
from django.db import DatabaseError, transaction

from activities.models import SearchCount

logger = logging.getLogger(__name__)


def count_searches(get_response):
    """Count each search the finder answers, whether its page came from the cache or not.

    The finder puts what to count on its response (`search_record`: language,
    normalised words, found nothing or not) and the page cache keeps it with the
    page, so this middleware, placed before the cache in MIDDLEWARE, sees every
    search. Counting only in the view would miss searches served from the cache;
    a beacon would need JavaScript, which the finder does not require.
    """

    def middleware(request):
        response = get_response(request)
        record = getattr(response, "search_record", None)
        if record and request.method == "GET" and settings.SEARCH_STATISTICS:
            try:
                # Its own transaction: a failed count leaves nothing half done.
                with transaction.atomic():
                    SearchCount.objects.record(**record)
            except DatabaseError:
                # A busy database must not cost a resident their results.
                logger.warning("A search was not counted", exc_info=True)
        return response

    return middleware
