"""Subtitle files (translations/subtitle_files.py, subtitle_views.py): a translator
downloads a video segment's transcript as WebVTT or SubRip in English and uploads the
translated file, cue for cue, into a real wagtail-localize translation, through HTTP."""

import re

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Locale, Page
from wagtail_localize.models import StringTranslation, Translation

from tests import database_snapshot, factories

pytestmark = pytest.mark.django_db

TURN_IDS = ["aaaaaaaa-0000-4000-8000-000000000001", "aaaaaaaa-0000-4000-8000-000000000002"]
QUIET_ID = "aaaaaaaa-0000-4000-8000-000000000003"
PART_ONE = "bbbbbbbb-0000-4000-8000-000000000001"
PART_TWO = "bbbbbbbb-0000-4000-8000-000000000002"

ENGLISH_VTT_CUES = f"""\
{TURN_IDS[0]}/1
00:00:05.000 --> 00:00:20.000
<v Ada Lovelace>Listening takes time.</v>

{TURN_IDS[1]}/1
00:00:20.000 --> 00:00:37.500
<v Audience member>Does the <b>camera</b> change that?</v>

{TURN_IDS[1]}/2
00:00:37.500 --> 00:00:55.000
<v Audience member>Read <a id="a1">this</a> &amp; that.</v>

{TURN_IDS[1]}/3
00:00:55.000 --> 00:01:12.500
<v Audience member>Silence is an answer.</v>

{QUIET_ID}/1
00:01:12.500 --> 00:01:30.000
<v Guest>Yes.</v>
"""

ENGLISH_SRT = """\
1
00:00:05,000 --> 00:00:20,000
Listening takes time.

2
00:00:20,000 --> 00:00:37,500
Does the <b>camera</b> change that?

3
00:00:37,500 --> 00:00:55,000
Read <a id="a1">this</a> &amp; that.

4
00:00:55,000 --> 00:01:12,500
Silence is an answer.

5
00:01:12,500 --> 00:01:30,000
Yes.
"""

FRENCH = {
    "Listening takes time.": "Écouter prend du temps.",
    "Does the <b>camera</b> change that?": "La <b>caméra</b> change-t-elle cela ?",
    'Read <a id="a1">this</a> &amp; that.': 'Lisez <a id="a1">ceci</a> &amp; cela.',
    "Silence is an answer.": "Le silence est une réponse.",
    "Yes.": "Oui.",
}


def turn_with_id(turn_id, *args, **kwargs):
    turn = factories.turn(*args, **kwargs)
    turn["id"] = turn_id
    return turn


@database_snapshot.built_per_module
def shared_interview():
    """An interview of two video segments (fixed block ids), its French translation
    (wagtail-localize, synced, a draft) and a French translator, made once for the module."""
    fr = Locale.objects.get(language_code="fr")
    ada = factories.make_person("Ada Lovelace")
    part_one = factories.video_segment(
        "Part one",
        duration=90,
        turns=[
            turn_with_id(TURN_IDS[0], "Listening takes time.", speaker=ada, timecode=5),
            turn_with_id(
                TURN_IDS[1],
                "Does the <b>camera</b> change that?",
                name="Audience member",
                timecode=20,
                extra=[
                    factories.paragraph('Read <a href="https://example.org/">this</a> &amp; that.'),
                    factories.quote("Silence is an answer.", name="A listener"),
                ],
            ),
            turn_with_id(QUIET_ID, "Yes.", name="Guest"),  # untimed: part of the cue before
        ],
    )
    part_one["id"] = PART_ONE
    part_two = factories.video_segment(
        "Part two",
        duration=60,
        turns=[
            factories.turn("A second part.", name="Guest", timecode=0),
            factories.turn("It ends here.", name="Guest", timecode=30),
        ],
    )
    part_two["id"] = PART_TWO
    part_two["value"]["start_offset"] = 60
    article = factories.make_article(
        "On listening", body=[factories.paragraph("An introduction."), part_one, part_two]
    )
    french = factories.translate(article, fr)["fr"]
    translation = Translation.objects.get(
        source__object_id=article.translation_key, target_locale=fr
    )
    return {
        "french": (french, translation),
        "translator": factories.make_user("tina", "Translators (French)"),
    }


