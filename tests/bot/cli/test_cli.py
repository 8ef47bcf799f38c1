"""The real `briefbot` command, run as a subprocess: outputs, and plain errors with exit 2."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from command_line import assert_plain_error, briefbot
from contract import ACTOR_KEYS, BRIEF_KEYS, QUOTE_KEYS
from locations import REPO, SEED

from summarizer import summarize


def test_brief_json_is_the_design_object() -> None:
    result = briefbot("brief", str(SEED), "--format", "json", "--title", "Strikes")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data.keys() >= BRIEF_KEYS
    assert data["title"] == "Strikes"
    assert data["word_count"] > 400 and data["bullets"]
    assert all(b.keys() == {"text", "sentence"} for b in data["bullets"])
    assert all(q.keys() == QUOTE_KEYS for q in data["quotes"])
    assert all(a.keys() == ACTOR_KEYS for a in data["actors"])
    text = SEED.read_text(encoding="utf-8")
    assert result.stdout == summarize(text, title="Strikes").to_json() + "\n"


def test_brief_text_and_markdown_show_the_briefing() -> None:
    data = json.loads(briefbot("brief", str(SEED), "--format", "json").stdout)
    first_bullet = data["bullets"][0]["text"]

    text = briefbot("brief", str(SEED), "--title", "Israel [bold]strikes[/bold]")
    assert text.returncode == 0, text.stderr
    assert "Israel [bold]strikes[/bold]" in text.stdout
    assert f"1. {first_bullet}" in text.stdout
    assert f"{data['word_count']} words" in text.stdout

    md = briefbot("brief", str(SEED), "--format", "markdown", "--title", "Israel *strikes*")
    assert md.returncode == 0, md.stderr
    assert md.stdout.startswith("# Israel \\*strikes\\*\n")
    assert "## Summary" in md.stdout
    assert f"1. {first_bullet[:30]}" in md.stdout


def test_brief_from_stdin_matches_the_file() -> None:
    from_file = briefbot("brief", str(SEED), "--format", "json")
    from_stdin = briefbot("brief", "-", "--format", "json", stdin=SEED.read_bytes())
    assert from_stdin.returncode == 0, from_stdin.stderr
    assert from_stdin.stdout == from_file.stdout


@pytest.mark.parametrize(
    "content",
    [b"", b"  \n\t\n   \n", b"\xff\xfe\x00\x81" * 1000, b"\x00\x81\x00\x00" * 1000],
    ids=["empty", "whitespace", "undecodable", "nul-bytes"],
)
def test_bad_input_is_a_plain_error(cli_env: Path, content: bytes) -> None:
    path = cli_env / "article.txt"
    path.write_bytes(content)
    assert_plain_error(briefbot("brief", str(path)))
    assert_plain_error(briefbot("brief", "-", stdin=content))


def test_missing_file_and_folder() -> None:
    assert_plain_error(
        briefbot("brief", "no/such/article.txt"), "No such file: no/such/article.txt"
    )
    assert_plain_error(
        briefbot("brief", str(REPO / "seeds")), f"That is a folder, not a file: {REPO / 'seeds'}"
    )


PRIVATE_REFUSAL = "That link points to a private network address, so it will not be opened."


def test_link_to_a_private_address_is_refused_in_one_sentence() -> None:
    assert_plain_error(briefbot("brief", "http://127.0.0.1:9/news/story.html"), PRIVATE_REFUSAL)
    assert_plain_error(briefbot("brief", "http://[::1]:9/story"), PRIVATE_REFUSAL)


@pytest.fixture
def news_site() -> Iterator[str]:
    """A local stand-in for a news site, serving the seed article as a web page."""
    text = SEED.read_text(encoding="utf-8")
    body = (
        "<html><head><title>Israel strikes Hezbollah</title>"
        '<link rel="canonical" href="https://news.example.com/strike"></head><body><article>'
        + "".join(f"<p>{p}</p>" for p in text.split("\n") if p.strip())
        + "</article></body></html>"
    ).encode()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/world/strike"
    server.shutdown()


def test_link_is_read_stored_and_briefed(news_site: str, cli_env: Path) -> None:
    result = briefbot("brief", news_site, "--allow-private-networks", "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["title"] == "Israel strikes Hezbollah"
    assert data["url"] == news_site  # its canonical names another site: not believed
    assert any(q["speaker"] == "Hassan Nasrallah" for q in data["quotes"])
    assert (cli_env / ".briefbot" / "briefbot.db").is_file()


def test_ingest_keeps_going_past_a_bad_source(news_site: str) -> None:
    result = briefbot("ingest", news_site, "no/such.txt", str(SEED), "--allow-private-networks")
    assert result.returncode == 2
    lines = result.stdout.strip().splitlines()
    assert lines[0] == f"{news_site}: stored as article 1 (Israel strikes Hezbollah)"
    assert lines[1].startswith(f"{SEED}: already stored as article 1")
    warning, problem = result.stderr.strip().splitlines()
    assert warning.startswith("WARNING") and "Private network addresses are allowed" in warning
    assert problem == "no/such.txt: No such file: no/such.txt"


def test_invalid_configuration_is_a_plain_error(
    cli_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BRIEFBOT_LOG_LEVEL", "loud")
    assert_plain_error(briefbot("brief", str(SEED)))
    monkeypatch.delenv("BRIEFBOT_LOG_LEVEL")
    (cli_env / "bad.toml").write_text("log_level = [\n", encoding="utf-8")
    monkeypatch.setenv("BRIEFBOT_CONFIG", str(cli_env / "bad.toml"))
    assert_plain_error(briefbot("demo"))


def test_run_without_a_platform() -> None:
    result = briefbot("run")
    assert_plain_error(result)
    assert "SLACK_BOT_TOKEN" in result.stderr and "DISCORD_TOKEN" in result.stderr


def test_run_offers_only_the_platforms_it_serves() -> None:
    shown = briefbot("run", "--help")
    assert shown.returncode == 0, shown.stderr
    assert "<slack|discord>" in shown.stdout
    host = next(line for line in shown.stdout.splitlines() if "--host" in line)
    assert "[default: 127.0.0.1]" in host  # every interface only when asked (the image asks)
    console = briefbot("run", "console")  # a platform, but `briefbot chat`'s
    assert console.returncode == 2 and "Usage: briefbot run" in console.stderr


def test_debug_logging_never_shows_secrets(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFBOT_LOG_LEVEL", "DEBUG")
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-very-secret-token")
    monkeypatch.setenv("DISCORD_TOKEN", "discord-very-secret-token")
    monkeypatch.setenv("BRIEFBOT_DISCORD_API_URL", "http://127.0.0.1:9/api/v10")  # stays local
    monkeypatch.setenv("BRIEFBOT_PLATFORM_CONNECT_ATTEMPTS", "2")  # out of reach: give up
    result = briefbot("run")
    assert result.returncode == 2
    assert "Settings:" in result.stderr  # debug logging is on and shows the settings...
    assert "very-secret" not in result.stderr + result.stdout  # ...but never the tokens
    assert "Traceback" not in result.stderr
    # Discord, out of reach, was tried again once (one warning line), then given up.
    assert result.stderr.count("Discord could not be reached") == 1
    assert "Discord stopped: the platform could not be reached" in result.stderr


def test_demo_briefs_the_seeds_from_the_checkout() -> None:
    result = briefbot("demo")  # the working folder has no seeds/: falls back to the checkout
    assert result.returncode == 0, result.stderr
    assert SEED.name in result.stdout
    assert "Summary" in result.stdout


def test_demo_prefers_seeds_in_the_working_folder(cli_env: Path) -> None:
    (cli_env / "seeds").mkdir()
    (cli_env / "seeds" / "local.txt").write_text(
        "The council approved the new budget on Monday. The mayor said the plan was fair. "
        "Critics said the cuts went too far and promised to fight them in court.\n",
        encoding="utf-8",
    )
    result = briefbot("demo")
    assert result.returncode == 0, result.stderr
    assert "local.txt" in result.stdout
    assert SEED.name not in result.stdout


def test_run_refuses_a_platform_without_its_tokens(monkeypatch: pytest.MonkeyPatch) -> None:
    assert_plain_error(
        briefbot("run", "discord"),
        "Discord is not configured: set DISCORD_TOKEN in the environment.",
    )
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-test")
    result = briefbot("run", "slack", "--http", "--port", "0")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    (said,) = result.stderr.strip().splitlines()  # the fatal error once, nothing before it
    assert said.startswith("Slack over HTTP needs SLACK_SIGNING_SECRET")
    assert "xoxb-test" not in result.stderr + result.stdout


def test_help_and_version_answer_without_loading_the_engine() -> None:
    probe = (
        "import sys\n"
        "from bot import cli\n"
        "sys.argv = ['briefbot', sys.argv[1]]\n"
        "try:\n    cli.main()\n"
        "except SystemExit:\n    pass\n"
        "heavy = ('spacy', 'sqlalchemy', 'discord', 'slack_bolt', 'rich', 'summarizer')\n"
        "print('loaded:', [m for m in heavy if m in sys.modules])\n"
    )
    for flag in ("--help", "--version"):
        result = subprocess.run(
            [sys.executable, "-c", probe, flag], capture_output=True, text=True, timeout=60
        )
        assert result.returncode == 0, result.stderr
        assert "loaded: []" in result.stdout, result.stdout
    assert re.fullmatch(r"briefbot \d+\.\d+\.\d+\S*\n", briefbot("--version").stdout)


def test_piped_help_and_briefs_are_whole_lines() -> None:
    shown = briefbot("brief", "--help").stdout
    assert "--allow-private-networks" in shown and "…" not in shown and "..." not in shown
    out = briefbot("brief", str(SEED)).stdout
    lines = out.splitlines()
    assert all(line == line.rstrip() for line in lines)  # no padding
    bullet = next(line for line in lines if line.startswith("1. "))
    assert len(bullet) > 100  # one line, not folded at 80 columns


@pytest.mark.parametrize(
    ("source", "says"),
    [
        (
            "ftp://example.com/story.txt",
            "Briefbot reads http:// and https:// links only, not ftp://.",
        ),
        (
            "Gopher://example.com/x",
            "Briefbot reads http:// and https:// links only, not gopher://.",
        ),
        ("www.example.invalid/story", None),  # read as https://: a link's error, not a file's
    ],
)
def test_other_schemes_and_bare_www_links_get_a_plain_answer(source: str, says: str | None) -> None:
    result = briefbot("brief", source)
    assert_plain_error(result, says)
    assert "No such file" not in result.stderr


def test_a_greeting_is_too_short_not_a_fragment() -> None:
    assert_plain_error(
        briefbot("brief", "-", stdin=b"Hello world.\n"),
        "That is too short to brief: give Briefbot a whole article.",
    )
