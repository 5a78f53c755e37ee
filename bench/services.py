"""Starting and stopping what the benchmark runs: its database, Redis, the SMTP sink, gunicorn and a Celery worker.

Every process is started in a session of its own (so a Ctrl-C in the terminal reaches only the
benchmark, which then stops them in order) with its output in a log file under the run's directory.
``Services`` is a context manager: leaving it, by an error or a signal too, stops every process it
started (SIGTERM to the process group, then SIGKILL) and drops the database it created.
"""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port, timeout, process=None, name="service"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{name} exited with {process.returncode} before listening on port {port}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return
        time.sleep(0.1)
    raise RuntimeError(f"{name} did not listen on port {port} within {timeout} s")


class Services:
    """The processes and the database of one benchmark run."""

    def __init__(self, run_dir, database_url):
        self.run_dir = Path(run_dir)
        self.logs = self.run_dir / "logs"
        self.logs.mkdir(parents=True, exist_ok=True)
        self.database_url = database_url
        self.processes = []  # (name, Popen), in the order started
        self.database_created = False

    # --- processes ----------------------------------------------------------------------------------

    def start(self, name, argv, env=None):
        log = (self.logs / f"{name}.log").open("ab")
        process = subprocess.Popen(
            [str(arg) for arg in argv],
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()
        self.processes.append((name, process))
        return process

    def stop(self, name, timeout=15):
        for entry in list(self.processes):
            if entry[0] == name:
                self._terminate(*entry, timeout=timeout)
                self.processes.remove(entry)

    @staticmethod
    def _terminate(name, process, timeout=15):
        if process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            print(f"  {name} did not stop within {timeout} s: killed", flush=True)
        # Whatever is left of its group (a worker's children), and the process itself if it did not stop.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(5)

    def log_path(self, name):
        return self.logs / f"{name}.log"

    # --- the services ---------------------------------------------------------------------------------

    def redis(self, port):
        process = self.start(
            "redis",
            [
                "redis-server",
                "--port",
                port,
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                self.run_dir,
            ],
        )
        wait_for_port(port, 15, process, "redis-server")
        return process

    def smtp_sink(self, port, arrivals, env):
        process = self.start(
            "smtpsink", [sys.executable, "-m", "bench.smtpsink", "--port", port, "--arrivals", arrivals], env=env
        )
        wait_for_port(port, 15, process, "the SMTP sink")
        return process

    def gunicorn(self, port, workers, env):
        process = self.start(
            "gunicorn",
            [
                *(BIN / "gunicorn", "conduct_portal.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", workers),
                *("--worker-class", "sync", "--no-control-socket", "--log-level", "warning"),
                *("--access-logfile", self.logs / "access.log"),
            ],
            env=env,
        )
        wait_for_port(port, 60, process, "gunicorn")
        return process

    def celery_worker(self, env, concurrency=None):
        argv = [
            BIN / "celery",
            "-A",
            "conduct_portal",
            "worker",
            "--loglevel=INFO",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "--hostname",
            "bench@%h",
        ]
        if concurrency:
            argv += ["--concurrency", concurrency]
        process = self.start("celery", argv, env=env)
        deadline = time.monotonic() + 60
        log = self.log_path("celery")
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(f"the Celery worker exited with {process.returncode}: see {log}")
            if b" ready." in log.read_bytes():
                return process
            time.sleep(0.2)
        raise RuntimeError(f"the Celery worker was not ready within 60 s: see {log}")

    # --- the database ------------------------------------------------------------------------------

    def _admin_connection(self):
        import psycopg2

        url = urllib.parse.urlsplit(self.database_url)
        connection = psycopg2.connect(
            host=url.hostname or "127.0.0.1",
            port=url.port or 5432,
            user=urllib.parse.unquote(url.username or "postgres"),
            password=urllib.parse.unquote(url.password or "") or None,
            dbname="postgres",
        )
        connection.autocommit = True
        return connection

    @property
    def database_name(self):
        return urllib.parse.urlsplit(self.database_url).path.lstrip("/")

    def create_database(self):
        name = self.database_name
        with contextlib.closing(self._admin_connection()) as connection, connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            cursor.execute(f'CREATE DATABASE "{name}"')
        self.database_created = True

    def drop_database(self):
        name = self.database_name
        with contextlib.closing(self._admin_connection()) as connection, connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self.database_created = False

    # --- leaving ----------------------------------------------------------------------------------

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    def close(self):
        # Signals wait until everything is stopped: a second Ctrl-C must not leave processes behind.
        previous = {sig: signal.signal(sig, signal.SIG_IGN) for sig in (signal.SIGINT, signal.SIGTERM)}
        try:
            for name, process in reversed(self.processes):
                self._terminate(name, process)
            self.processes.clear()
            if self.database_created:
                try:
                    from django.db import connections

                    connections.close_all()
                except Exception:  # noqa: BLE001 - Django may not be set up; the drop forces connections closed
                    pass
                try:
                    self.drop_database()
                except Exception as exc:  # noqa: BLE001 - say so, and go on stopping
                    print(f"  could not drop the database {self.database_name}: {exc}", flush=True)
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)


def exit_on_signals():
    """SIGTERM and SIGHUP end the run as Ctrl-C does, so the ``with Services`` block stops everything."""

    def handler(signum, _frame):
        raise KeyboardInterrupt(f"signal {signum}")

    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, handler)