@pytest.fixture
def interview(shared_interview, db):
    """The module's interview as built (a test's changes are rolled back after it), in model
    instances of this test's own."""
    return database_snapshot.refetched(shared_interview)


@pytest.fixture
def french(interview):
    """The French translation (a draft page) and its wagtail-localize Translation."""
    return interview["french"]


@pytest.fixture
def translator(client, interview):
    """The French translator, logged in."""
    user = interview["translator"]
    client.force_login(user)
    return user


def page_url(translation):
    return reverse("translation_subtitles", args=[translation.pk])


def download_url(translation, segment_id, format):
    return reverse("translation_subtitles_download", args=[translation.pk, segment_id, format])


def upload(client, translation, content, name="part-one-fr.vtt", segment=PART_ONE):
    data = content.encode() if isinstance(content, str) else content
    return client.post(
        page_url(translation),
        {"segment": segment, "file": SimpleUploadedFile(name, data, content_type="text/plain")},
    )


def problems(response):
    """The listed problems of a refused upload."""
    assert response.status_code == 200, response
    soup = BeautifulSoup(response.content, "html.parser")
    box = soup.select_one("[data-subtitle-errors]")
    assert box is not None and box["role"] == "alert"
    return [item.get_text(" ", strip=True) for item in box.select("li")]


def french_strings(locale):
    return dict(
        StringTranslation.objects.filter(locale=locale).values_list("translation_of__data", "data")
    )


def translated(text, replacements):
    for english, french_text in replacements.items():
        text = text.replace(f">{english}<", f">{french_text}<").replace(
            f"\n{english}\n", f"\n{french_text}\n"
        )
    return text


# Downloading ---------------------------------------------------------------------------------


def test_a_segment_downloads_as_webvtt_with_a_cue_per_string(client, translator, french):
    _page, translation = french

    response = client.get(download_url(translation, PART_ONE, "vtt"))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/vtt; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="on-listening-1-part-one-en.vtt"'
    )
    text = response.content.decode()
    header, note, cues = text.split("\n\n", 2)
    assert header == "WEBVTT"
    assert note.startswith("NOTE\n“On listening”, segment 1: “Part one”, in English.")
    assert "into French" in note and "-->" not in note
    # One cue per string said (the quotation's credit is not one), each named by its turn;
    # the untimed last turn shares the stretch from 0:20 to the end with the turn before.
    assert cues == ENGLISH_VTT_CUES


def test_a_segment_downloads_as_subrip(client, translator, french):
    _page, translation = french

    response = client.get(download_url(translation, PART_ONE, "srt"))

    assert response["Content-Type"] == "application/x-subrip; charset=utf-8"
    assert response.content.decode() == ENGLISH_SRT


def test_cue_times_are_on_the_media_timeline(client, translator, french):
    _page, translation = french
    text = client.get(download_url(translation, PART_TWO, "srt")).content.decode()
    assert "00:01:00,000 --> 00:01:30,000\nA second part." in text
    assert "00:01:30,000 --> 00:02:00,000\nIt ends here." in text


def test_the_page_lists_each_segment_with_its_downloads(client, translator, french):
    _page, translation = french

    response = client.get(page_url(translation))

    soup = BeautifulSoup(response.content, "html.parser")
    rows = [
        [cell.get_text(" ", strip=True) for cell in row.select("th, td")]
        for row in soup.select(".subtitle-files__table tbody tr")
    ]
    assert rows == [
        ["1. Part one", "5", "WebVTT — Part one SubRip — Part one"],
        ["2. Part two", "2", "WebVTT — Part two SubRip — Part two"],
    ]
    assert (
        soup.select_one("label[for=id_file]")
        .get_text(strip=True)
        .startswith("Translated subtitle file")
    )
    links = [link["href"] for link in soup.select(".subtitle-files__table a")]
    assert links[:2] == [
        download_url(translation, PART_ONE, "vtt"),
        download_url(translation, PART_ONE, "srt"),
    ]


def test_the_translation_editor_links_to_the_subtitle_files(client, translator, french, locales):
    page, translation = french
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    soup = BeautifulSoup(editor.content, "html.parser")
    link = soup.select_one(
        "[data-parlance-translation-actions] a.parlance-translation-actions__subtitles"
    )
    assert link["href"] == page_url(translation)

    # A bio has no video segments: no link.
    bio = factories.translate(factories.make_person("Grace Hopper"), locales["fr"])["fr"]
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[bio.pk]))
    soup = BeautifulSoup(editor.content, "html.parser")
    assert soup.select_one("[data-parlance-translation-actions]") is not None
    assert soup.select_one(".parlance-translation-actions__subtitles") is None


