#!/usr/bin/env bash
# `make serve`: the production path on one machine, in the foreground (Ctrl+C stops everything).
# Runs migrate (the reference data comes with it) and collectstatic, then a Celery worker with its beat
# when CELERY_BROKER_URL is set, and gunicorn with deploy/gunicorn.conf.py. Needs SECRET_KEY and
# DATABASE_URL in the environment (see deploy/env.example and docs/trien-khai.md).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.venv/bin}
if [ -n "${ENV_FILE:-}" ]; then set -a; . "$ENV_FILE"; set +a; fi  # e.g. ENV_FILE=/etc/doithoai/env
: "${SECRET_KEY:?Chưa đặt SECRET_KEY (xem deploy/env.example)}"
: "${DATABASE_URL:?Chưa đặt DATABASE_URL, ví dụ postgres://doithoai:matkhau@127.0.0.1:5432/doithoai}"
"$BIN/python" manage.py migrate --noinput
"$BIN/python" manage.py collectstatic --noinput -v0
pids=()
stop() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait || true; }
trap stop EXIT INT TERM
if [ -n "${CELERY_BROKER_URL:-}" ]; then
  mkdir -p var
  "$BIN/celery" -A config worker --beat --schedule var/celerybeat-schedule --loglevel=INFO \
    --concurrency="${CELERY_CONCURRENCY:-2}" &
  pids+=($!)
fi
"$BIN/gunicorn" -c deploy/gunicorn.conf.py &
pids+=($!)
wait -n "${pids[@]}"
