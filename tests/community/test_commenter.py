"""The trusted-commenter cookie is a bearer token held to three limits: bound to the client
it was used from, expiring, and revocable by moderators (community/commenter.py)."""

import time

import pytest
from django.test import Client

from community import commenter
from community.models import Comment, RevokedCommenter

from .conftest import post_comment
from .test_moderation import bulk

pytestmark = pytest.mark.django_db

FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0"
CURL = "curl/8.5.0"


def reader(address="203.0.113.10", user_agent=FIREFOX):
    return Client(REMOTE_ADDR=address, HTTP_USER_AGENT=user_agent)


def trusted_reader(article, **client):
    """A reader whose first comment a moderator approved."""
    browser = reader(**client)
    post_comment(browser, article, text="First")
    Comment.objects.filter(text="First").update(status=Comment.Status.APPROVED)
    return browser


def replay(browser, **client):
    """Another client holding a copy of `browser`'s cookie."""
    thief = reader(**client)
    thief.cookies[commenter.COOKIE_NAME] = browser.cookies[commenter.COOKIE_NAME].value
    return thief


def status_of(text):
    return Comment.objects.get(text=text).status


def test_the_trusted_reader_is_still_published_at_once(article):
    browser = trusted_reader(article)
    post_comment(browser, article, text="Second")
    assert status_of("Second") == Comment.Status.APPROVED
    # A new address in the same network (a phone between cells) is the same client.
    browser.defaults["REMOTE_ADDR"] = "203.0.77.5"
    post_comment(browser, article, text="Third")
    assert status_of("Third") == Comment.Status.APPROVED


@pytest.mark.parametrize(
    "elsewhere",
    [
        {"address": "198.51.100.7"},  # another network
        {"user_agent": CURL},  # another browser, same network
        {"address": "2001:db8::1"},
    ],
)
def test_the_cookie_replayed_from_another_client_earns_no_trust(article, elsewhere):
    browser = trusted_reader(article)

    post_comment(replay(browser, **elsewhere), article, text="Buy <a href=x>pills</a>")

    assert status_of("Buy <a href=x>pills</a>") == Comment.Status.PENDING


def test_the_cookie_expires(article, settings):
    settings.COMMUNITY_COMMENTER_MAX_AGE = 1
    browser = trusted_reader(article)
    assert browser.cookies[commenter.COOKIE_NAME]["max-age"] == 1

    time.sleep(2.1)  # the signature's date is now older than the limit
    post_comment(browser, article, text="Late")

    assert status_of("Late") == Comment.Status.PENDING


def test_moderators_revoke_a_commenters_trust(article, admin_client, admin_user):
    browser = trusted_reader(article)
    post_comment(browser, article, text="Second")
    assert status_of("Second") == Comment.Status.APPROVED

    response = bulk(admin_client, "revoke_trust", [Comment.objects.get(text="Second")])

    assert response.status_code == 302
    revoked = RevokedCommenter.objects.get()
    assert revoked.revoked_by == admin_user
    assert revoked.commenter == Comment.objects.get(text="First").commenter
    post_comment(browser, article, text="Third")
    assert status_of("Third") == Comment.Status.PENDING
    # Approving it later does not give the trust back.
    Comment.objects.filter(text="Third").update(status=Comment.Status.APPROVED)
    post_comment(browser, article, text="Fourth")
    assert status_of("Fourth") == Comment.Status.PENDING


def test_marking_a_comment_as_spam_revokes_its_author(article, admin_client):
    browser = trusted_reader(article)
    post_comment(browser, article, text="Spam with links")

    bulk(admin_client, "spam", [Comment.objects.get(text="Spam with links")])

    post_comment(browser, article, text="More spam")
    assert status_of("More spam") == Comment.Status.PENDING