# Uploading ----------------------------------------------------------------------------------


def test_a_translated_webvtt_file_becomes_the_translators_strings(
    client, translator, french, locales
):
    page, translation = french
    english = client.get(download_url(translation, PART_ONE, "vtt")).content.decode()

    response = upload(client, translation, translated(english, FRENCH))

    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[page.pk])
    rows = StringTranslation.objects.filter(locale=locales["fr"])
    assert {row.translation_of.data: row.data for row in rows} == FRENCH
    assert {(row.translation_type, row.tool_name, row.last_translated_by) for row in rows} == {
        ("manual", "Subtitle file", translator)
    }
    editor = client.get(response["Location"])
    messages = [str(message).strip() for message in editor.context["messages"]]
    assert (
        "5 cues of “part-one-fr.vtt” were applied to “Part one”. Save a draft to keep them in a "
        "revision." in messages
    )

    # Saved as a draft from the translation editor: the French text, the English timecodes.
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        {"action-save-draft": "action-save-draft"},
    )
    assert response.status_code == 302
    draft = Page.objects.get(pk=page.pk).specific.get_latest_revision_as_object()
    segment = draft.body[1].value
    turns = segment["transcript"]
    assert [turn["timecode"] for turn in turns] == [5, 20, None]
    assert turns[0]["content"][0].value.source == "<p>Écouter prend du temps.</p>"
    assert turns[1]["content"][1].value.source == (
        '<p>Lisez <a href="https://example.org/">ceci</a> &amp; cela.</p>'
    )
    assert turns[1]["content"][2].value["attribution_name"] == "A listener"  # left to the editor
    assert (segment["duration"], draft.body[2].value["start_offset"]) == (90, 60)


def test_a_translated_subrip_file_is_applied_cue_for_cue(client, translator, french, locales):
    _page, translation = french
    english = client.get(download_url(translation, PART_ONE, "srt")).content.decode()

    response = upload(client, translation, translated(english, FRENCH), name="part-one.srt")

    assert response.status_code == 302
    assert french_strings(locales["fr"]) == FRENCH


def test_a_tool_that_wraps_lines_drops_voices_and_unescapes_is_understood(
    client, translator, french, locales
):
    _page, translation = french
    english = client.get(download_url(translation, PART_ONE, "vtt")).content.decode()
    french_text = translated(english, FRENCH)
    french_text = french_text.replace(
        "<v Ada Lovelace>Écouter prend du temps.</v>", "Écouter\n prend du temps."
    )
    french_text = french_text.replace("ceci</a> &amp; cela.", "ceci</a> & cela.")

    assert upload(client, translation, french_text).status_code == 302

    strings = french_strings(locales["fr"])
    assert strings["Listening takes time."] == "Écouter prend du temps."
    assert (
        strings['Read <a id="a1">this</a> &amp; that.'] == 'Lisez <a id="a1">ceci</a> &amp; cela.'
    )


def test_every_problem_is_reported_with_its_line_and_nothing_is_saved(
    client, translator, french, locales
):
    _page, translation = french
    english = client.get(download_url(translation, PART_ONE, "vtt")).content.decode()
    lines = translated(english, FRENCH).split("\n")
    # Line numbers of the downloaded file: the cues start at line 6 (id), 7 (timing), 8 (text).
    assert lines[5] == f"{TURN_IDS[0]}/1"
    lines[6] = "00:00:05.000 -> 00:00:20.000"  # bad timing line
    lines[9] = "not-a-cue-of-this-segment"  # unknown identifier (cue 2)
    lines[15] = "Lisez <p>ceci</p>."  # a block tag, refused by wagtail-localize
    lines[17] = f"{TURN_IDS[1]}/2"  # cue 4 named like cue 3: a duplicate, and 4 is missing
    lines[23] = ""  # the last cue loses its text (its id and timing are lines 22 and 23)
    bad = "\n".join(lines)

    found = problems(upload(client, translation, bad))

    # (Cue 1, whose timing is wrong, is not said to be missing too.)
    assert found == [
        f"Cue “{TURN_IDS[1]}/1” (“Does the camera change that?”) is missing from the file.",
        f"Cue “{TURN_IDS[1]}/3” (“Silence is an answer.”) is missing from the file.",
        "Line 7: Expected a cue timing such as “00:01:02.500 --> 00:01:05.000” here, not "
        "“00:00:05.000 -> 00:00:20.000” (a cue cannot contain blank lines).",
        "Line 10: “not-a-cue-of-this-segment” is not a cue of this segment.",
        "Line 16: <p> tag is not allowed. Strings can only contain standard HTML inline tags "
        "(such as <b>, <a>)",
        f"Line 18: Cue “{TURN_IDS[1]}/2” is here a second time (first at line 14).",
        "Line 23: This cue has no text.",
    ]
    assert StringTranslation.objects.filter(locale=locales["fr"]).count() == 0


