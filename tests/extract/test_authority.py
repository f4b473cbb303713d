"""Which council published a paper: heading shapes, casing, neighbours named in the text, councils abroad."""
from __future__ import annotations

import pytest

from extract.authority import canonical_case, find_authority
from extract.people import tidy_role
from extract.textlines import lines_of
from ingest import read_bytes


def authority(text: str) -> str | None:
    return find_authority(lines_of(read_bytes(text.encode(), "x.txt")))


@pytest.mark.parametrize("heading, council", [
    ("DRAFT MINUTES OF WEST DEREHAM PARISH COUNCIL MEETING", "West Dereham Parish Council"),
    ("Original file\n\nMINUTES OF PROCEEDINGS AT SPECIAL MEETING OF LIMERICK CITY AND\n\nCOUNTY COUNCIL HELD IN "
     "THE COUNCIL CHAMBER", "Limerick City and County Council"),
    ("Meeting Name: Full Meeting of Limerick City and County Council", "Limerick City and County Council"),
    ("CYNGOR CYMUNED MANORDEILO a SALEM\n\nCYFARFOD 9fed HYDREF 2019", "Manordeilo and Salem Community Council"),
    ("Minutes of the Annual Meeting of Stoke Ferry Parish Council", "Stoke Ferry Parish Council"),
])
def test_local_council_headings_start_at_the_name(heading, council):
    assert authority(heading + "\n\nPresent: Cllr A Smith\n\nThe minutes were agreed.") == council


def test_connectors_take_lower_case():
    assert canonical_case("MANORDEILO AND SALEM Community Council") == "Manordeilo and Salem Community Council"
    assert canonical_case("Newcastle Upon Tyne City Council") == "Newcastle upon Tyne City Council"


def test_a_neighbour_discussed_at_length_does_not_take_over():
    text = ("KENT COUNTY COUNCIL\n\nCOUNTY COUNCIL\n\nMINUTES of a meeting of the County Council held at County "
            "Hall, Maidstone on Thursday, 9 January 2025.\n\n"
            + "Members discussed devolution jointly with Medway Council and the future of Medway Council. " * 12
            + "Kent County Council would lead; Kent County Council and Medway Council would consult. " * 3)
    assert authority(text) == "Kent County Council"


def test_a_council_abroad_named_as_city_of():
    text = ("BOARD OF ESTIMATES JANUARY 15, 2020 MINUTES\n\nThe Board approved an agreement with York Risk "
            "Services on behalf of the City of Baltimore. York Risk will be paid by the City of Baltimore. "
            "York Risk York Risk York Risk York Risk")
    assert authority(text) == "City of Baltimore"


def test_third_reading_is_no_place():
    text = "Bill No. 123, third reading. Bill No. 124, Third Reading. Third Reading of Bill 125. Third Reading."
    assert authority(text) is None


@pytest.mark.parametrize("captured, role", [
    ("Head of Children's Commissioning and Robin Cahill", "Head of Children's Commissioning"),
    ("Service Manager in Safeguarding presented the Corporate Parenting Scorecard report which", "Service Manager in Safeguarding"),
    ("Diane Neil mills 1 DECLARATIONS OF INTEREST The Chair declared", None),
    ("Cyflog a Threuliau r Clerc", None),
    ("Director of integrated Children's Services", "Director of integrated Children's Services"),
    ("Proposer", "Proposer"),
])
def test_roles_stop_where_the_sentence_goes_on(captured, role):
    assert tidy_role(captured) == role
