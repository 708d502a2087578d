"""Two app hosts share one PostgreSQL and one Redis: a page published through one host's
admin is fresh on the other at the next request (the page cache's purge is shared)."""

import re

from .services import requires_postgres_and_redis
from .web import Browser

pytestmark = requires_postgres_and_redis
HEADING = re.compile(r"<h1[^>]*>(.*?)</h1>", re.DOTALL)


def heading(response):
    return HEADING.search(response.text).group(1).strip()


def test_a_page_published_on_host_a_is_fresh_on_host_b(instance_a, instance_b, seeded_site):
    article = seeded_site["article"]
    reader = Browser(instance_b.base_url)
    assert heading(reader.get(article["url"])) == "Before the purge"
    cached = reader.get(article["url"])
    assert (cached.header("X-Page-Cache"), heading(cached)) == ("hit", "Before the purge")

    editor = Browser(instance_a.base_url)
    editor.sign_in(**seeded_site["editor"])
    edit_path = f"/admin/pages/{article['id']}/edit/"
    form = seeded_site["edit_form"] | {
        "title": "After the purge",
        "action-publish": "action-publish",
        "csrfmiddlewaretoken": editor.csrf_token(edit_path),
    }
    published = editor.post(edit_path, form)
    assert published.status == 302, published.text[-3000:]
    assert "/login/" not in published.header("Location"), published.header("Location")

    fresh = reader.get(article["url"])
    assert fresh.status == 200
    assert (fresh.header("X-Page-Cache"), heading(fresh)) == ("miss", "After the purge"), (
        f"redirected to {published.header('Location')}; host A's log:\n{instance_a.log_tail()}"
    )
    assert reader.get(article["url"]).header("X-Page-Cache") == "hit"
