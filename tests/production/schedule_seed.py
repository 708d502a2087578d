"""Content scheduled to go live in a few seconds, made by a subprocess with the gunicorn
processes' environment for test_scheduled_publishing.py (`python -m
tests.production.schedule_seed <seconds>`), the way editors, translators and reviewers
schedule it. Prints one line of JSON: the addresses and the go-live time.

- An English article its editor published with a go-live time: scheduled, not live.
- A live English article whose Italian translation a translator submitted with a go-live time
  and an Italian reviewer approved (approval schedules it), and whose French translation was
  submitted with one and never approved."""

import datetime
import json
import sys

import django

PASSWORD = "password"  # factories.make_user's


def submitted_translation(source, locale, go_live_at, translator):
    """`source` translated into `locale` through wagtail-localize, every string done, then
    given a go-live time and submitted for review: the workflow state."""
    from tests import factories

    translation = factories.localize(source, locale, user=translator)
    factories.translate_strings(translation, user=translator)
    translation.save_target(user=translator, publish=False)
    page = translation.get_target_instance()
    page.go_live_at = go_live_at  # "Set schedule" in the page editor: a revision
    page.save_revision(user=translator)
    return page, factories.submit_for_review(page, translator)


def main():
    django.setup()
    from django.utils import timezone
    from wagtail.models import Locale

    from tests import factories
    from translations.roles import reviewers_group_name, translators_group_name

    delay = float(sys.argv[1])
    italian, french = (Locale.objects.get(language_code=code) for code in ("it", "fr"))
    translator_it = factories.make_user("schedule-it", translators_group_name(italian))
    reviewer_it = factories.make_user("schedule-reviewer-it", reviewers_group_name(italian))
    translator_fr = factories.make_user("schedule-fr", translators_group_name(french))
    source = factories.make_article("Translated at its time")
    go_live_at = timezone.now() + datetime.timedelta(seconds=delay)

    embargoed = factories.make_draft_article("Embargoed until its time")
    embargoed.go_live_at = go_live_at
    embargoed.save_revision().publish()

    italian_page, review = submitted_translation(source, italian, go_live_at, translator_it)
    review.current_task_state.approve(user=reviewer_it)
    french_page, _review = submitted_translation(source, french, go_live_at, translator_fr)

    facts = {
        "go_live_at": go_live_at.timestamp(),
        "embargoed": {"url": embargoed.get_url(), "title": embargoed.title},
        "listing": embargoed.get_parent().get_url(),
        "italian": italian_page.get_url(),
        "french": french_page.get_url(),
    }
    sys.stdout.write(json.dumps(facts) + "\n")


if __name__ == "__main__":
    main()
