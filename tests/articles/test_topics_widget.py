"""Topics are a list of labelled checkboxes near the top of the article editor (usable by
keyboard, none hidden under the save bar), not a Ctrl-click multiple select."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from articles.models import ArticlePage
from tests import factories
from tests.admin_forms import article_edit_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@example.com", "password")
    client.force_login(user)
    return user


def test_topics_are_checkboxes_and_saving_keeps_the_choices(client, editor):
    media, memory, music = (factories.make_topic(name) for name in ("Media", "Memory", "Music"))
    article = factories.make_article("Sample", topics=[memory])
    edit_url = reverse("wagtailadmin_pages:edit", args=[article.pk])

    html = BeautifulSoup(client.get(edit_url).content, "html.parser")
    assert html.find("select", attrs={"name": "topics"}) is None
    boxes = html.find_all("input", attrs={"name": "topics"})
    assert [box["type"] for box in boxes] == ["checkbox"] * 3
    labels = {
        html.find("label", attrs={"for": box["id"]}).get_text(strip=True): box for box in boxes
    }
    assert sorted(labels) == ["Media", "Memory", "Music"]
    assert [name for name, box in labels.items() if box.has_attr("checked")] == ["Memory"]
    # near the top of the form: not last, under the save bar
    fields = [tag.get("name") for tag in html.find_all(["input", "textarea"]) if tag.get("name")]
    assert fields.index("topics") < fields.index("original_publication_date")

    response = client.post(
        edit_url,
        article_edit_form_data(
            article, topics=[str(media.pk), str(music.pk)], **{"action-publish": "publish"}
        ),
    )
    assert response.status_code == 302, response.content[:2000]
    saved = ArticlePage.objects.get(pk=article.pk)
    assert sorted(topic.name for topic in saved.topics.all()) == ["Media", "Music"]

    html = BeautifulSoup(client.get(edit_url).content, "html.parser")
    checked = [
        html.find("label", attrs={"for": box["id"]}).get_text(strip=True)
        for box in html.find_all("input", attrs={"name": "topics", "checked": True})
    ]
    assert checked == ["Media", "Music"]
