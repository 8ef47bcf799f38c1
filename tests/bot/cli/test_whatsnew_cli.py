"""What's new through the real `briefbot` command: `brief … --format json` over the terminal
channel's store, and `briefbot chat`, with the made-up story of tests/story.py."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from command_line import briefbot
from sites import article_page
from story import DEAL, STRIKE

DEVELOPMENT = "voted on Thursday to accept a raise of seven percent"
NEW_QUOTE = "This deal shows what dock workers can win when they stand together"
OLD_QUOTE = "We will not unload a single ship until the pay offer is fair"
OLD_BULLET = "The strike was called by the Harbour Workers Union"
PAGES = {
    "/strike": ("Dock workers strike at Marlow", STRIKE),
    "/deal": ("Marlow strike ends", DEAL),
}


@pytest.fixture
def site() -> Iterator[str]:
    served: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            # /live tells the strike when first read, the deal after: a page that changed.
            live = "/deal" if "/live" in served else "/strike"
            served.append(self.path)
            title, text = PAGES[live if self.path == "/live" else self.path]
            body = article_page(text, title, "").encode()
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
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def brief_json(url: str) -> dict[str, object]:
    result = briefbot("brief", url, "--allow-private-networks", "--format", "json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_brief_json_adds_whats_new_for_a_later_article_of_the_story(site: str) -> None:
    first = brief_json(f"{site}/strike")
    assert "whats_new" not in first
    later = brief_json(f"{site}/deal")
    new = later["whats_new"]
    assert isinstance(new, dict)
    assert list(new) == ["since", "sentences", "quotes", "actors"]
    assert new["since"]["title"] == "Dock workers strike at Marlow"
    assert new["since"]["url"] == f"{site}/strike"
    assert new["since"]["shared_at"]
    assert [DEVELOPMENT in s["text"] for s in new["sentences"]] == [True]
    assert [q["text"].rstrip(",") for q in new["quotes"]] == [NEW_QUOTE]
    assert new["quotes"][0]["speaker"] == "Karen Holt"
    assert OLD_QUOTE not in json.dumps(new) and OLD_BULLET not in json.dumps(new)


def test_chat_leads_a_later_article_with_whats_new() -> None:
    result = briefbot("chat", stdin=f"{STRIKE}\n/send\n{DEAL}\n".encode())
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.count("What's new since") == 1
    news = out[out.index("What's new since") :]
    news = news[: news.index("Summary")]
    assert DEVELOPMENT in news and NEW_QUOTE in news
    assert OLD_QUOTE not in news and OLD_BULLET not in news
    assert out.index("What's new since") > out.index(OLD_QUOTE)  # after the first brief


def test_chat_leads_a_changed_page_with_what_was_updated(
    site: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BRIEFBOT_LINK_REFRESH_MINUTES", "0")  # read again on every paste
    stdin = f"{site}/live\n/send\n{site}/live\n".encode()
    result = briefbot("chat", "--allow-private-networks", stdin=stdin)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.count("Updated since the version shared") == 1
    news = out[out.index("Updated since") :]
    news = news[: news.index("Summary")]
    assert DEVELOPMENT in news and NEW_QUOTE in news and OLD_QUOTE not in news
