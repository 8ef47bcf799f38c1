"""The declarative base every table shares, with fixed constraint names.

Named constraints keep migrations portable: SQLite can only change a constraint by rebuilding
the table (Alembic's batch mode), and that needs the constraint's name to be known in advance.
"""

from __future__ import annotations

from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Base class of the store's tables; its metadata is what migrations are checked against."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
