"""The deployment files say what the code does: the image installs the pinned versions, exposes
the HTTP port and checks its health; compose runs it on PostgreSQL; the licence is pyproject's."""

from __future__ import annotations

import re
import subprocess
import sys
import threading
import tomllib
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from socket import socket

import pytest
from locations import REPO
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from bot.store.database import async_url

PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
DOCKERFILE = (REPO / "Dockerfile").read_text(encoding="utf-8")
COMPOSE = (REPO / "compose.yaml").read_text(encoding="utf-8")


def pins() -> dict[str, str]:
    lines = (REPO / "config" / "constraints.txt").read_text(encoding="utf-8").splitlines()
    found = {}
    for line in lines:
        if line and not line.startswith("#"):
            name, _, pinned = line.partition("==")
            found[canonicalize_name(name)] = pinned
    return found


def test_every_dependency_is_pinned_within_its_range() -> None:
    pinned = pins()
    for spec in PYPROJECT["dependencies"]:
        requirement = Requirement(spec)
        name = canonicalize_name(requirement.name)
        assert name in pinned, f"{name} is not in config/constraints.txt: run make constraints"
        assert requirement.specifier.contains(pinned[name]), (name, pinned[name])


def test_the_image_installs_the_pins_exposes_the_port_and_checks_health() -> None:
    assert "pip install --no-cache-dir -c config/constraints.txt ." in DOCKERFILE
    assert re.search(r"^EXPOSE 3000$", DOCKERFILE, re.M)
    assert re.search(r'^HEALTHCHECK .*\n\s+CMD .*"bot\.healthcheck"\]', DOCKERFILE, re.M)
    assert re.search(r"BRIEFBOT_HEALTH_PORT=3000\b", DOCKERFILE)  # the healthcheck and bot agree
    python = re.search(r"^FROM python:(\d+\.\d+)", DOCKERFILE, re.M)
    assert python and PYPROJECT["requires-python"] == f">={python[1]}"


def test_compose_runs_briefbot_on_postgresql_with_volumes_and_healthchecks() -> None:
    for piece in ("db:", "briefbot:", "pg_isready", "condition: service_healthy", "env_file: .env"):
        assert piece in COMPOSE
    assert "db-data:/var/lib/postgresql/data" in COMPOSE
    assert "briefbot-data:/app/.briefbot" in COMPOSE
    url = re.search(r"BRIEFBOT_DATABASE_URL: (\S+)", COMPOSE)
    assert url is not None
    assert async_url(url[1].replace("${POSTGRES_PASSWORD}", "pw")).drivername == (
        "postgresql+asyncpg"
    )
    example = (REPO / "config" / "env.example").read_text(encoding="utf-8")
    assert "POSTGRES_PASSWORD=" in example and "SLACK_BOT_TOKEN=" in example


def test_the_licence_and_the_project_files_are_there() -> None:
    assert PYPROJECT["license"] == {"text": "MIT"}
    assert (REPO / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    for name in ("CONTRIBUTING.md", "CHANGELOG.md"):
        assert (REPO / name).stat().st_size > 0


class _Answers(BaseHTTPRequestHandler):
    """Briefbot's health routes as the healthcheck sees them: /healthz 200, anything else 404."""

    def do_GET(self) -> None:
        self.send_response(200 if self.path == "/healthz" else 404)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def http_port() -> Iterator[int]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Answers)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def healthcheck(port: int) -> int:
    script = REPO / "bot" / "healthcheck.py"
    env = {"BRIEFBOT_HEALTH_PORT": str(port), "PATH": "/usr/bin:/bin"}
    return subprocess.run([sys.executable, str(script)], env=env, timeout=60).returncode


def test_the_healthcheck_passes_when_healthz_answers_200(http_port: int) -> None:
    assert healthcheck(http_port) == 0


class _NoHealthz(_Answers):
    def do_GET(self) -> None:
        self.send_response(404)
        self.end_headers()


def test_the_healthcheck_fails_when_the_port_answers_but_not_healthz() -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _NoHealthz)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        assert healthcheck(server.server_address[1]) == 1
    finally:
        server.shutdown()
        server.server_close()


def test_the_healthcheck_passes_when_no_http_server_is_meant_to_listen() -> None:
    with socket() as s:  # a port nobody listens on: Socket Mode or Discord
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    assert healthcheck(port) == 0


def test_the_healthcheck_fails_when_the_port_takes_connections_but_never_answers() -> None:
    with socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()

        def hang_up() -> None:
            for _ in range(2):  # the probe, then the request: each closed unanswered
                connection, _ = listener.accept()
                connection.close()

        thread = threading.Thread(target=hang_up, daemon=True)
        thread.start()
        assert healthcheck(listener.getsockname()[1]) == 1
        thread.join(timeout=10)
