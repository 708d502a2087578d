"""The whole translation journey of one interview, through the real stack: the admin, the
wagtail-localize editor and PO files, the Italian review workflow, and what readers see."""

from urllib.parse import urlencode

import polib
import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import Locale, Page
from wagtail.rich_text import RichText
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from tests import factories
from tests.admin_forms import article_edit_form_data
from translations.status import State, translation_status

pytestmark = pytest.mark.django_db

ITALIAN = {
    "On listening": "Sull’ascolto",
    "A conversation about listening.": "Una conversazione sull’ascolto.",
    "Part one": "Prima parte",
    "Listening takes time.": "Ascoltare richiede tempo.",
    "Does the camera change that?": "La telecamera lo cambia?",
    "Audience member": "Una persona del pubblico",
    "An introduction.": "Un’introduzione.",
    "Video recorded by the Parlance crew.": "Video registrato dalla squadra di Parlance.",
}


def fresh(page):
    return Page.objects.get(pk=page.pk).specific


def translator_types(client, translation, source_text, text):
    """The translator types one string in wagtail-localize's editor (its HTTP API)."""
    segment = StringSegment.objects.get(source=translation.source, string__data=source_text)
    response = client.put(
        reverse("wagtail_localize:edit_string_translation", args=(translation.pk, segment.pk)),
        urlencode({"value": text}),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code in (200, 201), response.content


def translator_uploads_po(client, translation, source_text, text):
    """The translator downloads the PO file, translates one entry offline and uploads it."""
    download = client.get(reverse("wagtail_localize:download_pofile", args=(translation.pk,)))
    assert download.status_code == 200
    catalogue = polib.pofile(download.content.decode())
    entry = next(entry for entry in catalogue if entry.msgid == source_text)
    entry.msgstr = text
    upload = SimpleUploadedFile("it.po", str(catalogue).encode(), content_type="text/x-gettext")
    response = client.post(
        reverse("wagtail_localize:upload_pofile", args=(translation.pk,)), {"file": upload}
    )
    assert response.status_code == 302


@pytest.fixture
def people():
    ada = factories.make_person("Ada Lovelace")
    italian_bio = factories.translate(ada, Locale.objects.get(language_code="it"))["it"]
    italian_bio.get_latest_revision().publish()
    return {
        "ada": ada,
        "editor": factories.make_user("edith", "Editors"),
        "translator": factories.make_user("tom", "Translators (Italian)"),
        "reviewer": factories.make_user("rita", "Reviewers (Italian)"),
    }


def test_an_interview_is_translated_reviewed_published_and_kept_in_step(client, people):
    editor, translator, reviewer = people["editor"], people["translator"], people["reviewer"]
    translator.first_name, translator.last_name = "Tommaso", "Rossi"
    translator.save()
    reviewer.first_name, reviewer.last_name = "Rita", "Bianchi"
    reviewer.save()

    # 1. The editor publishes an English interview through the admin.
    body = [
        factories.paragraph("An introduction."),
        factories.video_segment(
            "Part one",
            duration=147,
            turns=[
                factories.turn("Listening takes time.", speaker=people["ada"], timecode=5),
                factories.turn("Does the camera change that?", name="Audience member", timecode=70),
            ],
        ),
    ]
    article = factories.make_article(
        "On listening",
        standfirst="A conversation about listening.",
        body=body,
        credits="<p>Video recorded by the Parlance crew.</p>",
        people=[(people["ada"], "interviewee")],
        live=False,
    )
    client.force_login(editor)
    data = article_edit_form_data(article)
    data["action-publish"] = "action-publish"
    response = client.post(reverse("wagtailadmin_pages:edit", args=(article.pk,)), data)
    assert response.status_code == 302
    assert fresh(article).live

    # 2. The editor starts the Italian translation (wagtail-localize's "Translate this page").
    italian_locale = Locale.objects.get(language_code="it")
    response = client.post(
        reverse("wagtail_localize:submit_page_translation", args=(article.pk,)),
        {"locales": [italian_locale.pk]},
    )
    assert response.status_code == 302
    italian = article.get_translation(italian_locale).specific
    assert not italian.live
    translation = Translation.objects.get(
        source__object_id=article.translation_key, target_locale=italian_locale
    )

    # 3. The Italian translator fills the strings: one through a PO file, the rest in the editor.
    client.force_login(translator)
    editor_page = client.get(reverse("wagtailadmin_pages:edit", args=(italian.pk,)))
    assert editor_page.status_code == 200
    assert 'name="action-submit"' in editor_page.content.decode()
    translator_uploads_po(
        client, translation, "Listening takes time.", ITALIAN["Listening takes time."]
    )
    for source_text, text in ITALIAN.items():
        if source_text != "Listening takes time.":
            translator_types(client, translation, source_text, text)
    assert translation.get_progress() == (len(ITALIAN), len(ITALIAN))

    # 4. … and submits it for review; readers still see nothing in Italian.
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=(italian.pk,)), {"action-submit": "action-submit"}
    )
    assert response.status_code == 302
    assert fresh(italian).workflow_in_progress
    client.logout()
    assert client.get(italian.url).status_code == 404

    # 5. The Italian reviewer approves: the translation is published.
    client.force_login(reviewer)
    task_state = fresh(italian).current_workflow_state.current_task_state
    response = client.post(
        reverse("wagtailadmin_pages:workflow_action", args=(italian.pk, "approve", task_state.pk)),
        {"comment": ""},
    )
    assert response.status_code in (200, 302)
    assert fresh(italian).live

    # 6. Readers of /it/ get the Italian transcript, credits and the Italian bio.
    client.logout()
    response = client.get(fresh(italian).url)
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    text = html.get_text(" ")
    for italian_text in ITALIAN.values():
        assert italian_text in text
    assert "Tommaso Rossi" in text and "Rita Bianchi" in text
    speaker_links = {a["href"] for a in html.select(".turn__name a")}
    assert speaker_links == {"/it/people/ada-lovelace/"}

    # 7. The editor changes one English transcript paragraph and publishes.
    client.force_login(editor)
    article = fresh(article)
    body = article.body
    body[1].value["transcript"][1]["content"][0].value = RichText(
        "<p>Does the camera change what people say?</p>"
    )
    data = article_edit_form_data(article, body=body)
    data["action-publish"] = "action-publish"
    response = client.post(reverse("wagtailadmin_pages:edit", args=(article.pk,)), data)
    assert response.status_code == 302

    # 8. Italian is out of date; only the changed string needs work; the rest is kept.
    [row] = translation_status([fresh(article)], [italian_locale])
    assert row.cells[0].state == State.OUT_OF_DATE
    total, translated = Translation.objects.get(pk=translation.pk).get_progress()
    assert total - translated == 1
    kept = set(
        StringTranslation.objects.filter(locale=italian_locale).values_list("data", flat=True)
    )
    assert set(ITALIAN.values()) <= kept
    dashboard = client.get(reverse("translation_status"))
    assert dashboard.status_code == 200
    assert str(State.OUT_OF_DATE.label) in dashboard.content.decode()
    # Readers keep the reviewed Italian version meanwhile.
    client.logout()
    assert "La telecamera lo cambia?" in client.get(fresh(italian).url).content.decode()
