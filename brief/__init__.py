"""brief: briefing notes on a topic, composed from the store and rendered as Markdown, HTML, PDF
or Word. Every statement is quoted or extracted from the papers and cites its paragraph.

Imports point one way: brief -> search -> extract -> ingest; the CLI and web/ use brief. Nothing is
loaded on import (the renderers' libraries load when a format is asked for).
"""
from __future__ import annotations

from .compose import compose_briefing
from .model import Briefing, Format


def render(briefing: Briefing, fmt: Format | str, base_url: str = "") -> bytes:
    """The briefing in a format, as bytes (UTF-8 for the text formats)."""
    fmt = Format(fmt)
    if fmt is Format.MARKDOWN:
        from .render_md import render_markdown

        return render_markdown(briefing, base_url).encode("utf-8")
    if fmt is Format.HTML:
        from .render_html import render_html

        return render_html(briefing, base_url).encode("utf-8")
    if fmt is Format.PDF:
        from .render_pdf import DEFAULT_BASE_URL, render_pdf

        return render_pdf(briefing, base_url or DEFAULT_BASE_URL)
    from .render_docx import render_docx

    return render_docx(briefing, base_url)


__all__ = ["Briefing", "Format", "compose_briefing", "render"]
