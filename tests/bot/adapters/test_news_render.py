"""What's new as each platform draws it (pure renderers): the lead, the new pieces, the one
line when nothing is new, and "Updated" for a link's own earlier version."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from story import DEAL, STRIKE

from bot.adapters.console.render import render_markdown
from bot.adapters.discord.render import render_brief as discord_brief
from bot.adapters.presentation.news import NOTHING_CHANGED, NOTHING_NEW
from bot.adapters.slack.render import render_brief as slack_brief
from summarizer import Brief, Summarizer
from summarizer.novelty import whats_new
from summarizer.types import Since

DEAL_URL = "https://news.test/deal"
STRIKE_SINCE = Since(
    "Dock <!channel> @everyone strike", "https://news.test/strike", "2026-03-02T07:00:00+00:00"
)


@pytest.fixture(scope="module")
def deal(summarizer_: Summarizer) -> Brief:
    return summarizer_.summarize(DEAL, title="Strike ends").with_source(url=DEAL_URL)


@pytest.fixture(scope="module")
def strike(summarizer_: Summarizer) -> Brief:
    return summarizer_.summarize(STRIKE, title="Dock strike")


def drawn(brief: Brief) -> dict[str, str]:
    return {
        "slack": json.dumps(slack_brief(brief).blocks, ensure_ascii=False),
        "discord": json.dumps([e.to_dict() for e in discord_brief(brief)], ensure_ascii=False),
        "terminal": render_markdown(brief),
    }


def test_the_news_leads_with_the_earlier_article_and_says_what_is_new(
    strike: Brief, deal: Brief
) -> None:
    told = replace(deal, whats_new=whats_new([strike], deal, since=STRIKE_SINCE))
    for platform, shown in drawn(told).items():
        assert "What's new" in shown and "2 March 2026" in shown, platform
        assert shown.index("What's new") < shown.index("Summary"), platform
        assert "This deal shows what dock workers can win" in shown, platform
    # The earlier article's title is article text: escaped like the rest.
    shown = drawn(told)
    assert "<https://news.test/strike|Dock &lt;!channel&gt; @everyone strike>" in shown["slack"]
    assert "@everyone" not in shown["discord"] and "Dock" in shown["discord"]


def test_nothing_new_is_one_line_and_a_changed_page_is_updated(deal: Brief) -> None:
    same = replace(deal, whats_new=whats_new([deal], deal, since=STRIKE_SINCE))
    for platform, shown in drawn(same).items():
        assert shown.count(NOTHING_NEW) == 1, platform
    again = Since("Strike ends", DEAL_URL, "2026-03-02T07:00:00+00:00")
    updated = replace(deal, whats_new=whats_new([deal], deal, since=again))
    for platform, shown in drawn(updated).items():
        assert "Updated" in shown and "since the version shared 2 March 2026" in shown, platform
        assert shown.count(NOTHING_CHANGED) == 1 and "What's new" not in shown, platform
    assert all("What's new" not in s for s in drawn(deal).values())