def test_a_subrip_file_whose_cues_moved_is_refused(client, translator, french, locales):
    _page, translation = french
    english = client.get(download_url(translation, PART_ONE, "srt")).content.decode()
    cues = translated(english, FRENCH).split("\n\n")
    del cues[1]  # the translator's tool lost a cue: the others are renumbered
    renumbered = [
        "\n".join([str(number), *cue.split("\n")[1:]]) for number, cue in enumerate(cues, 1)
    ]
    found = problems(upload(client, translation, "\n\n".join(renumbered), name="fr.srt"))

    assert found[0] == "The file has 4 cues; “Part one” has 5."
    assert found[1] == (
        "Line 6: This cue starts at 00:00:37,500, but cue 2 of this segment starts at "
        "00:00:20,000. Keep the timings of the file you downloaded: in an SRT file they tell "
        "which text each cue is."
    )
    # Cues 2, 3 and 4 start later than they should; cue 2's text has a link its source lacks.
    assert [problem.split(":")[0] for problem in found[1:]] == [
        "Line 6",
        "Line 7",
        "Line 10",
        "Line 14",
    ]
    assert found[2] == "Line 7: Unrecognised id found in an <a> tag: a1"
    assert StringTranslation.objects.filter(locale=locales["fr"]).count() == 0


def test_a_subrip_cue_with_a_broken_timing_keeps_the_others_in_place(
    client, translator, french, locales
):
    _page, translation = french
    english = client.get(download_url(translation, PART_ONE, "srt")).content.decode()
    broken = translated(english, FRENCH).replace("00:00:20,000 --> 00:00:37,500", "0:20 --> 0:37")

    found = problems(upload(client, translation, broken, name="fr.srt"))

    assert found == [
        "Line 6: “0:20” is not a valid timestamp: write cue timings as “00:01:02,500 --> "
        "00:01:05,000”."
    ]
    assert StringTranslation.objects.filter(locale=locales["fr"]).count() == 0


def test_a_file_for_another_segment_is_refused(client, translator, french, locales):
    _page, translation = french
    for format in ("vtt", "srt"):
        other = client.get(download_url(translation, PART_TWO, format)).content.decode()

        found = problems(upload(client, translation, other, name=f"part-two.{format}"))

        assert found == [
            "This file is for the segment “Part two”, not “Part one”. Choose “Part two” to "
            "upload it, or download the file of “Part one”."
        ]
    assert StringTranslation.objects.filter(locale=locales["fr"]).count() == 0


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        (
            "part-one.po",
            b'msgid ""\nmsgstr ""\n',
            "“part-one.po” is not a subtitle file. Upload the WebVTT (.vtt) or SubRip (.srt) "
            "file you downloaded here, translated.",
        ),
        (
            "part-one.vtt",
            "WEBVTT\n\nx/1\n00:00:05.000 --> 00:00:20.000\nÉcouter.\n".encode("latin-1"),
            "Line 5: This is not UTF-8 text (byte 0xC9). Save the file as UTF-8 and import it "
            "again.",
        ),
        ("part-one.vtt", b"", "Line 1: The transcript is empty."),
        (
            "part-one.vtt",
            b"00:00:05.000 --> 00:00:20.000\nHello.\n",
            "Line 1: A WebVTT file starts with the line \u201cWEBVTT\u201d.",
        ),
    ],
    ids=["po-file", "latin-1", "empty", "no-header"],
)
def test_files_that_are_not_subtitles_are_refused(
    client, translator, french, locales, name, content, expected
):
    _page, translation = french

    found = problems(upload(client, translation, content, name=name))

    assert found[0] == expected
    assert StringTranslation.objects.filter(locale=locales["fr"]).count() == 0


