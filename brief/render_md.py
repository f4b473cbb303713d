"""A briefing as Markdown: the format to paste into an email or a wiki."""
from __future__ import annotations

from .model import Briefing
from .wording import (DECISION_COLUMNS, FIGURE_COLUMNS, NOTHING, SECTIONS, decision_by,
                      decision_when, figure_amount, figure_purpose, label, link, long_date,
                      opening, person_role, quoted, source_line)


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _table(columns: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[str]:
    return (["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
            + ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows])


def _one_line(text: str) -> str:
    return " ".join(text.split())


def render_markdown(b: Briefing, base_url: str = "") -> str:
    lines = [f"# {b.title}", ""]
    if not b.enough:
        return "\n".join(lines + [b.message or "", ""])
    lines += [f"*{opening(b)}*", ""]

    def section(key: str, body: list[str]) -> None:
        lines.extend([f"## {SECTIONS[key]}", ""] + (body or [NOTHING]) + [""])

    section("summary", [f"- {quoted(_one_line(p.quote))} [{p.cite}]" for p in b.summary])
    section("figures", _table(FIGURE_COLUMNS, [
        (figure_amount(f), figure_purpose(f), f.authority or "", f.fiscal_year or "", f"[{f.cite}]")
        for f in b.figures]) if b.figures else [])
    section("decisions", _table(DECISION_COLUMNS, [
        (quoted(d.quote), decision_by(d), decision_when(d)
         + (f" [{d.date_cite}]" if d.date_cite else ""), label(d.outcome), f"[{d.cite}]")
        for d in b.decisions]) if b.decisions else [])
    section("timeline", [f"- **{long_date(e.date)}**" + (f" ({e.authority})" if e.authority else "")
                         + f": {quoted(_one_line(e.quote))} [{e.cite}]" for e in b.timeline])
    section("people", [f"- **{p.name}**" + (f", {person_role(p)}" if person_role(p) else "")
                       + f" [{p.cite}]" for p in b.people])
    section("risks", [f"- {quoted(_one_line(r.quote))} [{r.cite}]" for r in b.risks])
    section("sources", [f"{s.number}. [{_one_line(source_line(s))}]({link(s, base_url)})"
                        for s in b.sources])
    return "\n".join(lines)
