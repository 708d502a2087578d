"""Editing an existing article through the admin keeps every block (and its id) that the
editor did not touch — translations are keyed by those ids."""

import json
import re

import pytest
from django.urls import reverse
from wagtail.rich_text import RichText

from tests import factories
from tests.admin_forms import article_edit_form_data

pytestmark = pytest.mark.django_db
BLOCK_KEY = re.compile(r' data-block-key=\\?"[^"\\]*\\?"')


def stored(article):
    """The body as stored, without the paragraph keys Draftail adds to rich text."""
    return json.loads(BLOCK_KEY.sub("", json.dumps(list(article.body.raw_data))))


@pytest.fixture
def article():
    ada = factories.make_person("Ada Lovelace")
    body = [
        *factories.interview_body([ada], segments=2, turns_per_segment=3),
        factories.nested_list("lettered"),
        factories.quote("A saying.", person=ada, source_title="Notes"),
    ]
    return factories.make_article(
        "Round trip", body=body, people=[(ada, "interviewee")], topics=[factories.make_topic()]
    )


def publish_edit(client, article, **changes):
    data = article_edit_form_data(article, **changes)
    data["action-publish"] = "action-publish"
    url = reverse("wagtailadmin_pages:edit", args=(article.pk,))
    return client.post(url, data)


def test_an_unchanged_edit_keeps_the_body_exactly(admin_client, article):
    before = stored(article)
    revisions = article.revisions.count()

    response = publish_edit(admin_client, article)

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.revisions.count() == revisions + 1
    assert stored(article) == before


def test_changing_one_paragraph_changes_only_that_block(admin_client, article):
    before = stored(article)
    body = article.body
    turn = body[1].value["transcript"][0]
    turn["content"][0].value = RichText("<p>Words said differently.</p>")

    publish_edit(admin_client, article, body=body)

    article.refresh_from_db()
    after = stored(article)
    assert [block["id"] for block in after] == [block["id"] for block in before]
    changed = [
        index for index, (old, new) in enumerate(zip(before, after, strict=True)) if old != new
    ]
    assert changed == [1]
    assert "Words said differently." in str(after[1])
