"""Transcript structures real interviews have (issue 16, §3): a list item that goes on after its
nested list, a quotation inside a list item, numbered or lettered third-level lists, a list
that continues from a given number, and an inline quotation in running text — in the blocks,
the reader's markup, text downloads, the editor and a real wagtail-localize translation.
(Import/export of each: tests/articles/test_import_format.py, with docs/examples/interview.json.)"""

import re

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, TranslationSource
from wagtail_localize.strings import extract_strings

from articles.blocks.text import OutlineBlock, ParagraphBlock
from articles.blocks.transcript import SpeakerTurnBlock
from articles.captions import content_lines
from articles.models import ArticlePage
from articles.transfer.rich_text import clean_rich_text, converter_for
from tests import factories
from tests.admin_forms import article_edit_form_data

pytestmark = pytest.mark.django_db

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
SENTENCE = "<p>She told me to <q>listen longer than you talk</q>, and I do.</p>"


def rich_list(style="numbered", start=3):
    """Raw JSON of a list holding every structure, as stored (ids included)."""
    detail = factories.list_item(
        {
            "text": "<p>two cameras</p>",
            "quote": "",
            "sub_style": "lettered",
            "sub_items": [
                factories.list_item("<p>one on each speaker</p>"),
                factories.list_item("<p>a wide shot</p>"),
            ],
            "text_after": "<p>both running throughout</p>",
        }
    )
    return {
        "style": style,
        "start": start,
        "items": [
            factories.list_item(
                {
                    "text": "<p>Record the whole conversation</p>",
                    "quote": "Nobody remembers the question.",
                    "sub_style": "numbered",
                    "sub_items": [detail],
                    "text_after": "<p>and only then decide what to cut</p>",
                }
            ),
            factories.list_item(
                {"text": "<p>Publish it in full</p>", "sub_style": "bulleted", "sub_items": []}
            ),
        ],
    }


def render(raw):
    block = OutlineBlock()
    return BeautifulSoup(block.render(block.to_python(raw)), "html.parser")


def children(element):
    return [child.name for child in element.find_all(True, recursive=False)]


# Markup (no database: the renderer is articles/rendering/prose.py, through the block template)


def test_text_after_a_nested_list_is_a_paragraph_after_it_in_the_same_item():
    soup = render(rich_list())
    first, second = soup.ol.find_all("li", recursive=False)

    assert children(first) == ["blockquote", "ol", "p"]
    after = first.find("p", recursive=False)
    assert after["class"] == ["outline__after"]
    assert after.get_text() == "and only then decide what to cut"
    detail = first.ol.li
    assert children(detail) == ["ol", "p"]
    assert detail.find("p", recursive=False).get_text() == "both running throughout"
    assert children(second) == []  # an item without them gets no empty paragraph


def test_a_quotation_in_an_item_is_a_blockquote_inside_its_li():
    soup = render(rich_list())
    quote = soup.ol.li.find("blockquote", recursive=False)

    assert quote["class"] == ["outline__quote"]
    assert str(quote.p) == "<p>Nobody remembers the question.</p>"
    assert quote.find_previous_sibling() is None  # after the item's own text, before its list


def test_the_third_level_can_be_numbered_or_lettered():
    soup = render(rich_list())
    second_level = soup.ol.li.ol
    third_level = second_level.li.ol

    assert second_level.attrs == {"class": ["outline"]}  # numbered
    assert third_level.attrs == {"class": ["outline"], "type": "a"}
    assert [li.get_text() for li in third_level.find_all("li")] == [
        "one on each speaker",
        "a wide shot",
    ]


@pytest.mark.parametrize(("style", "attributes"), [("numbered", {}), ("lettered", {"type": "a"})])
def test_a_list_continues_from_a_given_number(style, attributes):
    soup = render(rich_list(style, start=3))

    assert soup.ol.attrs == {"class": ["outline"], **attributes, "start": "3"}
    assert render(rich_list(style, start=None)).ol.attrs == {"class": ["outline"], **attributes}


def test_a_bulleted_list_refuses_a_start_number_with_a_message():
    block = OutlineBlock()

    with pytest.raises(StructBlockValidationError) as raised:
        block.clean(block.to_python(rich_list("bulleted", start=3)))

    assert [str(message) for message in raised.value.block_errors["start"].messages] == [
        "A bulleted list has no numbers: leave “Start at” empty."
    ]


def test_lists_saved_before_these_fields_render_and_validate_as_before():
    raw = rich_list()
    del raw["start"]
    for item in raw["items"]:
        for name in ("quote", "text_after"):
            item["value"].pop(name, None)
        for sub_item in item["value"]["sub_items"]:
            for name in ("quote", "sub_style", "text_after"):
                sub_item["value"].pop(name)
    block = OutlineBlock()
    value = block.to_python(raw)

    block.clean(value)
    html = str(render(raw))
    assert "<blockquote" not in html and "outline__after" not in html and "start=" not in html
    assert '<ol class="outline">' in html and html.count('<ul class="outline">') == 1


# The inline quotation: kept by the editor's converter, one string for translators


@pytest.mark.parametrize(
    "block",
    [ParagraphBlock(), OutlineBlock().child_blocks["items"].child_block.child_blocks["text"]],
)
def test_the_editor_and_the_import_keep_an_inline_quotation(block):
    assert clean_rich_text(SENTENCE, converter_for(block)) == SENTENCE


