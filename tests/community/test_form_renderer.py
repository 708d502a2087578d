"""The community forms' renderer writes the same markup as Django's form templates, for
unbound forms and for forms shown again with errors (community/form_renderer.py)."""

import re
from unittest import mock

from django.forms.renderers import DjangoTemplates
from django.template import engines

from community.form_renderer import FormRenderer
from community.forms import CommentForm, SubscribeForm
from community.models import Comment
from tests import factories

# Every way our templates render a field: as a group, alone, its label and its errors.
EVERY_FIELD = engines["django"].from_string(
    "{{ form.non_field_errors }}{% for field in form %}"
    "{{ field.as_field_group }}|{{ field }}|{{ field.label_tag }}|{{ field.errors }}"
    "{% endfor %}"
)
HOSTILE = "<b>\"Quoted\" & 'apostrophes'</b>"


def comparable(html):
    """The markup without the (always fresh) stamp's value and the whitespace between tags."""
    html = re.sub(r'(name="stamp" value=)"[^"]*"', r"\1STAMP", html)
    return re.sub(r">\s+<", "><", html.strip())


def comment_forms(article):
    reply_to = Comment.objects.create(page=article, name="Ada", text="Hi", status="approved")
    return {
        "comment, unbound": lambda **kw: CommentForm(page=article, **kw),
        "reply, unbound": lambda **kw: CommentForm(
            page=article, initial={"parent": reply_to.pk}, **kw
        ),
        "comment, sent with errors": lambda **kw: CommentForm(
            {"name": "", "email": HOSTILE, "text": HOSTILE, "parent": "999999", "stamp": "x"},
            page=article,
            **kw,
        ),
        "reply, sent": lambda **kw: CommentForm(
            {"name": HOSTILE, "text": "Fine", "parent": reply_to.pk, "website": HOSTILE},
            page=article,
            **kw,
        ),
    }


def subscribe_forms():
    factories.make_topic("Media & <Memory>")
    return {
        "sign-up, unbound": lambda **kw: SubscribeForm(**kw),
        "sign-up, sent with errors": lambda **kw: SubscribeForm(
            {"email": HOSTILE, "topics": ["999999"], "stamp": ""}, **kw
        ),
    }


def test_the_markup_is_djangos(article):
    forms = comment_forms(article) | subscribe_forms()
    for case, make in forms.items():
        ours, djangos = make(), make(renderer=DjangoTemplates())
        assert isinstance(ours.renderer, FormRenderer)
        ours.is_valid()
        djangos.is_valid()

        html = EVERY_FIELD.render({"form": ours})

        assert comparable(html) == comparable(EVERY_FIELD.render({"form": djangos})), case
        assert "<b>" not in html, case


def test_the_article_page_renders_its_forms_without_templates(client, article):
    """Only the topics of the newsletter's own page are left to Django's form templates."""
    spy = {"autospec": True}
    with (
        mock.patch.object(FormRenderer, "render", **spy, side_effect=FormRenderer.render) as render,
        mock.patch.object(
            DjangoTemplates, "get_template", **spy, side_effect=DjangoTemplates.get_template
        ) as get_template,
    ):
        html = client.get(article.url).content.decode()

    assert 'name="text"' in html and 'name="website"' in html and 'name="stamp"' in html
    assert render.call_count > 0  # rendered now, not served from the page cache
    assert get_template.call_count == 0


def test_the_forms_speak_the_articles_language(client, italian_article):
    html = client.get(italian_article.url).content.decode()

    assert '<label for="id_text">Commento:</label>' in html
    assert '<label for="id_website">Lascia vuoto questo campo:</label>' in html
    assert '<label for="newsletter-email">Il tuo indirizzo email:</label>' in html
