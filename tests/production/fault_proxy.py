"""A TCP proxy a test controls, put between the app and PostgreSQL or Redis, so that a test can
take the service away from the app without stopping the machine's server (others use it).

`stop()` is the service going down: the port refuses connections and every open connection
is dropped. `freeze()` is it hanging: connections stay open and new ones are accepted, but
nothing passes either way (what reaches the proxy is held). `start()` is it coming back: the
same port accepts and forwards again, held data first."""

import contextlib
import random
import socket
import threading
from pathlib import Path

CHUNK = 65536


def port_outside_ephemeral_range():
    """A free port below the kernel's range for outgoing connections, so that no client
    socket is given it while the proxy is stopped and the port must stay ours to reopen."""
    low = int(Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()[0])
    for _attempt in range(100):
        port = random.randint(max(1025, low - 12000), low - 1)  # noqa: S311 — not security
        with socket.socket() as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port below the ephemeral range")


class FaultProxy:
    def __init__(self, target_host, target_port):
        self.target = (target_host, target_port)
        self.port = port_outside_ephemeral_range()
        self.listener = None
        self.sockets = set()  # both ends of every open connection
        self.lock = threading.Lock()
        self.flowing = threading.Event()  # cleared while frozen
        self.flowing.set()

    @property
    def running(self):
        return self.listener is not None

    def start(self):
        self.flowing.set()
        if self.running:
            return
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(128)
        listener.settimeout(0.1)  # the accept loop notices stop() within this
        self.listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def freeze(self):
        self.flowing.clear()

    def stop(self):
        listener, self.listener = self.listener, None
        if listener is not None:
            listener.close()
        with self.lock:
            sockets, self.sockets = self.sockets, set()
        for sock in sockets:
            _close(sock)

    def _accept(self, listener):
        while self.listener is listener:
            try:
                client, _address = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return  # closed by stop()
            client.settimeout(None)
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                _close(client)
                continue
            upstream.settimeout(None)
            with self.lock:
                if self.listener is not listener:  # stopped meanwhile
                    _close(client)
                    _close(upstream)
                    return
                self.sockets |= {client, upstream}
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    def _pump(self, source, sink):
        try:
            while data := source.recv(CHUNK):
                self.flowing.wait()
                sink.sendall(data)
        except OSError:
            pass
        finally:
            with self.lock:
                self.sockets -= {source, sink}
            _close(source)
            _close(sink)


def _close(sock):
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    sock.close()
