# Briefbot: runs `briefbot run` as an unprivileged user.
# Secrets (SLACK_BOT_TOKEN, SLACK_APP_TOKEN, SLACK_SIGNING_SECRET, DISCORD_TOKEN) are passed
# as environment variables at run time, never baked into the image.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

RUN useradd --create-home --uid 10001 briefbot

WORKDIR /app
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY summarizer ./summarizer
COPY config ./config
COPY seeds ./seeds
RUN pip install --no-cache-dir . \
    && mkdir -p /app/.briefbot \
    && chown briefbot:briefbot /app/.briefbot

# The default SQLite store lives in /app/.briefbot; mount a volume there to keep it.
USER briefbot
# --host matters with --http only: inside the container, Slack must reach every interface.
CMD ["briefbot", "run", "--host", "0.0.0.0"]
