"""With the database unreachable, every request that needs it gets the translated 503 page:
from a view or a middleware, in the reader's language (address, cookie, Accept-Language),
without a stack trace; /healthz answers 503. Run in a process whose database cannot be
opened (tests/production/outage_probe.py); the gunicorn version is in
test_service_outages.py."""

import json
import os
import subprocess
import sys

import pytest

from .gunicorn_process import ROOT

UNAVAILABLE = {
    "it": "Non siamo riusciti a mostrare questa pagina. Riprova tra qualche minuto.",
    "ar": "تعذّر علينا عرض هذه الصفحة الآن. يرجى المحاولة مرة أخرى بعد بضع دقائق.",
    "fr": "Nous n’avons pas pu afficher cette page. Veuillez réessayer dans quelques minutes.",
    "es": "No hemos podido mostrar esta página. Inténtalo de nuevo dentro de unos minutos.",
    "en": "We could not show this page just now. Please try again in a few minutes.",
}


@pytest.fixture(scope="module")
def seen(tmp_path_factory):
    missing = tmp_path_factory.mktemp("outage") / "no-such-directory" / "parlance.sqlite3"
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "site_core.settings.test",
        "DATABASE_URL": f"sqlite:///{missing}",
    }
    env.pop("REDIS_URL", None)
    completed = subprocess.run(
        [sys.executable, "-m", "tests.production.outage_probe"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    return json.loads(completed.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize(
    ("label", "language", "direction"),
    [
        ("italian page", "it", "ltr"),
        ("arabic page", "ar", "rtl"),
        ("document, French browser", "fr", "ltr"),
        ("document, Spanish cookie", "es", "ltr"),
        ("middleware querying, robots.txt", "en", "ltr"),
    ],
)
def test_readers_get_a_503_page_in_their_language(seen, label, language, direction):
    page = seen[label]

    assert page["status"] == 503
    assert page["html"] == f'lang="{language}" dir="{direction}"'
    assert UNAVAILABLE[language] in page["text"]
    assert (page["retry_after"], page["cache_control"]) == ("30", "no-store")
    assert "Traceback" not in page["text"]
    assert "OperationalError" not in page["text"]


def test_healthz_is_503(seen):
    assert seen["healthz"]["status"] == 503
    assert json.loads(seen["healthz"]["text"])["database"] == "down"
