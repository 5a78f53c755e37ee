"""The load generator: fixed concurrency for a bounded time, from processes of its own.

``run(target, clients, duration, warmup, processes)`` starts ``processes`` driver processes (spawned,
so none carries Django) and spreads the clients over them, one thread each. A client is a loop of
plain HTTP/1.1 over a raw socket: the request bytes are built once, the response is read by its
Content-Length (or to the end, when the server closes the connection, as gunicorn's sync workers
do). Each client waits for its response before sending the next request: the concurrency is the
number of clients. Throughput is the requests completed in the ``duration`` after the ``warmup``;
latency is taken over the requests begun in it, each waited for to its end.

The requests look like a browser's behind the TLS-ending proxy the portal is deployed behind
(``X-Forwarded-Proto: https``): the portal's https settings (secure cookies, the redirect to https,
the CSRF origin check) are on in the benchmark as in production.
"""

import multiprocessing
import re
import secrets
import socket
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from queue import Empty

HOST = "127.0.0.1"  # the Host header: SITE_URL's host
ORIGIN = f"https://{HOST}"
SOCKET_TIMEOUT = 120
CSRF_INPUT = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class Client:
    """One simulated person: their session cookie and the requests they make, in turn, over and over.

    ``steps``: (method, path, form fields or None). A POST is sent as multipart/form-data, with the
    CSRF token read from ``csrf_page`` once, before the run. ``expect``: the status every response
    should have; ``locations``: keep every redirect's Location (to check what each one left).
    """

    cookie: str = ""
    steps: list = field(default_factory=list)
    csrf_page: str = ""
    expect: int = 200
    locations: bool = False


@dataclass
class Result:
    duration: float
    latencies: list  # seconds, of the requests begun in the window
    statuses: dict  # status -> count, of the requests begun in the window
    errors: int  # of those, the answers with another status than expected, and failed exchanges
    error_samples: list
    locations: list  # every redirect's Location, the warm-up's included
    sent: int = 0  # every request sent, the warm-up's included
    completed: int = 0  # requests completed inside the window
    abandoned: int = 0  # requests still unanswered at the end of the grace time: their latency is a lower bound
    driver_cpu: float = 0.0  # the CPU the driver processes used while driving, in cores

    @property
    def count(self):
        return len(self.latencies)

    @property
    def rate(self):
        return self.completed / self.duration if self.duration else 0.0

    def percentile(self, fraction):
        if not self.latencies:
            return None
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


class Connection:
    def __init__(self, port):
        self.port = port
        self.sock = None

    def close(self):
        if self.sock is not None:
            self.sock.close()
            self.sock = None

    def exchange(self, request, timeout=SOCKET_TIMEOUT):
        """Send ``request`` (bytes) and read the response: (status, headers as lower-case bytes, body)."""
        for attempt in (1, 2):
            reused = self.sock is not None
            if self.sock is None:
                self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)  # no name lookup: loopback
                self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                self.sock.connect(("127.0.0.1", self.port))
            self.sock.settimeout(timeout)
            try:
                self.sock.sendall(request)
                return self._read()
            except (ConnectionError, EOFError):
                self.close()
                if not reused or attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def _read(self):
        sock = self.sock
        buffer = b""
        while True:
            end = buffer.find(b"\r\n\r\n")
            if end >= 0:
                break
            chunk = sock.recv(65536)
            if not chunk:
                raise EOFError("the server closed the connection before answering")
            buffer += chunk
        head, body = buffer[:end], buffer[end + 4 :]
        lines = head.split(b"\r\n")
        status = int(lines[0][9:12])
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(b":")
            name = name.strip().lower()
            value = value.strip()
            headers[name] = headers[name] + b"\n" + value if name in headers else value
        closing = headers.get(b"connection", b"").lower() == b"close" or lines[0].startswith(b"HTTP/1.0")
        length = headers.get(b"content-length")
        if length is not None:
            length = int(length)
            while len(body) < length:
                chunk = sock.recv(max(65536, length - len(body)))
                if not chunk:
                    raise EOFError("the server closed the connection in the middle of a response")
                body += chunk
        elif headers.get(b"transfer-encoding", b"").lower() == b"chunked" and not closing:
            while not body.endswith(b"0\r\n\r\n"):
                chunk = sock.recv(65536)
                if not chunk:
                    break
                body += chunk
        elif status not in (204, 304):
            while chunk := sock.recv(65536):
                body += chunk
            closing = True
        if closing:
            self.close()
        return status, headers, body


