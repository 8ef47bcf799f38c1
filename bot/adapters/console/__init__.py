"""The terminal channel: `briefbot chat`, and rich and Markdown renderings of a Brief."""
