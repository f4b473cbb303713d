"""Document metadata from hand-written papers and from real ones, asserted as whole records."""
from __future__ import annotations

from pathlib import Path

import pytest

from extract.facts import DocType, DocumentMeta
from extract.pipeline import extract, load_nlp
from ingest import read_bytes, read_document

REAL = Path(__file__).resolve().parents[2].parent / "shared" / "corpus-real"


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def meta(nlp, text: str) -> DocumentMeta:
    return extract(read_bytes(text.encode(), "x.txt"), nlp).meta


def test_report_header(nlp):
    text = """Report to: Corporate Parenting Panel

Date of meeting: 2 April 2025

Report by: Director of Children's Services

Title: Regional Care Cooperative update

1. Recommendations

1.1 The Panel is recommended to note the update.

Contact Officer: Deborah Ennis, deborah.ennis@eastsussex.gov.uk
"""
    assert meta(nlp, text) == DocumentMeta(
        doc_type=DocType.REPORT, title="Regional Care Cooperative update",
        authority="East Sussex County Council", committee="Corporate Parenting Panel",
        meeting_date="2025-04-02", decision_date=None, author="Director of Children's Services")


def test_minutes_header(nlp):
    text = """CABINET MEMBER FOR CHILDREN, FAMILIES AND EDUCATION

RECORD OF DECISIONS of the meeting of the Cabinet Member for Children, Families and Education held on Thursday, 25 July 2024 at 4.00 pm at the Guildhall, Portsmouth

Present

Councillor Suzy Horton (in the Chair)

13. Apologies

No apologies had been received.

14. Regional Care Co-operative

The report, which was for information, was noted.
"""
    assert meta(nlp, text) == DocumentMeta(
        doc_type=DocType.MINUTES, title="CABINET MEMBER FOR CHILDREN, FAMILIES AND EDUCATION",
        authority="Portsmouth City Council", committee="Cabinet Member for Children, Families and Education",
        meeting_date="2024-07-25", decision_date=None, author=None)


def test_decision_notice(nlp):
    text = """Decision Maker: Cabinet Member for Integrated Children's Services

Decision status: Recommendations Approved

As Cabinet Member for Integrated Children's Services, I agree to:

A) Agree to take part in the Pathfinder, as KCC has proposed.

Publication date: 15/09/2023

Date of decision: 15/09/2023
"""
    assert meta(nlp, text) == DocumentMeta(
        doc_type=DocType.DECISION_NOTICE, title=None, authority="Kent County Council",
        committee="Cabinet Member for Integrated Children's Services", meeting_date=None,
        decision_date="2023-09-15", author=None)


@pytest.mark.skipif(not REAL.exists(), reason="needs ../shared/corpus-real")
def test_modern_gov_decision_page(nlp):
    path = REAL / "DemocracyClub__LGSF" / "modgov_decision_detail_reading_policy_2015-10-19.html"
    result = extract(read_document(path), nlp)
    assert result.meta == DocumentMeta(
        doc_type=DocType.DECISION_NOTICE, title="Minutes of Previous Meeting", authority=None,
        committee="Policy Committee", meeting_date="2015-10-19", decision_date="2015-10-19", author=None)
    (decision,) = [f for f in result.facts if f.kind.value == "decision"]
    assert (decision.outcome.value, decision.procedural) == ("approved", True)
