"""A real SMTP server for tests (aiosmtpd) and the production arrangement of email: messages
handed to tasks queued in the database, sent over SMTP by the worker. The fixtures are
imported by tests/conftest.py, so every test can ask for them."""

import email
import email.policy
from datetime import timedelta

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from benchmarks.load import free_port

DELIVER = "site_core.mail.deliver_email_task"
SENDER = "Parlance <newsletter@parlance.example>"


class Mailbox:
    """An aiosmtpd handler: keeps what it accepts; while `refusal` is set, answers DATA with it."""

    def __init__(self):
        self.messages = []
        self.refusal = None

    async def handle_DATA(self, server, session, envelope):
        if self.refusal:
            return self.refusal
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append((envelope.rcpt_tos, message))
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server():
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    mailbox.port = controller.port
    try:
        yield mailbox
    finally:
        controller.stop()


@pytest.fixture
def production_mail(settings, smtp_server):
    """The production arrangement (the test settings put Django's locmem backend in its
    place): mail handed to tasks queued in the database, sent by the worker over SMTP."""
    settings.EMAIL_BACKEND = "site_core.mail.TaskEmailBackend"
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = smtp_server.port
    settings.EMAIL_TIMEOUT = 5
    settings.DEFAULT_FROM_EMAIL = SENDER
    settings.EMAIL_RETRY_DELAYS = [600, 3600]
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.COMMUNITY_MIN_SUBMIT_SECONDS = 0  # forms may be sent at once
    return smtp_server


def run_worker():
    """Run the tasks that are due, as `manage.py db_worker` does, then stop."""
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)


def deliveries():
    return DBTaskResult.objects.filter(task_path=DELIVER)


def make_due(tasks):
    """The retry's time has come (instead of waiting for it)."""
    tasks.update(run_after=timezone.now() - timedelta(seconds=1))
