"""The fixed wording every format shares: section titles, the opening line, how dates, outcomes and
roles are written. Only template text lives here; what it joins comes from the papers."""
from __future__ import annotations

from datetime import date

from .model import Briefing, BriefingSource, DecisionItem, KeyFigure, PersonItem

SECTIONS = {
    "summary": "Summary",
    "figures": "Key figures",
    "chart": "Money over time",
    "decisions": "Decisions",
    "timeline": "Timeline",
    "people": "People",
    "risks": "Risks and open questions",
    "sources": "Sources",
}
FIGURE_COLUMNS = ("Amount", "Purpose", "Authority", "Fiscal year", "Source")
DECISION_COLUMNS = ("What", "By whom", "When", "Outcome", "Source")
NOTHING = "Nothing in the papers."
QUOTED = ("\u201c", "\u201d")


def long_date(value: str | None) -> str:
    """9 January 2025, or June 2025 for a month; other text as it is."""
    text = value or ""
    try:
        if len(text) == 7:
            return f"{date.fromisoformat(text + '-01'):%B %Y}"
        day = date.fromisoformat(text)
    except ValueError:
        return text
    return f"{day.day} {day:%B %Y}"


def label(value: str | None) -> str:
    text = (value or "").replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def quoted(text: str) -> str:
    return f"{QUOTED[0]}{text}{QUOTED[1]}"


def opening(b: Briefing) -> str:
    parts = [f"Prepared {long_date(b.prepared_on)} from {b.papers} "
             f"paper{'' if b.papers == 1 else 's'}"]
    if b.period_from and b.period_to:
        parts.append(f" dated {long_date(b.period_from)} to {long_date(b.period_to)}"
                     if b.period_from != b.period_to else f" dated {long_date(b.period_from)}")
    if b.authority:
        parts.append(f", papers of {b.authority} only")
    if b.since:
        parts.append(f", papers dated from {long_date(b.since)}")
    return "".join(parts) + (". Every statement is quoted or taken from the papers; the number in "
                             "brackets after it is its source, listed at the end.")


def figure_amount(f: KeyFigure) -> str:
    return f.amount_text + (f" (per {f.per})" if f.per and f.per not in f.amount_text else "")


def figure_purpose(f: KeyFigure) -> str:
    """The extracted purpose, else the sentence that states the figure, in quotation marks."""
    return f.purpose or quoted(f.quote)


def decision_when(d: DecisionItem) -> str:
    return long_date(d.date) if d.date else ""


def decision_by(d: DecisionItem) -> str:
    return ", ".join(p for p in (d.decision_maker, d.authority) if p)


def person_role(p: PersonItem) -> str:
    role = p.role or ("Councillor" if p.councillor else "")
    where = ", ".join(p.authorities)
    return ", ".join(x for x in (role, where) if x)


def source_line(s: BriefingSource) -> str:
    """Title — authority, kind, date, page and paragraph."""
    facts = [x for x in (s.authority, label(s.doc_type) if s.doc_type else None,
                         long_date(s.date) if s.date else None) if x]
    return (f"{s.title}" + (f" \u2014 {', '.join(facts)}" if facts else "")
            + f", page {s.page}, paragraph {s.paragraph}")


def link(s: BriefingSource, base_url: str = "") -> str:
    return base_url.rstrip("/") + s.path
