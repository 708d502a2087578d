"""gunicorn's master replaces a worker killed in the middle of a request, and a graceful
reload (HUP) swaps every worker under a stream of requests: no request after the kill, and
none during the reload, fails."""

import signal
import socket
import threading
import time
from pathlib import Path

from .services import requires_postgres_and_redis
from .web import Browser

pytestmark = requires_postgres_and_redis


def socket_inode(server_port, client_port):
    """The inode of the server's end of the connection from `client_port`, once accepted."""
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        local, remote, inode = fields[1], fields[2], int(fields[9])
        if (int(local.split(":")[1], 16), int(remote.split(":")[1], 16)) == (
            server_port,
            client_port,
        ):
            return inode
    return 0


def holder(pids, inode):
    """The pid among `pids` with socket `inode` open."""
    for pid in pids:
        for fd in Path(f"/proc/{pid}/fd").iterdir():
            try:
                if fd.readlink().name == f"socket:[{inode}]":
                    return pid
            except OSError:
                continue
    return None


def worker_reading(instance, connection, timeout=10):
    """The worker that has accepted `connection` and waits for the rest of its request."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        inode = socket_inode(instance.port, connection.getsockname()[1])
        pid = inode and holder(instance.worker_pids(), inode)
        if pid:
            return pid
        time.sleep(0.05)
    raise AssertionError("no worker accepted the connection")


def test_a_worker_killed_mid_request_is_replaced_and_no_later_request_fails(
    instance_b, seeded_site
):
    article = seeded_site["article"]["url"]
    reader = Browser(instance_b.base_url)
    workers = instance_b.wait_for_workers(lambda pids: len(pids) == instance_b.workers)
    half_sent = socket.create_connection(("127.0.0.1", instance_b.port))
    half_sent.sendall(f"GET {article} HTTP/1.1\r\nHost: 127.0.0.1\r\n".encode())
    victim = worker_reading(instance_b, half_sent)

    instance_b.signal_worker(victim, signal.SIGKILL)
    statuses = [reader.get(article).status for _ in range(5)]
    replaced = instance_b.wait_for_workers(
        lambda pids: len(pids) == len(workers) and victim not in pids
    )
    statuses += [reader.get(path).status for path in [article, "/it/search/?q=x"] * 10]

    half_sent.settimeout(5)
    try:
        unanswered = half_sent.recv(1024)
    except ConnectionResetError:
        unanswered = b""
    half_sent.close()
    assert unanswered == b""  # the killed worker's request: closed without an answer
    assert statuses == [200] * 25
    assert victim not in replaced


def test_a_graceful_reload_under_load_loses_no_request(instance_b, seeded_site):
    article = seeded_site["article"]["url"]
    before = set(instance_b.wait_for_workers(lambda pids: len(pids) == instance_b.workers))
    outcomes, stop = [], threading.Event()

    def read_continuously():
        reader = Browser(instance_b.base_url)
        while not stop.is_set():
            try:
                outcomes.append(reader.get(article).status)
            except OSError as error:
                outcomes.append(repr(error))

    readers = [threading.Thread(target=read_continuously) for _ in range(4)]
    for thread in readers:
        thread.start()
    try:
        deadline = time.monotonic() + 60
        while len(outcomes) < 8 and time.monotonic() < deadline:
            time.sleep(0.05)
        served_before_reload = len(outcomes)
        instance_b.signal(signal.SIGHUP)
        instance_b.wait_for_workers(
            lambda pids: len(pids) == instance_b.workers and not before & set(pids)
        )
        served_during_reload = len(outcomes) - served_before_reload
        time.sleep(1)  # and the new workers serve
    finally:
        stop.set()
        for thread in readers:
            thread.join()

    assert served_before_reload > 0
    assert served_during_reload > 0
    assert [outcome for outcome in outcomes if outcome != 200] == []
