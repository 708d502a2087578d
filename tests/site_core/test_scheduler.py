"""`manage.py run_scheduler` (site_core/management/commands/run_scheduler.py): each pass
publishes what is due and leaves alone what is not. The end-to-end version, in the running
topology with the page cache and review workflows: tests/production/test_scheduled_publishing.py."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from tests import factories


@pytest.mark.django_db(transaction=True)  # each pass starts as a process does: autocommit
def test_a_pass_publishes_what_is_due_and_only_that():
    due = factories.make_draft_article("Due now")
    later = factories.make_draft_article("Due tomorrow")
    for page, hours in ((due, 1), (later, 24)):
        page.go_live_at = timezone.now() + datetime.timedelta(hours=hours)
        page.save_revision().publish()  # scheduled: approved_go_live_at set, not live
    # An hour passes for the first one: its schedule and its revision's go-live time are past.
    revision = due.get_latest_revision()
    revision.approved_go_live_at = timezone.now() - datetime.timedelta(seconds=1)
    revision.content["go_live_at"] = revision.approved_go_live_at.isoformat()
    revision.save(update_fields=["approved_go_live_at", "content"])

    call_command("run_scheduler", "--once", stdout=io.StringIO())

    due.refresh_from_db()
    later.refresh_from_db()
    assert (due.live, later.live) == (True, False)
    assert later.get_latest_revision().approved_go_live_at is not None  # still scheduled
