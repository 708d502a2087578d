"""Posting comments and reading them: moderation states, languages, replies, escaping."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.core import signing
from django.test import Client, RequestFactory
from django.utils import timezone

from community import commenter
from community.models import Comment
from tests import factories

from .conftest import comment_url, post_comment

pytestmark = pytest.mark.django_db


def approve(*comments):
    Comment.objects.filter(pk__in=[c.pk for c in comments]).update(status=Comment.Status.APPROVED)


def test_a_new_comment_waits_for_moderation_and_is_not_shown(client, article):
    response = post_comment(client, article, name="Ada", email="ADA@example.com", text="Salut")

    comment = Comment.objects.get()
    assert (comment.page_id, comment.name, comment.email, comment.text) == (
        article.pk,
        "Ada",
        "ada@example.com",
        "Salut",
    )
    assert comment.status == Comment.Status.PENDING
    assert response.status_code == 302  # post/redirect/get
    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    assert "awaiting moderation" in thanks.content.decode()
    page = client.get(article.url).content.decode()
    assert "0 comments" in page
    assert "Salut" not in page


def test_approved_comments_are_shown_without_their_email(client, article):
    post_comment(client, article, name="Ada", email="ada@example.com", text="Well said.")
    approve(Comment.objects.get())

    page = client.get(article.url).content.decode()

    assert "1 comment" in page
    assert "Well said." in page
    assert "ada@example.com" not in page


@pytest.mark.parametrize("status", [Comment.Status.REJECTED, Comment.Status.SPAM])
def test_rejected_and_spam_comments_are_not_shown(client, article, status):
    post_comment(client, article, text="Buy cheap things")
    Comment.objects.update(status=status)

    assert "Buy cheap things" not in client.get(article.url).content.decode()


def test_a_commenter_approved_before_is_published_at_once(client, article):
    post_comment(client, article, text="First")
    approve(Comment.objects.get())

    response = post_comment(client, article, text="Second")  # same browser, same cookie

    second = Comment.objects.get(text="Second")
    assert second.status == Comment.Status.APPROVED
    assert "Your comment is published" in client.get(response["Location"]).content.decode()
    assert "Second" in client.get(article.url).content.decode()


def test_the_commenter_cookie_is_signed_http_only_and_lax(client, article):
    response = post_comment(client, article)

    cookie = response.cookies[commenter.COOKIE_NAME]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert cookie["max-age"] == 60 * 60 * 24 * 90  # COMMUNITY_COMMENTER_MAX_AGE
    request = RequestFactory().get("/", HTTP_COOKIE=f"{commenter.COOKIE_NAME}={cookie.value}")
    token = request.get_signed_cookie(commenter.COOKIE_NAME, salt=commenter.COOKIE_SALT)
    assert Comment.objects.get().commenter == commenter.fingerprint(token, request) != token


def test_typing_an_approved_commenters_email_earns_no_trust(client, article):
    post_comment(client, article, name="Ada", email="ada@example.com", text="First")
    approve(Comment.objects.get())

    other_browser = Client()
    post_comment(other_browser, article, name="Ada", email="Ada@Example.com", text="Impostor")

    assert Comment.objects.get(text="Impostor").status == Comment.Status.PENDING


def test_a_forged_commenter_cookie_earns_no_trust(client, article):
    post_comment(client, article, text="First")
    first = Comment.objects.get()
    approve(first)

    other_browser = Client()
    other_browser.cookies[commenter.COOKIE_NAME] = first.commenter  # not signed
    response = post_comment(other_browser, article, text="Forged")

    forged = Comment.objects.get(text="Forged")
    assert forged.status == Comment.Status.PENDING
    assert forged.commenter != first.commenter
    assert response.cookies[commenter.COOKIE_NAME].value != first.commenter


def test_a_pending_or_rejected_earlier_comment_earns_no_trust(client, article):
    post_comment(client, article, text="First")
    post_comment(client, article, text="Second")
    Comment.objects.filter(text="First").update(status=Comment.Status.REJECTED)

    post_comment(client, article, text="Third")

    assert set(Comment.objects.values_list("status", flat=True)) == {
        Comment.Status.PENDING,
        Comment.Status.REJECTED,
    }


def test_the_commenter_cookie_leaves_reader_pages_cacheable(client, article, settings):
    settings.PAGE_CACHE = True
    post_comment(client, article, text="First")
    assert commenter.COOKIE_NAME in client.cookies

    client.get(article.url)
    again = client.get(article.url)

    assert again["X-Page-Cache"] == "hit"
    assert commenter.COOKIE_NAME not in again.cookies


def test_comments_belong_to_their_language(client, article, italian_article):
    post_comment(client, article, text="In English")
    post_comment(client, italian_article, text="In italiano")
    approve(*Comment.objects.all())

    english = client.get(article.url).content.decode()
    italian = client.get(italian_article.url).content.decode()

    assert "In English" in english and "In italiano" not in english
    assert "In italiano" in italian and "In English" not in italian
    assert Comment.objects.get(text="In italiano").page_id == italian_article.pk


def test_a_comment_is_dated_and_offered_for_reply_in_the_readers_language(client, italian_article):
    post_comment(client, italian_article, name="Ada", text="Bellissimo")
    comment = Comment.objects.get()
    approve(comment)
    Comment.objects.filter(pk=comment.pk).update(
        created_at=datetime.datetime(2026, 3, 5, 23, 30, tzinfo=datetime.UTC)
    )

    html = BeautifulSoup(client.get(italian_article.url).content, "html.parser")

    shown = html.select_one(f"#comment-{comment.pk}")
    when = timezone.localtime(datetime.datetime(2026, 3, 5, 23, 30, tzinfo=datetime.UTC))
    assert shown.time["datetime"] == when.isoformat()
    assert shown.time.get_text() == f"{when.day} marzo 2026"
    reply = shown.select_one(".comment__reply a")
    assert reply.get_text() == "Rispondi a Ada"
    assert reply["href"] == f"/it/community/comments/{comment.pk}/reply/"


def test_a_comment_cannot_be_posted_to_an_article_through_another_language(client, article):
    url = comment_url(article).replace("/en/", "/it/", 1)

    response = client.post(url, {"name": "Ada", "text": "Hi"})

    assert response.status_code == 404
    assert not Comment.objects.exists()


def test_no_comments_on_drafts_or_unknown_pages(client, home_pages):
    draft = factories.make_draft_article("Not yet")

    assert post_comment(client, draft).status_code == 404
    assert client.post("/en/community/comments/999999/post/", {}).status_code == 404
    assert not Comment.objects.exists()


def test_replies_are_shown_under_their_comment(client, article):
    post_comment(client, article, name="Ada", text="The question")
    parent = Comment.objects.get()
    approve(parent)

    reply_page = client.get(f"/en/community/comments/{parent.pk}/reply/")
    assert reply_page.status_code == 200
    assert f'name="parent" value="{parent.pk}"' in reply_page.content.decode()
    post_comment(client, article, name="Bea", text="The answer", parent=parent.pk)
    reply = Comment.objects.get(text="The answer")
    approve(reply)

    assert reply.parent_id == parent.pk
    html = client.get(article.url).content.decode()
    replies = html.split('class="comments__replies"')[1]
    assert "The answer" in replies
    assert "2 comments" in html


def test_replies_are_one_level_deep(client, article):
    post_comment(client, article, text="The question")
    parent = Comment.objects.get()
    approve(parent)
    post_comment(client, article, text="The answer", parent=parent.pk)
    reply = Comment.objects.get(text="The answer")
    approve(reply)

    response = post_comment(client, article, text="Deeper", parent=reply.pk)

    assert response.status_code == 400
    assert "no longer available" in response.content.decode()
    assert client.get(f"/en/community/comments/{reply.pk}/reply/").status_code == 404
    assert not Comment.objects.filter(text="Deeper").exists()


def test_no_replies_to_unapproved_comments_or_to_other_articles(client, article, home_pages):
    post_comment(client, article, text="Pending")
    pending = Comment.objects.get()
    other = factories.make_article("Another one")

    assert post_comment(client, article, text="R1", parent=pending.pk).status_code == 400
    approve(pending)
    assert post_comment(client, other, text="R2", parent=pending.pk).status_code == 400
    assert client.get(f"/en/community/comments/{pending.pk}/reply/").status_code == 200
    assert Comment.objects.count() == 1


def test_replies_to_a_rejected_comment_are_hidden_with_it(client, article):
    post_comment(client, article, text="The question")
    parent = Comment.objects.get()
    approve(parent)
    post_comment(client, article, text="The answer", parent=parent.pk)
    approve(Comment.objects.get(text="The answer"))
    Comment.objects.filter(pk=parent.pk).update(status=Comment.Status.REJECTED)

    html = client.get(article.url).content.decode()

    assert "The answer" not in html
    assert "0 comments" in html


def test_missing_fields_get_clear_messages(client, article):
    response = post_comment(client, article, name="", text="")

    assert response.status_code == 400
    assert response.content.decode().count("This field is required.") == 2
    assert not Comment.objects.exists()


def test_an_invalid_email_is_refused_with_a_clear_message(client, article):
    response = post_comment(client, article, email="not an address")

    assert response.status_code == 400
    assert "Enter a valid email address, or leave it empty." in response.content.decode()


def test_the_thank_you_page_needs_a_signed_comment_id(client, article):
    post_comment(client, article)
    comment = Comment.objects.get()

    forged = signing.dumps(comment.pk, salt="another purpose")

    assert client.get(f"/en/community/comments/thanks/{forged}/").status_code == 404
    assert client.get(f"/en/community/comments/thanks/{comment.pk}/").status_code == 404


HOSTILE = '<script>alert("x")</script><b onmouseover="evil()">bold</b>'


def test_hostile_input_is_escaped_everywhere_it_is_shown(client, article, admin_client):
    response = post_comment(
        client,
        article,
        name=HOSTILE[:80],
        email='"<script>"@example.com',
        text=f"{HOSTILE} see https://example.com/<img src=x onerror=alert(1)>",
    )
    comment = Comment.objects.get()
    pages = {"thanks": client.get(response["Location"]).content.decode()}
    admin_list = admin_client.get("/admin/snippets/community/comment/")
    pages["admin list"] = admin_list.content.decode()
    approve(comment)
    pages["article"] = client.get(article.url).content.decode()

    for where, html in pages.items():
        assert "<script>alert" not in html, where
        assert "<b onmouseover" not in html, where
        assert "<img src=x" not in html, where
        assert "&lt;script&gt;alert(" in html or "&lt;script&gt;alert" in html, where


def test_links_are_text_until_approved(client, article):
    response = post_comment(client, article, text="Read https://example.com/river now")
    thanks = client.get(response["Location"]).content.decode()
    assert "https://example.com/river" in thanks
    assert 'href="https://example.com/river"' not in thanks

    approve(Comment.objects.get())
    html = client.get(article.url).content.decode()

    assert '<a href="https://example.com/river" rel="nofollow ugc noopener">' in html


def test_the_preview_of_an_unsaved_article_has_no_comment_section(home_pages):
    from django.template import Context, Template

    from articles.models import ArticlePage

    template = Template("{% load community_tags %}{% comment_section page %}")

    assert template.render(Context({"page": ArticlePage(title="Draft")})).strip() == ""


def test_a_translation_with_a_broken_placeholder_falls_back_to_english(monkeypatch):
    """As {% blocktranslate %} does: a translator's typo must not fail every article page."""
    from community import rendering

    monkeypatch.setattr(rendering, "gettext", lambda message: "Rispondi a %(nome)s")

    assert rendering.reply_label("Ada <b>") == "Reply to Ada &lt;b&gt;"
