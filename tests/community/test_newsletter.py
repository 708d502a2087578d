"""Newsletter sign-up with double opt-in, unsubscribe, duplicates, invalid input."""

import re
from html.parser import HTMLParser

import pytest
from django.core import mail

from community import newsletter
from community.models import Subscriber
from tests import factories

from .conftest import newsletter_url, sign_up

pytestmark = pytest.mark.django_db


def link_in(message, kind):
    return re.search(rf"http://testserver(/\w\w/community/newsletter/{kind}/\S+/)", message.body)[1]


def test_the_newsletter_page_offers_the_topics(client, home_pages):
    factories.make_topic("Cities", slug="cities")

    response = client.get(newsletter_url())

    assert response.status_code == 200
    html = response.content.decode()
    assert "Cities" in html
    assert "csrfmiddlewaretoken" not in html
    assert not response.cookies


def test_a_sign_up_records_the_reader_and_sends_a_confirmation_in_their_language(
    client, home_pages
):
    rivers = factories.make_topic("Rivers", slug="rivers")

    response = sign_up(client, " Ada@Example.com ", "it", topics=[rivers.pk])

    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200
    subscriber = Subscriber.objects.get()
    assert (subscriber.email, subscriber.language, subscriber.status) == (
        "ada@example.com",
        "it",
        Subscriber.Status.PENDING,
    )
    assert list(subscriber.topics.all()) == [rivers]
    (message,) = mail.outbox
    assert message.to == ["ada@example.com"]
    assert link_in(message, "confirm").startswith("/it/")
    assert "List-Unsubscribe" in message.extra_headers


def test_following_the_link_confirms_and_sends_a_welcome(client, home_pages):
    rivers = factories.make_topic("Rivers", slug="rivers")
    sign_up(client, "ada@example.com", topics=[rivers.pk])
    confirm = link_in(mail.outbox[0], "confirm")

    page = client.get(confirm)
    assert page.status_code == 200
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING  # GET changes nothing
    response = client.post(confirm)

    assert response.status_code == 200
    subscriber = Subscriber.objects.get()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    assert subscriber.confirmed_at is not None
    assert list(subscriber.topics.all()) == [rivers]
    welcome = mail.outbox[1]
    assert welcome.to == ["ada@example.com"]
    assert link_in(welcome, "unsubscribe")


def test_unsubscribe_by_signed_link(client, home_pages):
    sign_up(client, "ada@example.com")
    client.post(link_in(mail.outbox[0], "confirm"))
    unsubscribe = link_in(mail.outbox[1], "unsubscribe")

    assert client.get(unsubscribe).status_code == 200
    response = client.post(unsubscribe)

    assert response.status_code == 200
    subscriber = Subscriber.objects.get()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED
    assert subscriber.unsubscribed_at is not None


def test_unsubscribe_links_never_expire_but_confirmations_do(client, home_pages, settings):
    sign_up(client, "ada@example.com")
    confirm = link_in(mail.outbox[0], "confirm")
    unsubscribe = (
        f"/en/community/newsletter/unsubscribe/{newsletter.unsubscribe_token('ada@example.com')}/"
    )
    settings.COMMUNITY_CONFIRMATION_MAX_AGE = -1  # every confirmation link is now too old

    assert client.post(confirm).status_code == 400
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING
    assert client.post(unsubscribe).status_code == 200
    assert Subscriber.objects.get().status == Subscriber.Status.UNSUBSCRIBED


@pytest.mark.parametrize("kind", ["confirm", "unsubscribe"])
def test_tampered_links_are_refused_cleanly(client, home_pages, kind):
    sign_up(client, "ada@example.com")
    token = newsletter.unsubscribe_token("ada@example.com")
    if kind == "confirm":
        token = re.search(r"/confirm/(\S+)/", mail.outbox[0].body)[1]

    for bad in (token[:-2] + "xx", "nonsense", "<script>"):
        response = client.post(f"/en/community/newsletter/{kind}/{bad}/")
        assert response.status_code in (400, 404), bad
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING


