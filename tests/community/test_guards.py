"""Every spam and abuse guard of the public forms, for comments and sign-ups alike."""

import time
from unittest import mock

import pytest
from django.core import mail, signing

from community.guards import STAMP_SALT
from community.models import Comment, Subscriber

from .conftest import comment_data, comment_url, newsletter_url, post_comment, sign_up

pytestmark = pytest.mark.django_db


def test_a_filled_honeypot_looks_like_success_but_keeps_nothing(client, article):
    response = post_comment(client, article, website="http://spam.example")
    signed_up = sign_up(client, "bot@example.com", website="http://spam.example")

    assert response.status_code == signed_up.status_code == 302
    assert not Comment.objects.exists()
    assert not Subscriber.objects.exists()
    assert not mail.outbox


def test_a_form_sent_too_quickly_is_shown_again_with_the_text_kept(client, article, settings):
    settings.COMMUNITY_MIN_SUBMIT_SECONDS = 5

    response = post_comment(client, article, text="Typed in no time")

    assert response.status_code == 400
    html = response.content.decode()
    assert "That was quick!" in html
    assert "Typed in no time" in html
    assert not Comment.objects.exists()


def test_a_form_sent_after_the_minimum_time_is_accepted(client, article, settings):
    settings.COMMUNITY_MIN_SUBMIT_SECONDS = 5
    rendered_at = time.time() - 6
    stamp = signing.dumps(rendered_at, salt=STAMP_SALT)

    response = client.post(comment_url(article), comment_data(stamp=stamp))

    assert response.status_code == 302
    assert Comment.objects.count() == 1


@pytest.mark.parametrize(
    ("stamp", "message"),
    [
        ("", "could not be read"),
        ("12345", "could not be read"),
        (signing.dumps(time.time(), salt="elsewhere"), "could not be read"),
        (signing.dumps(time.time() - 10 * 86400, salt=STAMP_SALT), "too old"),
    ],
    ids=["missing", "unsigned", "other-salt", "expired"],
)
def test_forged_or_stale_stamps_are_refused(client, article, stamp, message):
    response = client.post(comment_url(article), comment_data(stamp=stamp))

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Comment.objects.exists()


def test_sign_ups_need_a_stamp_too(client):
    response = client.post(newsletter_url(), {"email": "ada@example.com"})

    assert response.status_code == 400
    assert not Subscriber.objects.exists()


def test_posts_are_rate_limited_per_address(client, article, settings):
    settings.COMMUNITY_RATE_LIMIT = 3

    statuses = [post_comment(client, article, text=f"n{n}").status_code for n in range(4)]
    from_elsewhere = client.post(
        comment_url(article), comment_data(text="other"), REMOTE_ADDR="10.0.0.9"
    )

    assert statuses == [302, 302, 302, 429]
    assert from_elsewhere.status_code == 302
    assert Comment.objects.count() == 4


def test_sign_ups_have_their_own_rate_limit(client, article, settings):
    settings.COMMUNITY_RATE_LIMIT = 2
    for n in range(2):
        post_comment(client, article, text=f"n{n}")

    statuses = [sign_up(client, f"r{n}@example.com").status_code for n in range(3)]

    assert statuses == [302, 302, 429]
    assert Subscriber.objects.count() == 2


def test_the_rate_limit_window_ends(client, article, settings):
    settings.COMMUNITY_RATE_LIMIT = 1
    assert post_comment(client, article).status_code == 302
    assert post_comment(client, article).status_code == 429

    with mock.patch("community.guards.cache.add", return_value=True):  # a new window began
        assert post_comment(client, article).status_code == 302


def test_oversized_bodies_are_refused_before_reading_the_form(client, article):
    response = post_comment(client, article, text="x" * 20_000)

    assert response.status_code == 413
    assert not Comment.objects.exists()


def test_fields_longer_than_their_limit_are_refused(client, article):
    too_long = post_comment(client, article, name="n" * 81, text="t" * 3001)

    assert too_long.status_code == 400
    html = too_long.content.decode()
    assert "Ensure this value has at most 80 characters" in html
    assert "Ensure this value has at most 3000 characters" in html
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_REFERER": "https://evil.example/page"},
        {"HTTP_ORIGIN": "null"},
    ],
    ids=["origin", "referer", "null-origin"],
)
def test_posts_from_other_sites_are_refused(client, article, headers):
    comment = client.post(comment_url(article), comment_data(), **headers)
    signed_up = client.post(newsletter_url(), {"email": "a@example.com"}, **headers)

    assert comment.status_code == signed_up.status_code == 403
    assert not Comment.objects.exists()
    assert not Subscriber.objects.exists()


def test_posts_from_our_own_pages_are_accepted(client, article):
    response = client.post(
        comment_url(article),
        comment_data(),
        HTTP_ORIGIN="http://testserver",
        HTTP_REFERER=f"http://testserver{article.url}",
    )

    assert response.status_code == 302


