"""money component: one MoneyFact per mention, from running text and from currency-headed table columns.

Amounts are in units of the currency ("£1.95m" -> 1950000, a "£000" column's 1,234 -> 1234000).
A bare "$" is USD unless the paper is plainly North American-Canadian (CAD) or Australian (AUD).
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from .annotations import annotate, char_span
from .facts import FactKind
from .money_tables import find_table_money
from .money_text import MoneyMention, find_money

_CANADA = re.compile(r"\b(?:Canada|Canadian|Ontario|Manitoba|Winnipeg|Alberta|Saskatchewan|British Columbia|"
                     r"Quebec|Nova Scotia|New Brunswick|Toronto|Ottawa|Vancouver|Calgary|Edmonton)\b")
_AUSTRALIA = re.compile(r"\b(?:Australia|Australian|New South Wales|Queensland|Victoria, Australia)\b")


def dollar_currency(text: str) -> str:
    """The currency a bare '$' means in this paper."""
    head = text[:20000]
    if _CANADA.search(head):
        return "CAD"
    if _AUSTRALIA.search(head):
        return "AUD"
    return "USD"


def money_mentions(text: str, document=None) -> list[MoneyMention]:
    """Running-text mentions, then table cells that no running-text mention already covers."""
    dollar = dollar_currency(text)
    mentions = find_money(text, dollar)
    if document is not None:
        taken = [(m.start, m.end) for m in mentions]
        for cell in find_table_money(document, dollar):
            if not any(s < cell.end and cell.start < e for s, e in taken):
                mentions.append(cell)
    return sorted(mentions, key=lambda m: m.start)


@Language.factory("minutebook_money")
def make_money(nlp: Language, name: str):
    def component(doc: Doc) -> Doc:
        document = doc.user_data.get("document")
        for m in money_mentions(doc.text, document):
            span = char_span(doc, m.start, m.end)
            if span is None:
                continue
            annotate(doc, FactKind.MONEY, span, start=m.start, end=m.end, amount=m.amount, currency=m.currency,
                     per=m.per, qualifier=m.qualifier, fiscal_year=m.fiscal_year, amount_max=m.amount_max,
                     purpose=m.purpose)
        return doc

    return component
