"""Comments cost a fixed number of queries: an article's thread and a listing's counts do
not grow with the number of comments or articles."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from community.models import Comment
from tests import factories

pytestmark = pytest.mark.django_db


def add_comments(article, count):
    """`count` approved comments, each with an approved reply, and some not approved."""
    for n in range(count):
        parent = Comment.objects.create(
            page=article, name=f"Reader {n}", text=f"Comment {n}", status="approved"
        )
        Comment.objects.create(
            page=article, parent=parent, name="Bea", text=f"Reply {n}", status="approved"
        )
        Comment.objects.create(page=article, name="Spammer", text="Buy", status="spam")


def queries(client, url):
    client.get(url)
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response.content.decode()


@pytest.mark.parametrize("many", [10, 50])
def test_an_article_costs_the_same_with_one_or_many_comments(client, home_pages, many):
    one = factories.make_article("One comment")
    lots = factories.make_article("Many comments")
    add_comments(one, 1)
    add_comments(lots, many)

    few_queries, few_html = queries(client, one.url)
    many_queries, many_html = queries(client, lots.url)

    assert few_html.count('class="comment"') == 2
    assert many_html.count('class="comment"') == 2 * many
    assert many_queries == few_queries


def test_the_thread_is_one_query(home_pages, django_assert_num_queries):
    from community.templatetags.community_tags import comment_thread

    article = factories.make_article("Talkative")
    add_comments(article, 20)

    with django_assert_num_queries(1):
        thread = comment_thread(article)

    assert len(thread) == 20
    assert all(len(comment.approved_replies) == 1 for comment in thread)


def test_listing_counts_cost_one_query_for_any_number_of_articles(client, home_pages):
    first = factories.make_article("First")
    add_comments(first, 2)
    index = first.get_parent().url

    one_article, _html = queries(client, index)
    for n in range(6):
        add_comments(factories.make_article(f"More {n}"), n)
    many_articles, html = queries(client, index)

    assert many_articles == one_article
    assert "4 comments" in html  # First: two comments and their replies
    assert "10 comments" in html  # More 5


def test_the_home_page_shows_counts_at_a_fixed_cost(client, home_pages):
    add_comments(factories.make_article("First"), 1)
    one, _html = queries(client, "/en/")
    for n in range(4):
        add_comments(factories.make_article(f"More {n}"), 3)

    many, html = queries(client, "/en/")

    assert many == one
    assert html.count("6 comments") == 4


def test_counts_come_from_one_grouped_query(home_pages, django_assert_num_queries):
    articles = [factories.make_article(f"A{n}") for n in range(5)]
    for n, article in enumerate(articles):
        add_comments(article, n)

    with django_assert_num_queries(1):
        counts = Comment.objects.counts_for([a.pk for a in articles])

    assert counts == {a.pk: 2 * n for n, a in enumerate(articles) if n}