def test_only_posts_reach_the_comment_view(client, article):
    assert client.get(comment_url(article)).status_code == 405


def post_from(client, article, remote_addr, forwarded=None):
    headers = {"REMOTE_ADDR": remote_addr}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return client.post(comment_url(article), comment_data(), **headers).status_code


def test_a_spoofed_forwarded_for_from_an_untrusted_peer_is_ignored(client, article, settings):
    settings.COMMUNITY_RATE_LIMIT = 2
    settings.TRUSTED_PROXIES = ["127.0.0.1"]

    statuses = [
        post_from(client, article, "203.0.113.7", forwarded=f"198.51.100.{n}") for n in range(3)
    ]

    assert statuses == [302, 302, 429]


def test_behind_a_trusted_proxy_each_client_has_its_own_limit(client, article, settings):
    settings.COMMUNITY_RATE_LIMIT = 2
    settings.TRUSTED_PROXIES = ["127.0.0.1", "10.0.0.0/8"]

    # The client's own claims (left) are ignored; the proxies (right) are skipped.
    first = [
        post_from(client, article, "127.0.0.1", f"192.0.2.{n}, 203.0.113.7, 10.1.2.3")
        for n in range(3)
    ]
    second = post_from(client, article, "127.0.0.1", "198.51.100.8")

    assert first == [302, 302, 429]
    assert second == 302


def test_without_trusted_proxies_everyone_behind_the_proxy_shares_a_limit(
    client, article, settings
):
    settings.COMMUNITY_RATE_LIMIT = 1
    settings.TRUSTED_PROXIES = []

    assert post_from(client, article, "127.0.0.1", "203.0.113.7") == 302
    assert post_from(client, article, "127.0.0.1", "198.51.100.8") == 429


def test_ipv6_addresses_are_limited_per_64(client, article, settings):
    settings.COMMUNITY_RATE_LIMIT = 2
    settings.TRUSTED_PROXIES = ["::1"]

    same_64 = [
        post_from(client, article, "::1", "2001:db8:1:2::a"),
        post_from(client, article, "2001:db8:1:2:ffff::b"),
        post_from(client, article, "::1", "2001:db8:1:2::c"),
    ]
    other_64 = post_from(client, article, "2001:db8:1:3::a")

    assert same_64 == [302, 302, 429]
    assert other_64 == 302


def stamp_from(seconds_ago):
    return signing.dumps(time.time() - seconds_ago, salt=STAMP_SALT)


def test_a_sign_up_completed_by_autofill_in_a_few_seconds_is_accepted(client, settings):
    """Issue 21: the newsletter refused a person whose browser filled in the address and who
    pressed "Subscribe" 3.5 s after the page loaded. The site's own defaults apply here."""
    del settings.COMMUNITY_MIN_SUBMIT_SECONDS

    response = client.post(newsletter_url(), {"email": "ada@example.com", "stamp": stamp_from(3.5)})

    assert response.status_code == 302
    assert Subscriber.objects.filter(email="ada@example.com").exists()
    assert len(mail.outbox) == 1


def test_a_sign_up_sent_instantly_is_still_refused(client, settings):
    del settings.COMMUNITY_MIN_SUBMIT_SECONDS

    response = client.post(newsletter_url(), {"email": "bot@example.com", "stamp": stamp_from(0.2)})

    assert response.status_code == 400
    assert "That was quick!" in response.content.decode()
    assert not Subscriber.objects.exists()


def test_an_empty_comment_form_shows_each_mistake_once_and_keeps_the_readers_time(
    client, article, settings
):
    """Issue 21: an empty comment form sent at once came back with "That was quick!" on top of
    its "required" errors, and with a new stamp, so that correcting it quickly was refused
    again. Now each mistake is shown once, and the form keeps the time it was first shown."""
    del settings.COMMUNITY_MIN_SUBMIT_SECONDS
    first_seen = stamp_from(1)

    response = client.post(comment_url(article), comment_data(name="", text="", stamp=first_seen))

    assert response.status_code == 400
    html = response.content.decode()
    assert html.count("This field is required.") == 2
    assert "That was quick!" not in html
    assert f'value="{first_seen}"' in html

    # The reader fills in the two fields and sends the same form again 3 s later.
    with mock.patch("community.guards.time.time", return_value=time.time() + 3):
        accepted = client.post(comment_url(article), comment_data(stamp=first_seen))

    assert accepted.status_code == 302
    assert Comment.objects.count() == 1


def test_a_comment_form_shown_again_with_a_bad_stamp_gets_a_fresh_one(client, article):
    response = client.post(comment_url(article), comment_data(text="", stamp="forged"))

    html = response.content.decode()
    assert 'value="forged"' not in html
    stamp = html.split('name="stamp" value="')[1].split('"')[0]
    assert signing.loads(stamp, salt=STAMP_SALT) > time.time() - 5
