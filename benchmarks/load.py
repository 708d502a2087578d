"""gunicorn started as `make run` starts it, wrk pointed at it, and the workers' memory."""

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WRK_SCRIPT = Path(__file__).resolve().parent / "wrk_report.lua"
THREADS = 2
PYTHON = str(ROOT / ".venv" / "bin" / "python")


def run_python(log_path, env, *arguments):
    """Run the venv's Python with its output in `log_path` (the end of it shown if it fails)."""
    with open(log_path, "a") as log:
        completed = subprocess.run(
            [PYTHON, *arguments], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
        )
    if completed.returncode != 0:
        print("".join(log_path.read_text().splitlines(keepends=True)[-40:]), file=sys.stderr)
        raise SystemExit(f"{' '.join(arguments)} failed (log: {log_path})")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_serving(url, process, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn stopped (exit {process.returncode}); see its log")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 — our server
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"gunicorn did not answer {url} within {timeout} s")


@contextlib.contextmanager
def gunicorn(env, log_path, *, workers=None, timeout=240):
    """Run gunicorn with gunicorn.conf.py on a free 127.0.0.1 port; yield (base URL, pid).
    With `workers`, that many, never recycled during the run (GUNICORN_MAX_REQUESTS=0), so the
    memory read after the load is the memory of the workers that served it; without, as
    production runs it (its worker count and recycling: `make soak`). `timeout`: how long
    its first answer may take (workers importing Django and Wagtail at once take over a minute
    on a loaded machine)."""
    port = free_port()
    env = env | {"GUNICORN_BIND": f"127.0.0.1:{port}"}
    if workers is not None:
        env |= {"WEB_CONCURRENCY": str(workers), "GUNICORN_MAX_REQUESTS": "0"}
    with open(log_path, "ab") as log:
        process = subprocess.Popen(
            [str(ROOT / ".venv" / "bin" / "gunicorn"), "--config", "gunicorn.conf.py"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            wait_until_serving(f"{base}/healthz", process, timeout=timeout)
            yield base, process.pid
        finally:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=40)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def wrk(url, seconds, connections, *, warm_up=False, headers=()):
    """wrk's figures for `url` (sending `headers`, "Name: value" strings): requests/s and
    p50/p99 latency in milliseconds. Any socket
    error or response other than 2xx/3xx stops the benchmark: such numbers would mean nothing.
    A warm-up may end before any response (the first ones are slow); a measured run may not."""
    completed = subprocess.run(
        [
            "wrk",
            f"--threads={THREADS}",
            f"--connections={connections}",
            f"--duration={seconds}s",
            "--timeout=10s",
            f"--script={WRK_SCRIPT}",
            *(f"--header={header}" for header in headers),
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=seconds + 60,
    )
    result = json.loads(completed.stdout.strip().splitlines()[-1])
    errors = {
        key: result[key]
        for key in ("connect_errors", "read_errors", "write_errors", "non_2xx_3xx", "timeouts")
        if result[key]
    }
    if errors:
        raise SystemExit(f"wrk {url}: {errors}")
    if not result["requests"] and not warm_up:
        raise SystemExit(f"wrk {url}: no response in {seconds} s")
    return {
        "rps": result["requests"] / (result["duration_us"] / 1_000_000),
        "p50_ms": result["p50_us"] / 1000,
        "p99_ms": result["p99_us"] / 1000,
        "requests": result["requests"],
    }


def children(pid):
    """The pids of a process's children (gunicorn's workers), from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # "pid (comm) state ppid …": comm may hold spaces, so split after its closing ")".
        if int(stat.rpartition(")")[2].split()[1]) == pid:
            found.append(int(entry.name))
    return sorted(found)


def cpu_ticks(pid):
    """User + system CPU time a process has used, in clock ticks (0 if it has gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except OSError:
        return 0
    return int(fields[11]) + int(fields[12])  # utime, stime: fields 14 and 15 of stat(5)


def wait_until_idle(master_pid, timeout=120):
    """Wait until no worker uses CPU for a moment. When wrk stops, up to one request per
    connection is still queued or being served; without this wait it would slow the next row."""
    deadline = time.monotonic() + timeout
    before = sum(cpu_ticks(pid) for pid in children(master_pid))
    while time.monotonic() < deadline:
        time.sleep(0.3)
        now = sum(cpu_ticks(pid) for pid in children(master_pid))
        if now == before:
            return
        before = now
    raise SystemExit(f"gunicorn's workers were still busy {timeout} s after the load")


def rss_mib(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise ValueError(f"no VmRSS for {pid}")


def workers_rss_mib(master_pid):
    return [rss_mib(pid) for pid in children(master_pid)]


def cpu_model():
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.partition(":")[2].strip()
    return "unknown"


def core_count():
    return os.cpu_count() or 1
