"""The review mode (translations/review_mode.py), segment context in the translation
editor (segment_context.py, through localize_adapter.rewrite_editor_props) and the reviewer's
approve path from a translation (review_actions.py), through HTTP on real wagtail-localize
translations of an interview."""

import json
import re
from urllib.parse import urlencode

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, StringTranslation

from tests import database_snapshot, factories
from translations.machine import OfflineDraftTranslator
from translations.review_mode import review_groups, word_diff

pytestmark = pytest.mark.django_db

PART_ONE = "bbbbbbbb-0000-4000-8000-000000000001"
TURNS = [f"aaaaaaaa-0000-4000-8000-00000000000{n}" for n in range(1, 5)]


def turn_with_id(turn_id, *args, **kwargs):
    turn = factories.turn(*args, **kwargs)
    turn["id"] = turn_id
    return turn


@database_snapshot.built_per_module
def shared_interview():
    """An interview of Ada (an uploaded video, fixed block ids), its synced French translation
    (a draft, no string translated yet) and the module's users, made once for the module."""
    ada = factories.make_person("Ada Lovelace")
    media = factories.make_media()
    segment = factories.uploaded_segment(
        "Part one",
        media,
        duration=600,
        turns=[
            turn_with_id(TURNS[0], "Listening takes time.", speaker=ada, timecode=5),
            turn_with_id(TURNS[1], "Does the camera change that?", name="Audience member"),
            turn_with_id(
                TURNS[2],
                "It changes everything.",
                speaker=ada,
                timecode=75,
                extra=[factories.quote("Silence is an answer.", name="Ruth Ames")],
            ),
            turn_with_id(TURNS[3], "Thank you.", name="Audience member", timecode=3725),
        ],
    )
    segment["id"] = PART_ONE
    article = factories.make_article(
        "On listening", standfirst="A conversation about listening.", body=[segment]
    )
    users = {
        "translator": factories.make_user("translator-fr", "Translators (French)"),
        "reviewer": factories.make_user("reviewer-fr", "Reviewers (French)"),
        "italian": factories.make_user("translator-it", "Translators (Italian)"),
        "editor": factories.make_user("editor", "Editors"),
    }
    return {
        "people": {"ada": ada},
        "article": article,
        "media_pk": media.pk,
        "users": users,
        "french": factories.localize(article, Locale.objects.get(language_code="fr")),
    }


@pytest.fixture
def interview(shared_interview, db):
    """The module's interview as built (a test's changes are rolled back after it), in model
    instances of this test's own."""
    return database_snapshot.refetched(shared_interview)


@pytest.fixture
def people(interview):
    return interview["people"]


@pytest.fixture
def article(interview):
    article = interview["article"]
    article.media_pk = interview["media_pk"]
    return article


@pytest.fixture
def users(interview):
    return interview["users"]


@pytest.fixture
def french(interview):
    """The article's wagtail-localize Translation into French."""
    return interview["french"]


def target(translation):
    return Page.objects.get(pk=translation.get_target_instance().pk).specific


def edit_url(translation):
    return reverse("wagtailadmin_pages:edit", args=[target(translation).pk])


def review_url(translation, **query):
    url = reverse("translation_review", args=[translation.pk])
    return f"{url}?{urlencode(query)}" if query else url


def editor_props(client, translation):
    response = client.get(edit_url(translation))
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return json.loads(soup.select_one(".js-translation-editor")["data-props"]), soup


def strings_by_source(props):
    return {
        segment["source"]: segment["location"]
        for segment in props["segments"]
        if segment["type"] == "string"
    }


def groups_on_page(soup):
    return {
        section.select_one("h2").get_text(strip=True): {
            item.select_one(".review-string__source p").get_text(): item["data-state"]
            for item in section.select("[data-review-string]")
        }
        for section in soup.select("[data-review-group]")
    }


def accept(client, translation, soup, heading, changes=None, **headers):
    """Press "Accept" on the group headed `heading`, with the text boxes as shown, some of
    them typed over (`changes`: {source text: new text})."""
    section = next(s for s in soup.select("[data-review-group]") if heading in s.h2.get_text())
    data = {"group": section["data-review-group"]}
    for item in section.select("[data-review-string]"):
        box = item.select_one("textarea")
        source = item.select_one(".review-string__source p").get_text()
        data[box["name"]] = (changes or {}).get(source, box.get_text())
    return client.post(review_url(translation), data, **headers)


