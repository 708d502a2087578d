from django import template
from django.urls import reverse

from ..forms import CommentForm, SubscribeForm
from ..models import Comment
from ..rendering import comment_html

register = template.Library()


def comment_thread(page):
    """The article's approved comments, oldest first, each with its approved replies: one
    query however many there are. A reply whose comment is no longer approved is left out."""
    comments = list(
        Comment.objects.approved()
        .filter(page=page)
        .only("pk", "page_id", "parent_id", "name", "text", "created_at", "status")
        .order_by("created_at", "pk")
    )
    top_level = {comment.pk: comment for comment in comments if comment.parent_id is None}
    for comment in top_level.values():
        comment.approved_replies = []
    for comment in comments:
        if comment.parent_id in top_level:
            top_level[comment.parent_id].approved_replies.append(comment)
    return list(top_level.values())


@register.inclusion_tag("community/comment_section.html")
def comment_section(page):
    if page.pk is None:  # the preview of an article not saved yet: nothing to comment on
        return {"page": None}
    thread = comment_thread(page)
    shown = len(thread) + sum(len(comment.approved_replies) for comment in thread)
    return {
        "page": page,
        "comments": thread,
        "count": shown,
        "form": CommentForm(page=page),
        "action": reverse("community:post_comment", kwargs={"page_id": page.pk}),
    }


@register.inclusion_tag("community/newsletter_form.html")
def newsletter_form():
    """The short sign-up form of article and home pages: an address for every topic; the
    newsletter's own page offers the topics. Its fields' ids are prefixed: the comment form on
    the same page has an email field, a honeypot and a stamp too."""
    return {"form": SubscribeForm(auto_id="newsletter-%s")}


@register.simple_tag
def load_comment_counts(articles):
    """Give each article of a listing `approved_comments`, in one query for them all."""
    articles = list(articles)
    counts = Comment.objects.counts_for([article.pk for article in articles])
    for article in articles:
        article.approved_comments = counts.get(article.pk, 0)
    return ""


@register.simple_tag
def approved_comment(comment, reply_link):
    """An approved comment's markup (community/rendering.py), with a link to reply or not."""
    return comment_html(comment, reply_link=reply_link)
