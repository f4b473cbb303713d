"""A briefing as PDF, printed from the standalone HTML by WeasyPrint (chart and links included)."""
from __future__ import annotations

from .model import Briefing
from .render_html import render_html

DEFAULT_BASE_URL = "http://127.0.0.1:8000"  # where `minutebook serve` listens unless told otherwise


def render_pdf(b: Briefing, base_url: str = DEFAULT_BASE_URL) -> bytes:
    """PDF bytes. Links need an absolute base to work from a PDF reader, hence the default."""
    from weasyprint import HTML  # heavy: loaded only when a PDF is asked for

    return HTML(string=render_html(b, base_url), base_url=base_url or None).write_pdf()
