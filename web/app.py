"""The web application factory: officer pages and the /api/v1 JSON API over one store."""
from __future__ import annotations

from typing import Any, Mapping

from flask import Flask

import search
from minutebook.settings import Settings, load_settings
from search.store import Store

from . import api, pages
from .errors import register_error_handlers
from .store_access import install


def create_app(settings: Settings | None = None, store: Store | None = None,
               test_config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app over `store`, or over one opened from `settings` now (so a bad store setting
    fails here, not on the first request). A given store stays the caller's to close; one the
    app opened is closed by `web.store_access.close_store(app)` or at exit."""
    settings = settings or load_settings()
    app = Flask(__name__)
    app.config.from_mapping(
        MINUTEBOOK_SETTINGS=settings,
        CORS_ORIGINS=frozenset(o.strip() for o in settings.cors_origins.split(",") if o.strip()),
        MAX_CONTENT_LENGTH=settings.max_file_bytes,
    )
    app.json.sort_keys = False
    app.jinja_env.add_extension("jinja2.ext.do")
    if test_config:
        app.config.from_mapping(test_config)

    owned = store is None
    if store is None:
        store = search.open_store(settings.data_dir, settings.store, settings.model_cache_dir)
    install(app, store, owned)

    app.register_blueprint(api.bp)
    app.register_blueprint(pages.bp)
    register_error_handlers(app)
    return app
