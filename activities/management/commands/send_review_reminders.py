"""The daily staff command: review reminders, the weekly summary, and housekeeping.

Run it once a day (cron or a systemd timer, see README.md). Safe to run more often:
nothing already sent is sent again, and what failed is tried again next time.
"""

import datetime
from collections import defaultdict

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse
from django.utils import timezone

from activities import mail
from activities.models import Activity, Correction, SearchCount, SentReminder, review_items
from programmes.models import Programme, central_editors


class Command(BaseCommand):
    help = (
        "E-mail each coordinator one digest of their pages due for a check in the next "
        "14 days or overdue, and central editors a weekly summary of overdue checks; "
        "e-mail again residents' reports whose first e-mail failed; delete search "
        "statistics older than 13 months. Run daily."
    )

    def handle(self, *args, **options):
        today = timezone.localdate()
        deleted, _ = SearchCount.objects.expired(today).delete()
        self.stdout.write(f"Search counts older than 13 months deleted: {deleted}.")
        failures = (
            self.resend_correction_notices()
            + self.send_digests(today)
            + self.send_weekly_summary(today)
        )
        if failures:
            # A non-zero exit makes cron mail its owner and systemd mark the run failed;
            # the messages themselves are sent again by the next run.
            raise CommandError(f"{failures} message(s) could not be sent; see the log.")

    def resend_correction_notices(self):
        """Residents' reports whose e-mail failed when they were sent: try again.

        Reports younger than a few minutes are left to the request that saved them.
        """
        waiting = Correction.objects.not_notified().filter(
            created_at__lt=timezone.now() - datetime.timedelta(minutes=10)
        )
        failures = sum(
            not mail.notify_about_correction(correction)
            for correction in waiting.select_related("programme", "activity")
        )
        if waiting:
            self.stdout.write(f"Reports e-mailed again, failed: {failures}.")
        return failures

    def send_digests(self, today):
        until = today + datetime.timedelta(days=settings.REVIEW_NOTICE_DAYS)
        coordinators = (
            get_user_model()
            .objects.filter(is_active=True, coordinated_programmes__isnull=False)
            .exclude(email="")
            .distinct()
            .order_by("pk")
        )
        failures = sent = 0
        for user in coordinators:
            programmes = Programme.objects.filter(coordinators=user)
            items = review_items(
                programmes.due_for_review(until),
                Activity.objects.filter(programme__in=programmes)
                .due_for_review(until)
                .select_related("programme"),
                today,
            )
            reminded = set(
                SentReminder.objects.filter(
                    recipient=user, key__in=[item["reminder_key"] for item in items]
                ).values_list("key", flat=True)
            )
            new = [item for item in items if item["reminder_key"] not in reminded]
            if not new:
                continue
            for item in new:
                item["url"] = mail.absolute(item["admin_path"])
            context = {"items": new, "until": until, "review_url": self.review_url()}
            if mail.send("review_digest", [user.email], context, f"a digest of {len(new)}"):
                SentReminder.objects.bulk_create(
                    [SentReminder(recipient=user, key=item["reminder_key"]) for item in new],
                    ignore_conflicts=True,
                )
                sent += 1
            else:
                failures += 1
        self.stdout.write(f"Review digests sent: {sent}, failed: {failures}.")
        return failures

    def send_weekly_summary(self, today):
        """Overdue checks by programme, once per ISO week (Monday, with a daily run)."""
        year, week, _ = today.isocalendar()
        key = f"summary:{year}-W{week:02d}"
        overdue_until = today - datetime.timedelta(days=1)
        groups = defaultdict(lambda: {"count": 0, "oldest": None})
        items = review_items(
            Programme.objects.due_for_review(overdue_until),
            Activity.objects.due_for_review(overdue_until).select_related("programme"),
            today,
        )
        for item in items:
            group = groups[item["programme"]]
            group["count"] += 1
            group["oldest"] = min(filter(None, [group["oldest"], item["due"]]))
        if not groups:
            self.stdout.write("Weekly summary: nothing is overdue.")
            return 0
        coordinators = defaultdict(list)
        through = Programme.coordinators.through.objects.filter(programme__in=list(groups))
        for programme_id, name in through.values_list("programme_id", "user__username"):
            coordinators[programme_id].append(name)
        context = {
            "today": today,
            "total": len(items),
            "groups": [
                {
                    "programme": programme,
                    "url": mail.admin_link(programme),
                    "coordinators": sorted(coordinators[programme.pk]),
                    **group,
                }
                for programme, group in sorted(groups.items(), key=lambda pair: pair[1]["oldest"])
            ],
            "review_url": self.review_url(),
        }
        failures = sent = 0
        for user in central_editors().exclude(sentreminder_received__key=key):
            if mail.send("review_summary", [user.email], context, "the weekly summary"):
                SentReminder.objects.get_or_create(recipient=user, key=key)
                sent += 1
            else:
                failures += 1
        self.stdout.write(f"Weekly summaries sent: {sent}, failed: {failures}.")
        return failures

    @staticmethod
    def review_url():
        return mail.absolute(reverse("admin:review_list"))
