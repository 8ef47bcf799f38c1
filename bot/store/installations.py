"""Where Slack installations and OAuth states are kept: slack_sdk's async SQLAlchemy stores on
our engine and on our tables (bot/store/schema/installations.py, created by our migrations),
so every instance on the database sees every workspace and can finish an install another one
started.

Two things are added to the library's stores. Tokens can be sealed at rest with Fernet
(`cryptography`; keys from the environment, the first one seals, every one opens, so a key can
be rotated). And removing a workspace's bot (tokens_revoked) removes its installation rows
too: Briefbot asks for no user tokens, so an installation row is only another copy of the
revoked bot token, which the library would otherwise keep.
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any, TypeVar

from cryptography.fernet import InvalidToken
from slack_sdk.oauth.installation_store.async_installation_store import AsyncInstallationStore
from slack_sdk.oauth.installation_store.models.bot import Bot
from slack_sdk.oauth.installation_store.models.installation import Installation
from slack_sdk.oauth.installation_store.sqlalchemy import AsyncSQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.async_state_store import AsyncOAuthStateStore
from slack_sdk.oauth.state_store.sqlalchemy import AsyncSQLAlchemyOAuthStateStore
from sqlalchemy import delete

from bot.store.schema.installations import BOTS, INSTALLATIONS, OAUTH_STATES
from bot.store.sealing import SEALED_PREFIX, TokenSeal, UnreadableTokenError
from bot.store.sessions import Sessions

log = logging.getLogger(__name__)

# How long an install started with "Add to Slack" may take before its state is refused.
STATE_SECONDS = 600
# The token fields of an installation or a bot, sealed and opened alike.
_TOKENS = ("bot_token", "bot_refresh_token", "user_token", "user_refresh_token")

Record = TypeVar("Record", Installation, Bot)


class SealedInstallations(AsyncInstallationStore):
    """An installation store whose tokens are sealed on the way in and opened on the way out
    (with no seal, kept as they are); a bot removed takes its installations with it."""

    def __init__(self, inner: AsyncInstallationStore, seal: TokenSeal | None) -> None:
        self.inner = inner
        self.seal = seal

    @property
    def logger(self) -> logging.Logger:
        return log

    def _sealed(self, record: Record) -> Record:
        if self.seal is None:
            return record
        sealed = copy.copy(record)  # the caller's (Bolt's) copy keeps its tokens
        for name in _TOKENS:
            value = getattr(sealed, name, None)
            if value:
                setattr(sealed, name, self.seal.seal(value))
        return sealed

    def _opened(self, record: Record | None) -> Record | None:
        if record is None:
            return None
        for name in _TOKENS:
            value = getattr(record, name, None)
            if value:
                setattr(record, name, self._open(value))
        return record

    def _open(self, value: str) -> str:
        if not value.startswith(SEALED_PREFIX):
            return value  # kept before a key was set: read as it is, sealed at the next install
        if self.seal is None:
            raise UnreadableTokenError(
                "A stored Slack token is sealed: set SLACK_TOKEN_ENCRYPTION_KEY to read it."
            )
        try:
            return self.seal.open(value)
        except InvalidToken:
            raise UnreadableTokenError(
                "A stored Slack token opens with none of the keys in SLACK_TOKEN_ENCRYPTION_KEY."
            ) from None

    async def async_save(self, installation: Installation) -> None:
        await self.inner.async_save(self._sealed(installation))

    async def async_save_bot(self, bot: Bot) -> None:
        await self.inner.async_save_bot(self._sealed(bot))

    async def async_find_bot(
        self,
        *,
        enterprise_id: str | None,
        team_id: str | None,
        is_enterprise_install: bool | None = False,
    ) -> Bot | None:
        found = await self.inner.async_find_bot(
            enterprise_id=enterprise_id,
            team_id=team_id,
            is_enterprise_install=is_enterprise_install,
        )
        return self._opened(found)

    async def async_find_installation(
        self,
        *,
        enterprise_id: str | None,
        team_id: str | None,
        user_id: str | None = None,
        is_enterprise_install: bool | None = False,
    ) -> Installation | None:
        found = await self.inner.async_find_installation(
            enterprise_id=enterprise_id,
            team_id=team_id,
            user_id=user_id,
            is_enterprise_install=is_enterprise_install,
        )
        return self._opened(found)

    async def async_delete_bot(self, *, enterprise_id: str | None, team_id: str | None) -> None:
        await self.inner.async_delete_bot(enterprise_id=enterprise_id, team_id=team_id)
        await self.inner.async_delete_installation(enterprise_id=enterprise_id, team_id=team_id)

    async def async_delete_installation(
        self, *, enterprise_id: str | None, team_id: str | None, user_id: str | None = None
    ) -> None:
        await self.inner.async_delete_installation(
            enterprise_id=enterprise_id, team_id=team_id, user_id=user_id
        )


class ExpiringStates(AsyncSQLAlchemyOAuthStateStore):
    """slack_sdk's state store (each state used once, within its time), which also clears the
    states of installs never finished, so the table does not grow for ever."""

    async def async_issue(self, *args: Any, **kwargs: Any) -> str:
        now = datetime.now(UTC).replace(tzinfo=None)  # naive UTC, as the library stores it
        async with self.engine.begin() as conn:
            await conn.execute(delete(self.oauth_states).where(self.oauth_states.c.expire_at < now))
        return await super().async_issue(*args, **kwargs)


def slack_install_stores(
    store: Sessions,
    *,
    client_id: str,
    keys: Sequence[str] = (),
    state_seconds: int = STATE_SECONDS,
) -> tuple[AsyncInstallationStore, AsyncOAuthStateStore]:
    """The installation store (tokens sealed when `keys` are given) and the OAuth state store
    of the Slack app `client_id`, on the store's database."""
    inner = AsyncSQLAlchemyInstallationStore(
        client_id,
        store.engine,
        bots_table_name=BOTS,
        installations_table_name=INSTALLATIONS,
        logger=log,
    )
    installations = SealedInstallations(inner, TokenSeal(keys) if keys else None)
    states = ExpiringStates(state_seconds, store.engine, logger=log, table_name=OAUTH_STATES)
    return installations, states
