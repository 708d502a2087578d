"""`manage.py run_scheduler`: publish what editors scheduled, and unpublish what expired, at
its time: Wagtail's `publish_scheduled` every `--interval` seconds, for as long as it runs.
`make run`, `make dev` and `make topology` start it beside the web server; in production run
it as a service of its own (docs/production.md, "Scheduled publishing").

Pages scheduled through a review workflow go live only once approved: approval is what turns a
revision's go-live time into a schedule (Wagtail's `approved_go_live_at`); a revision never
approved has none, and this leaves it alone.

On PostgreSQL each pass holds an advisory lock, so that runners started on several hosts take
turns instead of publishing one revision twice. A pass that fails (the database away, say) is
logged and the next one tries again."""

import logging
import signal
import threading
import zlib
from contextlib import contextmanager

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import DatabaseError, connection

logger = logging.getLogger(__name__)
LOCK_ID = zlib.crc32(b"parlance.run_scheduler")


class Command(BaseCommand):
    help = "Publish scheduled pages (and unpublish expired ones) every --interval seconds."

    def add_arguments(self, parser):
        parser.add_argument(
            "--interval", type=float, default=60.0, help="seconds between passes (default 60)"
        )
        parser.add_argument("--once", action="store_true", help="one pass, then stop")

    def handle(self, *args, **options):
        stopping = threading.Event()
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_args: stopping.set())
        while not stopping.is_set():
            self.run_pass()
            if options["once"]:
                return
            stopping.wait(options["interval"])

    def run_pass(self):
        connection.close_if_unusable_or_obsolete()  # as at the start of a request
        try:
            with pass_lock() as held:
                if held:
                    call_command("publish_scheduled", stdout=self.stdout)
        except DatabaseError:
            logger.exception("Scheduled publishing failed; retried at the next pass")
            connection.close()


@contextmanager
def pass_lock():
    """PostgreSQL's session advisory lock for one pass: yields whether it is ours (always
    True on SQLite, which one host uses)."""
    if connection.vendor != "postgresql":
        yield True
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [LOCK_ID])
        held = cursor.fetchone()[0]
    try:
        yield held
    finally:
        if held:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [LOCK_ID])
