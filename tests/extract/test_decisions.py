"""Decisions from hand-written passages of the kinds councils publish, asserted as whole records."""
from __future__ import annotations

import pytest

from extract.facts import DecisionFact, Outcome
from extract.pipeline import extract, load_nlp
from ingest import read_bytes


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def decisions(nlp, text: str) -> list[tuple]:
    result = extract(read_bytes(text.encode(), "x.txt"), nlp)
    return [(f.subject, f.text, f.outcome, f.decision_maker, f.reference, f.procedural)
            for f in result.facts if isinstance(f, DecisionFact)]


MODGOV_NOTICE = """Decision Maker: Cabinet Member for Highways

Decision status: Recommendations Approved

Is Key decision?: Yes

Proposed decision:

The Cabinet Member for Highways is asked to:
A) Agree the new parking charges for Station Road car park
B) Note the consultation responses
C) Delegate authority to the Director of Growth to implement the charges

Reason for the decision

The car park costs more to run than it earns.

Date of decision: 15/09/2023
"""


def test_decision_notice_with_lettered_decisions(nlp):
    assert decisions(nlp, MODGOV_NOTICE) == [
        (None, "Agree the new parking charges for Station Road car park", Outcome.APPROVED,
         "Cabinet Member for Highways", "A", False),
        (None, "Note the consultation responses", Outcome.NOTED, "Cabinet Member for Highways", "B", False),
        (None, "Delegate authority to the Director of Growth to implement the charges", Outcome.APPROVED,
         "Cabinet Member for Highways", "C", False),
    ]


MINUTES = """MINUTES of a meeting of the Planning Committee held on Tuesday, 4 March 2025 at the Town Hall

1. Apologies

Apologies were received from Councillor Smith.

2. Minutes of the previous meeting

RESOLVED that the minutes of the meeting held on 4 February 2025 be approved as a correct record.

3. Play Area Refurbishment

The Parks Manager introduced the report. The Chair noted that the play area was popular.

RESOLVED that the Committee:
(a) approve the refurbishment of the play area at a cost of £45,000;
(b) defer the decision on new fencing to the next meeting.

4. Annual Report

The report was noted.
"""


def test_minutes_resolutions_and_procedural_items(nlp):
    assert decisions(nlp, MINUTES) == [
        ("Minutes of the previous meeting",
         "RESOLVED that the minutes of the meeting held on 4 February 2025 be approved as a correct record.",
         Outcome.APPROVED, "Planning Committee", "2", True),
        ("Play Area Refurbishment", "approve the refurbishment of the play area at a cost of £45,000;",
         Outcome.APPROVED, "Planning Committee", "a", False),
        ("Play Area Refurbishment", "defer the decision on new fencing to the next meeting.",
         Outcome.DEFERRED, "Planning Committee", "b", False),
        ("Annual Report", "The report was noted.", Outcome.NOTED, "Planning Committee", "4", False),
    ]


REPORT = """Report to: Cabinet

Date of meeting: 9 January 2025

Subject: Library Opening Hours

Report by: Jane Brown, Head of Libraries

1. Purpose of report

1.1 To set out options for library opening hours.

2. Recommendations

2.1 That Cabinet approves the new opening hours from 1 April 2025.

2.2 That Cabinet notes the results of the consultation.

3. Background

3.1 The libraries were approved by Cabinet in 2019.
"""


def test_report_numbered_recommendations(nlp):
    assert decisions(nlp, REPORT) == [
        ("Library Opening Hours", "That Cabinet approves the new opening hours from 1 April 2025.",
         Outcome.RECOMMENDED, "Cabinet", "2.1", False),
        ("Library Opening Hours", "That Cabinet notes the results of the consultation.",
         Outcome.NOTED, "Cabinet", "2.2", False),
    ]


WELSH_ENGLISH = """MANORDEILO & SALEM COMMUNITY COUNCIL

Manordeilo and Salem Community Council held their meeting at 7.30pm on the 12th February 2020 at the Reading Room, Cwmifor.

TO CONFIRM THE MINUTES OF THE LAST MEETING

It was proposed by Cllr. D. Jones, seconded by Cllr. J. Davies and unanimously agreed that the minutes of the last meeting held on the 8th January 2020 were correct.

CADARNHAU COFNODION Y CYFARFOD DIWETHAF

Penderfynwyd bod cofnodion y cyfarfod diwethaf yn gywir.
"""


def test_welsh_and_english_minutes(nlp):
    found = decisions(nlp, WELSH_ENGLISH)
    assert [(s, o, p) for s, _, o, _, _, p in found] == [
        ("TO CONFIRM THE MINUTES OF THE LAST MEETING", Outcome.AGREED, True),
        ("CADARNHAU COFNODION Y CYFARFOD DIWETHAF", Outcome.AGREED, True),
    ]
