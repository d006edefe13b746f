"""Counting the finder's searches, for the admin page "Czego szukają mieszkańcy"."""

import atexit
import logging
import threading
import time
from collections import defaultdict

from django.conf import settings
from django.db import DatabaseError, transaction
from django.utils import timezone

from activities.models import SearchCount

logger = logging.getLogger(__name__)


class PendingCounts:
    """Counts gathered in this process and written together every few seconds.

    A write per search made a cached search page (served in a fraction of a
    millisecond) wait for the database: on SQLite, three times slower (`make bench`).
    Each worker keeps its counts in memory and writes them at most every
    SEARCH_STATISTICS_FLUSH_SECONDS, and when it exits; a crash loses at most that
    long of counts, which statistics can afford.
    """

    def __init__(self):
        self.lock = threading.Lock()
        self.counts = defaultdict(lambda: [0, 0])
        self.flushed_at = time.monotonic()

    def add(self, language, query, found_nothing):
        with self.lock:
            row = self.counts[(timezone.localdate(), language, query)]
            row[0] += 1
            row[1] += int(found_nothing)
            due = time.monotonic() - self.flushed_at >= settings.SEARCH_STATISTICS_FLUSH_SECONDS
        if due:
            self.flush()

    def flush(self):
        with self.lock:
            counts, self.counts = self.counts, defaultdict(lambda: [0, 0])
            self.flushed_at = time.monotonic()
        if not counts:
            return
        try:
            # One transaction: a failed write leaves nothing half done.
            with transaction.atomic():
                for (day, language, query), (searches, empty) in counts.items():
                    SearchCount.objects.record(language, query, empty, searches, day)
        except DatabaseError:
            # A busy database must not cost a resident their results.
            logger.warning("%d search counts were not written", len(counts), exc_info=True)


pending = PendingCounts()
atexit.register(pending.flush)


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
            pending.add(**record)
        return response

    return middleware
