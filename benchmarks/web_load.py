"""A short, bounded load test of compsim serve on loopback: N cases worked out through the
server's /evaluate endpoint (every landlord and the reference, the page's own request), with
the median and 99th percentile latency. Not a test: figures depend on the machine.

    .venv/bin/python benchmarks/web_load.py                   # 1,000 requests, 1 client
    .venv/bin/python benchmarks/web_load.py --clients 4 --max-seconds 60

The cases cycle through the shipped library as the form holds them, every fifth with a draft
(Alliance's Medium Impact sum changed), so drafts and their cache are measured too. The server
is ``compsim serve --port 0`` in its own process, as a user runs it (a server in a thread of
this process would share the GIL with the clients and measure that instead); clients use
keep-alive HTTP/1.1 connections and are stopped by --max-seconds at the latest.
"""

from __future__ import annotations

import argparse
import http.client
import json
import re
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from urllib.parse import urlencode, urlsplit


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--clients", type=int, default=1)
    parser.add_argument("--max-seconds", type=float, default=120.0, help="stop early after this")
    args = parser.parse_args()

    from compsim.web.engine import Engine

    engine = Engine()
    columns = len(engine.policies)
    bodies = []
    for number, entry in enumerate(engine.library.values()):
        values = dict(entry.values)
        if number % 5 == 0:
            values["draft:alliance:matrix.full.medium"] = "600"
        bodies.append(urlencode(values).encode())

    latencies: list[float] = []
    drafts = 0
    failures: list[str] = []
    lock = threading.Lock()
    counter = iter(range(args.requests))
    deadline = time.monotonic() + args.max_seconds

    def client(url: str) -> None:
        nonlocal drafts
        parts = urlsplit(url)
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        connection.connect()
        connection.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        headers = {"content-type": "application/x-www-form-urlencoded"}
        while time.monotonic() < deadline:
            with lock:
                number = next(counter, None)
            if number is None:
                break
            body = bodies[number % len(bodies)]
            started = time.perf_counter()
            connection.request("POST", "/evaluate", body=body, headers=headers)
            response = connection.getresponse()
            payload = response.read()
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                if response.status != 200 or not json.loads(payload)["ok"]:
                    failures.append(f"{response.status} {payload[:200]!r}")
                elif b"alliance-draft" in payload:
                    drafts += 1
        connection.close()

    server = subprocess.Popen(
        [sys.executable, "-m", "compsim", "serve", "--port", "0"],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = server.stderr.readline()
        found = re.search(r"http://127\.0\.0\.1:\d+", line)
        if not found:
            print(f"the server did not start: {line}", file=sys.stderr)
            return 1
        started = time.perf_counter()
        threads = [threading.Thread(target=client, args=(found[0],)) for _ in range(args.clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wall = time.perf_counter() - started
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()

    done = len(latencies)
    if done < 2:
        print("too few requests finished to report", file=sys.stderr)
        return 1
    cuts = statistics.quantiles(latencies, n=100, method="inclusive")
    print(f"{done} cases through /evaluate with {args.clients} client(s) in {wall:.1f} s")
    print(
        f"  {done * columns + drafts} decisions ({columns} policies each, {drafts} draft columns)"
    )
    print(
        f"  median {statistics.median(latencies) * 1000:.1f} ms, p99 {cuts[98] * 1000:.1f} ms, "
        f"max {max(latencies) * 1000:.1f} ms; {done / wall:.0f} cases/s"
    )
    if done < args.requests:
        print(f"  stopped early at --max-seconds {args.max_seconds:g}")
    if failures:
        print(f"  {len(failures)} failed, e.g. {failures[0]}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
