import pytest
from django.urls import reverse
from django.utils import translation

from community.guards import make_stamp
from tests import factories


@pytest.fixture(autouse=True)
def quick_forms(settings):
    """Forms may be sent at once (the minimum time has its own tests)."""
    settings.COMMUNITY_MIN_SUBMIT_SECONDS = 0


@pytest.fixture
def article(home_pages):
    return factories.make_article("Rivers of the city")


@pytest.fixture
def italian_article(article, locales):
    return factories.translation_of(article, locales["it"], title="Fiumi della città")


def comment_data(**fields):
    """What a reader's browser sends from the comment form."""
    return {
        "name": "Ada",
        "email": "",
        "text": "A fine interview.",
        "stamp": make_stamp(),
        **fields,
    }


def comment_url(page):
    with translation.override(page.locale.language_code):
        return reverse("community:post_comment", kwargs={"page_id": page.pk})


def post_comment(client, page, **fields):
    return client.post(comment_url(page), comment_data(**fields))


def newsletter_url(language="en"):
    with translation.override(language):
        return reverse("community:newsletter")


def sign_up(client, email, language="en", **fields):
    data = {"email": email, "stamp": make_stamp(), **fields}
    return client.post(newsletter_url(language), data)
