"""The terminal channel: rich and Markdown renderings of a Brief."""

from bot.adapters.console.render import render_markdown, render_rich

__all__ = ["render_markdown", "render_rich"]
