"""Settings: TOML file + BRIEFBOT_* env (env wins); secrets only from the env, never shown."""

from __future__ import annotations

import logging
import os
import re
from datetime import timedelta
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from locations import REPO

from bot.config import SECRET_ENV, ConfigError, Settings, load_settings

EXAMPLE = REPO / "config" / "briefbot.example.toml"


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """No BRIEFBOT_* or token variables from the real environment; run in an empty folder."""
    for name in list(os.environ):
        if name.startswith("BRIEFBOT_") or name in SECRET_ENV.values():
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write_config(tmp_path: Path, text: str, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "briefbot.toml"
    path.write_text(text, encoding="utf-8")
    monkeypatch.setenv("BRIEFBOT_CONFIG", str(path))
    return path


def test_defaults_without_file_or_env() -> None:
    s = load_settings()
    assert s.spacy_model is None
    assert s.database_url == "sqlite+aiosqlite:///.briefbot/briefbot.db"
    assert s.log_level == "INFO"
    assert s.timezone == "UTC"
    assert s.allow_private_networks is False
    assert s.slack_api_url == "https://slack.com/api/"
    assert s.discord_api_url == "https://discord.com/api/v10"
    assert s.discord_gateway_url is None
    assert not s.has_slack() and not s.has_discord()


def test_toml_file_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_config(
        tmp_path,
        'spacy_model = "en_core_web_sm"\nlog_level = "debug"\ntimezone = "Europe/London"\n'
        "allow_private_networks = true\n",
        monkeypatch,
    )
    s = load_settings()
    assert s.spacy_model == "en_core_web_sm"
    assert s.log_level == "DEBUG"
    assert s.timezone == "Europe/London"
    assert s.allow_private_networks is True


def test_default_config_path_is_used_when_present(tmp_path: Path) -> None:
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "briefbot.toml").write_text('log_level = "ERROR"\n', encoding="utf-8")
    assert load_settings().log_level == "ERROR"


def test_environment_wins_over_toml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_config(tmp_path, 'log_level = "ERROR"\ntimezone = "Europe/Paris"\n', monkeypatch)
    monkeypatch.setenv("BRIEFBOT_LOG_LEVEL", "WARNING")
    s = load_settings()
    assert s.log_level == "WARNING"
    assert s.timezone == "Europe/Paris"  # not overridden, so the file's value stays


def test_secrets_in_toml_are_ignored_with_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    write_config(
        tmp_path,
        'slack_bot_token = "xoxb-from-file"\nDISCORD_TOKEN = "discord-from-file"\n',
        monkeypatch,
    )
    with caplog.at_level(logging.WARNING, logger="bot.config"):
        s = load_settings()
    assert s.slack_bot_token is None
    assert s.discord_token is None
    assert "environment" in caplog.text
    assert "from-file" not in caplog.text  # the warning names the key, never the value