def request_bytes(method, path, cookie="", body=b"", content_type="", referer=""):
    lines = [
        f"{method} {path} HTTP/1.1",
        f"Host: {HOST}",
        "User-Agent: conduct-portal-bench",
        "Accept: text/html,*/*",
        "Accept-Language: en-GB",
        "X-Forwarded-Proto: https",
        "Connection: keep-alive",
    ]
    if cookie:
        lines.append(f"Cookie: {cookie}")
    if method == "POST":
        lines += [
            f"Origin: {ORIGIN}",
            f"Referer: {referer or ORIGIN + path}",
            f"Content-Type: {content_type}",
            f"Content-Length: {len(body)}",
        ]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


def multipart(fields):
    boundary = "----bench" + secrets.token_hex(12)
    parts = []
    for name, value in fields:
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n')
    parts.append(f"--{boundary}--\r\n")
    return "".join(parts).encode(), f"multipart/form-data; boundary={boundary}"


def cookie_from(headers, name):
    for line in headers.get(b"set-cookie", b"").split(b"\n"):
        pair = line.split(b";", 1)[0].strip()
        if pair.startswith(name.encode() + b"="):
            return pair.split(b"=", 1)[1].decode()
    return None


def prepare(client, port):
    """The request bytes this client sends in turn; a POST carries the CSRF token from its form page."""
    cookie, token = client.cookie, None
    if client.csrf_page:
        connection = Connection(port)
        status, headers, body = connection.exchange(request_bytes("GET", client.csrf_page, cookie))
        connection.close()
        if status != 200:
            raise RuntimeError(f"GET {client.csrf_page} answered {status}, not 200: cannot read its CSRF token")
        found = CSRF_INPUT.search(body)
        if not found:
            raise RuntimeError(f"no csrfmiddlewaretoken on {client.csrf_page}")
        token = found.group(1).decode()
        csrf_cookie = cookie_from(headers, "csrftoken")
        if csrf_cookie:
            cookie = f"{cookie}; csrftoken={csrf_cookie}" if cookie else f"csrftoken={csrf_cookie}"
    prepared = []
    for method, path, fields in client.steps:
        if method == "POST":
            body, content_type = multipart([("csrfmiddlewaretoken", token), *fields])
            referer = ORIGIN + (client.csrf_page or path)
            prepared.append(request_bytes("POST", path, cookie, body, content_type, referer))
        else:
            prepared.append(request_bytes(method, path, cookie))
    return prepared


def _client_loop(client, requests, port, window, grace, out):
    """One client: request after request until the window ends.

    Throughput counts the requests that complete inside the window; latency is taken over the requests
    that begin inside it, each waited for to its end, or for ``grace`` seconds after the window: one
    still unanswered then is abandoned, and counts with the time it had waited (a lower bound).
    """
    start, end = window
    hard_deadline = end + grace
    connection = Connection(port)
    latencies, statuses, samples, locations = [], {}, [], []
    errors = sent = completed = abandoned = 0
    turn = 0
    while True:
        began = time.time()
        if began >= end:
            break
        request = requests[turn % len(requests)]
        turn += 1
        sent += 1
        counted = began >= start
        try:
            status, headers, body = connection.exchange(request, timeout=max(0.05, hard_deadline - began))
        except (OSError, EOFError, ValueError) as exc:
            connection.close()
            if time.time() >= hard_deadline - 0.01:
                abandoned += 1
                if counted:
                    latencies.append(time.time() - began)
                break
            if counted:
                errors += 1
                if len(samples) < 5:
                    samples.append(f"{exc.__class__.__name__}: {exc}")
            continue
        done = time.time()
        if client.locations and 300 <= status < 400:
            locations.append(headers.get(b"location", b"").decode())
        if start <= done <= end:
            completed += 1
        if not counted:
            continue
        latencies.append(done - began)
        statuses[status] = statuses.get(status, 0) + 1
        if status != client.expect:
            errors += 1
            if len(samples) < 5:
                where = headers.get(b"location", b"").decode()
                samples.append(f"{status} {where} {body[:300]!r}")
    connection.close()
    out.append((latencies, statuses, errors, samples, locations, sent, completed, abandoned))


