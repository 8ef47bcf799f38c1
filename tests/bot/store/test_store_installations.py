"""Slack installations and OAuth states in the store's database (SQLite, and PostgreSQL when
BRIEFBOT_TEST_DATABASE_URL is set): our tables fit slack_sdk's stores, tokens are sealed at
rest and keys rotate, and abandoned install states are cleared."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from cryptography.fernet import Fernet
from slack_sdk.oauth.installation_store.models.installation import Installation
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from sqlalchemy import MetaData, insert, text

from bot.store import Store
from bot.store.installations import slack_install_stores
from bot.store.schema import slack_bots, slack_installations, slack_oauth_states
from bot.store.sealing import UnreadableTokenError

CLIENT_ID = "1111.2222"
TOKEN = "xoxb-1-never-stored-plain"
OLD_KEY, NEW_KEY = Fernet.generate_key().decode(), Fernet.generate_key().decode()


def installation(team: str = "T1", token: str = TOKEN) -> Installation:
    return Installation(
        app_id="A1", team_id=team, bot_token=token, bot_id="B1", bot_user_id="UBOT", user_id="U1"
    )


def test_our_tables_have_every_column_slack_sdk_reads_and_writes() -> None:
    library = MetaData()
    pairs = [
        (SQLAlchemyInstallationStore.build_installations_table(library, "i"), slack_installations),
        (SQLAlchemyInstallationStore.build_bots_table(library, "b"), slack_bots),
        (SQLAlchemyOAuthStateStore.build_oauth_states_table(library, "s"), slack_oauth_states),
    ]
    for theirs, ours in pairs:
        assert set(theirs.columns.keys()) == set(ours.columns.keys()), ours.name


async def test_tokens_are_sealed_at_rest_and_read_after_a_key_rotation(store: Store) -> None:
    installations, _ = slack_install_stores(store, client_id=CLIENT_ID, keys=[OLD_KEY])
    await installations.async_save(installation())
    async with store.engine.connect() as conn:
        kept = (await conn.execute(text("SELECT bot_token FROM slack_bots"))).scalar_one()
    assert TOKEN not in kept and kept.startswith("gAAAAA")

    rotated, _ = slack_install_stores(store, client_id=CLIENT_ID, keys=[NEW_KEY, OLD_KEY])
    bot = await rotated.async_find_bot(enterprise_id=None, team_id="T1")
    assert bot is not None and bot.bot_token == TOKEN

    keyless, _ = slack_install_stores(store, client_id=CLIENT_ID)
    with pytest.raises(UnreadableTokenError):
        await keyless.async_find_bot(enterprise_id=None, team_id="T1")
    wrong, _ = slack_install_stores(store, client_id=CLIENT_ID, keys=[NEW_KEY])
    with pytest.raises(UnreadableTokenError):
        await wrong.async_find_bot(enterprise_id=None, team_id="T1")


async def test_a_token_kept_before_a_key_was_set_is_still_read(store: Store) -> None:
    plain, _ = slack_install_stores(store, client_id=CLIENT_ID)
    await plain.async_save(installation())
    sealed, _ = slack_install_stores(store, client_id=CLIENT_ID, keys=[NEW_KEY])
    found = await sealed.async_find_installation(enterprise_id=None, team_id="T1")
    assert found is not None and found.bot_token == TOKEN


async def test_a_revoked_bot_takes_its_installation_along(store: Store) -> None:
    installations, _ = slack_install_stores(store, client_id=CLIENT_ID, keys=[NEW_KEY])
    await installations.async_save(installation("T1"))
    await installations.async_save(installation("T2", "xoxb-2"))
    await installations.async_delete_bot(enterprise_id=None, team_id="T1")
    assert await installations.async_find_installation(enterprise_id=None, team_id="T1") is None
    assert await installations.async_find_bot(enterprise_id=None, team_id="T1") is None
    kept = await installations.async_find_bot(enterprise_id=None, team_id="T2")
    assert kept is not None and kept.bot_token == "xoxb-2"


async def test_states_are_used_once_and_abandoned_ones_cleared(store: Store) -> None:
    _, states = slack_install_stores(store, client_id=CLIENT_ID)
    long_ago = datetime.now(UTC).replace(tzinfo=None) - timedelta(days=1)
    async with store.engine.begin() as conn:
        await conn.execute(insert(slack_oauth_states).values(state="old", expire_at=long_ago))
    state = await states.async_issue()
    async with store.engine.connect() as conn:
        left = (await conn.execute(text("SELECT state FROM slack_oauth_states"))).scalars()
        assert list(left) == [state]
    assert await states.async_consume(state)
    assert not await states.async_consume(state)
