"""Publishing a change to a source page syncs its translations: synced ones get a new draft
with the changed strings untranslated and every other translation kept, while readers keep
the reviewed version; manual (sync disabled) ones are never overwritten, only flagged.

Real wagtail-localize flow throughout: `translate_object`, translation memory
(`StringTranslation`), `save_target`, and a reviewer's approval simulated by publishing."""

import copy
import logging

import pytest
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text
from wagtail_localize.models import StringSegment, StringTranslation, TranslationSource

from articles.models import ArticlePage
from people.models import PersonPage
from tests import factories
from translations.status import State, translation_status
from translations.sync import sync_on_publish

pytestmark = pytest.mark.django_db

OLD_ANSWER = "Segment 1, turn 1: words said on camera."
NEW_ANSWER = "Segment 1, turn 1: words said, then corrected, on camera."


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@example.com", "password")
    client.force_login(user)
    return user


@pytest.fixture
def article():
    speakers = [factories.make_person("Ada Guest"), factories.make_person("Hal Host")]
    return factories.make_article(
        "Talking on camera",
        body=factories.interview_body(speakers, segments=2, turns_per_segment=3),
    )


@pytest.fixture
def italian(article, locales):
    """A live Italian translation with every string translated: (Translation, page)."""
    return factories.live_translation(article, locales["it"])


def edit_answer(article, new_text, editor=None):
    """The editor rewrites one transcript paragraph (same block, new words) and publishes."""
    body = copy.deepcopy(list(article.body.raw_data))
    paragraph = body[1]["value"]["transcript"][1]["value"]["content"][0]
    assert paragraph["value"] == f"<p>{OLD_ANSWER}</p>"
    paragraph["value"] = f"<p>{new_text}</p>"
    article.body = body
    article.save_revision(user=editor).publish(user=editor)


def untranslated_strings(translation):
    """Source strings with no translation in the translation's language."""
    segments = StringSegment.objects.filter(source=translation.source).annotate_translation(
        translation.target_locale
    )
    return sorted(segment.string.data for segment in segments if segment.translation is None)


def texts(page):
    """Every text of an article body, in order."""
    return list(page.body.stream_block.get_searchable_content(page.body))


def status_of(page, code):
    (row,) = translation_status([page])
    return next(cell for cell in row.cells if cell.locale.language_code == code)


