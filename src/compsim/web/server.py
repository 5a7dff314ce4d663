"""Start the page's server: uvicorn on loopback by default, until Ctrl-C."""

from __future__ import annotations

import contextlib
import ipaddress
import socket
from collections.abc import Callable, Sequence
from pathlib import Path

from compsim.errors import CompsimError

LOOPBACK_NAMES = ("localhost",)
MISSING = (
    "compsim serve needs the serve extra: pip install 'compsim[serve]' "
    "(or pip install -r requirements.txt in a checkout)"
)


def is_loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def allowed_hosts(host: str) -> list[str] | None:
    """Host headers to accept: on loopback only the loopback names, so a web page elsewhere
    cannot reach the server through a DNS name it controls (DNS rebinding)."""
    if not is_loopback(host):
        return None
    return ["127.0.0.1", "localhost", "::1", "[::1]", host]


def serve(
    paths: Sequence[Path],
    host: str,
    port: int,
    writable: bool,
    echo: Callable[[str], None],
) -> None:
    try:
        import uvicorn

        from compsim.web.app import create_app
    except ImportError as error:
        raise CompsimError(f"{MISSING} ({error.name} is missing)") from None
    if not is_loopback(host):
        echo(
            f"warning: serving on {host}, not loopback: anyone who can reach this machine "
            "can use the page (it has no login)"
        )
    try:
        listener = socket.create_server(
            (host.strip("[]"), port),
            family=socket.AF_INET6 if ":" in host else socket.AF_INET,
        )
    except OSError as error:
        raise CompsimError(
            f"--host {host} --port {port}: cannot listen: {error.strerror}"
        ) from None
    _no_delay(listener)
    try:
        app = create_app(paths, writable=writable, allowed_hosts=allowed_hosts(host))
    except BaseException:
        listener.close()
        raise
    shown = f"[{host.strip('[]')}]" if ":" in host else host
    actual_port = listener.getsockname()[1]
    # from the address on, Ctrl-C stops the server cleanly, even before uvicorn is running
    try:
        echo(f"compsim serve: http://{shown}:{actual_port}/ (Ctrl-C to stop)")
        if writable:
            echo("saving is on: the page can add scenario files to the first folder of PATHS")
        config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off")
        uvicorn.Server(config).run(sockets=[listener])
    except KeyboardInterrupt:
        pass
    finally:
        listener.close()
    echo("compsim serve: stopped")


def _no_delay(listener: socket.socket) -> None:
    """Send each response at once (TCP_NODELAY, inherited by accepted connections on Linux).
    asyncio sets it only on sockets whose protocol number is TCP, and a socket from
    ``socket.create_server`` has protocol 0: without this, a keep-alive client waits for a
    delayed ACK (about 40 ms) between a response's headers and its body."""
    with contextlib.suppress(OSError):
        listener.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


class Background:
    """The app served by uvicorn in a thread on a free loopback port, for the browser tests
    and the load benchmark: ``with Background(app) as url: ...``."""

    def __init__(self, app: object) -> None:
        import uvicorn

        self.listener = socket.create_server(("127.0.0.1", 0))
        _no_delay(self.listener)
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}"
        config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off")
        self.server = uvicorn.Server(config)
        self.thread = None

    def __enter__(self) -> str:
        import threading
        import time

        self.thread = threading.Thread(
            target=self.server.run, kwargs={"sockets": [self.listener]}, daemon=True
        )
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the server did not start")
            time.sleep(0.02)
        return self.url

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        if self.thread is not None:
            self.thread.join(timeout=10)
        self.listener.close()
