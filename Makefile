# Đối thoại — the two commands a new user needs: `make run` and `make test`.
# Needs only Python 3.11 and make; everything else is installed into .venv from requirements.lock.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/doithoai

.PHONY: run test venv lint messages clean

# Development machines get the runtime set plus the test tools (requirements-dev.lock includes requirements.lock);
# a production server installs requirements.lock alone (see docs/trien-khai.md).
$(BIN)/.installed: requirements.lock requirements-dev.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-dev.lock
	@touch $@

venv: $(BIN)/.installed

run: venv
	@mkdir -p var
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	@echo ""
	@echo "Đối thoại đang chạy tại http://$(HOST):$(PORT)/  (Ctrl+C để dừng)"
	@echo "Trang quản trị: http://$(HOST):$(PORT)/quan-tri/   API: http://$(HOST):$(PORT)/api/v1/docs"
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

lint: venv
	$(BIN)/ruff check .

test: venv
	$(BIN)/ruff check .
	@echo "== Bộ kiểm thử trên SQLite =="
	DB_CONN_MAX_AGE=0 $(BIN)/python -m pytest
	@if $(BIN)/python scripts/pg_reachable.py "$(TEST_DATABASE_URL)"; then \
		echo "== Bộ kiểm thử trên PostgreSQL =="; \
		DB_CONN_MAX_AGE=0 DATABASE_URL="$(TEST_DATABASE_URL)" $(BIN)/python -m pytest; \
	elif [ "$(REQUIRE_POSTGRES)" = "1" ]; then \
		echo "LỖI: không kết nối được PostgreSQL ($(TEST_DATABASE_URL)) mà REQUIRE_POSTGRES=1."; exit 1; \
	else \
		echo "Bỏ qua PostgreSQL: không kết nối được $(TEST_DATABASE_URL)."; \
	fi

messages: venv
	$(BIN)/python manage.py makemessages -l vi --no-obsolete --ignore=.venv --ignore=var --ignore=conftest.py --ignore="*/tests/*"
	$(BIN)/python manage.py compilemessages -l vi --ignore=.venv

clean:
	rm -rf $(VENV) var/doithoai.sqlite3
