"""The people component, run through the whole extract pipeline on hand-written papers."""
import pytest

from extract.facts import PersonFact
from extract.pipeline import extract
from ingest import read_bytes


@pytest.fixture(scope="module")
def people():
    def run(text: str) -> list[tuple]:
        facts = extract(read_bytes(text.encode(), "x.txt")).facts
        return [(f.name, f.role, f.councillor, f.attendance) for f in facts if isinstance(f, PersonFact)]
    return run


def test_attendance_lists_in_minutes(people):
    text = ("Present\n\nCouncillor Suzy Horton (in the Chair)\n\nCouncillors Hannah Brent, Tom Coles and Lee Tindall\n\n"
            "IN ATTENDANCE: Kevin Kasaven (Director of Children's Countywide Services) and Mr J Cook "
            "(Democratic Services Manager)\n\n"
            "1. Apologies\n\nApologies for absence were received from Mr Paul Smith, OBE and Mrs Jane Doe.\n\n"
            "2. Minutes\n\nCouncillor Tom Cole said the minutes were correct.")
    assert people(text) == [
        ("Suzy Horton", "Chair", True, "present"),
        ("Hannah Brent", None, True, "present"),
        ("Tom Coles", None, True, "present"),
        ("Lee Tindall", None, True, "present"),
        ("Kevin Kasaven", "Director of Children's Countywide Services", None, "present"),
        ("J Cook", "Democratic Services Manager", None, "present"),
        ("Paul Smith", None, None, "apologies"),
        ("Jane Doe", None, None, "apologies"),
    ]


def test_label_lines_and_appositions_give_roles(people):
    text = ("**Report by:** Mark Jowett, Head of Children We Care For\n\n"
            "**Cabinet Member:** Councillor Suzy Horton, Cabinet Member for Children, Families and Education\n\n"
            "Sarah Daly, Director of Children's Services, introduced the report and said that Stable Homes, "
            "Built on Love was published. Foster care is excellent.\n\n"
            "The work is led by a Director of Children's Services (Lucy Butler - West Sussex County Council).\n\n"
            "Contact Officer: Deborah Ennis\n\nBackground\n\nHead of Service")
    assert people(text) == [
        ("Mark Jowett", "Head of Children We Care For", None, None),
        ("Suzy Horton", "Cabinet Member for Children, Families and Education", True, None),
        ("Sarah Daly", "Director of Children's Services", None, None),
        ("Lucy Butler", "Director of Children's Services", None, None),
        ("Deborah Ennis", "Contact Officer", None, None),
    ]


def test_welsh_minutes(people):
    text = ("PRESENNOL\n\nCynghorwyr Alun Davies, Gwenfyl Evans, Owen Williams a’r Cynghorydd Sir Joseph Davies.\n\n"
            "1. CROESO AC YMDDIHEURIADAU\n\nCymerwyd y Gadair gan y Cyng. O. Williams. Derbyniwyd ymddiheuriadau "
            "gan y Cynghorwyr Peter Harries ac Andrew Thomas.")
    assert people(text) == [
        ("Alun Davies", None, True, "present"),
        ("Gwenfyl Evans", None, True, "present"),
        ("Owen Williams", None, True, "present"),
        ("Joseph Davies", None, True, "present"),
        ("Peter Harries", None, True, "apologies"),
        ("Andrew Thomas", None, True, "apologies"),
    ]


def test_signature_in_capitals(people):
    text = "The Panel is recommended to note the update.\n\nCAROLYN\n\nFAIR\n\nDirector of Children’s Services"
    assert people(text) == [("Carolyn Fair", "Director of Children's Services", None, None)]
