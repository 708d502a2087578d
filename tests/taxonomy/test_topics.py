"""Topics are translated by django-modeltranslation: a column per language, English fallback,
every language edited in the one Wagtail snippet form, and readers see their language."""

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import translation
from wagtail.models import TranslatableMixin

from site_core.translation import translated_field_panels
from taxonomy.models import Topic
from tests import factories

pytestmark = pytest.mark.django_db

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
ADD_URL = reverse("wagtailsnippets_taxonomy_topic:add")


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def topic_form(**values):
    """The snippet form's fields, every language left empty unless given."""
    data = {"slug": "memory"}
    for code in LANGUAGE_CODES:
        data[f"name_{code}"] = ""
        data[f"description_{code}"] = ""
    data.update(values)
    return data


# The model ----------------------------------------------------------------------------------


def test_topic_is_modeltranslation_only_not_a_wagtail_localize_translatable():
    assert not issubclass(Topic, TranslatableMixin)
    columns = {field.name for field in Topic._meta.get_fields()}
    for code in LANGUAGE_CODES:
        assert {f"name_{code}", f"description_{code}"} <= columns
    assert not any(column.startswith("slug_") for column in columns)


def test_name_falls_back_to_english_when_the_language_is_empty():
    topic = Topic.objects.create(slug="memory", name_en="Memory", name_it="")

    with translation.override("it"):
        assert topic.name == "Memory"
        assert str(topic) == "Memory"
    # None (never filled) falls back the same way as "".
    with translation.override("fr"):
        assert Topic.objects.get(pk=topic.pk).name == "Memory"


def test_name_is_the_readers_language_when_filled():
    topic = Topic.objects.create(
        slug="memory", name_en="Memory", name_it="Memoria", description_en="What we keep."
    )

    with translation.override("it"):
        assert topic.name == "Memoria"
        assert topic.description == "What we keep."  # the description falls back on its own
    with translation.override("en"):
        assert topic.name == "Memory"


def test_existing_topics_keep_their_name_as_the_english_column():
    """The migration that adds the columns copies each row's name and description into
    the English ones (modeltranslation's `update_translation_fields`)."""
    loader = MigrationExecutor(connection=None).loader
    before = loader.project_state(("site_core", "0002_topic")).apps.get_model("site_core", "Topic")
    before.objects.create(slug="old", name="Old topic", description="Kept")
    Topic.objects.create(slug="new", name_en="New", name_it="Nuovo")
    migration = loader.get_migration("site_core", "0003_topic_translations")
    copy = next(op for op in migration.operations if hasattr(op, "code")).code

    copy(loader.project_state(("site_core", "0003_topic_translations")).apps, None)

    rows = Topic.objects.order_by("slug").values_list(
        "slug", "name_en", "name_it", "description_en"
    )
    assert list(rows) == [("new", "New", "Nuovo", ""), ("old", "Old topic", None, "Kept")]
    with translation.override("it"):
        assert Topic.objects.get(slug="old").name == "Old topic"


# The admin form ----------------------------------------------------------------------------


def test_add_form_shows_name_and_description_for_every_language(admin_client):
    form = soup(admin_client.get(ADD_URL)).find("form", attrs={"action": ADD_URL})
    inputs = {field["name"]: field for field in form.find_all(["input", "textarea"])}

    for code in LANGUAGE_CODES:
        for field in ("name", "description"):
            assert f"{field}_{code}" in inputs, f"{field}_{code} missing from the form"
            assert inputs[f"{field}_{code}"]["lang"] == code
    assert inputs["name_ar"]["dir"] == "rtl"
    # The shared base columns are not edited directly.
    assert "name" not in inputs
    assert "description" not in inputs


def test_add_form_saves_every_language(admin_client):
    response = admin_client.post(
        ADD_URL,
        topic_form(
            name_en="Memory",
            name_it="Memoria",
            name_ar="الذاكرة",
            description_en="What we keep.",
            description_it="Ciò che teniamo.",
        ),
    )

    assert response.status_code == 302
    topic = Topic.objects.get(slug="memory")
    assert (topic.name_en, topic.name_it, topic.name_ar, topic.name_fr) == (
        "Memory",
        "Memoria",
        "الذاكرة",
        None,
    )
    assert (topic.description_en, topic.description_it) == ("What we keep.", "Ciò che teniamo.")
    with translation.override("fr"):
        assert topic.name == "Memory"


def test_add_form_requires_the_english_name(admin_client):
    response = admin_client.post(ADD_URL, topic_form(name_it="Memoria"))

    assert response.status_code == 200
    form = response.context["form"]
    assert list(form.errors) == ["name_en"]
    assert form.errors["name_en"] == ["This field is required."]
    assert not Topic.objects.filter(slug="memory").exists()


def test_edit_form_changes_one_language_and_keeps_the_others(admin_client):
    topic = Topic.objects.create(slug="memory", name_en="Memory", name_it="Memoria")
    edit_url = reverse("wagtailsnippets_taxonomy_topic:edit", args=[topic.pk])

    response = admin_client.post(
        edit_url, topic_form(name_en="Memory", name_it="La memoria", name_fr="Mémoire")
    )

    assert response.status_code == 302
    topic.refresh_from_db()
    assert (topic.name_en, topic.name_it, topic.name_fr) == ("Memory", "La memoria", "Mémoire")


def test_admin_search_finds_a_topic_by_any_languages_name(admin_client):
    Topic.objects.create(slug="memory", name_en="Memory", name_it="Memoria")
    listing = reverse("wagtailsnippets_taxonomy_topic:list")

    response = admin_client.get(listing, {"q": "memoria"})

    assert [topic.slug for topic in response.context["object_list"]] == ["memory"]


def test_panels_follow_the_languages_setting():
    panels = translated_field_panels(("name",), languages=[("en", "English"), ("de", "German")])

    assert [panel.heading for panel in panels] == ["English", "German"]
    assert [[child.field_name for child in panel.children] for panel in panels] == [
        ["name_en"],
        ["name_de"],
    ]


# What readers see ---------------------------------------------------------------------------


@pytest.fixture
def italian_article(locales):
    memory = Topic.objects.create(slug="memory", name_en="Memory", name_it="Memoria")
    cinema = Topic.objects.create(slug="cinema", name_en="Cinema")  # no Italian yet
    english = factories.make_article("Talking on video", topics=[memory, cinema])
    factories.translation_of(factories.article_index(), locales["it"])
    italian = factories.translation_of(english, locales["it"], title="Parlare in video")
    return {"english": english, "italian": italian}


def test_italian_article_shows_italian_topic_names_with_english_fallback(client, italian_article):
    page = soup(client.get(italian_article["italian"].url))

    assert italian_article["italian"].url.startswith("/it/")
    tags = sorted(tag.get_text() for tag in page.select(".article__topics .tag"))
    assert tags == ["Cinema", "Memoria"]


def test_english_article_shows_english_topic_names(client, italian_article):
    page = soup(client.get(italian_article["english"].url))

    assert sorted(tag.get_text() for tag in page.select(".article__topics .tag")) == [
        "Cinema",
        "Memory",
    ]


def test_italian_listing_filter_and_heading_use_italian_names(client, italian_article):
    index_url = italian_article["italian"].get_parent().url

    listing = soup(client.get(index_url))
    filtered = soup(client.get(index_url, {"topic": "memory"}))

    filter_names = sorted(item.get_text() for item in listing.select(".topic-filter li")[1:])
    assert filter_names == ["Cinema", "Memoria"]
    assert filtered.h1.get_text().endswith(": Memoria")
