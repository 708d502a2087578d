"""Scheduled publishing runs by itself in the topology (`run_scheduler`, a pass every second
here, every minute by default): an English article scheduled by its editor goes live at its
time and leaves the page cache (its listing, cached before, shows it at once); a translation
goes live at its time only through review (approved with a go-live time), and one never
approved does not. Before, nothing ran Wagtail's `publish_scheduled`: nothing went live."""

import json
import time

from .conftest import run_python
from .services import requires_postgres_and_redis
from .test_service_outages import until, warm
from .web import Browser

pytestmark = requires_postgres_and_redis
DELAY_SECONDS = 20  # after the scheduling is done, before anything may be live (a loaded
# 2-core machine needs ~10 s for the checks made before it)


def test_scheduled_pages_go_live_at_their_time_through_review_and_leave_the_cache(
    topology, production_env
):
    reader = Browser(topology.base_url)
    facts = json.loads(
        run_python(production_env, "-m", "tests.production.schedule_seed", str(DELAY_SECONDS))
        .strip()
        .splitlines()[-1]
    )
    embargoed = facts["embargoed"]
    assert facts["listing"] == "/en/interviews/"
    assert time.time() < facts["go_live_at"], "the scheduling took longer than its delay"
    assert reader.get(embargoed["url"]).status == 404
    warm(reader, facts["listing"])
    listing = reader.get(facts["listing"])
    translations = [reader.get(facts[code]).status for code in ("italian", "french")]
    assert time.time() < facts["go_live_at"], "the checks before the go-live time took too long"
    assert embargoed["title"] not in listing.text
    assert translations == [404, 404]

    until(lambda response: response.status == 200, lambda: reader.get(embargoed["url"]), 40)
    assert time.time() >= facts["go_live_at"]
    listing = reader.get(facts["listing"])
    assert embargoed["title"] in listing.text  # purged when it went live
    italian = until(lambda response: response.status == 200, lambda: reader.get(facts["italian"]))
    assert "[it] Translated at its time" in italian[-1].text

    time.sleep(3)  # a few more passes of the scheduler
    assert reader.get(facts["french"]).status == 404  # submitted, never approved
