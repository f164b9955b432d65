# notesbot in a container: `docker compose up -d` (compose.yaml), or
#   docker build -t notesbot . && docker run -d --env-file .env -v notesbot-data:/data notesbot
# The notes are read from /notes (mount yours read-only over the default notes copied in), the
# data (SQLite database, search-index cache) is written to /data, a volume.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
# The README's install (pip installs this project and its dependencies from pyproject.toml), without
# the test tools. psycopg's binary wheel brings its own libpq: no system packages are needed.
COPY pyproject.toml README.md ./
COPY bot ./bot
RUN python -m pip install . && rm -rf /root/.cache

# The default notes, used unless a notes folder is mounted over /notes.
COPY corpus /notes

RUN useradd --system --uid 10001 --no-create-home --shell /usr/sbin/nologin notesbot \
    && mkdir /data && chown notesbot:notesbot /data
USER notesbot

# Settings (see .env.example): the paths above, and /metrics and /healthz on port 9090, so that the
# health check below works in long polling too. In webhook mode /healthz is on WEBHOOK_PORT as well.
ENV NOTES_DIR=/notes \
    DATA_DIR=/data \
    METRICS_PORT=9090 \
    METRICS_LISTEN=0.0.0.0
VOLUME ["/data"]
EXPOSE 8443 9090

HEALTHCHECK --interval=30s --timeout=15s --start-period=60s --retries=3 CMD ["notesbot", "health"]

ENTRYPOINT ["notesbot"]
CMD ["run"]
