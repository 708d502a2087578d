"""Who may edit and publish what, in which language: the groups the site set-up makes, checked
through the real Wagtail admin views with real wagtail-localize translations."""

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import GroupCollectionPermission, GroupPagePermission, Page, WorkflowPage
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield
from wagtail_localize.models import StringSegment, Translation

from articles.models import ArticleIndexPage, ArticlePage
from site_core.site_setup import setup_site
from tests import factories
from translations.roles import EDITORS

pytestmark = pytest.mark.django_db

# English names: group names are data, whatever language the admin is in.
TRANSLATED = {"it": "Italian", "fr": "French", "es": "Spanish", "ar": "Arabic"}
PERMISSION_REFUSED = "Sorry, you do not have permission to access this area."


def page_rights(group_name):
    """{(language code of the page, or "root"), permission codename} of a group."""
    return {
        (
            grant.page.locale.language_code if grant.page.depth > 1 else "root",
            grant.permission.codename,
        )
        for grant in GroupPagePermission.objects.filter(group__name=group_name).select_related(
            "page__locale", "permission"
        )
    }


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def add_article_url(index):
    return reverse("wagtailadmin_pages:add", args=("articles", "articlepage", index.pk))


def assert_refused(client, response):
    """Wagtail 8 turns a PermissionDenied in the admin into a redirect to the dashboard with a
    message, not a 403."""
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    assert PERMISSION_REFUSED in client.get(response["Location"]).content.decode()


@pytest.fixture
def article():
    return factories.make_article("On listening", body=[factories.paragraph("Listening is hard.")])


@pytest.fixture
def translated(article, locales):
    """The article translated into Italian and French by wagtail-localize: drafts."""
    return factories.translate(article, locales["it"], locales["fr"])


@pytest.fixture
def translator(client):
    user = factories.make_user("tina", "Translators (Italian)")
    client.force_login(user)
    return user


# The groups ---------------------------------------------------------------------------------


def test_migrate_leaves_editors_and_a_translator_and_reviewer_group_per_language():
    names = set(Group.objects.values_list("name", flat=True))

    expected = {EDITORS}
    for language in TRANSLATED.values():
        expected |= {f"Translators ({language})", f"Reviewers ({language})"}
    assert expected <= names
    # Only what settings.LANGUAGES asks for: no group for the default language.
    assert not any("English" in name for name in names)
    assert len(TRANSLATED) == len(settings.LANGUAGES) - 1


def test_translators_and_reviewers_have_rights_in_their_own_tree_only():
    for code, language in TRANSLATED.items():
        assert page_rights(f"Translators ({language})") == {
            (code, "add_page"),
            (code, "change_page"),
        }
        assert page_rights(f"Reviewers ({language})") == {
            (code, "change_page"),
            (code, "publish_page"),
        }


def test_translator_and_reviewer_rights_are_on_their_languages_home_page(home_pages):
    for code, language in TRANSLATED.items():
        for group in (f"Translators ({language})", f"Reviewers ({language})"):
            pages = {grant.page for grant in GroupPagePermission.objects.filter(group__name=group)}
            assert pages == {home_pages[code].page_ptr}


def test_editors_edit_everywhere_and_publish_english_only():
    rights = page_rights(EDITORS)

    assert {("root", "add_page"), ("root", "change_page"), ("en", "publish_page")} <= rights
    assert [right for right in rights if right[1] == "publish_page"] == [("en", "publish_page")]


def test_editors_start_translations_use_media_and_edit_topics():
    editor = factories.make_user("eda", EDITORS)

    for permission in [
        "wagtailadmin.access_admin",
        "wagtail_localize.submit_translation",
        "taxonomy.add_topic",
        "taxonomy.change_topic",
    ]:
        assert editor.has_perm(permission), permission
    on_collections = set(
        GroupCollectionPermission.objects.filter(group__name=EDITORS).values_list(
            "permission__content_type__app_label", "permission__codename"
        )
    )
    assert {
        ("wagtailimages", "add_image"),
        ("wagtailimages", "choose_image"),
        ("wagtaildocs", "add_document"),
        ("wagtaildocs", "choose_document"),
        ("wagtailmedia", "add_media"),
    } <= on_collections


def test_translators_reach_the_admin_and_choose_images_but_never_start_translations():
    translator = factories.make_user("tina", "Translators (Italian)")

    assert translator.has_perm("wagtailadmin.access_admin")
    assert not translator.has_perm("wagtail_localize.submit_translation")
    assert set(
        GroupCollectionPermission.objects.filter(group__name="Translators (Italian)").values_list(
            "permission__codename", flat=True
        )
    ) == {"choose_image"}


def test_running_the_setup_again_duplicates_nothing():
    def counts():
        return {
            "groups": Group.objects.count(),
            "group permissions": Group.permissions.through.objects.count(),
            "page permissions": GroupPagePermission.objects.count(),
            "collection permissions": GroupCollectionPermission.objects.count(),
        }

    before = counts()
    result = setup_site()

    assert counts() == before
    assert [group.name for group in result["groups"]][:3] == [
        EDITORS,
        "Translators (Italian)",
        "Reviewers (Italian)",
    ]


def test_the_setup_gives_back_a_right_an_administrator_removed():
    grant = GroupPagePermission.objects.get(
        group__name="Reviewers (Italian)", permission__codename="publish_page"
    )
    grant.delete()

    setup_site()

    assert ("it", "publish_page") in page_rights("Reviewers (Italian)")


# A translator in the admin ------------------------------------------------------------------


