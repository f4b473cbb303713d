"""Import every component module so their Language.factory registrations run."""
from . import dates, decisions, metadata, money, organisations, people  # noqa: F401
