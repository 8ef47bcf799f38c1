"""`briefbot who` and `briefbot search` over what `briefbot ingest` kept (the real command)."""

from __future__ import annotations

import json
from pathlib import Path

import harbour
from command_line import assert_plain_error, briefbot


def test_who_and_search_read_what_the_command_line_shared(cli_env: Path) -> None:
    (cli_env / "first.txt").write_text(harbour.FIRST, encoding="utf-8")
    (cli_env / "second.txt").write_text(harbour.SECOND, encoding="utf-8")
    assert briefbot("ingest", "first.txt", "second.txt").returncode == 0
    who = briefbot("who", "Varga", "--format", "json")
    assert who.returncode == 0, who.stderr
    answer = json.loads(who.stdout)
    assert (answer["name"], answer["kind"], answer["role"]) == (
        "Tom Varga",
        "person",
        "opposition leader",
    )
    quotes = [i["text"] for i in answer["items"] if i["kind"] == "quote"]
    assert quotes[0].startswith("The numbers keep moving")
    assert quotes[1].startswith("This council is writing a cheque")
    assert set(answer["items"][0]) == {"text", "kind", "cue", "title", "url", "shared_at"}
    unknown = briefbot("who", "Tom Vargo")
    assert "Did you mean: Tom Varga?" in unknown.stdout
    found = json.loads(briefbot("search", "cheque", "--format", "json").stdout)
    assert [b["snippet"] for b in found["briefs"]] == [
        "This council is writing a cheque it cannot cash,"
    ]
    assert_plain_error(briefbot("who", " "), "Give the name of a person or organisation.")
