"""The production topology (`make topology`: nginx in front of gunicorn, the task worker and the
scheduler) started as one command: slow clients cost nginx a socket and readers nothing, and
what the other production tests check of gunicorn holds through nginx — security headers,
the page cache, the translated 503 page, healthz — with static files and media served by
nginx itself, compressed, cached and with the app's headers."""

import gzip
import json
import re
import socket
import threading
import time
from pathlib import Path

from .services import requires_postgres_and_redis
from .test_service_outages import until, warm
from .web import Browser

pytestmark = requires_postgres_and_redis
SECURITY_HEADERS = (
    "Content-Security-Policy",
    "Permissions-Policy",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
)
SLOW_CLIENTS = 50
# What a reader may wait while the slow clients hold their sockets: generous for a shared,
# loaded machine, far below what they do to gunicorn alone (every request times out).
READER_SECONDS = 2.0


def slow_client(port, stop, connections):
    """Slowloris: a request header that never ends, one line every 2 s; reconnects whenever
    the server gives up on it."""
    while not stop.is_set():
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
                connections.append(1)
                sock.sendall(b"GET /en/ HTTP/1.1\r\nHost: 127.0.0.1\r\n")
                while not stop.wait(2):
                    sock.sendall(b"X-Slow: 1\r\n")
        except OSError:
            stop.wait(0.1)


def test_fifty_slow_clients_do_not_delay_readers(topology, seeded_site):
    article = seeded_site["article"]["url"]
    reader = Browser(topology.base_url)
    warm(reader, article)
    stop, connections = threading.Event(), []
    clients = [
        threading.Thread(target=slow_client, args=(topology.port, stop, connections))
        for _client in range(SLOW_CLIENTS)
    ]
    for thread in clients:
        thread.start()
    seen = []
    try:
        time.sleep(1)  # every slow client has connected
        deadline = time.monotonic() + 12  # several of their header lines, and a reconnect
        while time.monotonic() < deadline:
            for path in (article, "/it/search/?q=memoria", "/healthz"):
                started = time.monotonic()
                response = reader.get(path, timeout=30)
                seen.append((path, response.status, time.monotonic() - started))
            time.sleep(0.2)
    finally:
        stop.set()
        for thread in clients:
            thread.join()

    assert len(connections) >= SLOW_CLIENTS
    assert {status for _path, status, _seconds in seen} == {200}, seen
    slowest = max(seen, key=lambda answer: answer[2])
    assert slowest[2] < READER_SECONDS, slowest
    assert len(seen) >= 30  # readers were served all along


def security_headers(response):
    return {name: response.header(name) for name in SECURITY_HEADERS}


def test_pages_pass_through_nginx_with_the_apps_headers_and_the_page_cache(topology, seeded_site):
    reader = Browser(topology.base_url, headers={"Accept-Encoding": "gzip"})
    article = seeded_site["article"]["url"]
    first, second = reader.get(article), reader.get(article)

    assert (first.status, second.status) == (200, 200)
    assert second.header("X-Page-Cache") == "hit"
    assert second.header("Server") == "nginx"  # no version (server_tokens off)
    assert re.fullmatch(r"[0-9a-f]{32}", second.header("X-Request-ID"))  # nginx's id
    assert second.header("X-Frame-Options") == "SAMEORIGIN"
    direct = Browser(topology.app_url).get(article)
    assert security_headers(second) == security_headers(direct)
    assert all(security_headers(second).values())
    # Compressed by nginx for the reader: the same page, a fraction of the bytes.
    assert second.header("Content-Encoding") == "gzip"
    assert "Accept-Encoding" in second.header("Vary")
    page = gzip.decompress(second.content)
    assert seeded_site["article"]["title"].encode() in page
    assert len(second.content) < len(page) / 2

    health = reader.get("/healthz")
    assert health.status == 200
    assert json.loads(health.text) == {"status": "ok", "database": "up", "cache": "up"}


def fingerprinted_stylesheet(static_root):
    """A collected, fingerprinted CSS file's address (whitenoise's manifest)."""
    manifest = json.loads((Path(static_root) / "staticfiles.json").read_text())
    name = next(value for value in manifest["paths"].values() if value.endswith(".css"))
    return f"/static/{name}"


