"""Speaker turns are written once, in Python (articles/rendering/turns.py and prose.py): the
block templates (`articles/blocks/speaker_turn.html`, `quote.html`, …) render through the same
functions, so a turn previewed or included with `{% include_block %}` is byte for byte the turn
readers get, and the markup below is asserted in one place."""

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from wagtail.models import Locale

from articles.models import ArticlePage
from articles.rendering.turns import PersonLinks, render_turn, render_turns
from tests import factories

pytestmark = pytest.mark.django_db

TRICKY = 'Ada & "Bo" <b>'


def rich_turns(people):
    """Every shape a turn takes: a linked speaker, a draft speaker, a typed name with markup
    to escape, with and without a timecode; paragraphs with links and markup, quotes in every
    attribution form, and lists of every style three levels deep."""
    live, draft = people
    return [
        factories.turn(
            'It started <b>late</b>, with <a href="https://example.com/?a=1&amp;b=2">a</a> link.',
            speaker=live,
            timecode=3725,
            extra=[
                factories.paragraph("A second paragraph."),
                factories.quote("Line one\nline <two> & three", person=live, source_title="A book"),
                factories.quote(
                    "Said once.", name=TRICKY, source_title="T", source_url="https://e.org/?x=1&y=2"
                ),
                factories.quote("Only a source.", source_title="Notes", source_url=""),
                factories.quote("Nobody's words.", person=draft),
                factories.quote("Anonymous."),
                factories.nested_list("numbered"),
                factories.nested_list("bulleted"),
            ],
        ),
        factories.turn(
            "No time, a typed name.", name=TRICKY, extra=[factories.nested_list("lettered")]
        ),
        factories.turn("A speaker without a live bio.", speaker=draft, timecode=0),
    ]


@pytest.fixture
def article(home_pages):
    live = factories.make_person("Ada Lovelace")
    draft = factories.make_person("Bruno Draft")
    draft.unpublish()
    body = [factories.video_segment("Part 1", turns=rich_turns((live, draft)), duration=4000)]
    article = factories.make_article(body=body, people=[(live, "interviewee")])
    return ArticlePage.objects.get(pk=article.pk)


def template_output(turns, people, request):
    return "".join(
        render_to_string(
            "articles/blocks/speaker_turn.html",
            {"value": turn.value, "turn_id": turn.id, "localized_people": people},
            request=request,
        )
        for turn in turns
    )


def turns_of(article):
    _roles, people = article.load_references()
    segment = next(block for block in article.body if block.block_type == "video_segment")
    return segment.value["transcript"].bound_blocks, people


def test_the_block_template_renders_turns_through_the_one_renderer(article):
    turns, people = turns_of(article)
    request = RequestFactory().get("/")

    ours = render_turns(turns, people, request)

    assert ours == template_output(turns, people, request)
    # the turn shapes the test means to cover are really there
    assert ours.count('class="turn"') == 3
    assert 'href="#turn-' in ours and "1:02:05" in ours and 'datetime="PT1H2M5S"' in ours
    assert "Ada &amp; &quot;Bo&quot; &lt;b&gt;" in ours
    assert "line &lt;two&gt; &amp; three" in ours and "<br>" in ours
    assert '<ol class="outline" type="a">' in ours and '<ul class="outline">' in ours
    assert "a finer detail" in ours and "<b>late</b>" in ours
    assert ">Ada Lovelace</a>" in ours and "Bruno Draft" in ours


def test_a_translated_article_links_speakers_to_their_bios_in_its_language(article):
    italian = Locale.objects.get(language_code="it")
    person = article.people.first().person
    factories.live_translation(person, italian)
    _translation, translated = factories.live_translation(article, italian)
    translated = ArticlePage.objects.get(pk=translated.pk)
    turns, people = turns_of(translated)
    request = RequestFactory().get("/it/")

    ours = render_turns(turns, people, request)

    assert ours == template_output(turns, people, request)
    assert 'href="/it/people/' in ours


def test_a_turn_without_an_id_renders_through_its_template_alike(article):
    turns, people = turns_of(article)
    turn = turns[1]

    assert render_turn(turn.value, None, people, PersonLinks()) == render_to_string(
        "articles/blocks/speaker_turn.html",
        {"value": turn.value, "turn_id": None, "localized_people": people},
    )


def test_quote_attributions_use_the_comma_of_the_readers_language(article):
    """ "Ada Lovelace, A book" in English; "Ada Lovelace، A book" in Arabic — in the page, in
    the template it follows, and in the plain text of captions and transcripts."""
    from django.utils import translation

    from articles.captions import turn_texts

    turns, people = turns_of(article)
    request = RequestFactory().get("/ar/")

    with translation.override("ar"):
        ours = render_turns(turns, people, request)
        template = template_output(turns, people, request)
        plain = [
            line
            for turn in turn_texts(article.body[0].value["transcript"], people)
            for line in turn.lines
        ]

    assert ours == template
    assert "Ada Lovelace</a>، <cite>A book</cite>" in ours
    assert "«Line one line <two> & three» — Ada Lovelace، A book" in plain
    with translation.override("en"):
        assert "Ada Lovelace</a>, <cite>A book</cite>" in render_turns(turns, people, request)


def test_a_bio_shown_in_another_language_is_marked_as_its_templates_mark_it(article):
    """On a French article, a speaker without a French bio links to the English one with
    `lang` and `hreflang`, in the renderer as in the templates (issue 21)."""
    from django.utils import translation

    french = Locale.objects.get(language_code="fr")
    _translation, translated = factories.live_translation(article, french)
    translated = ArticlePage.objects.get(pk=translated.pk)
    turns, people = turns_of(translated)
    request = RequestFactory().get("/fr/")

    with translation.override("fr"):
        ours = render_turns(turns, people, request)
        template = template_output(turns, people, request)

    assert ours == template
    assert '<a href="/en/people/ada-lovelace/" lang="en" hreflang="en">Ada Lovelace</a>' in ours