def test_secret_in_toml_does_not_override_env(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_config(tmp_path, 'slack_bot_token = "xoxb-from-file"\n', monkeypatch)
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-from-env")
    token = load_settings().slack_bot_token
    assert token is not None and token.get_secret_value() == "xoxb-from-env"


def test_secrets_come_from_env_and_never_print(monkeypatch: pytest.MonkeyPatch) -> None:
    values = {env: f"secret-{env.lower()}-value" for env in SECRET_ENV.values()}
    values["SLACK_TOKEN_ENCRYPTION_KEY"] = Fernet.generate_key().decode()  # a key is checked
    for env, value in values.items():
        monkeypatch.setenv(env, value)
    s = load_settings()
    for field, env in SECRET_ENV.items():
        assert getattr(s, field).get_secret_value() == values[env]
    shown = repr(s) + str(s) + s.model_dump_json() + repr(s.model_dump())
    for value in values.values():
        assert value not in shown
    assert s.has_slack() and s.has_discord()


def test_invalid_values_give_a_plain_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_config(tmp_path, 'timezone = "Mars/Olympus"\nbogus = 1\n', monkeypatch)
    monkeypatch.setenv("BRIEFBOT_USER_AGENT_CONTACT", "not a url")
    with pytest.raises(ConfigError) as err:
        load_settings()
    msg = str(err.value)
    assert "\n" not in msg
    assert "timezone" in msg and "user_agent_contact" in msg and "bogus" in msg


def test_invalid_value_message_does_not_echo_secrets(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-super-secret")
    monkeypatch.setenv("BRIEFBOT_ALLOW_PRIVATE_NETWORKS", "perhaps")
    with pytest.raises(ConfigError) as err:
        load_settings()
    assert "allow_private_networks" in str(err.value)
    assert "xoxb-super-secret" not in str(err.value)


def test_missing_and_malformed_config_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BRIEFBOT_CONFIG", str(tmp_path / "absent.toml"))
    with pytest.raises(ConfigError, match="No such config file"):
        load_settings()
    write_config(tmp_path, "log_level = [\n", monkeypatch)
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_settings()


def test_example_config_is_valid_and_documents_every_setting(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    defaults = load_settings()
    monkeypatch.setenv("BRIEFBOT_CONFIG", str(EXAMPLE))
    assert load_settings() == defaults  # the example shows the defaults
    text = EXAMPLE.read_text(encoding="utf-8")
    for field in Settings.model_fields:
        if field in SECRET_ENV:
            assert SECRET_ENV[field] in text  # named as an environment variable
        else:
            assert re.search(rf"^#? ?{field} = ", text, re.MULTILINE), field


def test_database_password_stays_out_of_repr_and_logs(monkeypatch: pytest.MonkeyPatch) -> None:
    url = "postgresql+asyncpg://news:hunter2@db.example:5432/briefbot"
    monkeypatch.setenv("BRIEFBOT_DATABASE_URL", url)
    s = load_settings()
    assert s.database_url == url
    assert "hunter2" not in repr(s)
    assert s.database_url_for_logs() == "postgresql+asyncpg://news:***@db.example:5432/briefbot"


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        (
            "postgresql+asyncpg://news@db.example/briefbot?password=hunter2&sslmode=require",
            "postgresql+asyncpg://news@db.example/briefbot?password=***&sslmode=require",
        ),
        (
            "postgresql+asyncpg://news:hunter2@db.example/briefbot?ssl_key=/k&PASSWORD=hunter3",
            "postgresql+asyncpg://news:***@db.example/briefbot?ssl_key=***&PASSWORD=***",
        ),
        ("sqlite+aiosqlite:///.briefbot/briefbot.db", "sqlite+aiosqlite:///.briefbot/briefbot.db"),
        # Written unencoded, a / or an @ in the password still never shows.
        (
            "postgresql+asyncpg://news:hun/ter2@db.example/b",
            "postgresql+asyncpg://news:***@db.example/b",
        ),
        (
            "postgresql+asyncpg://news:hun@ter2@db.example/b",
            "postgresql+asyncpg://news:***@db.example/b",
        ),
    ],
)
def test_database_password_in_the_query_is_masked_too(url: str, shown: str) -> None:
    assert Settings(database_url=url).database_url_for_logs() == shown


def test_digest_grace_defaults_to_two_hours_and_must_be_positive(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert load_settings().digest_grace_minutes == 120
    assert load_settings().digest_grace() == timedelta(hours=2)
    write_config(tmp_path, "digest_grace_minutes = 30\n", monkeypatch)
    assert load_settings().digest_grace() == timedelta(minutes=30)
    monkeypatch.setenv("BRIEFBOT_DIGEST_GRACE_MINUTES", "45")
    assert load_settings().digest_grace_minutes == 45  # the environment wins
    for bad in ("0", "-5", "soon"):
        monkeypatch.setenv("BRIEFBOT_DIGEST_GRACE_MINUTES", bad)
        with pytest.raises(ConfigError, match="digest_grace_minutes"):
            load_settings()


def test_story_window_defaults_to_a_week_and_0_turns_it_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert load_settings().story_window() == timedelta(days=7)
    write_config(tmp_path, "story_window_days = 0\n", monkeypatch)
    assert load_settings().story_window() == timedelta(0)
    monkeypatch.setenv("BRIEFBOT_STORY_WINDOW_DAYS", "3")
    assert load_settings().story_window() == timedelta(days=3)
    for bad in ("-1", "week", "400"):
        monkeypatch.setenv("BRIEFBOT_STORY_WINDOW_DAYS", bad)
        with pytest.raises(ConfigError, match="story_window_days"):
            load_settings()


def test_link_refresh_defaults_to_an_hour_and_0_means_always(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert load_settings().link_refresh() == timedelta(minutes=60)
    write_config(tmp_path, "link_refresh_minutes = 0\n", monkeypatch)
    assert load_settings().link_refresh() == timedelta(0)
    monkeypatch.setenv("BRIEFBOT_LINK_REFRESH_MINUTES", "15")
    assert load_settings().link_refresh() == timedelta(minutes=15)  # the environment wins
    for bad in ("-1", "soon", str(400 * 24 * 60)):
        monkeypatch.setenv("BRIEFBOT_LINK_REFRESH_MINUTES", bad)
        with pytest.raises(ConfigError, match="link_refresh_minutes"):
            load_settings()


def test_brief_workers_default_to_the_cores_and_the_time_limit_must_be_positive(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    s = load_settings()
    assert s.brief_workers is None  # one per core: bot/workers/pool.py worker_count
    assert s.brief_time_limit_seconds == 10
    monkeypatch.setenv("BRIEFBOT_BRIEF_WORKERS", "3")
    monkeypatch.setenv("BRIEFBOT_BRIEF_TIME_LIMIT_SECONDS", "2.5")
    s = load_settings()
    assert (s.brief_workers, s.brief_time_limit_seconds) == (3, 2.5)
    for name, bad in (("BRIEF_WORKERS", "0"), ("BRIEF_TIME_LIMIT_SECONDS", "0")):
        monkeypatch.setenv(f"BRIEFBOT_{name}", bad)
        with pytest.raises(ConfigError, match=name.lower()):
            load_settings()
        monkeypatch.delenv(f"BRIEFBOT_{name}")


def test_discord_shards_unset_a_count_or_a_count_and_this_instances_ids(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    s = load_settings()
    assert (s.discord_shard_count, s.discord_shard_ids) == (None, None)  # one connection
    monkeypatch.setenv("BRIEFBOT_DISCORD_SHARD_COUNT", "4")
    assert load_settings().discord_shard_ids is None  # every shard, in this instance
    monkeypatch.setenv("BRIEFBOT_DISCORD_SHARD_IDS", " 2, 0 ")
    assert load_settings().discord_shard_ids == (2, 0)
    monkeypatch.delenv("BRIEFBOT_DISCORD_SHARD_IDS")
    write_config(tmp_path, "discord_shard_ids = [1, 3]\n", monkeypatch)  # a TOML array
    assert load_settings().discord_shard_ids == (1, 3)


@pytest.mark.parametrize(
    ("count", "ids", "said"),
    [
        (None, "0", "discord_shard_ids: needs discord_shard_count, the number of shards of all"),
        (
            "2",
            "2",
            "discord_shard_ids: has shard 2, but with discord_shard_count = 2 the shards "
            "are 0 to 1",
        ),
        ("4", "-1", "discord_shard_ids: has shard -1"),
        ("4", "0,1,1", "discord_shard_ids: lists shard 1 more than once"),
        ("4", "0;1", "discord_shard_ids: must be shard numbers separated by commas, such as 0,1"),
        ("4", "1,", "discord_shard_ids: must be shard numbers separated by commas"),
        ("0", None, "discord_shard_count: Input should be greater than or equal to 1"),
    ],
)
def test_discord_shard_settings_that_cannot_work_are_refused_in_a_sentence(
    monkeypatch: pytest.MonkeyPatch, count: str | None, ids: str | None, said: str
) -> None:
    for name, value in (("COUNT", count), ("IDS", ids)):
        if value is not None:
            monkeypatch.setenv(f"BRIEFBOT_DISCORD_SHARD_{name}", value)
    with pytest.raises(ConfigError) as err:
        load_settings()
    assert str(err.value).startswith(f"Invalid configuration in the environment: {said}")


def test_refused_shard_settings_stop_briefbot_run_with_exit_code_2(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from typer.testing import CliRunner

    from bot.cli import app

    monkeypatch.setenv("DISCORD_TOKEN", "never-used")
    # Were the ids let through, Discord would be tried once, at an address nobody answers.
    monkeypatch.setenv("BRIEFBOT_DISCORD_API_URL", "http://127.0.0.1:9/api/v10")
    monkeypatch.setenv("BRIEFBOT_PLATFORM_CONNECT_ATTEMPTS", "1")
    monkeypatch.setenv("BRIEFBOT_DISCORD_SHARD_COUNT", "2")
    monkeypatch.setenv("BRIEFBOT_DISCORD_SHARD_IDS", "0,2")
    result = CliRunner().invoke(app, ["run", "discord"])
    assert result.exit_code == 2 and result.exception is not None  # typer's Exit(2)
    assert result.output.splitlines() == [
        "Invalid configuration in the environment: discord_shard_ids: has shard 2, but with "
        "discord_shard_count = 2 the shards are 0 to 1."
    ]


def test_a_token_encryption_key_that_is_not_one_is_refused_without_showing_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SLACK_TOKEN_ENCRYPTION_KEY", f"{Fernet.generate_key().decode()},oops-key")
    with pytest.raises(ConfigError) as err:
        load_settings()
    assert "SLACK_TOKEN_ENCRYPTION_KEY" in str(err.value) and "oops-key" not in str(err.value)


def test_slack_oauth_needs_no_bot_token(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SLACK_CLIENT_ID", "1111.2222")
    monkeypatch.setenv("SLACK_CLIENT_SECRET", "client-secret")
    s = load_settings()
    assert s.slack_oauth() and s.has_slack() and s.slack_bot_token is None
    assert s.slack_token_keys() == []
