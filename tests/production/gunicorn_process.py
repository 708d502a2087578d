"""A real gunicorn master started with gunicorn.conf.py and the production settings, on a free
127.0.0.1 port, with its workers found in /proc (benchmarks/load.py's `children`)."""

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from benchmarks.load import children, free_port

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).with_name("gunicorn")


class GunicornProcess:
    def __init__(self, name, env, log_dir, *, workers=2):
        self.name = name
        self.env = env
        self.log_path = Path(log_dir) / f"gunicorn-{name}.log"
        self.workers = workers
        self.port = free_port()
        self.process = None

    @property
    def base_url(self):
        return f"http://127.0.0.1:{self.port}"

    @property
    def pid(self):
        return self.process.pid

    def start(self):
        """Launch gunicorn and wait until it serves with all its workers."""
        self.launch()
        return self.wait_until_ready()

    def launch(self):
        env = self.env | {
            "GUNICORN_BIND": f"127.0.0.1:{self.port}",
            "WEB_CONCURRENCY": str(self.workers),
        }
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                [str(GUNICORN), "--config", "gunicorn.conf.py"],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )

    def wait_until_ready(self):
        self.wait_until_serving()
        self.wait_for_workers(lambda pids: len(pids) == self.workers)
        return self

    def stop(self):
        """Quick shutdown (SIGQUIT): the tests are over, no request needs finishing."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGQUIT)
        try:
            self.process.wait(timeout=40)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def wait_until_serving(self, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn {self.name} exited: {self.log_tail()}")
            try:
                with urllib.request.urlopen(f"{self.base_url}/healthz", timeout=5):  # noqa: S310
                    return
            except urllib.error.HTTPError:
                return  # it answers (a 503 is an answer)
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"gunicorn {self.name} did not answer: {self.log_tail()}")

    def worker_pids(self):
        return children(self.pid)

    def wait_for_workers(self, condition, timeout=60):
        """Wait until `condition(worker pids)` holds; return the pids."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            pids = self.worker_pids()
            if condition(pids):
                return pids
            time.sleep(0.1)
        raise AssertionError(f"gunicorn {self.name}'s workers are {self.worker_pids()}")

    def signal(self, signum):
        os.kill(self.pid, signum)

    def signal_worker(self, pid, signum):
        assert pid in self.worker_pids(), f"{pid} is not a worker of gunicorn {self.name}"
        os.kill(pid, signum)

    def log_tail(self, lines=40):
        text = self.log_path.read_text(errors="replace") if self.log_path.exists() else ""
        return "\n".join(text.splitlines()[-lines:])