def test_a_translator_opens_the_translation_editor_of_their_languages_page(
    client, translator, translated
):
    response = client.get(edit_url(translated["it"]))

    assert response.status_code == 200
    html = response.content.decode()
    # wagtail-localize's translation editor, not Wagtail's page form.
    assert 'class="js-translation-editor"' in html
    assert 'name="title"' not in html


def test_a_translator_is_refused_the_english_source_and_other_languages(
    client, translator, article, translated
):
    for page in (article, translated["fr"]):
        assert_refused(client, client.get(edit_url(page)))


def test_a_translator_translates_through_wagtail_localizes_editor(client, translator, translated):
    italian = translated["it"]
    translation = Translation.objects.get(
        source__object_id=italian.translation_key, target_locale=italian.locale
    )
    title = StringSegment.objects.get(source=translation.source, context__path="title")

    response = client.put(
        reverse("wagtail_localize:edit_string_translation", args=(translation.pk, title.pk)),
        "value=Sull%27ascolto",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 201
    assert response.json()["data"] == "Sull'ascolto"


def test_a_translator_cannot_use_the_editor_of_another_language(client, translator, translated):
    french = translated["fr"]
    translation = Translation.objects.get(
        source__object_id=french.translation_key, target_locale=french.locale
    )
    title = StringSegment.objects.get(source=translation.source, context__path="title")

    response = client.put(
        reverse("wagtail_localize:edit_string_translation", args=(translation.pk, title.pk)),
        "value=Sur%20l%27%C3%A9coute",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 403


def test_a_translator_saves_a_draft_as_a_revision(client, translator, translated):
    italian = translated["it"]
    revisions = italian.revisions.count()

    response = client.post(edit_url(italian), {"action-save-draft": "1"})

    assert response.status_code == 302
    assert response["Location"] == edit_url(italian)
    italian.refresh_from_db()
    assert italian.revisions.count() == revisions + 1
    assert italian.get_latest_revision().user == translator
    assert not italian.live


def test_a_translator_cannot_publish(client, translator, translated):
    italian = translated["it"]
    latest = italian.latest_revision_id

    # Wagtail's publish action, and the one of wagtail-localize's editor.
    client.post(edit_url(italian), {"action-publish": "1"})
    assert_refused(client, client.post(edit_url(italian), {"action": "publish"}))

    italian.refresh_from_db()
    assert not italian.live
    assert italian.live_revision is None
    assert italian.latest_revision_id == latest


def test_a_translator_adds_pages_in_their_tree_only(client, translator, home_pages, translated):
    def index(code):
        return ArticleIndexPage.objects.child_of(home_pages[code]).get()

    assert client.get(add_article_url(index("it"))).status_code == 200
    for code in ("en", "fr"):
        assert_refused(client, client.get(add_article_url(index(code))))


# Reviewers and editors ----------------------------------------------------------------------


def test_a_reviewer_publishes_their_languages_pages_only(
    client, article, translated, django_capture_on_commit_callbacks
):
    for page in translated.values():  # complete translations (see test_review_bypasses.py)
        factories.translate_strings(
            Translation.objects.get(
                source__object_id=page.translation_key, target_locale=page.locale
            )
        )
    client.force_login(factories.make_user("rita", "Reviewers (Italian)"))

    # wagtail-localize's editor publishes when the transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(edit_url(translated["it"]), {"action": "publish"})

    assert response.status_code == 302
    assert Page.objects.get(pk=translated["it"].pk).live
    english_revision = article.latest_revision_id
    for page in (translated["fr"], article):
        with django_capture_on_commit_callbacks(execute=True):
            assert_refused(client, client.post(edit_url(page), {"action": "publish"}))
    assert not Page.objects.get(pk=translated["fr"].pk).live
    assert Page.objects.get(pk=article.pk).latest_revision_id == english_revision


def english_article_form(**extra):
    return nested_form_data(
        {
            "title": "Talking on camera",
            "slug": "talking-on-camera",
            "standfirst": "A conversation about listening.",
            "hero_image": "",
            "hero_caption": "",
            "hero_credit": "",
            "body": streamfield([]),
            "credits": rich_text(""),
            "people": inline_formset([]),
            "original_publication_date": "2010-08-03",
            "last_updated": "",
            "canonical_url": "",
            "seo_title": "",
            "search_description": "",
            "go_live_at": "",
            "expire_at": "",
            **extra,
        }
    )


def test_editors_publish_english_directly(client):
    index = factories.article_index()
    client.force_login(factories.make_user("eda", EDITORS))

    # No workflow stands between English and its readers (Wagtail's default one is unlinked).
    assert index.get_workflow() is None
    assert not WorkflowPage.objects.filter(page=Page.get_first_root_node()).exists()
    response = client.post(add_article_url(index), english_article_form(**{"action-publish": "1"}))

    assert response.status_code == 302
    article = ArticlePage.objects.get(slug="talking-on-camera")
    assert article.live
    assert article.live_revision.user.username == "eda"
    client.logout()
    assert client.get("/en/interviews/talking-on-camera/").status_code == 200


def test_editors_cannot_publish_a_translation(
    client, translated, django_capture_on_commit_callbacks
):
    client.force_login(factories.make_user("eda", EDITORS))

    with django_capture_on_commit_callbacks(execute=True):
        # They may open it (editors edit every language), but publishing is the reviewers'.
        assert client.get(edit_url(translated["it"])).status_code == 200
        assert_refused(client, client.post(edit_url(translated["it"]), {"action": "publish"}))

    assert not Page.objects.get(pk=translated["it"].pk).live


def test_wagtail_moderators_cannot_publish_outside_the_english_tree(home_pages):
    moderator = factories.make_user("mo", "Moderators")

    assert home_pages["en"].permissions_for_user(moderator).can_publish()
    assert not home_pages["it"].permissions_for_user(moderator).can_publish()
