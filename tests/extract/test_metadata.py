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


def title(text: str) -> str | None:
    from extract.paper import find_title
    from extract.textlines import lines_of
    return find_title(lines_of(read_bytes(text.encode(), "x.md")), None)


@pytest.mark.parametrize("text, expected", [
    # Limerick's Markdown minutes open with a link to the original, then the title wrapped over lines
    ("[Original file](https://www.limerick.ie/x.pdf)\n\n---\nMINUTES OF PROCEEDINGS AT SPECIAL MEETING OF LIMERICK CITY AND\n\n"
     "COUNTY COUNCIL HELD IN THE COUNCIL CHAMBER, DOORADOYLE, AND ONLINE,\n\nON FRIDAY, 21ST FEBRUARY, 2025, AT 10.30 A.M.",
     "MINUTES OF PROCEEDINGS AT SPECIAL MEETING OF LIMERICK CITY AND COUNTY COUNCIL"),
    ("Original file\n\nScanned page, text may contain errors. See original file for clarity\n\n"
     "MINUTES OF PROCEEDINGS AT DRAFT BUDGETARY PLAN MEETING OF THE MUNICIPAL DISTRICT OF CAPPAMORE-KILMALLOCK "
     "HELD IN ARAS MAINCHIN SEOIGHE, MILLMOUNT, KILMALLOCK",
     "MINUTES OF PROCEEDINGS AT DRAFT BUDGETARY PLAN MEETING OF THE MUNICIPAL DISTRICT OF CAPPAMORE-KILMALLOCK"),
    # Kent's printed minutes: the letterhead, the committee, then the minute that names the meeting
    ("# KENT COUNTY COUNCIL\n\n# CABINET\n\nMINUTES of a meeting of the Cabinet held in the Council Chamber, "
     "Sessions House, County Hall, Maidstone on Thursday, 30 January 2025.\n\nPRESENT: Mr R W Gough (Chairman)",
     "MINUTES of a meeting of the Cabinet"),
    # boilerplate a publishing system puts above the title
    ("Public Document Pack\n\nPage 1 of 3\n\nAgenda Item 5\n\n# Highways Maintenance Programme 2025/26\n\nReport to: Cabinet",
     "Highways Maintenance Programme 2025/26"),
    # a bare date or a table's header row is no title; the section headings after them neither
    ("10 June 2020\n\nManordeilo and Salem Community Council held their meeting remotely via Zoom at 7.30pm on "
     "the 10th June 2020 and the Chair welcomed everyone present.\n\n# PRESENT\n\nCouncillors Alun Davies", "10 June 2020"),
    ("Directorate | Risk Title | Source/Cause of Risk\n\n£m | £m\n\n# Significant Risks", "Significant Risks"),
    # under headings, a plain line is the body: Merton's agenda pack lists its members
    ("# Merton Council\n\n# Membership:\n\n# Councillors:\n\nAngela Caldara Corinna Edge Rod Scott", "Merton Council"),
])
def test_titles_skip_boilerplate(text, expected):
    assert title(text) == expected


@pytest.mark.parametrize("header, committee, meeting_date", [
    # Kent's report cover sheets: "To:" names the meeting and its date
    ("By: Anna Taylor, Scrutiny Research Officer\n\nTo: Cabinet - 4 March 2025\n\nSubject: Cabinet reconsideration "
     "of Decision 24/00093", "Cabinet", "2025-03-04"),
    ("From: Roger Gough, Leader of the Council\n\nTo: County Council - 9th January 2025\n\nSubject: English Devolution "
     "White Paper\n\nRecommendations:\n\nCounty Council is asked to:\n\n(1) Endorse the ongoing joint work", "County Council",
     "2025-01-09"),
    ("Finance Monitoring Report As at November 2024-25 - Quarter 3\n\nBy Deputy Leader and Cabinet Member for Finance\n\n"
     "To Cabinet - 30 January 2025\n\nUnrestricted", "Cabinet", "2025-01-30"),
    ("1st Meeting of the Budget Committee\n\nDatetime: 2025-03-19 10:00:00\n\nMeeting type: Budget Committee\n\nPresent:",
     "Budget Committee", "2025-03-19"),
])
def test_committee_and_date_of_the_meeting_a_report_goes_to(nlp, header, committee, meeting_date):
    got = meta(nlp, header)
    assert (got.committee, got.meeting_date) == (committee, meeting_date)


def test_a_time_in_the_heading_does_not_end_the_sentence(nlp):
    # West Dereham Parish Council, 8 November 2018; the minutes later cite the October meeting
    text = ("DRAFT MINUTES OF THE WEST DEREHAM PARISH COUNCIL MEETING HELD AT WEST DEREHAM VILLAGE HALL AT 7.30 pm "
            "ON THURSDAY 08 NOVEMBER 2018\n\nPRESENT (Six Councillors):- Pam Bullas (PB)\n\n"
            "2. Minutes of the meeting held on 11 October 2018 were agreed.")
    assert meta(nlp, text).meeting_date == "2018-11-08"
