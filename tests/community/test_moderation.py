"""Editors moderate in Wagtail's admin: listing filters, bulk actions, the dashboard count,
CSV export of subscribers, and what moderation purges from the page cache."""

import csv
import io

import pytest
from django.contrib.auth.models import Group

from community.models import Comment, Subscriber
from tests import factories

from .conftest import post_comment

pytestmark = pytest.mark.django_db

LIST = "/admin/snippets/community/comment/"


def bulk(admin_client, action, comments):
    ids = "&".join(f"id={comment.pk}" for comment in comments)
    url = f"/admin/bulk/community/comment/{action}/?{ids}&next={LIST}"
    confirm = admin_client.get(url)
    assert confirm.status_code == 200
    return admin_client.post(url)


@pytest.fixture
def comments(client, article):
    for text in ("one", "two", "three"):
        post_comment(client, article, text=text)
    return list(Comment.objects.order_by("pk"))


@pytest.mark.parametrize(
    ("action", "status"),
    [
        ("approve", Comment.Status.APPROVED),
        ("reject", Comment.Status.REJECTED),
        ("spam", Comment.Status.SPAM),
    ],
)
def test_bulk_moderation(admin_client, comments, action, status):
    response = bulk(admin_client, action, comments[:2])

    assert response.status_code == 302
    assert [c.status for c in Comment.objects.order_by("pk")] == [
        status,
        status,
        Comment.Status.PENDING,
    ]
    assert all(c.moderated_at for c in Comment.objects.filter(status=status))


def test_an_editor_approves_by_editing_the_status(admin_client, comments):
    comment = comments[0]
    url = f"/admin/snippets/community/comment/edit/{comment.pk}/"

    response = admin_client.post(
        url, {"status": "approved", "name": comment.name, "email": "", "text": comment.text}
    )

    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED


def test_the_listing_filters_by_status_and_language(admin_client, client, article, locales):
    italian = factories.translation_of(article, locales["it"], title="Fiumi")
    post_comment(client, article, text="english pending")
    post_comment(client, italian, text="italiano in attesa")
    Comment.objects.filter(text="english pending").update(status=Comment.Status.SPAM)

    pending = admin_client.get(f"{LIST}?status=pending").content.decode()
    italian_only = admin_client.get(f"{LIST}?language={locales['it'].pk}").content.decode()

    assert "italiano in attesa" in pending and "english pending" not in pending
    assert "italiano in attesa" in italian_only and "english pending" not in italian_only


def test_the_dashboard_counts_pending_comments(admin_client, comments):
    Comment.objects.filter(pk=comments[0].pk).update(status=Comment.Status.APPROVED)

    html = admin_client.get("/admin/").content.decode()

    assert "2 comments waiting for moderation" in html
    assert f"{LIST}?status=pending" in html


def test_editors_may_moderate_and_translators_may_not(client, comments):
    editor = factories.make_user("eddie", "Editors")
    translator = factories.make_user("tina", "Translators (Italian)")
    assert Group.objects.get(name="Editors").permissions.filter(codename="change_comment")

    client.force_login(editor)
    assert client.get(LIST).status_code == 200
    assert "waiting for moderation" in client.get("/admin/").content.decode()
    bulk(client, "approve", comments[:1])
    assert Comment.objects.get(pk=comments[0].pk).status == Comment.Status.APPROVED

    client.force_login(translator)
    assert client.get(LIST).status_code in (302, 403)
    assert "waiting for moderation" not in client.get("/admin/").content.decode()


def test_subscribers_export_as_csv(admin_client, home_pages):
    rivers = factories.make_topic("Rivers", slug="rivers")
    subscriber = Subscriber.objects.create(email="ada@example.com", language="it")
    subscriber.topics.set([rivers])
    Subscriber.objects.create(email="bea@example.com", language="fr", status="confirmed")

    response = admin_client.get("/admin/snippets/community/subscriber/?export=csv")

    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:4] == ["Email address", "Language", "Status", "Topics"]
    by_email = {row[0]: row for row in rows[1:]}
    assert by_email["ada@example.com"][1:4] == ["it", "pending", "Rivers"]
    assert by_email["bea@example.com"][1:3] == ["fr", "confirmed"]


def test_subscribers_filter_by_status(admin_client, home_pages):
    Subscriber.objects.create(email="ada@example.com", language="it")
    Subscriber.objects.create(email="bea@example.com", language="fr", status="confirmed")

    html = admin_client.get(
        "/admin/snippets/community/subscriber/?status=confirmed"
    ).content.decode()

    assert "bea@example.com" in html and "ada@example.com" not in html


# --- The page cache: the cached article stays cached until a comment becomes visible.


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE = True


def cache_state(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.get("X-Page-Cache")


def test_cached_pages_carry_no_per_visitor_state(client, article, page_cache):
    for url in ("/en/", article.url, "/en/community/newsletter/"):
        first = client.get(url)
        assert first.get("X-Page-Cache") == "miss", url
        assert "csrfmiddlewaretoken" not in first.content.decode(), url
        assert not first.cookies, url
        assert cache_state(client, url) == "hit", url


def test_a_pending_comment_leaves_the_article_cached_and_approval_purges_it(
    client, admin_client, article, page_cache, django_capture_on_commit_callbacks
):
    listing = article.get_parent().url
    for url in (article.url, listing):
        client.get(url)
        assert cache_state(client, url) == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        post_comment(client, article, text="Worth reading")
    assert cache_state(client, article.url) == "hit"
    assert cache_state(client, listing) == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        bulk(admin_client, "approve", Comment.objects.all())

    response = client.get(article.url)
    assert response["X-Page-Cache"] == "miss"
    assert "Worth reading" in response.content.decode()
    listed = client.get(listing)
    assert listed["X-Page-Cache"] == "miss"
    assert "1 comment" in listed.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        bulk(admin_client, "reject", Comment.objects.all())
    assert "Worth reading" not in client.get(article.url).content.decode()


def test_a_bio_shows_its_articles_comment_counts_and_approval_purges_it(
    client, admin_client, page_cache, django_capture_on_commit_callbacks, home_pages
):
    """An article card says how many comments it has on a bio page as on the listing."""
    guest = factories.make_person("Ada Guest")
    article = factories.make_article("With a guest", people=[(guest, "interviewee")])
    client.get(guest.url)
    assert cache_state(client, guest.url) == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        post_comment(client, article, text="Worth reading")
    with django_capture_on_commit_callbacks(execute=True):
        bulk(admin_client, "approve", Comment.objects.all())

    bio = client.get(guest.url)
    assert bio["X-Page-Cache"] == "miss"
    assert "1 comment" in bio.content.decode()


def test_deleting_an_approved_comment_purges_the_article(
    client, article, page_cache, django_capture_on_commit_callbacks
):
    post_comment(client, article, text="Soon gone")
    Comment.objects.update(status=Comment.Status.APPROVED)
    assert "Soon gone" in client.get(article.url).content.decode()
    assert cache_state(client, article.url) == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        Comment.objects.get().delete()

    assert "Soon gone" not in client.get(article.url).content.decode()
