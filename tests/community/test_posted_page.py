"""The page a comment's post leads to shows a pending comment's text only to its author, for
a while, and no cache keeps it."""

import time

import pytest
from django.test import Client

from community import commenter
from community.models import Comment

from .conftest import post_comment

pytestmark = pytest.mark.django_db

SECRET = "My pending thoughts, not yet moderated."


def thanks_url(client, article):
    response = post_comment(client, article, text=SECRET)
    assert response.status_code == 302
    return response["Location"]


def test_the_author_sees_their_pending_comment_and_no_cache_may_keep_it(client, article):
    url = thanks_url(client, article)

    response = client.get(url)

    assert response.status_code == 200
    assert SECRET in response.text
    assert response["Cache-Control"] == "private, no-store"


def test_the_address_shows_nothing_to_another_browser(client, article):
    url = thanks_url(client, article)

    response = Client().get(url)

    assert response.status_code == 200
    assert SECRET not in response.text
    assert response["Cache-Control"] == "private, no-store"


def test_the_address_shows_nothing_to_the_cookie_replayed_elsewhere(client, article):
    url = thanks_url(client, article)
    other = Client(REMOTE_ADDR="198.51.100.7")
    other.cookies[commenter.COOKIE_NAME] = client.cookies[commenter.COOKIE_NAME].value

    assert SECRET not in other.get(url).text


def test_the_address_expires(client, article, settings):
    settings.COMMUNITY_POSTED_PAGE_MAX_AGE = 1
    url = thanks_url(client, article)
    assert SECRET in client.get(url).text

    time.sleep(2.1)
    response = client.get(url)

    assert response.status_code == 200
    assert SECRET not in response.text
    assert Comment.objects.get().text == SECRET  # the comment itself is untouched


def test_the_plain_thank_you_page_is_not_cached_either(client, home_pages):
    assert client.get("/en/community/comments/thanks/")["Cache-Control"] == "private, no-store"