def test_static_files_and_media_are_served_by_nginx_with_the_apps_headers(topology, production_env):
    stylesheet = fingerprinted_stylesheet(production_env["STATIC_ROOT"])
    reader = Browser(topology.base_url)
    served = reader.get(stylesheet, headers={"Accept-Encoding": "gzip"})
    from_app = Browser(topology.app_url).get(stylesheet)

    assert served.status == 200
    assert served.header("Cache-Control") == "public, max-age=315360000, immutable"
    assert served.header("Content-Encoding") == "gzip"  # whitenoise's .gz copy
    assert gzip.decompress(served.content) == from_app.content
    assert security_headers(served) == security_headers(from_app)
    assert served.header("Server") == "nginx"
    # nginx answered it: gunicorn's access log has only the direct request (once the log,
    # written after the answer, has it).
    deadline = time.monotonic() + 10
    log = topology.log_tail(lines=100000)
    while stylesheet not in log and time.monotonic() < deadline:
        time.sleep(0.2)
        log = topology.log_tail(lines=100000)
    assert log.count(stylesheet) == 1

    media = Path(production_env["MEDIA_ROOT"]) / "topology" / "clip.webm"
    media.parent.mkdir(parents=True, exist_ok=True)
    media.write_bytes(bytes(range(256)) * 40)
    whole = reader.get("/media/topology/clip.webm")
    part = reader.get("/media/topology/clip.webm", headers={"Range": "bytes=256-511"})
    assert (whole.status, whole.content) == (200, media.read_bytes())
    assert whole.header("Content-Security-Policy") == "default-src 'none'"
    assert whole.header("X-Content-Type-Options") == "nosniff"
    assert whole.header("Cache-Control") == "public, max-age=2592000"
    assert (part.status, part.content) == (206, bytes(range(256)))


def test_nginx_tells_the_app_who_connected_and_how_never_what_the_client_claims(
    topology, seeded_site
):
    claims = {"X-Forwarded-For": "203.0.113.9", "X-Forwarded-Proto": "https"}
    # A client claiming HTTPS over plain HTTP: believed only by gunicorn itself (its peer is
    # a trusted proxy), which then sends HSTS; nginx replaces the claim.
    assert Browser(topology.app_url).get("/en/", headers=claims).header("Strict-Transport-Security")
    through_nginx = Browser(topology.base_url).get("/en/", headers=claims)
    assert through_nginx.status == 200
    assert through_nginx.header("Strict-Transport-Security") is None

    # The address the app counts (rate limits, sign-in throttling) is the connection's.
    client = Browser(topology.base_url, headers=claims, source_address=("127.0.0.2", 0))
    token = client.csrf_token("/admin/login/")
    refused = client.post(
        "/admin/login/",
        {"username": "nobody", "password": "wrong", "csrfmiddlewaretoken": token},
    )
    assert refused.status == 200  # the form again, with its error
    failures = [
        json.loads(line)
        for line in topology.log_tail(lines=100000).splitlines()
        if line.startswith("{") and "Admin sign-in failed" in line
    ]
    assert failures[-1]["client_address"] == "127.0.0.2"


def test_request_bodies_are_limited_as_the_app_limits_them(topology):
    reader = Browser(topology.base_url)
    over_form_limit = b"x" * (10 * 1024**2 + 1)  # DATA_UPLOAD_MAX_MEMORY_SIZE: 10 MiB
    octets = {"Content-Type": "application/octet-stream"}

    assert reader.post("/en/", over_form_limit, headers=octets).status == 413
    # The admin takes uploads as large as the app's upload limits: the app answers (here
    # Django's CSRF refusal), not nginx.
    admin = reader.post("/admin/login/", over_form_limit, headers=octets)
    assert admin.status == 403
    assert "CSRF" in admin.text


def test_with_the_database_down_nginx_passes_the_translated_503(
    topology, postgres_proxy, seeded_site
):
    reader = Browser(topology.base_url)
    article = seeded_site["article"]["url"]
    warm(reader, article)

    postgres_proxy.stop()
    italian = reader.get("/it/search/?q=memoria")
    assert (italian.status, italian.header("Retry-After")) == (503, "30")
    assert "Non siamo riusciti a mostrare questa pagina." in italian.text
    cached = reader.get(article)
    assert (cached.status, cached.header("X-Page-Cache")) == (200, "hit")
    assert reader.get("/healthz").status == 503

    postgres_proxy.start()
    until(lambda response: response.status == 200, lambda: reader.get("/it/search/?q=memoria"))
    # The outage stopped no part for good (the task worker exits when the database goes away,
    # and run_topology starts it again).
    assert topology.process.poll() is None