def test_publishing_a_change_gives_the_translation_a_draft_and_keeps_the_live_version(
    client, editor, article, italian
):
    translation, italian_page = italian
    live_revision = italian_page.live_revision_id
    assert f"[it] {OLD_ANSWER}" in texts(italian_page)
    assert status_of(article, "it").state == State.PUBLISHED

    edit_answer(article, NEW_ANSWER, editor)

    # Readers are not affected: the live Italian page is the reviewed version.
    live = ArticlePage.objects.get(pk=italian_page.pk)
    assert live.live and live.live_revision_id == live_revision
    assert texts(live) == texts(italian_page)
    response = client.get(italian_page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert f"[it] {OLD_ANSWER}" in html
    assert NEW_ANSWER not in html

    # Translators get a draft: the new English string untranslated, everything else kept.
    assert live.has_unpublished_changes
    draft = live.get_latest_revision().as_object()
    assert untranslated_strings(translation) == [NEW_ANSWER]
    expected = [NEW_ANSWER if text == f"[it] {OLD_ANSWER}" else text for text in texts(live)]
    assert texts(draft) == expected
    assert draft.title == "[it] Talking on camera"
    total, translated = translation.get_progress()
    assert translated == total - 1

    # The old answer's translation is still in translation memory, keyed by its string.
    assert StringTranslation.objects.filter(
        translation_of__data=OLD_ANSWER, locale=translation.target_locale
    ).exists()

    cell = status_of(article, "it")
    assert cell.state == State.OUT_OF_DATE
    assert cell.progress == translated * 100 // total


def test_translating_the_new_string_and_approving_brings_the_translation_up_to_date(
    article, italian
):
    translation, italian_page = italian
    edit_answer(article, NEW_ANSWER)

    assert factories.translate_strings(translation, only=lambda text: text == NEW_ANSWER) == 1
    translation.save_target(publish=False)
    factories.approve(italian_page)

    assert f"[it] {NEW_ANSWER}" in texts(ArticlePage.objects.get(pk=italian_page.pk))
    assert status_of(article, "it").state == State.PUBLISHED


def test_a_draft_translation_is_synced_and_stays_a_draft(article, locales):
    translation = factories.localize(article, locales["fr"])
    factories.translate_strings(translation)
    translation.save_target(publish=False)

    edit_answer(article, NEW_ANSWER)

    french = ArticlePage.objects.get(pk=translation.get_target_instance().pk)
    assert not french.live
    assert NEW_ANSWER in texts(french.get_latest_revision().as_object())
    assert untranslated_strings(translation) == [NEW_ANSWER]
    cell = status_of(article, "fr")
    assert cell.state == State.IN_PROGRESS
    assert 0 < cell.progress < 100


def test_a_manual_translation_is_never_overwritten_but_flagged_out_of_date(
    client, editor, article, italian
):
    translation, italian_page = italian
    # The translator converts the translation to manual editing and rewords it by hand.
    response = client.post(
        reverse("wagtail_localize:stop_translation", args=[translation.pk]), {"next": "/admin/"}
    )
    assert response.status_code == 302
    translation.refresh_from_db()
    assert not translation.enabled
    italian_page = ArticlePage.objects.get(pk=italian_page.pk)
    italian_page.title = "Parlare davanti alla telecamera"
    factories.publish(italian_page)
    revisions = italian_page.revisions.count()
    assert status_of(article, "it").state == State.PUBLISHED

    edit_answer(article, NEW_ANSWER, editor)

    italian_page = ArticlePage.objects.get(pk=italian_page.pk)
    assert italian_page.revisions.count() == revisions  # no new draft
    assert not italian_page.has_unpublished_changes
    assert italian_page.title == "Parlare davanti alla telecamera"
    assert NEW_ANSWER not in texts(italian_page)
    cell = status_of(article, "it")
    assert (cell.state, cell.synced, cell.progress) == (State.OUT_OF_DATE, False, None)

    # Updating it by hand and publishing again brings it up to date.
    factories.publish(italian_page)
    assert status_of(article, "it").state == State.PUBLISHED


def test_publishing_the_translation_does_not_sync_anything(article, italian):
    translation, italian_page = italian
    source = translation.source
    synced_at = source.last_updated_at
    english_revisions = article.revisions.count()
    italian_revisions = italian_page.revisions.count()

    factories.publish(italian_page)  # a reviewer approves the Italian page again

    source.refresh_from_db()
    assert source.last_updated_at == synced_at
    assert article.revisions.count() == english_revisions
    assert italian_page.revisions.count() == italian_revisions + 1  # only the publication
    assert sync_on_publish(ArticlePage, italian_page) is None


def test_republishing_an_unchanged_source_syncs_nothing(article, italian):
    translation, italian_page = italian
    synced_at = translation.source.last_updated_at
    revisions = italian_page.revisions.count()

    factories.publish(article)

    translation.source.refresh_from_db()
    assert translation.source.last_updated_at == synced_at
    assert italian_page.revisions.count() == revisions
    assert status_of(article, "it").state == State.PUBLISHED


def test_a_failing_translation_is_logged_and_does_not_stop_the_others(
    article, italian, locales, caplog
):
    translation, italian_page = italian
    french, french_page = factories.live_translation(article, locales["fr"])
    # A French title too long for the page: saving the French draft fails validation.
    StringTranslation.objects.filter(
        translation_of__data="Talking on camera", locale=locales["fr"]
    ).update(data="Parler " * 50)
    french_revisions = french_page.revisions.count()

    with caplog.at_level(logging.ERROR, logger="translations.sync"):
        edit_answer(article, NEW_ANSWER)

    assert ArticlePage.objects.get(pk=article.pk).live_revision == article.get_latest_revision()
    assert NEW_ANSWER in texts(Page.objects.get(pk=italian_page.pk).get_latest_revision_as_object())
    assert french_page.revisions.count() == french_revisions
    assert "Could not sync the fr translation of Talking on camera" in caplog.text
    assert status_of(article, "fr").state == State.OUT_OF_DATE


def test_an_editor_publishing_a_bio_in_the_admin_syncs_its_translations(client, editor, locales):
    person = factories.make_person("Ada Guest", short_bio="Ada records how people remember.")
    translation, italian_person = factories.live_translation(person, locales["it"])

    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[person.pk]),
        nested_form_data(
            {
                "title": "Ada Guest",
                "slug": person.slug,
                "roles": person.roles,
                "birth_year": "",
                "photo": "",
                "short_bio": "Ada records how whole villages remember.",
                "full_bio": rich_text(""),
                "links": inline_formset([]),
                "seo_title": "",
                "search_description": "",
                "go_live_at": "",
                "expire_at": "",
                "action-publish": "1",
            }
        ),
    )

    assert response.status_code == 302
    person = PersonPage.objects.get(pk=person.pk)
    assert person.short_bio == "Ada records how whole villages remember."
    assert TranslationSource.objects.get(pk=translation.source_id).last_updated_at > (
        italian_person.last_published_at
    )
    italian_person = PersonPage.objects.get(pk=italian_person.pk)
    assert italian_person.short_bio == "[it] Ada records how people remember."
    draft = italian_person.get_latest_revision().as_object()
    assert draft.short_bio == "Ada records how whole villages remember."
    assert draft.roles == f"[it] {person.roles}"
    assert untranslated_strings(translation) == ["Ada records how whole villages remember."]
    assert status_of(person, "it").state == State.OUT_OF_DATE


def test_the_manual_sync_cannot_publish_translations_past_their_reviewers(
    client, article, locales, django_capture_on_commit_callbacks
):
    """wagtail-localize's "Sync translated pages" with "publish" ticked leaves a draft."""
    translation = factories.localize(article, locales["it"])
    factories.translate_strings(translation)
    client.force_login(factories.make_user("edith", "Editors"))
    url = reverse("wagtail_localize:update_translations", args=(translation.source.pk,))

    form = client.get(url)
    with django_capture_on_commit_callbacks(execute=True):  # wagtail-localize publishes then
        response = client.post(url, {"publish_translations": "on"})

    assert form.status_code == 200
    assert response.status_code == 302
    italian = article.get_translation(locales["it"])
    assert not italian.live
    assert italian.get_latest_revision() is not None
