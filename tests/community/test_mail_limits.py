"""Nobody can use the newsletter form to flood a mailbox: confirmation emails are limited per
recipient (however many clients ask) as well as per client, and an address already confirmed
is never mailed by a sign-up — while the reader always sees the same page."""

import pytest
from django.core import mail

from community.models import Subscriber

from .conftest import sign_up
from .test_newsletter import link_in

pytestmark = pytest.mark.django_db


def sign_up_from(client, address, email, language="en"):
    client.defaults["REMOTE_ADDR"] = address
    return sign_up(client, email, language)


def test_seven_sign_ups_for_one_address_from_seven_clients_send_three_emails(client, home_pages):
    responses = [sign_up_from(client, f"198.51.100.{n}", "victim@example.com") for n in range(1, 8)]

    assert [response.status_code for response in responses] == [302] * 7
    assert {response["Location"] for response in responses} == {
        "/en/community/newsletter/check-your-email/"
    }
    assert [message.to for message in mail.outbox] == [["victim@example.com"]] * 3
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING


def test_seven_sign_ups_from_one_client_send_three_emails(client, home_pages):
    statuses = [
        sign_up_from(client, "198.51.100.9", "victim@example.com").status_code for _ in range(7)
    ]

    assert statuses == [302] * 5 + [429] * 2  # the per-client limit
    assert len(mail.outbox) == 3  # the per-recipient limit, first


def test_the_limit_is_per_recipient_and_case_blind(client, home_pages, settings):
    settings.COMMUNITY_CONFIRMATIONS_PER_ADDRESS = 1
    for n, email in enumerate(["ada@example.com", "ADA@Example.com", "bob@example.com"]):
        sign_up_from(client, f"198.51.100.{n + 1}", email)

    assert [message.to for message in mail.outbox] == [["ada@example.com"], ["bob@example.com"]]


def test_a_confirmed_address_is_never_mailed_again(client, home_pages):
    sign_up_from(client, "198.51.100.1", "ada@example.com")
    client.post(link_in(mail.outbox[0], "confirm"))
    assert len(mail.outbox) == 2  # the confirmation and the welcome

    responses = [
        sign_up_from(client, f"198.51.100.{n}", "ada@example.com", "it") for n in range(2, 6)
    ]

    assert [response.status_code for response in responses] == [302] * 4
    assert len(mail.outbox) == 2
    subscriber = Subscriber.objects.get()
    assert (subscriber.status, subscriber.language) == (Subscriber.Status.CONFIRMED, "en")


def test_after_unsubscribing_a_sign_up_is_confirmed_by_email_again(client, home_pages):
    sign_up_from(client, "198.51.100.1", "ada@example.com")
    client.post(link_in(mail.outbox[0], "confirm"))
    client.post(link_in(mail.outbox[1], "unsubscribe"))

    sign_up_from(client, "198.51.100.2", "ada@example.com")

    assert len(mail.outbox) == 3
    assert link_in(mail.outbox[2], "confirm")
