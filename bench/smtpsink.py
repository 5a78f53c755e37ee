"""An SMTP server on loopback that accepts every message and writes down when it arrived.

    python -m bench.smtpsink --port 2525 --arrivals arrivals.tsv

One line a message: the arrival time (Unix seconds, this machine's clock), its Message-ID and the
number of recipients, tab-separated, flushed as it arrives, so the benchmark can count messages and
match each one to its outbox row (the portal makes the Message-ID from the row's key).
"""

import argparse
import asyncio
import re
import signal
import time

from aiosmtpd.controller import Controller

MESSAGE_ID = re.compile(rb"^Message-ID:[ \t]*(<[^>\r\n]*>)", re.IGNORECASE | re.MULTILINE)


class Sink:
    def __init__(self, path):
        self.file = open(path, "a", buffering=1)  # noqa: SIM115 - open for the server's life
        self.count = 0

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        arrived = time.time()
        content = envelope.original_content or b""
        head = re.sub(rb"\r?\n[ \t]+", b" ", content.split(b"\r\n\r\n", 1)[0])  # unfolded
        found = MESSAGE_ID.search(head)
        message_id = found.group(1).decode("ascii", "replace") if found else "-"
        self.file.write(f"{arrived:.6f}\t{message_id}\t{len(envelope.rcpt_tos)}\n")
        self.count += 1
        return "250 Message accepted for delivery"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--arrivals", required=True)
    args = parser.parse_args()
    sink = Sink(args.arrivals)
    controller = Controller(sink, hostname="127.0.0.1", port=args.port, ready_timeout=10)
    controller.start()
    stop = asyncio.Event()

    async def wait():
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, stop.set)
        await stop.wait()

    try:
        asyncio.run(wait())
    finally:
        controller.stop()
        sink.file.close()
        print(f"smtpsink: {sink.count} messages", flush=True)


if __name__ == "__main__":
    main()
