"""E-mails to staff: review reminders and residents' reports.

Polish plain text with an HTML part, rendered from templates/emails/. Every send is
logged on the `pal.mail` logger; a failure is logged and reported to the caller,
which keeps what was not sent so the daily command tries again.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

logger = logging.getLogger("pal.mail")


def absolute(path):
    """An address staff can open from their mail program (DJANGO_SITE_URL + path)."""
    return f"{settings.SITE_URL or 'http://127.0.0.1:8000'}{path}"


def admin_link(obj):
    opts = obj._meta
    return absolute(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]))


def correction_recipients(correction):
    """The e-mail addresses of the programme's coordinators; central editors' when it
    has none (or none with an address)."""
    from programmes.models import central_editors

    coordinators = correction.programme.coordinators.filter(is_active=True).exclude(email="")
    users = coordinators.order_by("pk") or central_editors()
    return [user.email for user in users]


def notify_about_correction(correction):
    """E-mail a resident's report to the people who can fix it. The resident's contact
    is in it only when they gave one. True when sent (the report is then marked)."""
    recipients = correction_recipients(correction)
    if not recipients:
        logger.warning("Nobody to e-mail about report %s: no staff address", correction.pk)
        return False
    context = {
        "correction": correction,
        "page_url": absolute(correction.get_absolute_url()),
        "admin_url": admin_link(correction),
    }
    if not send("correction", recipients, context, f"report {correction.pk}"):
        return False
    type(correction).objects.filter(pk=correction.pk).update(notified_at=timezone.now())
    return True


def send(template, recipients, context, what):
    """Send one message from `template`.txt/.html (subject on the first line of the
    .txt) in Polish. True when the mail server accepted it; a failure is logged."""
    with translation.override("pl"):
        subject, _, body = render_to_string(f"emails/{template}.txt", context).partition("\n")
        html = render_to_string(f"emails/{template}.html", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()), body=body.strip() + "\n", to=recipients
    )
    message.attach_alternative(html, "text/html")
    try:
        message.send()
    except Exception:
        # SMTP errors, refused addresses, timeouts: whatever the cause, log it with its
        # traceback and let the caller keep the message for the next run.
        logger.exception("Could not send %s to %s", what, ", ".join(recipients))
        return False
    logger.info("Sent %s to %s", what, ", ".join(recipients))
    return True
