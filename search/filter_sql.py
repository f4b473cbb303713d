"""The WHERE clauses that Filters mean, and the newest-first order that pages of documents follow,
written once for both stores.

The clauses are plain SQL on documents aliased `d` (and facts aliased `f`); the store's Dialect
supplies what its database spells its own way: the parameter placeholder, case-blind equality,
how a text parameter must be passed and how text is put in byte order.
"""
from __future__ import annotations

from .model import Filters
from .rows import DATE, SORT_DATE
from .sql_dialect import Dialect

# the column filters that compare text without regard to case
_TEXT_COLUMNS = ("authority", "committee", "doc_type")


def filter_sql(filters: Filters | None, dialect: Dialect) -> tuple[list[str], list]:
    """The clauses (to be ANDed) and their parameters, in order, that keep what `filters` keeps.

    Dates compare as ISO text on the document's date (the meeting's, else the decision's), both
    ends inclusive; `fact_type` keeps documents holding at least one fact of that kind."""
    where: list[str] = []
    params: list = []
    if filters is None:
        return where, params
    p = dialect.placeholder
    for column in _TEXT_COLUMNS:
        value = getattr(filters, column)
        if value:
            where.append(dialect.equal_ignoring_case.format(column=f"d.{column}", p=p))
            params.append(dialect.text(value))
    if filters.since:
        where.append(f"{DATE} >= {p}")
        params.append(dialect.text(filters.since))
    if filters.until:
        where.append(f"{DATE} <= {p}")
        params.append(dialect.text(filters.until))
    if filters.fact_type:
        where.append(f"EXISTS (SELECT 1 FROM facts ff WHERE ff.document_id = d.id "
                     f"AND ff.kind = {p})")
        params.append(dialect.text(filters.fact_type))
    return where, params


def fact_filter_sql(filters: Filters | None, dialect: Dialect, *,
                    document_id: str | None = None, kind: str | None = None,
                    outcome: str | None = None) -> tuple[list[str], list]:
    """filter_sql's clauses on the documents (aliased `d`) of facts (aliased `f`), then those
    keeping facts of that document, kind and outcome: each only where it is not None."""
    where, params = filter_sql(filters, dialect)
    for column, value in (("document_id", document_id), ("kind", kind), ("outcome", outcome)):
        if value is not None:
            where.append(f"f.{column} = {dialect.placeholder}")
            params.append(value)
    return where, params


def newest_first(dialect: Dialect) -> str:
    """ORDER BY terms for documents newest first (undated last), then by id: the order that
    after_clause pages through."""
    return f"{SORT_DATE}{dialect.byte_order} DESC, d.id{dialect.byte_order}"


def after_clause(sort_date: str, document_id: str, dialect: Dialect) -> tuple[str, list]:
    """The clause and parameters that keep the documents after one in newest_first order, given
    its SORT_DATE value and id (keyset paging: no OFFSET to scan past)."""
    p, order = dialect.placeholder, dialect.byte_order
    return (f"({SORT_DATE}{order} < {p} OR ({SORT_DATE} = {p} AND d.id{order} > {p}))",
            [sort_date, sort_date, document_id])


def where_clause(clauses: list[str]) -> str:
    """`WHERE a AND b`, or nothing when there are no clauses."""
    return ("WHERE " + " AND ".join(clauses)) if clauses else ""

