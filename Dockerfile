# Briefbot: runs `briefbot run` as an unprivileged user.
# Secrets (SLACK_BOT_TOKEN, SLACK_APP_TOKEN, SLACK_SIGNING_SECRET, DISCORD_TOKEN) are passed
# as environment variables at run time, never baked into the image. README.md, "Deployment",
# says how to run it; compose.yaml runs it with PostgreSQL.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    BRIEFBOT_HEALTH_PORT=3000

RUN useradd --create-home --uid 10001 briefbot

WORKDIR /app
# The pinned versions first (config/constraints.txt, kept with `make constraints`): the same
# dependencies on every build, and a layer that only a change of them rebuilds.
COPY config/constraints.txt ./config/
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY summarizer ./summarizer
COPY config ./config
COPY seeds ./seeds
RUN pip install --no-cache-dir -c config/constraints.txt . \
    && mkdir -p /app/.briefbot \
    && chown briefbot:briefbot /app/.briefbot

# The default SQLite store lives in /app/.briefbot; mount a volume there to keep it.
VOLUME ["/app/.briefbot"]
USER briefbot
# Slack over HTTP (`briefbot run slack --http`) listens here, with /healthz, /readyz and
# /metrics beside /slack/events; in Socket Mode and on Discord the health listener does
# (BRIEFBOT_HEALTH_PORT), on the same --host.
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
    CMD ["python", "-m", "bot.healthcheck"]
# --host matters with --http only: inside the container, Slack must reach every interface.
CMD ["briefbot", "run", "--host", "0.0.0.0"]
