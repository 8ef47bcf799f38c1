"""Alembic migrations of the store, shipped inside the package and run at start (see
bot.store.migrate). The folder is a package so it is installed with the code: Alembic itself
loads env.py and versions/*.py by path."""
