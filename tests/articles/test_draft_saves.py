"""A draft save of an article leaves its search and reference indexes alone (they are made
from the live content, which a draft does not change: articles/draft_saves.py); publishing,
comments and deletion still reach them."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Comment, ReferenceIndex

from articles.models import ArticlePage
from tests import factories

pytestmark = pytest.mark.django_db


def body_naming(person, words):
    return [
        factories.video_segment(
            "Part one", turns=[factories.turn(words, speaker=person, timecode=0)], duration=60
        )
    ]


def found(words):
    return list(ArticlePage.objects.live().search(words))


def referencing(person):
    return {ref.object_id for ref in ReferenceIndex.get_references_to(person)}


def test_a_draft_save_leaves_both_indexes_as_they_are_and_publishing_updates_them():
    ada, ben = factories.make_person("Ada Lovelace"), factories.make_person("Ben Okri")
    article = factories.make_article("Turns", body=body_naming(ada, "Words about looms."))
    assert found("looms") == [article]
    assert referencing(ada) == {str(article.pk)}

    draft = ArticlePage.objects.get(pk=article.pk)
    draft.body = body_naming(ben, "Words about gardens.")
    revision = draft.save_revision()

    # The live article is still about looms and names Ada: so are its indexes.
    assert found("looms") == [article]
    assert found("gardens") == []
    assert referencing(ada) == {str(article.pk)}
    assert referencing(ben) == set()

    revision.publish()

    assert found("gardens") == [article]
    assert found("looms") == []
    assert referencing(ben) == {str(article.pk)}
    assert referencing(ada) == set()


def test_a_comment_added_in_a_draft_save_reaches_the_reference_index():
    user = get_user_model().objects.create_user("commenter", password="password")
    article = factories.make_article("Turns")
    comment = Comment(page=article, user=user, text="Check this date.", contentpath="title")
    article.wagtail_admin_comments.add(comment)

    article.save_revision(user=user)

    assert {ref.object_id for ref in ReferenceIndex.get_references_to(user)} == {str(article.pk)}


def test_a_deleted_article_leaves_the_search_index():
    article = factories.make_article("Turns", body=body_naming(None, "Words about looms."))
    assert found("looms") == [article]

    article.delete()

    assert found("looms") == []
