"""The one place configuration is read: defaults, then environment (MINUTEBOOK_*), then arguments.

No other module reads os.environ.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any, Mapping


@dataclass(frozen=True)
class Settings:
    data_dir: Path = Path(".minutebook")  # MINUTEBOOK_DATA: where the SQLite store and indexes live
    store: str | None = None  # MINUTEBOOK_STORE: a postgresql:// URL selects the server store
    max_file_bytes: int = 100 * 1024 * 1024  # MINUTEBOOK_MAX_FILE_BYTES: larger files are refused
    host: str = "127.0.0.1"  # MINUTEBOOK_HOST
    port: int = 8000  # MINUTEBOOK_PORT
    api_token: str | None = None  # MINUTEBOOK_API_TOKEN: needed to upload through the API
    cors_origins: str = ""  # MINUTEBOOK_CORS_ORIGINS: comma-separated origins allowed to read the API
    model_cache: Path | None = None  # MINUTEBOOK_MODEL_CACHE: the exported ONNX embedding model
    user_cache: Path | None = None  # XDG_CACHE_HOME (else ~/.cache): where a server store's model goes

    @property
    def sqlite_path(self) -> Path:
        return self.data_dir / "minutebook.sqlite3"

    @property
    def index_dir(self) -> Path:
        return self.data_dir / "index"

    @property
    def model_cache_dir(self) -> Path:
        """Where the exported embedding model is kept: beside the SQLite store, in its folder; a
        server store leaves the data folder alone, so then in the user's cache folder."""
        if self.model_cache:
            return self.model_cache
        if self.store and self.store.startswith(("postgresql://", "postgres://")):
            return (self.user_cache or Path.home() / ".cache") / "minutebook" / "models"
        return self.data_dir / "models"


ENV_NAMES = {
    "data_dir": "MINUTEBOOK_DATA",
    "store": "MINUTEBOOK_STORE",
    "max_file_bytes": "MINUTEBOOK_MAX_FILE_BYTES",
    "host": "MINUTEBOOK_HOST",
    "port": "MINUTEBOOK_PORT",
    "api_token": "MINUTEBOOK_API_TOKEN",
    "cors_origins": "MINUTEBOOK_CORS_ORIGINS",
    "model_cache": "MINUTEBOOK_MODEL_CACHE",
    "user_cache": "XDG_CACHE_HOME",
}


def _coerce(name: str, value: Any) -> Any:
    kind = {f.name: f.type for f in fields(Settings)}[name]
    if kind in ("Path", "Path | None"):
        return Path(value)
    if kind == "int":
        return int(value)
    return value


def load_settings(env: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
    """Defaults, then `env` (os.environ unless given), then non-None keyword overrides."""
    env = os.environ if env is None else env
    values: dict[str, Any] = {}
    for name, var in ENV_NAMES.items():
        if env.get(var):
            values[name] = _coerce(name, env[var])
    for name, value in overrides.items():
        if value is not None:
            values[name] = _coerce(name, value)
    return replace(Settings(), **values)


def configure_runtime() -> None:
    """Keep every model load local: no hub look-ups, no telemetry."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    # the libraries' own bars ("Loading weights") are noise in logs; ours show the real work
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
