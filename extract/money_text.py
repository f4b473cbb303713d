"""Money mentions in running text: "up to £60,000 per week", "£5-10m", "€1.2 million", "$250,000".

A mention needs a currency mark (symbol, code or word) next to its number, so years, dates,
percentages, paragraph numbers and phone numbers never become money.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .fiscal import leading_fiscal_year, trailing_fiscal_year
from .numbers import NUMBER, multiplier, parse_number

# Symbols and codes written before the number, longest first.
_PREFIX_CURRENCIES: dict[str, str] = {
    "US$": "USD", "USD": "USD", "CA$": "CAD", "CDN$": "CAD", "C$": "CAD", "CAD": "CAD",
    "AU$": "AUD", "A$": "AUD", "AUD": "AUD", "NZ$": "NZD", "NZD": "NZD",
    "£": "GBP", "GBP": "GBP", "€": "EUR", "EUR": "EUR", "$": "$", "IR£": "IEP",
}
# Words written after the number ("5,000 euro", "3 million pounds").
_SUFFIX_CURRENCIES: dict[str, str] = {
    "pounds": "GBP", "pounds sterling": "GBP", "sterling": "GBP", "gbp": "GBP",
    "euro": "EUR", "euros": "EUR", "eur": "EUR",
    "dollars": "$", "usd": "USD", "cad": "CAD",
}

_SCALE = r"(?:(?P<{g}>k|K|m|M|mn|bn|b)(?![A-Za-z])|\s{{0,3}}(?P<{g}w>thousand|million|billion|mil)\b)"
_PREFIX = "|".join(re.escape(s) for s in sorted(_PREFIX_CURRENCIES, key=len, reverse=True))
_SUFFIX = "|".join(re.escape(s) for s in sorted(_SUFFIX_CURRENCIES, key=len, reverse=True))

_MENTION = re.compile(
    r"(?<![\d.,])(?P<neg>[-\u2212](?=[£€$]))?"
    r"(?:(?P<cur>" + _PREFIX + r")\s?(?P<num>" + NUMBER + r")" + _SCALE.format(g="scale")
    + r"?|(?P<num2>" + NUMBER + r")" + _SCALE.format(g="scale2") + r"?\s?(?P<cur2>" + _SUFFIX + r")\b)"
    + r"(?!\d|,\d)",
    re.IGNORECASE,
)
# The second end of a range: "£5m to £10m", "£5-10m", "between £5m and £10m".
_RANGE_TAIL = re.compile(
    r"\s?(?P<joiner>-|\u2013|\u2014|to|and)\s?(?P<cur>" + _PREFIX + r")?\s?(?P<num>" + NUMBER + r")"
    + _SCALE.format(g="scale") + r"?(?!\d|,\d)",
    re.IGNORECASE,
)
_QUALIFIERS: dict[str, str] = {
    "up to": "up to", "upto": "up to", "over": "over", "more than": "more than", "around": "around",
    "approximately": "approximately", "approx": "approximately", "approx.": "approximately",
    "about": "about", "at least": "at least", "less than": "less than", "in excess of": "in excess of",
    "under": "under", "nearly": "nearly", "almost": "almost", "circa": "circa", "c.": "circa",
    "just over": "over", "just under": "under", "below": "less than", "above": "over",
    "a maximum of": "up to", "maximum of": "up to", "no more than": "up to", "not exceeding": "up to",
    "a minimum of": "at least", "minimum of": "at least", "in the region of": "around",
    "an estimated": "approximately", "estimated": "approximately", "roughly": "approximately",
    "some": "around", "exceeding": "over", "excess of": "in excess of", "between": "between",
}
_QUALIFIER_BEFORE = re.compile(
    r"(?<![\w.])(?P<q>" + "|".join(re.escape(q) for q in sorted(_QUALIFIERS, key=len, reverse=True))
    + r")\s*$",
    re.IGNORECASE,
)
_PERIOD_WORDS = {"week": "week", "wk": "week", "month": "month", "calendar month": "month", "year": "year",
                 "annum": "year", "yr": "year", "weekly": "week", "monthly": "month", "annually": "year",
                 "yearly": "year", "pa": "year", "p.a.": "year", "p.a": "year", "pw": "week", "p.w.": "week",
                 "pcm": "month", "annual": "year"}
# "per week", "a year", "per child per week", "/month", "p.a.", "weekly"
_PER_AFTER = re.compile(
    r"^\s?(?:(?:per|a|an|each|for each|for every)\s+(?!week|month|year|annum|calendar)[a-z-]+(?:\s+[a-z-]+)?\s+)?"
    r"(?:(?:per|a|an|each|every|/)\s?(?P<p>calendar month|week|wk|month|year|annum|yr)s?\b"
    r"|(?P<q>p\.a\.?|pa|p\.w\.|pw|pcm|weekly|monthly|annually|yearly)(?![\w]))",
    re.IGNORECASE,
)
# "annual cost of £100,000", "the weekly rate is £500", "monthly £40"
_PER_BEFORE = re.compile(
    r"\b(?P<p>annual|annualised|annualized|yearly|weekly|monthly)\s+"
    r"(?:(?:[a-z-]+\s+){1,2}(?:of|at|is|was|are|were|totalling|totaling|of\s+some|=|:)\s*|)$",
    re.IGNORECASE,
)
# "for the setup of the RCC", "towards the cost of ...": what the money funds.
_PURPOSE = re.compile(
    r"^\s?(?:(?:of|in)\s+(?:capital|revenue)\s+funding\s+)?"
    r"(?P<lead>for|towards|to fund|to support|to deliver|to cover|to pay for|to provide|to enable|to invest in)\s+"
    r"(?P<what>[^.;:,()\n\u2013\u2014|]{3,120})",
    re.IGNORECASE,
)
_PURPOSE_STOP = re.compile(
    r"\s(?:from|through|over|by|with|which|who|that|in order|during|until|when|where|while|as|with effect|"
    r"in\s+(?:19|20)\d\d|per|a\s+(?:week|month|year)|each|every|is|was|are|were|will|would|has|have|"
    r"and\s+(?:a|an|the|up|\d))\b.*$|\s*(?:and\s+)?(?:[£€$]|EUR\b|USD\b|GBP\b|US\$).*$",
    re.IGNORECASE,
)
_NOT_PURPOSE = re.compile(r"^(?:which|whom|whose|what|example|instance|it|this|them|us|you)\b|^(?:the\s+)?(?:\d|(?:next|first|last|two|three|four|five|each|every|this|that|these)\b|"
                          r"(?:financial|fiscal)\s+year|year|period|months?|weeks?|\w+\s+years?\b)", re.IGNORECASE)
_SENTENCE_START = re.compile(r"(?:^|[.!?]\s+|\n\s*\n|\n(?=[-*\u00b7\u2022\d]))")


@dataclass(frozen=True)
class MoneyMention:
    start: int
    end: int
    amount: float
    currency: str
    per: str | None = None
    qualifier: str | None = None
    fiscal_year: str | None = None
    amount_max: float | None = None
    purpose: str | None = None


def _scaled(num: str, scale: str | None, scale_word: str | None) -> float | None:
    if re.fullmatch(r"0\d+", num):  # "£000", "£'000": a column unit, not an amount
        return None
    value = parse_number(num)
    if value is None:
        return None
    return value * multiplier(scale or scale_word)


def _sentence_before(text: str, start: int) -> str:
    window = text[max(0, start - 400):start]
    cuts = list(_SENTENCE_START.finditer(window))
    return window[cuts[-1].end():] if cuts else window


def _purpose(after: str) -> str | None:
    m = _PURPOSE.match(after)
    if not m:
        return None
    what = _PURPOSE_STOP.sub("", m.group("what")).strip()
    what = re.sub(r"(?:\s+(?:for|of|to|and|or|the|a|an|with|on|at))+$", "", what, flags=re.IGNORECASE)
    what = re.sub(r"\s+", " ", what)
    if not what or _NOT_PURPOSE.match(what) or len(what.split()) > 10:
        return None
    return what


def _is_range(tail: re.Match, before: str) -> bool:
    """'£5m to £10m', '£5-10m', 'between £5m and £10m' are ranges; 'from £3m to £4m' is a change."""
    joiner = tail.group("joiner").lower()
    marked = bool(tail.group("cur") or tail.group("scale") or tail.group("scalew"))
    if joiner == "and":
        return marked and bool(re.search(r"\bbetween\s*$", before, re.IGNORECASE))
    if re.search(r"\bfrom\s*$", before, re.IGNORECASE):
        return bool(re.search(r"\b(?:rang\w*|var\w*)\s+from\s*$", before, re.IGNORECASE))
    return marked or joiner != "to"


def find_money(text: str, dollar: str = "USD") -> list[MoneyMention]:
    """Every currency-marked amount in `text`, with range end, period, qualifier and fiscal year."""
    mentions: list[MoneyMention] = []
    pos = 0
    while True:
        m = _MENTION.search(text, pos)
        if not m:
            break
        pos = m.end()
        if m.group("cur"):
            currency = _PREFIX_CURRENCIES.get(m.group("cur").upper(), _PREFIX_CURRENCIES.get(m.group("cur")))
            if m.group("cur").isalpha() and not m.group("cur").isupper():
                continue  # "eur", "cad" in lower case are words, not codes
            num, scale, scale_word = m.group("num"), m.group("scale"), m.group("scalew")
        else:
            currency = _SUFFIX_CURRENCIES[m.group("cur2").lower()]
            num, scale, scale_word = m.group("num2"), m.group("scale2"), m.group("scale2w")
        if currency == "$":
            currency = dollar
        amount = _scaled(num, scale, scale_word)
        if amount is None:
            continue
        if m.group("neg"):
            amount = -amount
        start, end = m.start(), m.end()
        before = text[max(0, start - 80):start]

        amount_max = None
        upper: tuple[int, int, float] | None = None  # "£377 to £492": the upper end is stated as an amount too
        tail = _RANGE_TAIL.match(text, end) if m.group("cur") else None
        if tail and not _is_range(tail, before):
            tail = None
        if tail:
            top = _scaled(tail.group("num"), tail.group("scale"), tail.group("scalew"))
            top_scale = tail.group("scale") or tail.group("scalew")
            if top is not None and not (scale or scale_word) and top_scale:
                if amount < (parse_number(tail.group("num")) or 0):  # "£5-10m": the scale covers both
                    amount *= multiplier(top_scale)
            if top is not None and top > amount:
                amount_max, end = top, tail.end()
                pos = end
                if tail.group("cur"):
                    upper = (tail.start("cur"), tail.end(), top)

        q = _QUALIFIER_BEFORE.search(before)
        qualifier = _QUALIFIERS[q.group("q").lower()] if q else None
        if qualifier == "between" and amount_max is None:
            qualifier = None
        if q:
            start = start - len(before) + q.start()

        after = text[end:end + 160]
        per = None
        p = _PER_AFTER.match(after)
        if p:
            per = _PERIOD_WORDS[(p.group("p") or p.group("q")).lower()]
            end += p.end()
            after = text[end:end + 160]
        else:
            pb = _PER_BEFORE.search(text[max(0, start - 60):start])
            if pb:
                per = _PERIOD_WORDS[pb.group("p").lower().replace("annualised", "annual").replace("annualized", "annual")]

        fiscal_year = trailing_fiscal_year(after) or leading_fiscal_year(_sentence_before(text, start))
        mentions.append(MoneyMention(start=start, end=end, amount=amount, currency=currency, per=per,
                                     qualifier=qualifier, fiscal_year=fiscal_year, amount_max=amount_max,
                                     purpose=_purpose(after)))
        if upper is not None:
            mentions.append(MoneyMention(start=upper[0], end=upper[1], amount=upper[2], currency=currency,
                                         per=per, qualifier=None, fiscal_year=fiscal_year, amount_max=None,
                                         purpose=None))
    return mentions
