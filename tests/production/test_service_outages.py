"""Redis or PostgreSQL goes away (its proxy refuses and drops connections) under a running
gunicorn, then comes back: readers never get a 5xx from a cache outage, get a translated 503
page during a database outage, and the site recovers by itself."""

import json
import time

from .services import requires_postgres_and_redis
from .web import Browser

pytestmark = requires_postgres_and_redis
RECOVERY_SECONDS = 30


def until(condition, answer, timeout=RECOVERY_SECONDS):
    """Ask `answer()` until `condition(response)` holds; return every response seen."""
    seen = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        seen.append(answer())
        if condition(seen[-1]):
            return seen
        time.sleep(0.2)
    raise AssertionError(f"not within {timeout} s: {[(r.status, dict(r.headers)) for r in seen]}")


def health(reader):
    answer = reader.get("/healthz")
    return answer.status, json.loads(answer.text)


def warm(reader, url):
    until(lambda response: response.header("X-Page-Cache") == "hit", lambda: reader.get(url))


def test_with_redis_down_pages_serve_uncached_and_caching_resumes(
    instance_a, redis_proxy, seeded_site
):
    reader = Browser(instance_a.base_url)
    article = seeded_site["article"]["url"]
    warm(reader, article)

    redis_proxy.stop()
    pages = [reader.get(path) for path in [article] * 8 + ["/it/search/?q=x", "/admin/login/"]]
    assert [page.status for page in pages] == [200] * len(pages)
    assert [page.header("X-Page-Cache") for page in pages] == [None] * len(pages)
    assert health(reader) == (200, {"status": "degraded", "database": "up", "cache": "down"})

    redis_proxy.start()
    seen = until(
        lambda response: response.header("X-Page-Cache") == "hit", lambda: reader.get(article)
    )
    assert {response.status for response in seen} == {200}
    assert health(reader) == (200, {"status": "ok", "database": "up", "cache": "up"})


def test_with_the_database_down_readers_get_a_translated_503_and_it_recovers(
    instance_a, postgres_proxy, seeded_site
):
    reader = Browser(instance_a.base_url)
    article = seeded_site["article"]["url"]
    warm(reader, article)

    postgres_proxy.stop()
    italian = reader.get("/it/search/?q=memoria")
    assert italian.status == 503
    assert italian.header("Retry-After") == "30"
    assert '<html lang="it" dir="ltr">' in italian.text
    assert "Non siamo riusciti a mostrare questa pagina." in italian.text
    assert "Traceback" not in italian.text
    assert "OperationalError" not in italian.text
    arabic = reader.get("/ar/")
    assert (arabic.status, '<html lang="ar" dir="rtl">' in arabic.text) == (503, True)
    french = reader.get("/documents/1/notes.pdf", headers={"Accept-Language": "fr"})
    assert french.status == 503
    assert "Nous n’avons pas pu afficher cette page." in french.text
    # The page cache still answers readers with what it holds.
    cached = reader.get(article)
    assert (cached.status, cached.header("X-Page-Cache")) == (200, "hit")
    assert health(reader) == (503, {"status": "down", "database": "down", "cache": "up"})

    postgres_proxy.start()
    until(lambda response: response.status == 200, lambda: reader.get("/it/search/?q=memoria"))
    after = [reader.get(path).status for path in ["/it/search/?q=memoria", "/ar/"] * 5]
    assert after == [200] * 10
    assert health(reader) == (200, {"status": "ok", "database": "up", "cache": "up"})
