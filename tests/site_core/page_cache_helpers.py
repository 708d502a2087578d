"""Shared by the page cache tests: read what the cache did (the `page_cache` fixture that
turns it on is in tests/conftest.py)."""


def visit(client, url, **headers):
    response = client.get(url, headers=headers)
    assert response.status_code == 200, (url, response.status_code)
    return response


def cache_state(client, url, **headers):
    """ "hit", "miss", or None when the page cache was not involved."""
    return visit(client, url, **headers).get("X-Page-Cache")


def warm(client, *urls):
    """Each URL is cached: a first visit stores it, a second is served from the cache."""
    for url in urls:
        visit(client, url)
        assert cache_state(client, url) == "hit", url
