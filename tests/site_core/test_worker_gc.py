"""gunicorn's workers keep their long-lived objects out of Python's full collections
(site_core/worker_gc.py, called by gunicorn.conf.py's `post_worker_init`): frozen once the
app is loaded, and again after the warm-up requests, which load templates and the rest."""

import gc
import runpy

import pytest

from site_core.worker_gc import WARM_UP_REQUESTS


@pytest.fixture
def unfrozen():
    """This test process as it was: nothing frozen before or after."""
    gc.unfreeze()
    yield
    gc.unfreeze()


def test_a_worker_freezes_at_start_and_after_its_warm_up_requests(db, client, unfrozen):
    post_worker_init = runpy.run_path("gunicorn.conf.py")["post_worker_init"]

    post_worker_init(worker=None)
    at_start = gc.get_freeze_count()
    assert at_start > 0

    loaded_later = [[] for _ in range(1000)]  # what the first requests would load
    for _ in range(WARM_UP_REQUESTS - 1):
        assert client.get("/robots.txt").status_code == 200
    # Not yet frozen again (frozen objects that die leave the count: it may go down).
    before_warm_up_ends = gc.get_freeze_count()
    assert before_warm_up_ends < at_start + len(loaded_later)

    client.get("/robots.txt")
    after_warm_up = gc.get_freeze_count()
    assert after_warm_up >= before_warm_up_ends + len(loaded_later)

    loaded_after = [[] for _ in range(1000)]
    client.get("/robots.txt")
    assert gc.get_freeze_count() < after_warm_up + len(loaded_after)  # once only
