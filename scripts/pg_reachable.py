"""Exit 0 when the PostgreSQL server of the given URL answers, 1 otherwise (used by `make test`).

With --create, also create the URL's database when it is missing (used by `make bench`).
"""

import sys

import dj_database_url
import psycopg
from psycopg import sql


def main() -> int:
    config = dj_database_url.parse(sys.argv[1])
    try:
        connection = psycopg.connect(
            host=config["HOST"] or "127.0.0.1",
            port=config["PORT"] or 5432,
            user=config["USER"] or None,
            password=config["PASSWORD"] or None,
            dbname="postgres",
            connect_timeout=3,
            autocommit=True,
        )
    except psycopg.Error:
        return 1
    with connection:
        if "--create" in sys.argv[2:]:
            exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]]).fetchone()
            if not exists:
                connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(config["NAME"])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
