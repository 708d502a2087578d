"""gunicorn settings for production and `make run`, read from the environment (one file).

Reloading: `kill -HUP <master pid>` re-reads this file and starts fresh workers, which import
the code as it is now, then stops the old ones gracefully (each finishes its request, within
`graceful_timeout`); requests arriving meanwhile wait in the listen queue, none is lost
(tests/production/test_worker_failures.py). A worker that dies is replaced by the master.
See docs/production.md, "Running several app hosts"."""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
proc_name = "parlance"
wsgi_app = "site_core.wsgi:application"

# Sync workers: one request at a time per process, the simplest model for a Django app whose
# requests are short (a cached page takes about a millisecond). They must sit behind a proxy
# that buffers slow clients (nginx, a load balancer), which production has anyway for TLS.
worker_class = "sync"
# gunicorn's rule of thumb, 2 per core + 1, on the cores this process may run on (a cgroup
# CPU quota is not seen here: set WEB_CONCURRENCY in containers).
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * len(os.sched_getaffinity(0)) + 1))
# A request running longer than this gets its worker killed and replaced.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# How long a web request waits for each answer from PostgreSQL (the production settings read
# it: the server cancels a longer statement, and a frozen server fails the request with the
# 503 page instead of holding the worker until `timeout`). Commands and the task worker,
# which may run long statements, are not started by gunicorn and have no such limit.
raw_env = [f"DATABASE_ANSWER_TIMEOUT={os.environ.get('DATABASE_ANSWER_TIMEOUT', '5')}"]
# On HUP or TERM, how long a worker may finish its request before it is killed.
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
# Recycle workers now and then (a slow leak cannot grow), staggered so they do not all
# restart at once; 0 turns recycling off (the benchmarks do, to measure the same workers).
# Not too often: starting a worker costs about 1.5 s of CPU (the app is not preloaded), as
# much as a few thousand page-cache hits, so every 2,000 requests a busy host would spend
# more time starting workers than serving.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "20000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "2000"))
# Not preloaded: each worker imports the app after the fork. So HUP loads new code (a
# preloaded master would hand its old code to the new workers) and no connection or file
# opened at import is shared between processes; the cost is memory (no copy-on-write sharing
# of the imported code) and a second or two per worker start.
preload_app = False


def post_worker_init(worker):
    """Keep the worker's long-lived objects out of Python's full collections
    (site_core/worker_gc.py): once the app is loaded, and after the first requests."""
    from site_core.worker_gc import freeze_after_warm_up

    freeze_after_warm_up()


# The workers' heartbeat files in memory, so that a slow disk cannot get them killed.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108

# Access log, one line per request, with the request id the app sends back (X-Request-ID,
# also in the app's own log lines) and the time taken in milliseconds.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
access_log_format = (
    '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" '
    "%(M)sms request_id=%({x-request-id}o)s"
)
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# The proxies whose X-Forwarded-Proto gunicorn believes.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# gunicorn's control socket (`gunicornc`) only where asked for: by default every instance on a
# host would claim the same path, $HOME/.gunicorn/gunicorn.ctl.
control_socket_disable = not os.environ.get("GUNICORN_CONTROL_SOCKET")
if not control_socket_disable:
    control_socket = os.environ["GUNICORN_CONTROL_SOCKET"]
