"""The ASGI application behind ``compsim serve``: one page, a few form endpoints.

- ``GET /`` the page (``?scenario=ID`` opens a library scenario; ``?q=`` searches the list)
- ``POST /`` the same page with the form's case worked (works without JavaScript)
- ``POST /evaluate`` the results and the errors as JSON, for the page's script
- ``POST /download/scenario`` the case as a scenario file; ``POST /download/result`` as JSON;
  ``POST /download/report`` the HTML report (when compsim report is installed)
- ``POST /save`` writes the case into the first folder of PATHS (only with ``--writable``)

Bad input is a 422 with the loader's messages keyed by input; a malformed request a 400; a
body over the size limit a 413. Nothing else writes to disk.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader
from starlette.applications import Starlette
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from compsim.money import format_pounds
from compsim.params import format_value
from compsim.web import form as case_form
from compsim.web.engine import Engine
from compsim.web.toml_out import to_toml

MAX_BODY = 256 * 1024  # bytes: a case form is a few kilobytes
MAX_FIELDS = 2_000
STATIC = Path(__file__).parent / "static"
SECURITY_HEADERS = {
    "content-security-policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
}
SECURITY_HEADER_LIST = [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
HEADER_NAMES = {k for k, _ in SECURITY_HEADER_LIST}


class BadRequest(Exception):
    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


class LimitBody:
    """Refuse a request body over ``limit`` bytes with a 413, before any of it is parsed;
    add the security headers to every response."""

    def __init__(self, app: Any, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: dict, receive: Any, original_send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, original_send)
            return

        async def send(message: dict) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k not in HEADER_NAMES]
                message = {**message, "headers": headers + SECURITY_HEADER_LIST}
            await original_send(message)

        declared = dict(scope.get("headers") or []).get(b"content-length", b"0")
        if not declared.isdigit() or int(declared) > self.limit:
            await _too_large(scope, receive, send, self.limit, declared.isdigit())
            return
        chunks: list[bytes] = []
        total = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body = message.get("body", b"")
            total += len(body)
            if total > self.limit:
                await _too_large(scope, receive, send, self.limit, True)
                return
            chunks.append(body)
            if not message.get("more_body"):
                break
        body = b"".join(chunks)
        delivered = False

        async def replay() -> dict:
            nonlocal delivered
            if not delivered:
                delivered = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


async def _too_large(scope: dict, receive: Any, send: Any, limit: int, numeric: bool) -> None:
    if numeric:
        response = PlainTextResponse(f"request too large: at most {limit} bytes", status_code=413)
    else:
        response = PlainTextResponse("bad Content-Length header", status_code=400)
    await response(scope, receive, send)


def create_app(
    paths: Sequence[Path] = (),
    writable: bool = False,
    allowed_hosts: Sequence[str] | None = None,
    engine: Engine | None = None,
    max_body: int = MAX_BODY,
) -> Any:
    engine = engine or Engine(paths)
    templates = Environment(
        loader=PackageLoader("compsim.web", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    templates.filters["pounds"] = format_pounds
    templates.filters["value"] = format_value
    templates.tests["startingwith"] = lambda text, prefix: str(text).startswith(prefix)
    groups = case_form.schema_groups()
    switches = engine.switches()
    from compsim.web.report import available

    report_available = available()
    save_dir = next((p for p in engine.paths if p.is_dir()), None) if writable else None

    def page(
        values: dict[str, str],
        drafts: dict[str, str],
        checked: case_form.Checked | None,
        columns: list | None,
        draft_errors: dict[str, str],
        query: str = "",
        opened: str = "",
        notice: str = "",
    ) -> str:
        errors = {**(checked.errors if checked else {}), **draft_errors}
        return templates.get_template("page.html.j2").render(
            groups=groups,
            values=values,
            drafts=drafts,
            errors=errors,
            general="; ".join(
                [errors.get("", "")]
                + [
                    f"{name}: {message}"
                    for name, message in errors.items()
                    if name
                    and not name.startswith("draft:")
                    and not case_form.on_form(name, groups)
                ]
            ).strip("; "),
            library=engine.search(query) if query else list(engine.library.values()),
            query=query,
            opened=opened,
            switches=switches,
            columns=columns,
            scenario=checked.scenario if checked else None,
            writable=save_dir is not None,
            report=report_available,
            notice=notice,
            results_html=results(checked, columns),
        )

    def results(checked: case_form.Checked | None, columns: list | None) -> str:
        return templates.get_template("results.html.j2").render(
            scenario=checked.scenario if checked else None,
            columns=columns,
            reference=engine.reference,
        )

    async def read_form(request: Request) -> list[tuple[str, str]]:
        kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if kind not in ("application/x-www-form-urlencoded", "multipart/form-data"):
            raise BadRequest("expected form data (application/x-www-form-urlencoded)")
        try:
            submitted = await request.form(max_files=0, max_fields=MAX_FIELDS)
        except HTTPException as error:
            raise BadRequest(f"malformed form data: {error.detail}") from None
        except Exception as error:  # the multipart parser's own errors
            raise BadRequest(f"malformed form data: {type(error).__name__}") from None
        items = []
        for name, value in submitted.multi_items():
            if isinstance(value, UploadFile):
                raise BadRequest("expected form fields, got a file upload")
            if "\x00" in name or "\x00" in value:
                raise BadRequest("malformed form data: a NUL character")
            items.append((name, value))
        return items

    def work(items: list[tuple[str, str]]):
        values = case_form.form_values(items)
        drafts = {name: value for name, value in items if name.startswith("draft:")}
        checked = case_form.check(values)
        overrides, draft_errors = engine.draft_overrides(items)
        columns = None
        if checked.scenario is not None and not draft_errors:
            columns = engine.run(checked.scenario, engine.draft_policies(overrides))
        return values, drafts, checked, columns, draft_errors

    async def home(request: Request) -> Response:
        query = request.query_params.get("q", "")[:200]
        opened = request.query_params.get("scenario", "")
        if opened:
            entry = engine.library.get(opened)
            if entry is None:
                return HTMLResponse(
                    templates.get_template("message.html.j2").render(
                        message=f"no scenario {opened!r} in the library"
                    ),
                    status_code=404,
                )
            values = dict(entry.values)
            checked = case_form.check(values)
            columns = engine.run(checked.scenario) if checked.scenario else None
            return HTMLResponse(page(values, {}, checked, columns, {}, query, opened))
        return HTMLResponse(page({}, {}, None, None, {}, query))

    async def submit(request: Request) -> Response:
        values, drafts, checked, columns, draft_errors = work(await read_form(request))
        status = 200 if columns is not None else 422
        return HTMLResponse(
            page(values, drafts, checked, columns, draft_errors), status_code=status
        )

    async def evaluate(request: Request) -> Response:
        _, _, checked, columns, draft_errors = work(await read_form(request))
        errors = {**checked.errors, **draft_errors}
        return JSONResponse(
            {"ok": columns is not None, "errors": errors, "results": results(checked, columns)},
            status_code=200 if columns is not None else 422,
        )

    def refused(checked: case_form.Checked, draft_errors: dict[str, str]) -> Response:
        errors = {**checked.errors, **draft_errors}
        lines = [f"{name or 'the case'}: {message}" for name, message in errors.items()]
        return PlainTextResponse("\n".join(lines) + "\n", status_code=422)

    async def download_scenario(request: Request) -> Response:
        values = case_form.form_values(await read_form(request))
        checked = case_form.check(values)
        if checked.scenario is None:
            return refused(checked, {})
        text = checked_toml(checked)
        return _attachment(text, f"{checked.scenario.id}.toml", "application/toml")

    async def download_result(request: Request) -> Response:
        _, _, checked, columns, draft_errors = work(await read_form(request))
        if columns is None:
            return refused(checked, draft_errors)
        text = engine.result_json(checked.scenario, columns)
        return _attachment(text, f"{checked.scenario.id}-result.json", "application/json")

    async def download_report(request: Request) -> Response:
        from compsim.web.report import report_html

        _, _, checked, columns, draft_errors = work(await read_form(request))
        if columns is None:
            return refused(checked, draft_errors)
        try:
            text = report_html(checked.scenario, [c.policy for c in columns])
        except LookupError as error:
            return PlainTextResponse(f"{error}\n", status_code=501)
        return _attachment(text, f"{checked.scenario.id}-report.html", "text/html")

    async def save(request: Request) -> Response:
        if save_dir is None:
            return PlainTextResponse(
                "saving is off: start compsim serve with --writable to save into PATHS",
                status_code=403,
            )
        values = case_form.form_values(await read_form(request))
        checked = case_form.check(values)
        if checked.scenario is None:
            return refused(checked, {})
        scenario_id = checked.scenario.id
        if not re.fullmatch(r"[a-z0-9-]+", scenario_id) or scenario_id in engine.library:
            return PlainTextResponse(
                f"id: {scenario_id!r} is already a scenario in the library; choose another id",
                status_code=409,
            )
        root = save_dir.resolve()
        target = (root / f"{scenario_id}.toml").resolve()
        if target.parent != root or target.exists():
            return PlainTextResponse(f"{target.name} already exists", status_code=409)
        text = checked_toml(checked)
        temporary = root / f".{scenario_id}.toml.tmp"
        try:
            temporary.write_text(text, encoding="utf-8")
            os.replace(temporary, target)
        except OSError as error:
            temporary.unlink(missing_ok=True)
            return PlainTextResponse(f"cannot write {target.name}: {error.strerror}", 409)
        from compsim.scenarios import load_file

        engine.add(load_file(target))
        columns = engine.run(checked.scenario)
        notice = f"Saved as {target}: it is now in the library list."
        return HTMLResponse(
            page(values, {}, checked, columns, {}, opened=scenario_id, notice=notice),
            status_code=201,
        )

    async def bad_request(request: Request, error: Exception) -> Response:
        assert isinstance(error, BadRequest)
        return PlainTextResponse(f"{error}\n", status_code=error.status)

    from starlette.middleware import Middleware
    from starlette.middleware.trustedhost import TrustedHostMiddleware

    middleware = []
    if allowed_hosts:
        middleware.append(Middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts)))
    app = Starlette(
        routes=[
            Route("/", home, methods=["GET"]),
            Route("/", submit, methods=["POST"]),
            Route("/evaluate", evaluate, methods=["POST"]),
            Route("/download/scenario", download_scenario, methods=["POST"]),
            Route("/download/result", download_result, methods=["POST"]),
            Route("/download/report", download_report, methods=["POST"]),
            Route("/save", save, methods=["POST"]),
            Mount("/static", StaticFiles(directory=STATIC), name="static"),
        ],
        middleware=middleware,
        exception_handlers={BadRequest: bad_request},
    )
    app.state.engine = engine
    return LimitBody(app, max_body)


def checked_toml(checked: case_form.Checked) -> str:
    """The case as a scenario file, read back through the loader so it is one
    ``compsim validate`` accepts (an AssertionError here is a bug in the writer)."""
    from compsim.scenarios import load_text

    text = to_toml(checked.data)
    assert checked.scenario is not None
    again = load_text(text, source="the download", stem=checked.scenario.id)
    assert again == checked.scenario, "the scenario file does not read back as the case"
    return text


def _attachment(text: str, filename: str, media_type: str) -> Response:
    return Response(
        text,
        media_type=media_type,
        headers={"content-disposition": f'attachment; filename="{filename}"'},
    )
