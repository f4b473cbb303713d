"""web: the officer pages and the /api/v1 JSON API, both over the search stage's Store."""
from .app import create_app

__all__ = ["create_app"]
