"""What the bot says about itself on every platform: what it does, what a paste needs, where
/digest is explained, and whether auto-brief is on.

The numbers come from the service's own constants, so no help text can promise a limit the
service does not keep. Adapters add only their markup and their command syntax.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.service import MAX_LINKS, MIN_PASTED_WORDS


@dataclass(frozen=True, slots=True)
class HelpFacts:
    """The sentences every help text says, without markup: `about` follows the bot's name,
    `paste` is what a message needs to be briefed unasked, `enough_words` what makes a pasted
    text an article, and `digest_help` the command that says what `digest_help_says`."""

    about: str
    paste: str
    enough_words: str
    digest_help: str
    digest_help_says: str


def help_facts(*, min_words: int = MIN_PASTED_WORDS, max_links: int = MAX_LINKS) -> HelpFacts:
    enough = f"{min_words} words or more"
    return HelpFacts(
        about=(
            "turns news articles into briefs: the main points, the key quotes with who said "
            "them, and where each main actor stands."
        ),
        paste=f"Paste a link (up to {max_links} per message) or an article's text ({enough})",
        enough_words=enough,
        digest_help="/digest help",
        digest_help_says="everything /digest can do, with examples",
    )


HELP_FACTS = help_facts()


def auto_brief_reply(on: bool, *, asked_by: str) -> str:
    """The answer to turning auto-brief on or off; `asked_by` is how a brief is still asked
    for on that platform when it is off, in its markup ("/brief", "`/brief` or a mention")."""
    if on:
        return "Auto-brief is on: I brief links and article texts pasted in this channel."
    return f"Auto-brief is off: in this channel I brief only on {asked_by}."


def auto_brief_state(on: bool) -> str:
    """The answer to asking whether auto-brief is on."""
    return f"Auto-brief is {'on' if on else 'off'} in this channel."
