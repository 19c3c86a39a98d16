# Đối thoại — the two commands a new user needs: `make run` and `make test`.
# Needs only Python 3.11 and make; everything else is installed into .venv from requirements.lock.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/doithoai
# The suite runs in parallel processes (pytest-xdist), one per core; TEST_WORKERS=0 runs it in one process.
TEST_WORKERS ?= auto
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/doithoai_bench

.PHONY: run serve worker test venv lint messages clean bench

# Development machines get the runtime set plus the test tools (requirements-dev.lock includes requirements.lock);
# a production server installs requirements.lock alone (see docs/trien-khai.md).
$(BIN)/.installed: requirements.lock requirements-dev.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-dev.lock
	@touch $@

venv: $(BIN)/.installed

# `make run` is the embedded development default: DEBUG on, SQLite, the demo. Everywhere else DEBUG is off.
run messages: export DEBUG ?= 1
run: venv
	@mkdir -p var
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	@echo ""
	@echo "Đối thoại đang chạy tại http://$(HOST):$(PORT)/  (Ctrl+C để dừng)"
	@echo "Trang quản trị: http://$(HOST):$(PORT)/quan-tri/   API: http://$(HOST):$(PORT)/api/v1/docs"
	@echo "Thông báo: tiến trình gửi chạy kèm (mỗi 30 giây); thư ghi vào var/mail/ khi chưa cấu hình SMTP."
	@$(BIN)/python manage.py send_notifications --loop --remind --every 30 > var/send_notifications.log 2>&1 & \
	poller=$$!; trap 'kill $$poller 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# The production path on this machine: gunicorn + whitenoise (+ a Celery worker when CELERY_BROKER_URL is set).
# Needs SECRET_KEY and DATABASE_URL in the environment (see docs/trien-khai.md); HTTPS=0 for a plain-HTTP bench.
serve: venv
	deploy/serve.sh

# Background jobs on Redis: a Celery worker with its beat (nightly retention and security-log pruning).
# Needs CELERY_BROKER_URL (e.g. redis://127.0.0.1:6379/0); production runs `worker` and `beat` as two services.
worker: venv
	@mkdir -p var
	$(BIN)/celery -A config worker --beat --schedule var/celerybeat-schedule --loglevel=INFO --concurrency=2

lint: venv
	$(BIN)/ruff check .

test: venv
	$(BIN)/ruff check .
	@echo "== Bộ kiểm thử trên SQLite =="
	DB_CONN_MAX_AGE=0 $(BIN)/python -m pytest -n $(TEST_WORKERS)
	@if $(BIN)/python scripts/pg_reachable.py "$(TEST_DATABASE_URL)"; then \
		echo "== Bộ kiểm thử trên PostgreSQL =="; \
		DB_CONN_MAX_AGE=0 DATABASE_URL="$(TEST_DATABASE_URL)" $(BIN)/python -m pytest -n $(TEST_WORKERS); \
	elif [ "$(REQUIRE_POSTGRES)" = "1" ]; then \
		echo "LỖI: không kết nối được PostgreSQL ($(TEST_DATABASE_URL)) mà REQUIRE_POSTGRES=1."; exit 1; \
	else \
		echo "Bỏ qua PostgreSQL: không kết nối được $(TEST_DATABASE_URL)."; \
	fi

# The API contract test alone (schemathesis over /api/v1/openapi.json, PostgreSQL): `make contract`,
# deeper with `make contract CONTRACT_EXAMPLES=100`. `make test` runs it too, in its PostgreSQL pass.
.PHONY: contract
contract: venv
	@$(BIN)/python scripts/pg_reachable.py "$(TEST_DATABASE_URL)" || { echo "LỖI: cần PostgreSQL ($(TEST_DATABASE_URL))."; exit 1; }
	DB_CONN_MAX_AGE=0 DATABASE_URL="$(TEST_DATABASE_URL)" CONTRACT_EXAMPLES=$(or $(CONTRACT_EXAMPLES),12) \
		$(BIN)/python -m pytest api/tests/test_contract.py -p no:randomly

messages: venv
	$(BIN)/python manage.py makemessages -l vi --no-obsolete --ignore=.venv --ignore=var --ignore=conftest.py --ignore="*/tests/*"
	$(BIN)/python manage.py compilemessages -l vi --ignore=.venv

clean:
	rm -rf $(VENV) var/doithoai.sqlite3

# Speed against the floor on PostgreSQL (not part of `make test`): `make bench`, or `make bench ARGS=--quick`.
bench: venv
	@$(BIN)/python scripts/pg_reachable.py "$(BENCH_DATABASE_URL)" --create
	DATABASE_URL="$(BENCH_DATABASE_URL)" DEBUG=1 $(BIN)/python manage.py migrate --noinput -v0
	DATABASE_URL="$(BENCH_DATABASE_URL)" $(BIN)/python -m benchmarks.run $(ARGS)
