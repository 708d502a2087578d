"""Email through a real SMTP server (aiosmtpd, started here): settings from the environment,
sending by the task worker, retries when the server refuses or is not there, and the reader's
or editor's request succeeding whatever the mail server does."""

import logging
import re
from datetime import timedelta

import pytest
from django.utils import timezone

from benchmarks.load import free_port
from community.models import Subscriber
from site_core.email_url import email_settings
from tests import factories
from tests.community.conftest import sign_up
from tests.site_core.test_production_settings import PRODUCTION_ENV, run_manage
from tests.smtp import SENDER, deliveries, make_due, run_worker


def confirm_link(message):
    return re.search(r"http://testserver(/en/community/newsletter/confirm/\S+/)", body(message))[1]


def body(message):
    return message.get_body(("plain",)).get_content()


@pytest.mark.django_db(transaction=True)
def test_a_confirmation_is_sent_over_smtp_by_the_worker_not_the_request(
    client, home_pages, production_mail
):
    response = sign_up(client, "ada@example.com")

    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200
    assert production_mail.messages == []  # the request only queued it
    assert deliveries().ready().count() == 1

    run_worker()

    ((recipients, message),) = production_mail.messages
    assert recipients == ["ada@example.com"]
    assert message["From"] == SENDER
    assert message["To"] == "ada@example.com"
    assert (
        message["List-Unsubscribe"]
        .strip()
        .startswith("<http://testserver/en/community/newsletter/")
    )
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert client.get(confirm_link(message)).status_code == 200
    assert deliveries().successful().count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_refusing_server_is_retried_later_and_the_reader_still_gets_the_success_page(
    client, home_pages, production_mail, caplog
):
    production_mail.refusal = "554 5.3.0 Mail system temporarily unavailable"

    response = sign_up(client, "ada@example.com")
    assert response.status_code == 302
    assert "Check your email" in client.get(response["Location"]).text
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING

    with caplog.at_level(logging.WARNING, logger="site_core.mail"):
        run_worker()
    assert production_mail.messages == []
    assert "retrying" in caplog.text
    (retry,) = deliveries().filter(status="READY")
    assert retry.args_kwargs["kwargs"] == {"attempt": 2}
    # Not before its delay (EMAIL_RETRY_DELAYS[0] = 10 minutes).
    assert retry.run_after > timezone.now() + timedelta(minutes=9)
    run_worker()
    assert production_mail.messages == []

    production_mail.refusal = None
    make_due(deliveries().filter(pk=retry.pk))
    run_worker()

    ((recipients, message),) = production_mail.messages
    assert recipients == ["ada@example.com"]
    assert confirm_link(message)
    assert not deliveries().ready().exists()


@pytest.mark.django_db(transaction=True)
def test_after_the_last_retry_the_failure_is_logged_and_kept(
    client, home_pages, production_mail, settings, caplog
):
    settings.EMAIL_PORT = free_port()  # nothing listens: connection refused
    settings.EMAIL_RETRY_DELAYS = [0]

    assert sign_up(client, "ada@example.com").status_code == 302
    with caplog.at_level(logging.WARNING, logger="site_core.mail"):
        run_worker()  # the first attempt, and its one retry
        make_due(deliveries().filter(status="READY"))
        run_worker()

    assert deliveries().count() == 2
    failed = deliveries().failed().get()
    assert failed.args_kwargs["kwargs"] == {"attempt": 2}
    assert "ConnectionRefusedError" in failed.traceback
    assert "giving up" in caplog.text


@pytest.mark.django_db
def test_with_the_immediate_backend_a_dead_server_does_not_fail_the_request(
    client, home_pages, production_mail, settings
):
    """Development's arrangement (no worker): sent during the request, and a failure is
    logged, not a 500 after the subscriber was saved."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.EMAIL_PORT = free_port()

    response = sign_up(client, "ada@example.com")

    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200
    assert Subscriber.objects.filter(email="ada@example.com").exists()


@pytest.mark.django_db(transaction=True)
def test_workflow_notifications_are_sent_by_the_worker_with_retries(
    client, production_mail, locales
):
    """A translator submits a translation for review while the mail server is down: the
    submission succeeds; the reviewer's notification arrives once the server is back."""
    from django.urls import reverse

    article = factories.make_article("On listening")
    italian = factories.translate(article, locales["it"])["it"]
    translator = factories.make_user("tina", "Translators (Italian)")
    factories.make_user("rita", "Reviewers (Italian)")
    production_mail.refusal = "421 4.3.2 Service not available"

    client.force_login(translator)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=(italian.pk,)), {"action-submit": "1"}
    )
    assert response.status_code == 302
    assert italian.get_latest_revision() is not None
    run_worker()
    assert production_mail.messages == []

    production_mail.refusal = None
    make_due(deliveries().filter(status="READY"))
    run_worker()

    to_reviewer = [
        message for rcpt, message in production_mail.messages if rcpt == ["rita@example.com"]
    ]
    assert len(to_reviewer) == 1
    assert "On listening" in to_reviewer[0]["Subject"]
    assert to_reviewer[0]["Auto-Submitted"] == "auto-generated"


# --- Settings from the environment -------------------------------------------------------


def test_email_url_gives_the_smtp_settings():
    got = email_settings(
        {"EMAIL_URL": "smtp+tls://news%40parlance.example:s%3Ecret@mail.example.org"}
    )
    assert got["EMAIL_HOST"] == "mail.example.org"
    assert got["EMAIL_PORT"] == 587
    assert got["EMAIL_USE_TLS"] and not got["EMAIL_USE_SSL"]
    assert (got["EMAIL_HOST_USER"], got["EMAIL_HOST_PASSWORD"]) == (
        "news@parlance.example",
        "s>cret",
    )
    assert email_settings({"EMAIL_URL": "smtps://mail.example.org?timeout=3"})["EMAIL_PORT"] == 465
    assert email_settings({"EMAIL_URL": "smtps://mail.example.org?timeout=3"})["EMAIL_TIMEOUT"] == 3


def test_email_host_and_friends_give_the_smtp_settings():
    got = email_settings(
        {
            "EMAIL_HOST": "mail.example.org",
            "EMAIL_PORT": "2525",
            "EMAIL_HOST_USER": "news",
            "EMAIL_HOST_PASSWORD": "secret",
            "EMAIL_USE_TLS": "true",
        }
    )
    assert (got["EMAIL_HOST"], got["EMAIL_PORT"], got["EMAIL_USE_TLS"]) == (
        "mail.example.org",
        2525,
        True,
    )
    assert got["EMAIL_CONFIGURED"]
    assert not email_settings({})["EMAIL_CONFIGURED"]


@pytest.mark.one_database(
    reason="the deploy check's warnings about mail settings, read from the environment: "
    "the check queries no database"
)
def test_check_deploy_warns_when_production_mail_is_not_configured():
    env = {
        key: value
        for key, value in PRODUCTION_ENV.items()
        if not key.startswith(("EMAIL", "DEFAULT_FROM", "SERVER_EMAIL"))
    }
    env |= {"EMAIL_URL": "", "EMAIL_HOST": "", "DEFAULT_FROM_EMAIL": "", "SERVER_EMAIL": ""}

    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env_overrides=env)

    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "site_core.W001" in output  # localhost:25
    assert "DEFAULT_FROM_EMAIL is 'webmaster@localhost'" in output
    assert "SERVER_EMAIL is 'webmaster@localhost'" in output
