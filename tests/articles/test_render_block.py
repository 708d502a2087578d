"""`{% render_block %}` renders a block as `{% include_block %}` does, without copying the
page's context for every block (articles/templatetags/article_tags.py)."""

import pytest
from django.template import Context, Template, TemplateSyntaxError

from articles.models import ArticlePage
from tests import factories

pytestmark = pytest.mark.django_db

LOAD = "{% load wagtailcore_tags article_tags %}"


def render(source, **context):
    return Template(LOAD + source).render(Context(context))


@pytest.fixture
def article(home_pages):
    speaker = factories.make_person("Ada Speaker")
    body = factories.interview_body([speaker], segments=2, turns_per_segment=3)
    body.append(factories.nested_list("lettered"))
    body.append(factories.quote("Said once.", person=speaker, source_title="A book"))
    return ArticlePage.objects.get(pk=factories.make_article(body=body).pk)


def test_every_body_block_renders_as_with_include_block(article):
    blocks = list(article.body)

    ours = render(
        "{% for b in blocks %}{% render_block b block_id=b.id %}{% endfor %}", blocks=blocks
    )
    wagtails = render(
        "{% for b in blocks %}{% include_block b with block_id=b.id %}{% endfor %}",
        blocks=blocks,
    )

    assert {block.block_type for block in blocks} >= {"video_segment", "list", "quote"}
    assert "turn__speaker" in ours
    assert ours == wagtails


def test_the_blocks_names_do_not_leak_into_the_rest_of_the_template(article):
    segment = next(block for block in article.body if block.block_type == "video_segment")

    html = render(
        '{% render_block b block_id="x" %}|{{ value|default:"no value" }}|'
        '{{ block_id|default:"no id" }}|{{ person|default:"no person" }}',
        b=segment,
    )

    assert html.endswith("|no value|no id|no person")


def test_values_that_are_not_blocks_are_printed_escaped():
    assert render("{% render_block text %}", text="<b>") == "&lt;b&gt;"


def test_a_block_is_required_and_extra_names_need_values():
    with pytest.raises(TemplateSyntaxError):
        Template(LOAD + "{% render_block %}")
    with pytest.raises(TemplateSyntaxError):
        Template(LOAD + "{% render_block b with x=1 %}")
