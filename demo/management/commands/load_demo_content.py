import logging
from contextlib import contextmanager

from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from demo.accounts import demo_password
from demo.loader import DemoContentRefused, load_demo_content

# The demo's translators and reviewers are told nothing about the demo's own reviews.
NO_EMAIL = "django.core.mail.backends.dummy.EmailBackend"


@contextmanager
def quiet_logger(name, quiet):
    """Wagtail logs every page it creates and publishes: hundreds of lines that would bury
    the credentials printed at the end. Shown with --verbosity 2."""
    logger = logging.getLogger(name)
    level = logger.level
    if quiet:
        logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(level)


class Command(BaseCommand):
    help = (
        "Load Parlance's demo magazine and its local demo accounts, and print their "
        "credentials. Idempotent: a second run changes nothing. Refused in production "
        "(the settings must set DEMO_CONTENT_ALLOWED)."
    )

    def handle(self, *args, **options):
        password = demo_password()
        try:
            with (
                override_settings(EMAIL_BACKEND=NO_EMAIL),
                quiet_logger("wagtail", quiet=options["verbosity"] < 2),
            ):
                report = load_demo_content(password)
        except DemoContentRefused as error:
            raise CommandError(str(error)) from None

        if report.changed:
            for kind, names in report.created.items():
                if names:
                    self.stdout.write(f"Demo content: created {len(names)} {kind}.")
        else:
            self.stdout.write("Demo content is already loaded: nothing changed.")

        self.stdout.write("")
        self.stdout.write(
            f"Demo accounts (local only), password “{password}” "
            "(accounts keep the password they were created with):"
        )
        for account in report.accounts:
            full_name = f"{account.first_name} {account.last_name}"
            self.stdout.write(f"  {account.username:<15} {full_name:<20} {account.group}")
