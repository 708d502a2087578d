"""The production topology started the way `make topology` starts it (`manage.py
run_topology`): nginx on a free 127.0.0.1 port in front of gunicorn, the task worker and the
scheduler, as one process tree, with the environment the tests give it."""

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from benchmarks.load import free_port
from site_core.topology.nginx import find_nginx

from .gunicorn_process import ROOT


def require_nginx():
    """Skip without nginx, except in CI (.ci/run installs it), where its absence is a failure."""
    if find_nginx() is not None:
        return
    message = "nginx is not installed (Debian: apt-get install nginx; CI installs it)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


class TopologyProcess:
    def __init__(self, env, directory, *, schedule_interval=1):
        self.env = env
        self.directory = Path(directory)
        self.port = free_port()
        self.app_port = free_port()
        self.schedule_interval = schedule_interval
        self.log_path = self.directory / "topology.log"
        self.process = None

    @property
    def base_url(self):
        """nginx, where readers go."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def app_url(self):
        """gunicorn itself, behind nginx."""
        return f"http://127.0.0.1:{self.app_port}"

    @property
    def nginx_prefix(self):
        return self.directory / "nginx"

    def start(self):
        command = [
            sys.executable,
            "manage.py",
            "run_topology",
            f"--port={self.port}",
            f"--app-port={self.app_port}",
            f"--prefix={self.nginx_prefix}",
            f"--schedule-interval={self.schedule_interval}",
        ]
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                command,
                cwd=ROOT,
                env=self.env | {"WEB_CONCURRENCY": "2"},
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        self.wait_until_serving()
        return self

    def wait_until_serving(self, timeout=90):
        """Until nginx passes an answer of the app's (502 while gunicorn is starting)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the topology exited: {self.log_tail()}")
            try:
                with urllib.request.urlopen(f"{self.base_url}/healthz", timeout=5):  # noqa: S310
                    return
            except urllib.error.HTTPError as error:
                if error.code != 502:
                    return  # the app answers (a 503 is an answer)
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"the topology did not answer: {self.log_tail()}")

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def log_tail(self, lines=60):
        text = self.log_path.read_text(errors="replace") if self.log_path.exists() else ""
        return "\n".join(text.splitlines()[-lines:])
