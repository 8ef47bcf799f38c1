"""Alembic's environment for the store.

The store runs migrations on a connection it already holds (`config.attributes["connection"]`,
see bot.store.migrate), so no alembic.ini is needed. A developer may still run the `alembic`
command with an ini naming `script_location = bot.store:migrations` and an async
`sqlalchemy.url`; that path builds its own async engine.
"""

from __future__ import annotations

import asyncio

from alembic import context
from sqlalchemy import pool
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import async_engine_from_config

from bot.store.schema import Base
from bot.store.schema.memory import include_name

config = context.config
target_metadata = Base.metadata


def _configure(connection: Connection) -> None:
    # SQLite cannot ALTER most things in place: batch mode rebuilds the table instead.
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        include_name=include_name,
    )


def run_on(connection: Connection) -> None:
    """Run the pending migrations on `connection`, inside its transaction if it has one."""
    _configure(connection)
    with context.begin_transaction():
        context.run_migrations()


async def _run_with_url() -> None:
    engine = async_engine_from_config(
        config.get_section(config.config_ini_section, {}),
        prefix="sqlalchemy.",
        poolclass=pool.NullPool,
    )
    try:
        async with engine.begin() as connection:
            await connection.run_sync(run_on)
    finally:
        await engine.dispose()


def run_offline() -> None:
    """`alembic upgrade --sql`: print the SQL instead of running it."""
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        literal_binds=True,
        dialect_opts={"paramstyle": "named"},
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_offline()
elif (shared := config.attributes.get("connection")) is not None:
    run_on(shared)
else:
    asyncio.run(_run_with_url())
