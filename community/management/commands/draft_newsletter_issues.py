"""`manage.py draft_newsletter_issues`: put the interviews published since each language's
last issue (and in no issue yet) into that language's draft issue, for editors to send.
Publishing an interview does it for that interview; run this on a schedule (or once, with
`--since`, to start the newsletter with recent interviews)."""

from django.core.management.base import BaseCommand
from django.utils.dateparse import parse_datetime

from community import issues


class Command(BaseCommand):
    help = "Draft each language's newsletter issue from the interviews published since the last."

    def add_arguments(self, parser):
        parser.add_argument("--language", action="append", help="only this language (repeatable)")
        parser.add_argument(
            "--since",
            help="ISO date-time: interviews first published after it (default: the "
            "language's last issue; everything when there was none)",
        )

    def handle(self, *args, language=None, since=None, **options):
        cutoff = parse_datetime(since) if since else None
        for code, count in issues.draft_all(language, cutoff).items():
            self.stdout.write(f"{code}: {count} interview(s) added")
