"""Date facts: forms, calendar checks, things that are not dates, and roles, asserted as whole records."""
from __future__ import annotations

import pytest

from extract.facts import DateFact
from extract.pipeline import EXTRACTOR_VERSION, extract, load_nlp, locate
from ingest import read_bytes
from ingest.model import Document
from minutebook.settings import configure_runtime


@pytest.fixture(scope="module")
def nlp():
    configure_runtime()
    return load_nlp()


def dates_of(nlp, document: Document) -> list[DateFact]:
    return [f for f in extract(document, nlp).facts if isinstance(f, DateFact)]


def expected(document: Document, quote: str, value: str, role: str | None = None, after: str = "") -> DateFact:
    start = document.text.index(quote, document.text.index(after) + len(after))
    end = start + len(quote)
    return DateFact(text=quote, location=locate(document, start, end), extractor=f"{EXTRACTOR_VERSION}:date",
                    value=value, role=role)


def text_doc(text: str) -> Document:
    return read_bytes(text.encode(), "x.txt")


def test_written_forms(nlp):
    doc = text_doc("Published Stable Homes in February 2023. The panel met on 9th January 2025 and again on "
                   "January 9, 2025; the workshop ran 1-3 April 2025. Funding runs from April 2024 to June 2025.")
    assert dates_of(nlp, doc) == [
        expected(doc, "February 2023", "2023-02"),
        expected(doc, "9th January 2025", "2025-01-09"),
        expected(doc, "January 9, 2025", "2025-01-09"),
        expected(doc, "1", "2025-04-01", after="ran "),
        expected(doc, "3 April 2025", "2025-04-03"),
        expected(doc, "April 2024", "2024-04"),
        expected(doc, "June 2025", "2025-06"),
    ]


def test_uk_numeric_dates(nlp):
    doc = text_doc("Signed 15/09/2023. Minutes 29.10.24. Uploaded 2023-09-16. Called in 01/15/2020.")
    assert dates_of(nlp, doc) == [
        expected(doc, "15/09/2023", "2023-09-15"),
        expected(doc, "29.10.24", "2024-10-29"),
        expected(doc, "2023-09-16", "2023-09-16"),
        expected(doc, "01/15/2020", "2020-01-15"),
    ]


def test_things_that_are_not_dates(nlp):
    doc = text_doc("See paragraph 1.1 and 2.3.4 of decision 24-00096, page 12 of 30. The meeting starts at "
                   "4.00 pm. In early 2024 costs rose by £1,250. Members may 2025 review. 31 February 2024 "
                   "is not a day. The 2024/25 budget and the Children Act 1989.")
    assert dates_of(nlp, doc) == []


def test_roles_from_labels_and_phrases(nlp):
    doc = text_doc(
        "Date of meeting: 2 April 2025\n\n"
        "RECORD OF DECISIONS of the meeting held on Thursday, 25 July 2024 at 4.00 pm.\n\n"
        "Publication date: 15/09/2023\n\nDate of decision: 15/09/2023\n\nEffective from: 23/09/2023\n\n"
        "The grant is to be used by 31 March 2025. The funding is due to end in June 2025. "
        "Call-in expiry date: 20 March 2025. Charges rise from 1 April 2025.")
    assert dates_of(nlp, doc) == [
        expected(doc, "2 April 2025", "2025-04-02", "meeting"),
        expected(doc, "Thursday, 25 July 2024", "2024-07-25", "meeting"),
        expected(doc, "15/09/2023", "2023-09-15", "publication"),
        expected(doc, "15/09/2023", "2023-09-15", "decision", after="Date of decision"),
        expected(doc, "23/09/2023", "2023-09-23", "effective"),
        expected(doc, "31 March 2025", "2025-03-31", "deadline"),
        expected(doc, "June 2025", "2025-06", "funding_end"),
        expected(doc, "20 March 2025", "2025-03-20", "deadline"),
        expected(doc, "1 April 2025", "2025-04-01", "effective"),
    ]


def test_welsh_dates(nlp):
    doc = text_doc("Cynhaliwyd cyfarfod ar y 9fed Hydref 2019 yn yr Ystafell Ddarllen.")
    assert dates_of(nlp, doc) == [expected(doc, "9fed Hydref 2019", "2019-10-09")]
