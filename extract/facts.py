"""Typed records born in extract: document metadata and key facts.

`to_dict()` gives the contract JSON of ../shared/eval/README.md; `from_dict()` reads it back, so the
store can keep facts as JSON and still hand typed records to its callers.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from enum import Enum
from typing import Any, ClassVar


class DocType(str, Enum):
    MINUTES = "minutes"
    DECISION_NOTICE = "decision_notice"
    REPORT = "report"
    AGENDA_ITEM = "agenda_item"
    OTHER = "other"


class FactKind(str, Enum):
    MONEY = "money"
    DATE = "date"
    PERSON = "person"
    ORGANISATION = "organisation"
    DECISION = "decision"


class Outcome(str, Enum):
    APPROVED = "approved"
    AGREED = "agreed"
    NOTED = "noted"
    DEFERRED = "deferred"
    REJECTED = "rejected"
    RECOMMENDED = "recommended"
    DELEGATED = "delegated"


@dataclass(frozen=True)
class Location:
    page: int
    paragraph: int
    start: int  # offsets in Document.text
    end: int


@dataclass(frozen=True)
class DocumentMeta:
    doc_type: DocType = DocType.OTHER
    title: str | None = None
    authority: str | None = None  # canonical council name
    committee: str | None = None  # committee or decision maker
    meeting_date: str | None = None  # ISO date
    decision_date: str | None = None
    author: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["doc_type"] = self.doc_type.value
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "DocumentMeta":
        known = {f.name for f in fields(cls)}
        kw = {k: v for k, v in d.items() if k in known}
        kw["doc_type"] = DocType(kw.get("doc_type") or "other")
        return cls(**kw)


@dataclass(frozen=True)
class Fact:
    """Common fields of every fact: the quoted source text, where it is, and who produced it."""

    kind: ClassVar[FactKind]
    text: str
    location: Location | None = None
    extractor: str = "minutebook"  # name/version of the component that produced it

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"type": self.kind.value}
        for f in fields(self):
            v = getattr(self, f.name)
            if isinstance(v, Enum):
                v = v.value
            elif isinstance(v, Location):
                v = asdict(v)
            d[f.name] = v
        return d

    @staticmethod
    def from_dict(d: dict[str, Any]) -> "Fact":
        cls = FACT_CLASSES[FactKind(d["type"])]
        known = {f.name for f in fields(cls)}
        if cls is OrganisationFact and "kind" in d:
            d = {**d, "org_kind": d["kind"]}
        kw = {k: v for k, v in d.items() if k in known}
        if kw.get("location"):
            kw["location"] = Location(**kw["location"])
        if cls is DecisionFact and kw.get("outcome"):
            kw["outcome"] = Outcome(kw["outcome"])
        return cls(**kw)


@dataclass(frozen=True)
class MoneyFact(Fact):
    kind: ClassVar[FactKind] = FactKind.MONEY
    amount: float | None = None  # in units of `currency` (pounds for GBP)
    currency: str = "GBP"
    per: str | None = None  # week, month, year
    qualifier: str | None = None  # "up to", "over", "around", ...
    fiscal_year: str | None = None  # "2025/26"
    amount_max: float | None = None  # upper end of a range
    purpose: str | None = None  # what the money is for


@dataclass(frozen=True)
class DateFact(Fact):
    kind: ClassVar[FactKind] = FactKind.DATE
    value: str | None = None  # YYYY-MM-DD or YYYY-MM
    role: str | None = None  # meeting, decision, effective, publication, deadline, funding_end


@dataclass(frozen=True)
class PersonFact(Fact):
    kind: ClassVar[FactKind] = FactKind.PERSON
    name: str | None = None
    role: str | None = None
    councillor: bool | None = None
    attendance: str | None = None  # present, apologies, absent


@dataclass(frozen=True)
class OrganisationFact(Fact):
    kind: ClassVar[FactKind] = FactKind.ORGANISATION
    name: str | None = None  # canonical name
    org_kind: str | None = None  # council kind, government_department, public_body, ...

    def to_dict(self) -> dict[str, Any]:
        d = super().to_dict()
        d["kind"] = d.pop("org_kind")  # the contract's field name
        return d


@dataclass(frozen=True)
class DecisionFact(Fact):
    kind: ClassVar[FactKind] = FactKind.DECISION
    subject: str | None = None
    outcome: Outcome | None = None
    decision_maker: str | None = None
    reference: str | None = None  # "A", "2.1", "15" where the paper numbers it
    procedural: bool = False  # apologies, declarations of interest, previous minutes


FACT_CLASSES: dict[FactKind, type[Fact]] = {
    c.kind: c for c in (MoneyFact, DateFact, PersonFact, OrganisationFact, DecisionFact)
}


@dataclass(frozen=True)
class Extraction:
    """What extract produces for one document."""

    meta: DocumentMeta
    facts: tuple[Fact, ...] = field(default_factory=tuple)

    def to_dict(self, source: str) -> dict[str, Any]:
        return {
            "source": source,
            "document": self.meta.to_dict(),
            "facts": [f.to_dict() for f in self.facts],
        }
