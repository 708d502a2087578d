"""Request ids and structured logs: every response carries X-Request-ID (the proxy's when it
is a sane token, a new one otherwise), and every line logged while serving the request
carries the same id; with LOG_FORMAT=json (the production default) each line is one JSON
object."""

import copy
import io
import json
import logging
import logging.config

import pytest

from site_core.security.request_id import SANE_ID
from tests.site_core.test_production_settings import PRODUCTION_ENV, run_manage


@pytest.fixture
def json_logs(settings):
    """The site's own LOGGING with the JSON formatter, its console writing to a buffer:
    `json_logs()` gives the lines written since the last call, parsed."""
    buffer = io.StringIO()
    config = copy.deepcopy(settings.LOGGING)
    config["handlers"]["console"]["formatter"] = "json"
    config["handlers"]["console"]["stream"] = buffer
    logging.config.dictConfig(config)

    def lines():
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return [json.loads(line) for line in text.splitlines() if line]

    yield lines
    logging.config.dictConfig(settings.LOGGING)


def failed_sign_in(client, **headers):
    return client.post(
        "/admin/login/", {"username": "nobody", "password": "wrong"}, headers=headers
    )


def test_a_request_gets_a_new_id_in_its_response(client, db):
    first = client.get("/robots.txt")
    second = client.get("/robots.txt")

    assert SANE_ID.fullmatch(first["X-Request-ID"])
    assert first["X-Request-ID"] != second["X-Request-ID"]


def test_a_sane_id_from_the_proxy_is_kept(client, db):
    incoming = "3f2c9a7e-1b4d-4e8a-9c0f-7d6e5b4a3c21"

    response = client.get("/robots.txt", headers={"x-request-id": incoming})

    assert response["X-Request-ID"] == incoming


@pytest.mark.parametrize(
    "hostile",
    [
        "",
        "short",
        "x" * 129,
        "abc def ghi jkl",
        '"><script>alert(1)</script>',
        '{"request_id": "forged"}',
        "id\u2028with\u2029separators",
        "../../etc/passwd",
    ],
)
def test_a_hostile_id_is_replaced(client, db, hostile):
    response = client.get("/robots.txt", headers={"x-request-id": hostile})

    assert response["X-Request-ID"] != hostile
    assert SANE_ID.fullmatch(response["X-Request-ID"])


def test_lines_logged_during_a_request_carry_its_id_as_json(client, db, json_logs):
    response = failed_sign_in(client)

    entries = [entry for entry in json_logs() if entry["logger"].startswith("site_core")]
    assert response.status_code == 200
    assert [entry["message"] for entry in entries] == ["Admin sign-in failed"]
    entry = entries[0]
    assert entry["request_id"] == response["X-Request-ID"]
    assert entry["level"] == "INFO"
    assert entry["client_address"] == "127.0.0.1"
    assert entry["time"].endswith("+00:00")


def test_a_hostile_id_never_reaches_the_logs(client, db, json_logs):
    hostile = 'forged" , "level": "CRITICAL'

    response = failed_sign_in(client, **{"x-request-id": hostile})

    entry = next(entry for entry in json_logs() if entry["logger"].startswith("site_core"))
    assert entry["request_id"] == response["X-Request-ID"] != hostile
    assert entry["level"] == "INFO"


def test_lines_logged_outside_a_request_say_so(json_logs):
    logging.getLogger("site_core.test").warning("between requests", extra={"job": 7})

    [entry] = [entry for entry in json_logs() if entry["logger"] == "site_core.test"]
    assert entry["request_id"] == "-"
    assert entry["job"] == 7


def test_an_exception_is_logged_with_its_traceback_in_one_line(json_logs):
    try:
        raise ValueError("broken")
    except ValueError:
        logging.getLogger("site_core.test").exception("it failed")

    [entry] = [entry for entry in json_logs() if entry["logger"] == "site_core.test"]
    assert entry["level"] == "ERROR"
    assert "ValueError: broken" in entry["exception"]


@pytest.mark.one_database(
    reason="the log format a new process with the production settings chooses (LOG_FORMAT): "
    "it logs before and without any query"
)
def test_production_logs_json_by_default_and_plain_on_request():
    script = "import logging; logging.getLogger('site_core.probe').warning('hello')"

    default = run_manage("shell", "-c", script, env_overrides=PRODUCTION_ENV)
    plain = run_manage(
        "shell", "-c", script, env_overrides={**PRODUCTION_ENV, "LOG_FORMAT": "plain"}
    )
    wrong = run_manage("check", env_overrides={**PRODUCTION_ENV, "LOG_FORMAT": "xml"})

    [line] = [line for line in default.stderr.splitlines() if "site_core.probe" in line]
    assert json.loads(line) | {"time": None} == {
        "time": None,
        "level": "WARNING",
        "logger": "site_core.probe",
        "message": "hello",
        "request_id": "-",
    }
    assert "WARNING site_core.probe [-] hello" in plain.stderr
    assert wrong.returncode != 0
    assert "LOG_FORMAT must be one of plain, json" in wrong.stderr
