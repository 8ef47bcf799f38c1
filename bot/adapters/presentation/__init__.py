"""What every platform says, said once: how text is shaped and trimmed (text), how much of a
brief is shown and in which words (briefs), the body of a digest's story (stories), and what
the bot says about itself (help). An adapter imports these and adds only its markup and its
platform's size limits, so Slack, Discord and the terminal cannot drift apart."""