def test_translators_get_a_sentence_with_its_inline_quotation_as_one_string():
    _template, strings = extract_strings(SENTENCE)

    assert [string.data for string, _attrs in strings] == [
        "She told me to <q>listen longer than you talk</q>, and I do."
    ]


def test_text_downloads_show_each_structure():
    turn = SpeakerTurnBlock().to_python(
        {
            "speaker_name": "Mara",
            "content": [
                factories.stream_child("paragraph", SENTENCE),
                factories.stream_child("list", rich_list()),
            ],
        }
    )

    with translation.override("fr"):
        lines = content_lines(turn["content"], {})

    assert lines == [
        "She told me to «\u202flisten longer than you talk\u202f», and I do.",
        "3. Record the whole conversation",
        "  «\u202fNobody remembers the question.\u202f»",
        "  1. two cameras",
        "    a. one on each speaker",
        "    b. a wide shot",
        "    both running throughout",
        "  and only then decide what to cut",
        "4. Publish it in full",
    ]


def test_the_new_fields_are_labelled_in_the_editors_language():
    block = OutlineBlock()
    item = block.child_blocks["items"].child_block

    with translation.override("fr"):
        labels = [
            str(block.child_blocks["start"].label),
            str(item.child_blocks["quote"].label),
            str(item.child_blocks["text_after"].label),
        ]

    assert labels == ["Commencer à", "Citation dans cet élément", "Texte après la liste imbriquée"]


# A real translation through wagtail-localize


@pytest.fixture
def article(home_pages, locales):
    turn = factories.turn(
        "Why film so long?",
        name="Interviewer",
        timecode=0,
        extra=[factories.paragraph(SENTENCE[3:-4]), factories.stream_child("list", rich_list())],
    )
    body = [factories.video_segment("Part one", turns=[turn], duration=600)]
    return factories.make_article("Structures", body=body)


def test_each_structure_is_translated_and_readers_see_the_translation(client, article):
    source, _created = TranslationSource.get_or_create_from_instance(article)
    strings = set(
        StringSegment.objects.filter(source=source).values_list("string__data", flat=True)
    )
    assert {
        "She told me to <q>listen longer than you talk</q>, and I do.",
        "Nobody remembers the question.",
        "and only then decide what to cut",
        "both running throughout",
        "one on each speaker",
        "a wide shot",
    } <= strings

    french = Locale.objects.get(language_code="fr")
    _translation, translated = factories.live_translation(article, french)
    response = client.get(ArticlePage.objects.get(pk=translated.pk).url)

    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    outline = soup.select_one(".turn__content ol.outline")
    assert outline["start"] == "3"
    item = outline.li
    assert item.blockquote.get_text(strip=True) == "[fr] Nobody remembers the question."
    assert item.find("p", recursive=False).get_text() == "[fr] and only then decide what to cut"
    assert item.ol.li.find("p", recursive=False).get_text() == "[fr] both running throughout"
    assert [li.get_text() for li in item.ol.li.ol.find_all("li")] == [
        "[fr] one on each speaker",
        "[fr] a wide shot",
    ]
    assert item.ol.li.ol["type"] == "a"
    quotation = soup.select_one(".turn__content q")
    assert quotation.get_text() == "listen longer than you talk"
    assert "[fr] She told me to " in quotation.parent.get_text()
    assert soup.html["lang"] == "fr"


def test_the_page_editor_keeps_each_structure(client, django_user_model, article):
    """The edit form posted as the editor's JavaScript posts it (every field, the rich text
    as Draftail's contentstate): each structure, the <q> included, is saved and published."""
    client.force_login(django_user_model.objects.create_superuser("ed", "ed@example.com", "pw"))
    before = reader_markup(article)

    response = client.post(
        reverse("wagtailadmin_pages:edit", args=(article.pk,)),
        article_edit_form_data(article, **{"action-publish": "1"}),
    )

    assert response.status_code == 302
    article = ArticlePage.objects.get(pk=article.pk)
    assert article.revisions.count() == 2
    assert reader_markup(article) == before
    assert "<q>listen longer than you talk</q>" in before and 'start="3"' in before


def reader_markup(article):
    """The turn's paragraphs and list as readers get them, without the keys Draftail adds."""
    content = article.body[0].value["transcript"][0]["content"]
    html = "".join(child.render() for child in content)
    return re.sub(r' data-block-key="[^"]*"', "", html)


def test_translators_get_each_field_once_and_nothing_for_empty_ones(article):
    """The list's strings in reading order; the second item's empty quotation and text after
    (and the start number, a number) reach translators as nothing."""
    source, _created = TranslationSource.get_or_create_from_instance(article)
    segments = StringSegment.objects.filter(source=source).order_by("order")
    paths = [
        UUID.sub("*", path[path.index(".items.") + 1 :])
        for path in segments.values_list("context__path", flat=True)
        if ".items." in path
    ]

    assert paths == [
        "items.*.text",
        "items.*.quote",
        "items.*.sub_items.*.text",
        "items.*.sub_items.*.sub_items.*",
        "items.*.sub_items.*.sub_items.*",
        "items.*.sub_items.*.text_after",
        "items.*.text_after",
        "items.*.text",
    ]