def test_repeated_sign_ups_never_duplicate(client, home_pages):
    rivers = factories.make_topic("Rivers", slug="rivers")
    cities = factories.make_topic("Cities", slug="cities")
    sign_up(client, "ada@example.com", topics=[rivers.pk])
    sign_up(client, "ADA@example.com", "fr", topics=[cities.pk])

    subscriber = Subscriber.objects.get()
    assert (subscriber.language, list(subscriber.topics.all())) == ("fr", [cities])
    client.post(link_in(mail.outbox[1], "confirm"))
    sign_up(client, "ada@example.com", "it", topics=[rivers.pk])

    subscriber = Subscriber.objects.get()
    # A confirmed address keeps its choices and is not mailed again (see test_mail_limits).
    assert (subscriber.status, subscriber.language) == (Subscriber.Status.CONFIRMED, "fr")
    assert list(subscriber.topics.all()) == [cities]
    assert len(mail.outbox) == 3  # two confirmations and the welcome
    assert Subscriber.objects.count() == 1


def test_a_new_sign_up_after_unsubscribing_needs_confirming_again(client, home_pages):
    sign_up(client, "ada@example.com")
    client.post(link_in(mail.outbox[0], "confirm"))
    client.post(link_in(mail.outbox[1], "unsubscribe"))

    sign_up(client, "ada@example.com")

    assert Subscriber.objects.get().status == Subscriber.Status.PENDING


@pytest.mark.parametrize(
    "email", ["", "not-an-address", "a@b", "<script>@x.com", "a" * 250 + "@x.com"]
)
def test_invalid_addresses_get_a_clear_message(client, home_pages, email):
    response = sign_up(client, email)

    assert response.status_code == 400
    html = response.content.decode()
    assert (
        "Enter a valid email address, such as name@example.com." in html
        or "Enter your email address." in html
        or "Ensure this value has at most 254 characters" in html
    )
    assert "<script>@" not in html
    assert not Subscriber.objects.exists()
    assert not mail.outbox


def test_the_invalid_address_message_is_in_the_readers_language(client, home_pages):
    response = sign_up(client, "not-an-address", "it")

    assert response.status_code == 400
    assert '<html lang="it"' in response.content.decode()


def test_unknown_topics_are_refused(client, home_pages):
    response = sign_up(client, "ada@example.com", topics=[99999])

    assert response.status_code == 400
    assert not Subscriber.objects.exists()


def test_the_short_form_is_on_home_and_article_pages(client, article):
    for url in ("/en/", article.url):
        html = client.get(url).content.decode()
        assert 'action="/en/community/newsletter/"' in html, url
        assert "csrfmiddlewaretoken" not in html, url


class FormIds(HTMLParser):
    """Every element id on a page, and each label's target with the form it sits in."""

    def __init__(self):
        super().__init__()
        self.ids, self.labels, self.form_of_id = [], [], {}
        self.forms = 0
        self.in_form = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms += 1
            self.in_form = self.forms
        if "id" in attrs:
            self.ids.append(attrs["id"])
            self.form_of_id[attrs["id"]] = self.in_form
        if tag == "label" and "for" in attrs:
            self.labels.append((attrs["for"], self.in_form))

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form = None


def test_the_article_pages_two_forms_share_no_id_and_each_label_names_its_own_field(
    client, article
):
    """The comment form and the newsletter sign-up both have an email field, a honeypot and
    a stamp: a shared id would point the sign-up's label at the comment form's field."""
    page = FormIds()
    page.feed(client.get(article.url).content.decode())

    assert page.forms >= 2
    assert len(page.ids) == len(set(page.ids)), sorted(i for i in page.ids if page.ids.count(i) > 1)
    assert page.labels
    for target, form in page.labels:
        assert page.form_of_id.get(target) == form, target
