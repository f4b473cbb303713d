"""The organisations component, run through the whole extract pipeline on hand-written papers."""
import pytest

from extract.facts import OrganisationFact
from extract.pipeline import extract
from ingest import read_bytes


@pytest.fixture(scope="module")
def orgs():
    def run(text: str) -> list[tuple[str, str, str]]:
        facts = extract(read_bytes(text.encode(), "x.txt")).facts
        return [(f.name, f.text, f.org_kind) for f in facts if isinstance(f, OrganisationFact)]
    return run


def test_councils_and_departments_by_name_and_abbreviation(orgs):
    text = ("The Department for Education (DfE) funds the Regional Care Co-operative (RCC). "
            "East Sussex County Council (ESCC) and KCC joined, with Reading/Brighter Futures for Children "
            "and the Royal Borough of Windsor and Maidenhead.")
    assert orgs(text) == [
        ("Department for Education", "Department for Education", "government_department"),
        ("Department for Education", "DfE", "government_department"),
        ("Regional Care Co-operative", "Regional Care Co-operative", "public_body"),
        ("Regional Care Co-operative", "RCC", "public_body"),
        ("East Sussex County Council", "East Sussex County Council", "county"),
        ("East Sussex County Council", "ESCC", "county"),
        ("Kent County Council", "KCC", "county"),
        ("Reading Borough Council", "Reading/Brighter Futures for Children", "unitary"),
        ("Royal Borough of Windsor and Maidenhead", "Royal Borough of Windsor and Maidenhead", "unitary"),
    ]


def test_parish_community_and_foreign_councils_keep_their_own_names(orgs):
    text = ("MINUTES OF THE WEST DEREHAM PARISH COUNCIL MEETING\n\n"
            "Cyfarfod Cyngor Cymuned Manordeilo a Salem.\n\n"
            "A letter from Limerick City and County Council was noted.")
    assert orgs(text) == [
        ("West Dereham Parish Council", "WEST DEREHAM PARISH COUNCIL", "parish_council"),
        ("Manordeilo and Salem Community Council", "Cyngor Cymuned Manordeilo a Salem", "community_council"),
        ("Limerick City and County Council", "Limerick City and County Council", "council"),
    ]


def test_no_organisation_noise(orgs):
    text = ("The government published Stable Homes, Built on Love. The Panel and the Cabinet noted it. "
            "The Town Council met in Portsmouth. Stronger relationships with ICBs.")
    assert orgs(text) == []
