"""Money facts from running text and from currency-headed table columns, asserted as whole records."""
from __future__ import annotations

import pytest

from extract.facts import MoneyFact
from extract.pipeline import EXTRACTOR_VERSION, extract, load_nlp, locate
from ingest import read_bytes
from ingest.model import BlockKind, Document, Format
from ingest.readers.base import RawBlock, ReadResult, assemble
from minutebook.settings import configure_runtime


@pytest.fixture(scope="module")
def nlp():
    configure_runtime()
    return load_nlp()


def money_of(nlp, document: Document) -> list[MoneyFact]:
    return [f for f in extract(document, nlp).facts if isinstance(f, MoneyFact)]


def expected(document: Document, quote: str, after: str = "", **fields) -> MoneyFact:
    """The fact quoting `quote` at its first occurrence after the text `after`."""
    start = document.text.index(quote, document.text.index(after) + len(after))
    end = start + len(quote)
    return MoneyFact(text=quote, location=locate(document, start, end),
                     extractor=f"{EXTRACTOR_VERSION}:money", **fields)


def text_doc(text: str) -> Document:
    return read_bytes(text.encode(), "x.txt")


def table_doc(header: str, rows: list[str], before: str = "Finance summary.") -> Document:
    blocks = [RawBlock(before)] + [RawBlock(r, kind=BlockKind.TABLE_ROW, table_header=header) for r in [header] + rows]
    return assemble(b"table", "t.docx", Format.DOCX, ReadResult(blocks=blocks))


def test_qualifier_and_period(nlp):
    doc = text_doc("In some areas, placements may cost up to £60,000 per week for a child with significant needs.")
    assert money_of(nlp, doc) == [
        expected(doc, "up to £60,000 per week", amount=60000.0, per="week", qualifier="up to",
                 purpose="a child"),
    ]


def test_multipliers_fiscal_years_and_purpose(nlp):
    doc = text_doc(
        "This would be £50,000 in 2025/26, and £100,000 in the two subsequent years. "
        "In 2023/24, the total expenditure was £3.2m. The DfE has provided £1.95m for the setup of the RCC "
        "and £200 million for new homes. The annual cost of £100,000 equates to £2bn over £7,000 a week.")
    assert money_of(nlp, doc) == [
        expected(doc, "£50,000", amount=50000.0, fiscal_year="2025/26"),
        expected(doc, "£100,000", amount=100000.0),
        expected(doc, "£3.2m", amount=3200000.0, fiscal_year="2023/24"),
        expected(doc, "£1.95m", amount=1950000.0, purpose="the setup of the RCC"),
        expected(doc, "£200 million", amount=200000000.0, purpose="new homes"),
        expected(doc, "£100,000", "annual cost", amount=100000.0, per="year"),
        expected(doc, "£2bn", amount=2e9),
        expected(doc, "over £7,000 a week", amount=7000.0, per="week", qualifier="over"),
    ]


def test_ranges_and_changes(nlp):
    doc = text_doc("Costs are estimated at £5-10m. Bids of between £250k and £400k per annum are expected. "
                   "The budget rose from £3m to £4m in FY 2024/25.")
    assert money_of(nlp, doc) == [
        expected(doc, "£5-10m", amount=5e6, amount_max=1e7),
        expected(doc, "between £250k and £400k per annum", amount=250000.0, amount_max=400000.0, per="year",
                 qualifier="between"),
        expected(doc, "£400k", amount=400000.0, per="year"),  # the upper end is stated too
        expected(doc, "£3m", amount=3e6),
        expected(doc, "£4m", amount=4e6, fiscal_year="2024/25"),
    ]


def test_other_currencies(nlp):
    doc = text_doc("The Council approved €1.2 million for housing and a grant of EUR 5,000. "
                   "A further US$250,000 was received.")
    assert money_of(nlp, doc) == [
        expected(doc, "€1.2 million", amount=1200000.0, currency="EUR", purpose="housing"),
        expected(doc, "EUR 5,000", amount=5000.0, currency="EUR"),
        expected(doc, "US$250,000", amount=250000.0, currency="USD"),
    ]


def test_bare_dollars_in_a_canadian_paper_are_cad(nlp):
    doc = text_doc("City of London, Ontario. The contract is awarded at a total cost of $69,583.14 (HST excluded).")
    assert money_of(nlp, doc) == [expected(doc, "$69,583.14", amount=69583.14, currency="CAD")]


def test_numbers_that_are_not_money(nlp):
    doc = text_doc("Decision 24-00096 was taken on 15/09/2023 at 4.00 pm; see paragraph 3.2 and page 12. "
                   "Spend rose 41% in 2024. Call 01234 567890. Figures are in £000s and £'000.")
    assert money_of(nlp, doc) == []


def test_table_with_currency_columns(nlp):
    doc = table_doc("Directorate | Budget £000 | Forecast £m | FTE | 2025-26 £k",
                    ["Adult Social Care | 1,234 | 2.5 | 300 | (12)",
                     "Children | — | 0 | 12 | 5",
                     "Total | 1,234.5 | £3m | 312 | -"])
    assert money_of(nlp, doc) == [
        expected(doc, "1,234", amount=1234000.0, purpose="Adult Social Care"),
        expected(doc, "2.5", amount=2500000.0, purpose="Adult Social Care"),
        expected(doc, "(12)", amount=-12000.0, fiscal_year="2025/26", purpose="Adult Social Care"),
        expected(doc, "5", "Children", amount=5000.0, fiscal_year="2025/26", purpose="Children"),
        expected(doc, "1,234.5", amount=1234500.0),
        expected(doc, "£3m", amount=3e6),
    ]


def test_table_headed_by_a_caption_and_a_units_row(nlp):
    caption = table_doc("All figures in £m | |", ["Block | 2024-25 Budget | Variance", "Schools | 1,260.5 | -0.3",
                                                    "Rate of increase | 5% | -"])
    assert money_of(nlp, caption) == [
        expected(caption, "1,260.5", amount=1260500000.0, fiscal_year="2024/25", purpose="Schools"),
        expected(caption, "-0.3", amount=-300000.0, purpose="Schools"),
    ]
    units = table_doc("Service | 2024-25 | 2025-26", [" | £m | £m", "Roads | 1.5 | 2.0"])
    assert money_of(nlp, units) == [
        expected(units, "1.5", amount=1500000.0, fiscal_year="2024/25", purpose="Roads"),
        expected(units, "2.0", amount=2000000.0, fiscal_year="2025/26", purpose="Roads"),
    ]


def test_table_without_currency_columns_gives_nothing(nlp):
    doc = table_doc("Year | Pupils | Schools", ["2024 | 5,118 | 12", "2025 | 5,591 | 13"])
    assert money_of(nlp, doc) == []
