"""Briefbot's settings: one TOML file plus BRIEFBOT_* environment variables (env wins).

Secrets (chat tokens) are read only from the environment: a config file tends to be copied,
committed and shared, so a secret found there is dropped with a warning and never used.
"""

from __future__ import annotations

import logging
import os
import tomllib
from datetime import timedelta
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, ValidationError, ValidationInfo, field_validator
from pydantic_settings import (
    BaseSettings,
    NoDecode,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from bot.logmask import MASK, mask
from bot.stopping import DEFAULT_GRACE
from bot.store.database import DEFAULT_DATABASE_URL
from bot.store.sealing import parse_keys

log = logging.getLogger(__name__)

CONFIG_ENV = "BRIEFBOT_CONFIG"
DEFAULT_CONFIG = Path("config/briefbot.toml")
DEFAULT_USER_AGENT_CONTACT = "https://example.org/briefbot"

# Field name -> the only environment variable it is read from.
SECRET_ENV = {
    "slack_bot_token": "SLACK_BOT_TOKEN",
    "slack_app_token": "SLACK_APP_TOKEN",
    "slack_signing_secret": "SLACK_SIGNING_SECRET",
    "discord_token": "DISCORD_TOKEN",
    "slack_client_id": "SLACK_CLIENT_ID",
    "slack_client_secret": "SLACK_CLIENT_SECRET",
    "slack_token_encryption_key": "SLACK_TOKEN_ENCRYPTION_KEY",
}
_SECRET_KEYS = {k.lower() for pair in SECRET_ENV.items() for k in pair}

LogLevel = Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"]


class ConfigError(Exception):
    """The configuration cannot be used; str() is a plain sentence for the user."""


def config_path() -> Path | None:
    """The TOML file to read: $BRIEFBOT_CONFIG, else config/briefbot.toml if it exists."""
    explicit = os.environ.get(CONFIG_ENV, "").strip()
    if explicit:
        return Path(explicit)
    return DEFAULT_CONFIG if DEFAULT_CONFIG.is_file() else None


class _TomlWithoutSecrets(TomlConfigSettingsSource):
    """pydantic-settings' TOML source, minus any secret (those come from the environment)."""

    def __call__(self) -> dict[str, Any]:
        data = dict(super().__call__())
        for key in [k for k in data if k.lower() in _SECRET_KEYS]:
            del data[key]
            log.warning(
                "Ignoring %r in %s: secrets are read only from the environment.",
                key,
                self.toml_file_path,
            )
        return data


def _secret(env_name: str) -> Any:
    return Field(default=None, validation_alias=env_name)


def _check_url(value: str, schemes: tuple[str, ...], kind: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in schemes or not parts.netloc:
        raise ValueError(f"must be {kind} URL")
    return value


class Settings(BaseSettings):
    """Everything Briefbot can be told; see config/briefbot.example.toml for each setting."""

    model_config = SettingsConfigDict(
        env_prefix="BRIEFBOT_",
        env_ignore_empty=True,
        extra="forbid",
        populate_by_name=True,
    )

    spacy_model: str | None = None
    # Kept out of repr: a server URL can carry a password.
    database_url: str = Field(default=DEFAULT_DATABASE_URL, repr=False)
    log_level: LogLevel = "INFO"
    timezone: str = "UTC"
    # How late a missed or failing scheduled digest may still be posted, in minutes.
    digest_grace_minutes: int = Field(default=120, gt=0)
    # How long SIGTERM or Ctrl-C waits for briefs and digests under way before cutting them.
    shutdown_grace_seconds: float = Field(default=DEFAULT_GRACE, gt=0, le=600)
    # Tries to reach a chat platform at start before giving up (exit 2); 0: until it answers.
    platform_connect_attempts: int = Field(default=0, ge=0)
    allow_private_networks: bool = False
    # /healthz, /readyz and /metrics on this port (on `run --host`) when no Slack HTTP server
    # serves them already; unset: no listener of their own.
    health_port: int | None = Field(default=None, ge=1, le=65535)
    # Worker processes for briefs in `briefbot run` (unset: one per core), and how long one
    # brief or page read may take before its worker is stopped.
    brief_workers: int | None = Field(default=None, ge=1)
    brief_time_limit_seconds: float = Field(default=10.0, gt=0)
    # How long a request this instance accepted stays its own without a sign of life: another
    # instance answers it once this has passed after a crash (renewed every third of it).
    work_lease_seconds: float = Field(default=30.0, ge=1, le=3600)
    user_agent_contact: str = DEFAULT_USER_AGENT_CONTACT
    # A stored link is fetched again (conditionally) once its last check is this many minutes
    # old; 0: on every paste. At most a year.
    link_refresh_minutes: int = Field(default=60, ge=0, le=366 * 24 * 60)
    # What's new: a brief is compared with the earlier articles of its story shared in the
    # workspace this many days back; 0 turns it off. At most a year.
    story_window_days: int = Field(default=7, ge=0, le=366)
    slack_api_url: str = "https://slack.com/api/"
    discord_api_url: str = "https://discord.com/api/v10"
    discord_gateway_url: str | None = None
    # Sync the slash commands to this one server (instant) instead of globally (slower to show).
    discord_guild_id: int | None = None
    # Discord's shards (README "Sharding"). Unset: one connection, as Discord needs below 2,500
    # servers. A count alone: this instance runs every shard; with ids ("0,1"), only those, and
    # other instances run the rest.
    discord_shard_count: int | None = Field(default=None, ge=1)
    discord_shard_ids: Annotated[tuple[int, ...] | None, NoDecode] = None

    slack_bot_token: SecretStr | None = _secret("SLACK_BOT_TOKEN")
    slack_app_token: SecretStr | None = _secret("SLACK_APP_TOKEN")
    slack_signing_secret: SecretStr | None = _secret("SLACK_SIGNING_SECRET")
    discord_token: SecretStr | None = _secret("DISCORD_TOKEN")
    # "Add to Slack" for any number of workspaces (OAuth, HTTP mode only): the app's
    # credentials, and the Fernet key(s) sealing the stored bot tokens (comma-separated, the
    # sealing one first).
    slack_client_id: SecretStr | None = _secret("SLACK_CLIENT_ID")
    slack_client_secret: SecretStr | None = _secret("SLACK_CLIENT_SECRET")
    slack_token_encryption_key: SecretStr | None = _secret("SLACK_TOKEN_ENCRYPTION_KEY")
    # The redirect URL Slack sends an install back to, when the app lists more than one.
    slack_oauth_redirect_url: str | None = None

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        # Earlier sources win: explicit arguments, then the environment, then the TOML file.
        sources: list[PydanticBaseSettingsSource] = [init_settings, env_settings]
        path = config_path()
        if path is not None:
            sources.append(_TomlWithoutSecrets(settings_cls, toml_file=path))
        return tuple(sources)

    @field_validator(
        "spacy_model", "discord_gateway_url", "slack_oauth_redirect_url", mode="before"
    )
    @classmethod
    def _blank_is_none(cls, value: Any) -> Any:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper_level(cls, value: Any) -> Any:
        return value.strip().upper() if isinstance(value, str) else value

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        if value == "UTC":
            return value
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(
                f"unknown time zone {value!r} (use a name such as Europe/London)"
            ) from None
        return value

    @field_validator("user_agent_contact", "slack_api_url", "discord_api_url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        return _check_url(value, ("http", "https"), "an http(s)")

    @field_validator("slack_oauth_redirect_url")
    @classmethod
    def _redirect_url(cls, value: str | None) -> str | None:
        return None if value is None else _check_url(value, ("http", "https"), "an http(s)")

    @field_validator("slack_token_encryption_key")
    @classmethod
    def _fernet_keys(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None:
            parse_keys(value.get_secret_value())  # a plain sentence that names no key
        return value

    @field_validator("discord_gateway_url")
    @classmethod
    def _ws_url(cls, value: str | None) -> str | None:
        return None if value is None else _check_url(value, ("ws", "wss"), "a ws(s)")

    @field_validator("discord_shard_ids", mode="before")
    @classmethod
    def _comma_list(cls, value: Any) -> Any:
        """ "0, 2" from the environment; a TOML array as it is."""
        if not isinstance(value, str):
            return value
        try:
            return tuple(int(part) for part in value.split(","))
        except ValueError:
            raise ValueError("must be shard numbers separated by commas, such as 0,1") from None

    @field_validator("discord_shard_ids")
    @classmethod
    def _shards_of_the_count(
        cls, value: tuple[int, ...] | None, info: ValidationInfo
    ) -> tuple[int, ...] | None:
        """Each id names one of discord_shard_count's shards, once."""
        if value is None or "discord_shard_count" not in info.data:  # a bad count says so
            return value
        count = info.data["discord_shard_count"]
        if count is None:
            raise ValueError(
                "needs discord_shard_count, the number of shards of all instances together"
            )
        if not value:
            raise ValueError("must name at least one shard")
        for shard in value:
            if not 0 <= shard < count:
                raise ValueError(
                    f"has shard {shard}, but with discord_shard_count = {count} the shards "
                    f"are 0 to {count - 1}"
                )
        if len(set(value)) != len(value):
            twice = next(s for s in value if value.count(s) > 1)
            raise ValueError(f"lists shard {twice} more than once")
        return value

    def database_url_for_logs(self) -> str:
        """The database URL with any password replaced by ***, fit for a log line: the one in
        user:password@ (also one holding an unencoded / or @) and query credentials such as
        ?password= (drivers accept both)."""
        url, password = self.database_url, urlsplit(self.database_url).password
        if password is not None:  # edited in place: a rebuilt URL loses sqlite:///'s slashes
            url = url.replace(f":{password}@", f":{MASK}@", 1)
        return mask(url)

    def digest_grace(self) -> timedelta:
        """The digest grace window as a duration."""
        return timedelta(minutes=self.digest_grace_minutes)

    def work_lease(self) -> timedelta:
        return timedelta(seconds=self.work_lease_seconds)

    def link_refresh(self) -> timedelta:
        """How old a stored link's last check may be before it is fetched again."""
        return timedelta(minutes=self.link_refresh_minutes)

    def story_window(self) -> timedelta:
        """How far back What's new looks for earlier articles of a story."""
        return timedelta(days=self.story_window_days)

    def has_slack(self) -> bool:
        return self.slack_bot_token is not None or self.slack_oauth()

    def slack_oauth(self) -> bool:
        """Installs in any number of workspaces (OAuth) rather than one SLACK_BOT_TOKEN."""
        return self.slack_client_id is not None or self.slack_client_secret is not None

    def slack_token_keys(self) -> list[str]:
        """The Fernet keys for stored Slack tokens, the sealing one first (none: kept plain)."""
        key = self.slack_token_encryption_key
        return parse_keys(key.get_secret_value()) if key is not None else []

    def has_discord(self) -> bool:
        return self.discord_token is not None


def _describe(err: ValidationError) -> str:
    """One line naming each bad setting; input values are left out (they may be secrets)."""
    parts = []
    for e in err.errors(include_input=False, include_url=False):
        where = ".".join(str(p) for p in e["loc"]) or "settings"
        msg = e["msg"].removeprefix("Value error, ")
        if e["type"] == "extra_forbidden":
            msg = "is not a known setting"
        parts.append(f"{where} {msg}" if msg.startswith("is ") else f"{where}: {msg}")
    return "; ".join(p.rstrip(".") for p in parts)


def load_settings() -> Settings:
    """Read the settings, turning every failure into a ConfigError with a plain sentence."""
    path = config_path()
    if path is not None and not path.is_file():
        raise ConfigError(f"No such config file: {path}")
    where = f"{path} or the environment" if path is not None else "the environment"
    try:
        return Settings()
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"The config file {path} is not valid TOML: {e}.") from None
    except OSError as e:
        raise ConfigError(f"Cannot read config file {path}: {e.strerror or e}.") from None
    except ValidationError as e:
        raise ConfigError(f"Invalid configuration in {where}: {_describe(e)}.") from None