def _driver(port, clients, warmup, duration, grace, queue, start):
    """One driver process: prepare its clients, say so, wait for the common start time, run them."""
    try:
        prepared = [prepare(client, port) for client in clients]
    except Exception as exc:  # noqa: BLE001 - reported by the parent
        queue.put(("error", f"{exc.__class__.__name__}: {exc}"))
        return
    queue.put(("ready", None))
    while start.value == 0.0:
        time.sleep(0.005)
    begin = start.value
    window = (begin + warmup, begin + warmup + duration)
    out = []
    threads = [
        threading.Thread(target=_client_loop, args=(client, requests, port, window, grace, out), daemon=True)
        for client, requests in zip(clients, prepared, strict=True)
    ]
    cpu = time.process_time()
    time.sleep(max(0.0, begin - time.time()))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=max(1.0, window[1] + grace - time.time() + 5))
    queue.put(("ok", (list(out), time.process_time() - cpu)))


def run(port, clients, duration, warmup, processes=2, grace=20):
    """Drive ``clients`` (a list of Client) against 127.0.0.1:``port``; a Result.

    A request unanswered ``grace`` seconds after the window is abandoned (``Result.abandoned``): the
    server may still be working on it, and on others queued behind it.
    """
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    start = context.Value("d", 0.0)
    processes = max(1, min(processes, len(clients)))
    shares = [clients[index::processes] for index in range(processes)]
    workers = [
        context.Process(target=_driver, args=(port, share, warmup, duration, grace, queue, start), daemon=True)
        for share in shares
    ]
    for worker in workers:
        worker.start()
    try:
        return _collect(workers, queue, start, duration, warmup, grace)
    finally:
        for worker in workers:
            worker.join(timeout=10)
            if worker.is_alive():
                worker.kill()


def _answer(workers, queue, deadline):
    while True:
        try:
            return queue.get(timeout=1)
        except Empty:
            if time.time() > deadline or not any(worker.is_alive() for worker in workers):
                return "error", "a driver process ended without an answer"


def _collect(workers, queue, start, duration, warmup, grace):
    failures = []
    for _ in workers:  # every driver has its clients ready (forms fetched, requests built)
        kind, payload = _answer(workers, queue, time.time() + 120)
        if kind == "error":
            failures.append(payload)
    if failures:
        start.value = -1.0
        raise RuntimeError("the load driver could not start: " + "; ".join(failures))
    start.value = time.time() + 0.2
    latencies, statuses, samples, locations = [], {}, [], []
    errors = sent = completed = abandoned = 0
    cpu = 0.0
    deadline = start.value + warmup + duration + grace + 30
    for _ in workers:
        kind, payload = _answer(workers, queue, deadline)
        if kind == "error":
            failures.append(payload)
            continue
        per_client, driver_cpu = payload
        cpu += driver_cpu
        for client_latencies, client_statuses, client_errors, client_samples, client_locations, *counts in per_client:
            latencies += client_latencies
            for status, count in client_statuses.items():
                statuses[status] = statuses.get(status, 0) + count
            errors += client_errors
            samples += client_samples
            locations += client_locations
            sent += counts[0]
            completed += counts[1]
            abandoned += counts[2]
    if failures:
        raise RuntimeError("the load driver failed: " + "; ".join(failures))
    result = Result(duration, latencies, statuses, errors, samples[:5], locations, sent, completed, abandoned)
    result.driver_cpu = cpu / (warmup + duration)  # cores the drivers used, on average
    return result


def path_of(location):
    return urllib.parse.urlsplit(location).path
