"""Create or drop a throwaway PostgreSQL database for scripts/bench.py and scripts/loadtest.py."""


def fresh_postgres_database(url, drop_only=False):
    """Drop the database named in `url` and, unless drop_only, create it empty."""
    import dj_database_url
    import psycopg

    config = dj_database_url.parse(url)
    params = {k.lower(): config[k] for k in ("HOST", "PORT", "USER", "PASSWORD") if config[k]}
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{config["NAME"]}" WITH (FORCE)')
        if not drop_only:
            admin.execute(f'CREATE DATABASE "{config["NAME"]}"')