# Who may ------------------------------------------------------------------------------------


def test_only_those_who_may_edit_the_translation_get_its_files(client, french, locales):
    _page, translation = french
    client.force_login(factories.make_user("tom", "Translators (Italian)"))
    refused = reverse("wagtailadmin_home")  # Wagtail's answer to PermissionDenied in its admin

    assert client.get(page_url(translation))["Location"] == refused
    assert client.get(download_url(translation, PART_ONE, "vtt"))["Location"] == refused
    english = ENGLISH_SRT.replace("Yes.", "Oui.")
    assert upload(client, translation, english, name="x.srt")["Location"] == refused
    assert StringTranslation.objects.filter(locale=locales["fr"]).count() == 0

    client.logout()
    response = client.get(page_url(translation))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


# What an upload changes, and what it costs ---------------------------------------------------


def test_machine_output_becomes_the_translators_only_where_the_file_changes_it(
    client, translator, french, locales
):
    _page, translation = french
    assert factories.machine_translate(client, translation).status_code == 302
    english = client.get(download_url(translation, PART_ONE, "srt")).content.decode()
    marker = "[fr draft] "
    machine = english
    for source in FRENCH:
        machine = machine.replace(f"\n{source}\n", f"\n{marker}{source}\n")
    # The translator changes one cue and keeps the machine's text in the others.
    changed = machine.replace(f"{marker}Yes.", "Oui.")

    assert upload(client, translation, changed, name="fr.srt").status_code == 302

    rows = {
        row.translation_of.data: row
        for row in StringTranslation.objects.filter(locale=locales["fr"])
    }
    assert (rows["Yes."].data, rows["Yes."].translation_type) == ("Oui.", "manual")
    assert rows["Yes."].last_translated_by == translator
    kept = rows["Listening takes time."]
    assert (kept.data, kept.translation_type) == (f"{marker}Listening takes time.", "machine")


def test_an_upload_costs_the_same_queries_for_3_cues_and_for_30(client, translator, locales):
    small = factories.video_segment(
        "Small", turns=[factories.turn(f"Small {n}.", name="Guest", timecode=n) for n in range(3)]
    )
    large = factories.video_segment(
        "Large", turns=[factories.turn(f"Large {n}.", name="Guest", timecode=n) for n in range(30)]
    )
    article = factories.make_article("Sizes", body=[small, large])
    factories.translate(article, locales["fr"])
    translation = Translation.objects.get(
        source__object_id=article.translation_key, target_locale=locales["fr"]
    )

    def queries_to_upload(segment_id):
        english = client.get(download_url(translation, segment_id, "vtt")).content.decode()
        french_text = re.sub(r">(Small|Large) (\d+)\.<", r">Français \2.<", english)
        with CaptureQueriesContext(connection) as queries:
            response = upload(client, translation, french_text, segment=segment_id)
        assert response.status_code == 302
        return len(queries)

    assert queries_to_upload(small["id"]) == queries_to_upload(large["id"])
    assert StringTranslation.objects.filter(locale=locales["fr"]).count() == 33


def test_timecodes_with_milliseconds_keep_them_in_the_translators_files(
    client, locales, translator
):
    """Issue 21: a turn timed 1.45 s (from an imported caption file) stays 1.45 s."""
    segment = factories.video_segment(
        "Precise",
        duration=10,
        turns=[
            factories.turn("First.", name="Guest", timecode=1.45),
            factories.turn("Second.", name="Guest", timecode=4.2),
        ],
    )
    segment["id"] = PART_ONE
    article = factories.make_article("Precisely", body=[segment])
    factories.translate(article, locales["fr"])
    translation = Translation.objects.get(
        source__object_id=article.translation_key, target_locale=locales["fr"]
    )
    text = client.get(download_url(translation, PART_ONE, "vtt")).content.decode()

    assert "00:00:01.450 --> 00:00:04.200\n<v Guest>First.</v>" in text
    assert "00:00:04.200 --> 00:00:10.000\n<v Guest>Second.</v>" in text
