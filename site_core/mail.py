"""Email leaves the request: `TaskEmailBackend` (Django's EMAIL_BACKEND) hands each message to
`deliver_email_task`, which sends it through EMAIL_DELIVERY_BACKEND (SMTP from the
environment, site_core/email_url.py). Every sender — the newsletter's confirmations, Wagtail's
workflow notifications, password resets — goes through it without knowing.

With the database task backend (production) the message is a row written in the request's
transaction, sent by `manage.py db_worker`; when the server refuses it (SMTP error, connection
refused or timed out) the task enqueues itself again to run after the next of
EMAIL_RETRY_DELAYS, and gives up (logged as an error) when they are spent. With the immediate
backend (development) it is sent at once; the task framework catches a failure, so the
request still succeeds, and nothing can wait for a retry."""

import base64
import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core import checks
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone
from django_tasks import task, task_backends

logger = logging.getLogger(__name__)

# What a mail server's refusal or absence raises (SMTPException for its answers; OSError,
# which covers socket timeouts, for a refused or lost connection).
DELIVERY_ERRORS = (smtplib.SMTPException, OSError)


def message_to_json(message):
    """Everything needed to build the message again in the worker, as JSON."""
    attachments = []
    for attachment in message.attachments:
        if not isinstance(attachment, tuple):  # a MIME part: send it as its bytes
            attachment = (attachment.get_filename(), attachment.get_payload(decode=True), None)
        filename, content, mimetype = attachment
        if isinstance(content, str):
            content = content.encode()
        attachments.append([filename, base64.b64encode(content).decode(), mimetype])
    return {
        "subject": str(message.subject),  # a lazy translation is no JSON
        "body": str(message.body),
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": dict(message.extra_headers),
        "alternatives": [
            [content, mimetype] for content, mimetype in getattr(message, "alternatives", [])
        ],
        "attachments": attachments,
        "content_subtype": message.content_subtype,
    }


def message_from_json(data, connection=None):
    message = EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=data["headers"],
        connection=connection,
    )
    message.content_subtype = data.get("content_subtype", "plain")
    for content, mimetype in data["alternatives"]:
        message.attach_alternative(content, mimetype)
    for filename, content, mimetype in data["attachments"]:
        message.attach(filename, base64.b64decode(content), mimetype)
    return message


@task()
def deliver_email_task(message, attempt=1):
    """Send one message; on a delivery error, enqueue the next attempt (see the module)."""
    connection = get_connection(settings.EMAIL_DELIVERY_BACKEND)
    try:
        message_from_json(message, connection=connection).send()
    except DELIVERY_ERRORS as error:
        delays = settings.EMAIL_RETRY_DELAYS
        backend = task_backends[deliver_email_task.backend]
        if attempt > len(delays) or not backend.supports_defer:
            logger.error(
                "Email to %s not sent (attempt %d, giving up): %r",
                ", ".join(message["to"]),
                attempt,
                error,
            )
            raise
        run_after = timezone.now() + timedelta(seconds=delays[attempt - 1])
        deliver_email_task.using(run_after=run_after).enqueue(message, attempt=attempt + 1)
        logger.warning(
            "Email to %s not sent (attempt %d), retrying after %s: %r",
            ", ".join(message["to"]),
            attempt,
            run_after.isoformat(),
            error,
        )
        return {"sent": False, "next_attempt": attempt + 1}
    return {"sent": True, "attempt": attempt}


class TaskEmailBackend(BaseEmailBackend):
    """Django's email backend interface; each message becomes a `deliver_email_task`."""

    def send_messages(self, email_messages):
        count = 0
        for message in email_messages:
            if not message.recipients():
                continue
            deliver_email_task.enqueue(message_to_json(message))
            count += 1
        return count


@checks.register(checks.Tags.compatibility, deploy=True)
def check_email_settings(app_configs, **kwargs):
    """`check --deploy`: mail that would silently go to localhost:25, or from Django's
    placeholder sender, which receiving servers reject or file as spam."""
    warnings = []
    if settings.EMAIL_BACKEND == "site_core.mail.TaskEmailBackend" and not getattr(
        settings, "EMAIL_CONFIGURED", False
    ):
        warnings.append(
            checks.Warning(
                "No mail server is configured: email goes to localhost:25.",
                hint="Set EMAIL_URL (e.g. smtp+tls://user:password@mail.example.org:587) "
                "or EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS.",
                id="site_core.W001",
            )
        )
    for name in ("DEFAULT_FROM_EMAIL", "SERVER_EMAIL"):
        address = getattr(settings, name, "")
        if not address or address.rstrip(">").lower().endswith("@localhost"):
            warnings.append(
                checks.Warning(
                    f"{name} is {address!r}: mail would come from a placeholder address.",
                    hint=f"Set {name} to an address of your domain, e.g. "
                    "'Parlance <newsletter@example.org>'.",
                    id="site_core.W002",
                )
            )
    return warnings
