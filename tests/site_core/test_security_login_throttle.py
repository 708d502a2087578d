"""Admin sign-in throttling through the real /admin/login/ form: failures counted per
username and per client address (behind trusted proxies), refused with a clear message even
with the right password until the window passes, others unaffected, and sign-in still
possible (unthrottled, with a warning) when the cache is down."""

import time

import pytest

from tests import factories

REFUSED = "Too many failed sign-in attempts"


@pytest.fixture(autouse=True)
def small_limits(settings):
    settings.LOGIN_THROTTLE_USERNAME_FAILURES = 3
    settings.LOGIN_THROTTLE_ADDRESS_FAILURES = 5
    settings.LOGIN_THROTTLE_WINDOW = 600


@pytest.fixture
def editor(db):
    user = factories.make_user("ada")
    user.is_superuser = True  # may use the admin
    user.save()
    return user


def sign_in(client, username, password, address="203.0.113.7", forwarded=None):
    """Post the admin's login form; (signed in?, the page's text)."""
    client.logout()
    headers = {"REMOTE_ADDR": address}
    if forwarded:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    response = client.post("/admin/login/", {"username": username, "password": password}, **headers)
    signed_in = response.status_code == 302 and "_auth_user_id" in client.session
    return signed_in, response.content.decode()


def test_after_too_many_failures_for_a_username_even_the_right_password_is_refused(client, editor):
    failures = [sign_in(client, "ada", f"wrong-{n}")[0] for n in range(3)]

    signed_in, page = sign_in(client, "ada", "password")

    assert failures == [False, False, False]
    assert not signed_in
    assert REFUSED in page
    assert "please try again in 10 minutes" in page


def test_the_username_is_counted_whatever_its_case(client, editor):
    for name in ("ada", "ADA", "Ada"):
        sign_in(client, name, "wrong")

    assert REFUSED in sign_in(client, "ada", "password")[1]


def test_others_still_sign_in(client, editor):
    other = factories.make_user("grace")
    other.is_superuser = True
    other.save()
    for n in range(3):
        sign_in(client, "ada", f"wrong-{n}")

    assert sign_in(client, "grace", "password", address="198.51.100.9")[0]
    assert sign_in(client, "grace", "password")[0]  # same address, under its own limit


def test_too_many_failures_from_one_address_lock_every_username_there(client, editor):
    for n in range(5):
        sign_in(client, f"guess-{n}", "wrong")

    assert REFUSED in sign_in(client, "ada", "password")[1]
    assert sign_in(client, "ada", "password", address="198.51.100.9")[0]


def test_without_a_client_address_only_usernames_are_counted(client, editor):
    """Behind a unix socket (no REMOTE_ADDR) every request has the same unknown address: one
    shared count would let anyone lock every editor out."""
    for n in range(6):
        sign_in(client, f"guess-{n}", "wrong", address="")

    assert sign_in(client, "ada", "password", address="")[0]
    for n in range(3):
        sign_in(client, "ada", f"wrong-{n}", address="")
    assert REFUSED in sign_in(client, "ada", "password", address="")[1]


def test_behind_a_trusted_proxy_the_client_address_is_counted(client, editor, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    for n in range(5):
        sign_in(client, f"guess-{n}", "wrong", address="10.0.0.2", forwarded="192.0.2.1")

    assert REFUSED in sign_in(client, "ada", "password", "10.0.0.2", forwarded="192.0.2.1")[1]
    assert sign_in(client, "ada", "password", address="10.0.0.2", forwarded="192.0.2.2")[0]


def test_signing_in_works_again_once_the_window_has_passed(client, editor, settings):
    settings.LOGIN_THROTTLE_WINDOW = 1
    for n in range(3):
        sign_in(client, "ada", f"wrong-{n}")
    assert REFUSED in sign_in(client, "ada", "password")[1]

    time.sleep(1.5)

    assert sign_in(client, "ada", "password")[0]


def test_with_the_cache_down_sign_in_fails_open_and_warns(client, editor, settings, caplog):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }

    results = [sign_in(client, "ada", f"wrong-{n}")[0] for n in range(4)]
    signed_in, _page = sign_in(client, "ada", "password")

    assert results == [False] * 4
    assert signed_in
    assert "Sign-in throttling unavailable (cache down)" in caplog.text
