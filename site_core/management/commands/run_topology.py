"""`manage.py run_topology` (`make topology`): the production topology on one machine, in the
foreground, as whoever runs it: nginx on `--host`:`--port` in front of gunicorn on
127.0.0.1:`--app-port`, the task worker (`db_worker`) and the scheduler (`run_scheduler`),
with the settings of this process (production's under `make topology`). Ctrl+C or SIGTERM
stops them all gracefully. A process that stops by itself is started again a second later
(Django's task worker exits when the database goes away); one that stops RESTART_LIMIT times
within RESTART_WINDOW seconds stops the topology, and the command fails, so that a supervisor
(systemd, a container runtime) sees it.

nginx gets a prefix directory of its own (`--prefix`, var/topology/nginx): its configuration
(written from deploy/nginx/ by site_core/topology/nginx.py), pid, logs and temporary files.
docs/production.md, "Running the topology"."""

import http.client
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from site_core.topology import nginx

STOP_SECONDS = 35  # gunicorn's graceful timeout (30 s) and a little
RESTART_LIMIT, RESTART_WINDOW = 5, 60


class Command(BaseCommand):
    help = "Run nginx, gunicorn, the task worker and the scheduler together, in the foreground."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1", help="nginx's address")
        parser.add_argument("--port", type=int, default=8080, help="nginx's port (8080)")
        parser.add_argument("--app-port", type=int, default=8000, help="gunicorn's port (8000)")
        parser.add_argument(
            "--prefix", default=str(settings.BASE_DIR / "var" / "topology" / "nginx")
        )
        parser.add_argument(
            "--schedule-interval", default="60", help="seconds between scheduler passes (60)"
        )

    def handle(self, *args, **options):
        nginx_binary = nginx.find_nginx()
        if nginx_binary is None:
            raise CommandError("nginx is not installed (Debian: apt-get install nginx).")
        prefix = Path(options["prefix"])
        config = nginx.write_prefix(
            prefix,
            listen=f"{options['host']}:{options['port']}",
            upstream=f"127.0.0.1:{options['app_port']}",
        )
        # Every process queues background work for the worker; the app believes nginx.
        env = os.environ | {
            "GUNICORN_BIND": f"127.0.0.1:{options['app_port']}",
            "TASKS_BACKEND": "database",
        }
        env.setdefault("TRUSTED_PROXIES", "127.0.0.1")
        manage = [sys.executable, str(settings.BASE_DIR / "manage.py")]
        commands = {
            "gunicorn": [
                str(Path(sys.executable).with_name("gunicorn")),
                "--config",
                "gunicorn.conf.py",
            ],
            "worker": [*manage, "db_worker", "--no-reload"],
            "scheduler": [*manage, "run_scheduler", "--interval", options["schedule_interval"]],
            "nginx": [
                nginx_binary,
                "-p",
                str(prefix),
                "-c",
                str(config),
                "-e",
                str(prefix / "error.log"),
            ],
        }
        stopping = []
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda signum, _frame: stopping.append(signum))
        processes = {}
        try:
            for name, command in commands.items():
                if name == "nginx":  # readers reach gunicorn once it answers, never before
                    wait_until_answering(options["app_port"], processes["gunicorn"])
                processes[name] = subprocess.Popen(  # noqa: S603 - our programs
                    command, cwd=settings.BASE_DIR, env=env
                )
            self.stdout.write(
                f"Parlance is serving on http://{options['host']}:{options['port']}/ "
                f"(nginx; gunicorn on 127.0.0.1:{options['app_port']}, the task worker and "
                "the scheduler). Stop with Ctrl+C."
            )
            restarts = {name: [] for name in commands}
            while not stopping:
                for name, process in processes.items():
                    if process.poll() is None or stopping:
                        continue
                    now = time.monotonic()
                    restarts[name] = [t for t in restarts[name] if now - t < RESTART_WINDOW]
                    if len(restarts[name]) >= RESTART_LIMIT:
                        raise CommandError(
                            f"{name} stopped {RESTART_LIMIT} times within {RESTART_WINDOW} s; "
                            "stopping the others."
                        )
                    restarts[name].append(now)
                    self.stderr.write(f"{name} stopped (exit {process.returncode}); restarting")
                    time.sleep(1)
                    processes[name] = subprocess.Popen(  # noqa: S603 - our programs
                        commands[name], cwd=settings.BASE_DIR, env=env
                    )
                time.sleep(0.2)
        finally:
            stop(processes)


def wait_until_answering(port, process, timeout=180):
    """Until gunicorn on 127.0.0.1:`port` answers HTTP (any status: it serves)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise CommandError("gunicorn stopped while starting; stopping the others.")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/healthz")
            connection.getresponse()
            connection.close()
            return
        except OSError:
            time.sleep(0.2)
    raise CommandError(f"gunicorn did not answer within {timeout} s; stopping the others.")


def stop(processes):
    """Graceful stops (gunicorn and the worker finish their requests and tasks; nginx its
    connections), then SIGKILL for whatever is left after STOP_SECONDS."""
    graceful = {"nginx": signal.SIGQUIT}
    for name, process in processes.items():
        if process.poll() is None:
            process.send_signal(graceful.get(name, signal.SIGTERM))
    deadline = time.monotonic() + STOP_SECONDS
    for process in processes.values():
        try:
            process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