def open_review(client, translation, **query):
    response = client.get(review_url(translation, **query))
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


# --- Segment context in the translation editor -----------------------------------------------


def test_the_editor_finds_each_transcript_string_by_segment_timecode_and_speaker(
    client, users, french
):
    client.force_login(users["translator"])
    props, _soup = editor_props(client, french)
    strings = strings_by_source(props)

    assert strings["Listening takes time."]["field"] == "1. Part one · 0:05 · Ada Lovelace"
    assert strings["Listening takes time."]["subField"] == "Paragraph"
    assert strings["Listening takes time."]["blockId"] == TURNS[0]
    assert strings["Does the camera change that?"]["field"] == "1. Part one · Audience member"
    assert strings["Silence is an answer."]["field"] == "1. Part one · 1:15 · Ada Lovelace"
    assert strings["Silence is an answer."]["subField"] == "Quotation"
    assert strings["Thank you."]["field"] == "1. Part one · 1:02:05 · Audience member"
    assert strings["Part one"]["subField"] == "Section title"
    # Fields outside the transcript keep wagtail-localize's labels.
    assert strings["On listening"]["field"] == "Title"
    # No string is labelled by its block alone any more.
    assert not [s for s in props["segments"] if s["location"].get("subField") == "Transcript"]


def test_a_name_typed_in_many_turns_is_shown_and_translated_once(client, users, french):
    client.force_login(users["translator"])
    props, _soup = editor_props(client, french)
    sources = [s["source"] for s in props["segments"] if s["type"] == "string"]
    assert sources.count("Audience member") == 1
    assert strings_by_source(props)["Audience member"]["subField"] == "Speaker (name)"
    assert strings_by_source(props)["Ruth Ames"]["subField"] == "Said by (name)"
    # wagtail-localize holds it twice: one string per turn.
    places = StringSegment.objects.filter(source=french.source, string__data="Audience member")
    assert places.count() == 2

    shown = next(s for s in props["segments"] if s.get("source") == "Audience member")
    response = client.put(
        reverse("wagtail_localize:edit_string_translation", args=[french.pk, shown["id"]]),
        urlencode({"value": "Une personne du public"}),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code in (200, 201), response.content

    rows = StringTranslation.objects.filter(
        translation_of__data="Audience member", locale=french.target_locale
    )
    assert sorted(rows.values_list("data", flat=True)) == ["Une personne du public"] * 2
    assert set(rows.values_list("context_id", flat=True)) == set(
        places.values_list("context_id", flat=True)
    )
    assert set(rows.values_list("translation_type", flat=True)) == {"manual"}


def test_no_raw_id_of_an_uploaded_video_reaches_the_translator(client, users, french, article):
    client.force_login(users["translator"])
    props, _soup = editor_props(client, french)
    overrides = [s for s in props["segments"] if s["type"] == "synchronised_value"]
    assert all(s["value"] != article.media_pk for s in overrides), overrides
    # wagtail-localize does offer it (as a bare number): Parlance leaves it out.
    from wagtail_localize.models import OverridableSegment

    assert OverridableSegment.objects.filter(
        source=french.source, data_json=json.dumps(article.media_pk)
    ).exists()


def test_no_convert_to_alias_in_the_translation_editor_where_review_applies(client, users, french):
    from translations import localize_adapter

    client.force_login(users["translator"])
    props, _soup = editor_props(client, french)
    assert props["links"]["convertToAliasUrl"] is None
    # …which wagtail-localize would have offered: the adapter takes it away only when asked.
    raw = json.dumps({"segments": [], "links": {"convertToAliasUrl": "/convert/"}})
    kept = json.loads(localize_adapter.rewrite_editor_props(raw, lambda path: None))
    assert kept["links"]["convertToAliasUrl"] == "/convert/"


def test_the_page_editor_hides_convert_to_alias_where_review_applies(client, users, french):
    """A translation no longer synced is edited in Wagtail's page form, whose action menu
    wagtail-localize gives "Convert to alias page"."""
    client.force_login(users["translator"])
    page = target(french)
    response = client.post(reverse("wagtail_localize:stop_translation", args=[french.pk]))
    assert response.status_code == 302
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Convert to alias page" not in html
    assert reverse("wagtail_localize:convert_to_alias", args=[page.pk]) not in html


# --- Who may open the review mode ------------------------------------------------------------


def test_only_the_languages_translators_and_reviewers_open_its_review_mode(client, users, french):
    refused = "/admin/"  # Wagtail's admin answers PermissionDenied with its dashboard
    for name, allowed in [
        ("translator", True),
        ("reviewer", True),
        ("italian", False),
        ("editor", False),
    ]:
        client.force_login(users[name])
        response = client.get(review_url(french))
        assert response.status_code == (200 if allowed else 302), name
        if not allowed:
            assert response["Location"] == refused
        # …nor accept anything in it.
        response = client.post(review_url(french), {"group": TURNS[0]})
        assert response.status_code == 302
        assert (response["Location"] == refused) != allowed, name
    client.logout()
    assert client.get(review_url(french)).status_code == 302  # to the login page
    assert not StringTranslation.objects.filter(locale=french.target_locale).exists()


def test_the_editor_links_to_the_review_mode_for_translators(client, users, french):
    client.force_login(users["translator"])
    _props, soup = editor_props(client, french)
    assert soup.find("a", href=review_url(french)).get_text(strip=True) == "Review mode"
    client.force_login(users["editor"])
    _props, soup = editor_props(client, french)
    assert soup.find("a", href=review_url(french)) is None


# --- Reading and accepting -------------------------------------------------------------------


def test_machine_strings_are_marked_and_accepting_a_turn_makes_them_the_reviewers(
    client, users, french
):
    client.force_login(users["translator"])
    factories.machine_translate(client, french)
    soup = open_review(client, french)
    groups = groups_on_page(soup)
    turn = "1. Part one · 1:15 · Ada Lovelace"
    assert groups[turn] == {
        "It changes everything.": "machine",
        "Silence is an answer.": "machine",
    }
    assert soup.select_one("[data-review-string] [data-review-mark]").get_text(" ", strip=True) == (
        f"Machine ({OfflineDraftTranslator.display_name})"
    )
    # The names have a group of their own, each name once.
    names = groups["People’s names (translated once for the whole page)"]
    assert names == {"Audience member": "machine", "Ruth Ames": "machine"}

    response = accept(client, french, soup, turn, {"It changes everything.": "Cela change tout."})
    assert response.status_code == 302
    # Back at the review, at the next turn left to review.
    assert response["Location"] == f"{review_url(french)}#group-{TURNS[3]}"

    rows = {
        row.translation_of.data: row
        for row in StringTranslation.objects.filter(locale=french.target_locale)
    }
    assert rows["It changes everything."].data == "Cela change tout."
    marker = OfflineDraftTranslator.marker(french.target_locale)
    assert rows["Silence is an answer."].data == f"{marker}Silence is an answer."
    for source in ("It changes everything.", "Silence is an answer."):
        assert rows[source].translation_type == "manual"
        assert rows[source].last_translated_by == users["translator"]
    assert rows["Listening takes time."].translation_type == "machine"

    soup = open_review(client, french)
    assert set(groups_on_page(soup)[turn].values()) == {"human"}
    assert "Person (translator-fr)" in soup.find(id=f"group-{TURNS[2]}").get_text(" ", strip=True)


def test_accepting_a_name_accepts_it_everywhere_it_is_typed(client, users, french):
    client.force_login(users["translator"])
    factories.machine_translate(client, french)
    soup = open_review(client, french)
    response = accept(client, french, soup, "People’s names", {"Audience member": "Le public"})
    assert response.status_code == 302
    rows = StringTranslation.objects.filter(translation_of__data="Audience member")
    assert sorted(rows.values_list("data", "translation_type")) == [("Le public", "manual")] * 2


def test_filters_and_next_unreviewed(client, users, french):
    client.force_login(users["translator"])
    factories.machine_translate(client, french)
    factories.save_strings_in_editor(
        client, french, only=lambda text: text in {"Listening takes time.", "Thank you."}
    )
    soup = open_review(client, french, show="machine")
    shown = groups_on_page(soup)
    assert "1. Part one · 0:05 · Ada Lovelace" not in shown  # reviewed by a person
    assert "1. Part one · 1:15 · Ada Lovelace" in shown
    assert "machine" in set().union(*(set(g.values()) for g in shown.values()))

    soup = open_review(client, french, show="unreviewed")
    assert "1. Part one · 0:05 · Ada Lovelace" not in groups_on_page(soup)
    first = soup.select_one("[data-review-bar] [data-review-next]")["href"]
    assert first == "#group-names"  # names first: each is translated once for the page

    # "Next unreviewed" goes from turn to turn, and past the last one left (the turn at
    # 1:02:05 was reviewed by a person) there is none.
    after = {
        section["data-review-group"]: section.select_one("[data-review-next]")
        for section in soup.select("[data-review-group]")
    }
    assert after[TURNS[1]]["href"] == f"#group-{TURNS[2]}"
    assert after[TURNS[2]] is None

    soup = open_review(client, french, show="bogus")  # an unknown filter shows everything
    assert len(groups_on_page(soup)) == len(review_groups(french, target(french)))


def test_changed_since_the_last_publication(client, users, locales, article):
    translation, _live = factories.live_translation(article, locales["fr"])
    client.force_login(users["translator"])
    soup = open_review(client, translation, show="changed")
    assert groups_on_page(soup) == {}
    factories.save_strings_in_editor(
        client, translation, lambda text: "Merci.", only=lambda text: text == "Thank you."
    )
    soup = open_review(client, translation, show="changed")
    assert groups_on_page(soup) == {
        "1. Part one · 1:02:05 · Audience member": {"Thank you.": "human"}
    }


def test_a_changed_source_paragraph_keeps_its_earlier_translation_as_a_suggestion(
    client, users, locales, article
):
    translation, _live = factories.live_translation(
        article,
        locales["fr"],
        lambda text: {"Listening takes time.": "Écouter prend du temps."}.get(text, f"[fr] {text}"),
    )
    body = article.body.raw_data
    body[0]["value"]["transcript"][0]["value"]["content"][0]["value"] = (
        "<p>Listening takes a long time.</p>"
    )
    article.body = body
    factories.publish(article)  # syncs the translation: the paragraph is a new string

    client.force_login(users["translator"])
    # The translation editor says so, and links to the suggestion.
    _props, editor = editor_props(client, translation)
    notice = editor.select_one(".messages").get_text(" ", strip=True)
    assert "1 string changed in the source since it was translated." in notice
    assert editor.select_one(".messages").find("a", href=review_url(translation, show="unreviewed"))

    soup = open_review(client, translation, show="unreviewed")
    item = soup.find(id=f"group-{TURNS[0]}").select_one("[data-review-string]")
    assert item["data-state"] == "missing"
    assert item.select_one("textarea").get_text() == "Écouter prend du temps."
    diff = item.select_one(".review-diff")
    assert [d.get_text() for d in diff.select("del")] == []
    assert [i.get_text() for i in diff.select("ins")] == ["a long"]
    assert "The source changed since this was translated." in item.get_text()

    response = accept(
        client,
        soup=soup,
        translation=translation,
        heading="0:05",
        changes={"Listening takes a long time.": "Écouter prend longtemps."},
    )
    assert response.status_code == 302
    assert (
        StringTranslation.objects.get(
            translation_of__data="Listening takes a long time.", locale=locales["fr"]
        ).data
        == "Écouter prend longtemps."
    )


def test_word_diff():
    assert word_diff("Listening takes time.", "Listening took some time.") == [
        ("same", "Listening"),
        ("removed", "takes"),
        ("added", "took some"),
        ("same", "time."),
    ]


def test_text_wagtail_localize_would_refuse_is_refused_and_nothing_is_saved(client, users, french):
    client.force_login(users["translator"])
    factories.machine_translate(client, french)
    soup = open_review(client, french)
    response = accept(
        client,
        french,
        soup,
        "1:15",
        {
            "It changes everything.": "Cela change tout.",
            "Silence is an answer.": '<a id="a9">x</a>',
        },
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"#group-{TURNS[2]}")
    assert set(
        StringTranslation.objects.filter(locale=french.target_locale).values_list(
            "translation_type", flat=True
        )
    ) == {"machine"}


def test_accepting_without_javascript_and_with_it(client, users, french):
    client.force_login(users["translator"])
    factories.machine_translate(client, french)
    soup = open_review(client, french)
    response = accept(client, french, soup, "0:05", HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    assert response.status_code == 200
    answer = response.json()
    assert answer["ok"] and answer["next"] == f"group-{TURNS[1]}"
    [accepted] = answer["accepted"]
    assert StringSegment.objects.get(pk=accepted).string.data == "Listening takes time."


def test_a_translator_cannot_change_strings_in_review(client, users, french):
    client.force_login(users["translator"])
    factories.save_strings_in_editor(client, french)
    page = target(french)
    response = client.post(edit_url(french), {"action-submit": "1"})
    assert response.status_code == 302 and target(french).workflow_in_progress
    soup = open_review(client, french)
    assert soup.select("textarea[readonly]")
    assert not soup.select("[data-review-accept]")
    before = list(StringTranslation.objects.values_list("pk", "data", "updated_at"))
    response = client.post(
        review_url(french),
        {"group": TURNS[0], f"text-{_segment(french, 'Listening takes time.').pk}": "x"},
    )
    assert response.status_code == 302
    assert list(StringTranslation.objects.values_list("pk", "data", "updated_at")) == before
    assert page.pk


def _segment(translation, text):
    return StringSegment.objects.get(source=translation.source, string__data=text)


def test_opening_the_review_mode_costs_the_same_queries_whatever_the_length(
    client, users, locales, people
):
    def cost(turns):
        body = [
            factories.video_segment(
                "Long",
                turns=[
                    factories.turn(f"Sentence {n}.", speaker=people["ada"], timecode=n)
                    for n in range(turns)
                ],
                duration=turns + 10,
            )
        ]
        article = factories.make_article(f"Talk {turns}", body=body)
        translation = factories.localize(article, locales["fr"])
        client.force_login(users["translator"])
        factories.machine_translate(client, translation)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(review_url(translation)).status_code == 200
        return len(queries)

    assert cost(3) == cost(30)


# --- The reviewer's approve path -------------------------------------------------------------


def test_a_reviewer_approves_from_the_translation_after_accepting_machine_strings(
    client, users, french
):
    client.force_login(users["translator"])
    factories.machine_translate(client, french)
    response = client.post(edit_url(french), {"action-submit": "1"})
    assert response.status_code == 302 and target(french).workflow_in_progress

    client.force_login(users["reviewer"])
    _props, soup = editor_props(client, french)
    form = soup.select_one("[data-parlance-review-actions] form")
    assert form.button.get_text(strip=True) == "Approve and publish"
    approve_url = form["action"]
    assert re.fullmatch(r"/admin/pages/workflow/action/\d+/approve/\d+/", approve_url)
    data = {i["name"]: i.get("value", "") for i in form.select("input")}

    # Machine output nobody reviewed: refused, with the reason.
    response = client.post(approve_url, data, follow=True)
    assert not target(french).live
    assert "unreviewed machine output" in response.content.decode()

    # The reviewer accepts every group in the review mode, then approves.
    soup = open_review(client, french)
    assert soup.select_one("[data-parlance-review-actions]")  # also offered there
    for section in soup.select("[data-review-group]"):
        response = accept(client, french, soup, section.h2.get_text())
        assert response.status_code == 302
    response = client.post(approve_url, data)
    assert response.status_code == 302
    assert response["Location"] == edit_url(french)
    page = target(french)
    assert page.live and not page.workflow_in_progress


def test_the_approve_path_is_only_for_those_who_may_approve(client, users, french):
    client.force_login(users["translator"])
    client.post(edit_url(french), {"action-submit": "1"})
    for name in ("translator", "reviewer"):
        client.force_login(users[name])
        _props, soup = editor_props(client, french)
        assert bool(soup.select("[data-parlance-review-actions]")) == (name == "reviewer")


def test_the_translators_queue_links_each_translation_to_its_review_mode(client, users, french):
    client.force_login(users["translator"])
    response = client.get(reverse("wagtailadmin_home"))
    soup = BeautifulSoup(response.content, "html.parser")
    drafts = soup.select_one("#translation-work-section [data-state=in_progress]")
    link = drafts.select_one("a[href*=translation-review]")
    assert link.get_text(" ", strip=True) == "Review mode — On listening, French"
    response = client.get(link["href"])
    assert response.status_code == 302
    assert response["Location"] == review_url(french)
    # Not started yet: nothing to review.
    assert not soup.select("#translation-work-section [data-state=missing] a[href*=review]")


def test_an_accepted_title_names_the_draft_as_the_editor_does(client, users, french):
    client.force_login(users["translator"])
    factories.machine_translate(client, french)
    soup = open_review(client, french)
    response = accept(client, french, soup, "Page", {"On listening": "Sur l’écoute"})
    assert response.status_code == 302
    assert target(french).draft_title == "Sur l’écoute"


def test_a_bio_is_reviewed_by_its_fields(client, users, locales, people):
    translation = factories.localize(people["ada"], locales["fr"])
    client.force_login(users["translator"])
    soup = open_review(client, translation)
    groups = groups_on_page(soup)
    assert groups["Page"]["Ada Lovelace"] == "missing"
