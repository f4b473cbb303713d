"""A briefing as HTML: a whole page (for saving, mailing and the PDF) or the fragment the web page
places inside its own layout. One template serves both, with the money chart inline as SVG."""
from __future__ import annotations

import functools

from jinja2 import Environment, PackageLoader, select_autoescape

from . import wording
from .chart import money_chart_svg
from .model import Briefing


@functools.lru_cache(maxsize=1)
def _environment() -> Environment:
    return Environment(loader=PackageLoader("brief", "templates"),
                       autoescape=select_autoescape(["html"]), trim_blocks=True,
                       lstrip_blocks=True)


def _context(b: Briefing, base_url: str) -> dict:
    return {"b": b, "w": wording, "base_url": base_url,
            "chart": money_chart_svg(b.figures) if b.enough else None}


def render_html(b: Briefing, base_url: str = "") -> str:
    """A standalone HTML document; links to papers are `base_url` + /documents/<id>#p{page}-{n}."""
    return _environment().get_template("briefing.html").render(_context(b, base_url))


def render_html_fragment(b: Briefing, base_url: str = "") -> str:
    """The <article> alone, for a page that brings its own head and styles."""
    return _environment().get_template("briefing_body.html").render(_context(b, base_url))
