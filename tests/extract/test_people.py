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


# --- councillors by surname, civic offices (text from Limerick, Winnipeg and Kent minutes) ----------
LIMERICK_SPECIAL = """PRESENT IN THE CHAIR: Councillor D. McSweeney, Príomh Chomhairleoir.

MEMBERS PRESENT:

Mayor Moran.

Councillors Beasley, Benson, Collins (B), Collins (M), Daly, Foley,

Hickey-O’Mara, Ward.

**OFFICIALS IN ATTENDANCE:**

Director General (Dr. P. Daly), Director, Transportation and Mobility (Mr. B.

Kennedy), A/Director, Finance, Economic

Development, Digital Services & ICT (Mr. P. Murnane), Administrative Officer (Ms A. Foley)

On resumption of the Meeting, the Príomh Chomhairleoir welcomed everyone to the Special

Meeting which he had convened to receive a detailed update from Mayor John Moran on the

three Designated Activity Companies. On the proposal of Councillor Galvin and seconded

by Councillor Benson the meeting was adjourned."""


def test_councillors_listed_by_surname(people):
    assert people(LIMERICK_SPECIAL) == [
        ("D. McSweeney", "Príomh Chomhairleoir", True, "present"),
        ("John Moran", "Mayor", True, "present"),
        ("Beasley", None, True, "present"),
        ("Benson", None, True, "present"),
        ("B. Collins", None, True, "present"),
        ("M. Collins", None, True, "present"),
        ("Daly", None, True, "present"),  # a councillor; Dr. P. Daly, an officer, is another person
        ("Foley", None, True, "present"),
        ("Hickey-O'Mara", None, True, "present"),
        ("Ward", None, True, "present"),
        ("P. Daly", "Director General", None, "present"),
        ("B. Kennedy", "Director, Transportation and Mobility", None, "present"),
        ("P. Murnane", "A/Director, Finance, Economic Development, Digital Services & ICT", None, "present"),
        ("A. Foley", "Administrative Officer", None, "present"),
        ("Galvin", None, True, None),
    ]


def test_a_name_broken_over_lines_is_quoted_where_it_stands():
    text = "OFFICIALS IN ATTENDANCE:\n\nDirector General (Dr. P. Daly), Director, Transportation and Mobility (Mr. B.\n\nKennedy)"
    facts = [f for f in extract(read_bytes(text.encode(), "x.txt")).facts if isinstance(f, PersonFact)]
    assert [(f.name, f.text) for f in facts] == [("P. Daly", "P. Daly"), ("B. Kennedy", "B.\n\nKennedy")]


def test_offices_before_and_after_names(people):
    # Winnipeg's disposition: a table of members with their offices; one vote cell lists several
    text = ("MEMBERS PRESENT | WINNIPEG PUBLIC SERVICE\n\nHis Worship Mayor Bowman | Mr. R. Kachur, City Clerk\n\n"
            "The Speaker, Councillor Sharma | Mr. C. Gameiro, Manager of the Decision Making Process\n\n"
            "Deputy Speaker Councillor Gerbasi\n\nCouncillor Allard\n\n"
            "Item 10 Motion 7 | Councillor Dobson Councillor Eadie Councillor Allard | CARRIED")
    assert people(text) == [
        ("Bowman", "Mayor", True, None),
        ("R. Kachur", "City Clerk", None, None),
        ("Sharma", "Speaker", True, None),
        ("C. Gameiro", "Manager of the Decision Making Process", None, None),
        ("Gerbasi", "Deputy Speaker", True, None),
        ("Allard", None, True, None),
        ("Dobson", None, True, None),
        ("Eadie", None, True, None),
    ]


@pytest.mark.parametrize("text, person", [
    ("PRESENT IN THE CHAIR: Príomh Chomhairleoir, Councillor D. McSweeney.",
     ("D. McSweeney", "Príomh Chomhairleoir", True, "present")),
    ("PRESENT IN THE CHAIR:\n\nCouncillor M. Donegan, An Cathaoirleach.",
     ("M. Donegan", "Cathaoirleach", True, "present")),
    ("PRESENT IN THE CHAIR: Councillor K. Sheahan, Mayor.", ("K. Sheahan", "Mayor", True, "present")),
    # offices written before a name (hand-written: the corpus has no Scottish or Canadian township papers)
    ("The Lord Provost Jacqueline McLaren opened the meeting.", ("Jacqueline McLaren", "Lord Provost", True, None)),
    ("Reeve Mary Smith moved the motion.", ("Mary Smith", "Reeve", True, None)),
    ("Leas-Chathaoirleach Councillor Pat Ryan presided.", ("Pat Ryan", "Leas-Chathaoirleach", True, None)),
    ("Lord Mayor Councillor Ann Jones welcomed the guests.", ("Ann Jones", "Lord Mayor", True, None)),
    ("Present: Councillor Evans (Convener), Councillor Patel (Chair)",
     ("Evans", "Convener", True, "present")),
])
def test_civic_offices_are_roles(people, text, person):
    assert person in people(text)


def test_surnames_join_the_full_names_of_the_same_paper(people):
    # Kent County Council's cabinet minutes: initials in the attendance list, surnames in the text
    text = ("PRESENT: Mr R W Gough (Chairman), Mr N Baker, Mr D Watkins and Mr R J Thomas\n\n"
            "1. Mr Watkins, Cabinet Member for Adult Social Care and Public Health, provided an update on the following:\n\n"
            "2. Mr Baker, Cabinet Member for Highways and Transport, provided an update.\n\n"
            "3. On 17th December, Mr Love visited Seabrook Church of England Primary School and met Mrs. Carter, "
            "the Executive Head Teacher, Mr. Carter, one of the governors.")
    assert people(text) == [
        ("R W Gough", "Chairman", True, "present"),
        ("N Baker", "Cabinet Member for Highways and Transport", True, "present"),
        ("D Watkins", "Cabinet Member for Adult Social Care and Public Health", True, "present"),
        ("R J Thomas", None, True, "present"),
    ]


def test_apologies_by_surname_and_lists_without_a_full_stop(people):
    text = ("The Democratic Services Manager reported apologies from Mr Beaney, Miss Carey and Mrs Game.\n\n"
            # hand-written: a list that runs on into the next sentence
            "Apologies of absence were provided for Cllr A Muir and Cllr S Leet These were accepted by all.")
    assert people(text) == [
        ("Beaney", None, None, "apologies"),
        ("Carey", None, None, "apologies"),
        ("Game", None, None, "apologies"),
        ("A Muir", None, True, "apologies"),
        ("S Leet", None, True, "apologies"),
    ]


def test_a_first_name_cut_at_a_line_end_is_no_surname(people):
    # the Welsh minutes of Manordeilo and Salem, as the PDF's text layer has them
    text = ("PRESENNOL\n\nCynghorwyr Alun Davies, Arwel Davies, William Loynton, Owen '\n"
            "Williams a r Cynghorydd Sir Joseph Davies.\n\nBydd y Cyng. Alun '\nDavies yn trefnu.")
    names = [p[0] for p in people(text)]
    assert "Owen" not in names and "Alun" not in names and "Alun Davies" in names


def test_the_chair_taken_and_a_county_councillor(people):
    # Manordeilo and Salem Community Council, 10 June 2020
    text = ("PRESENT\n\nCouncillors Alun Davies, Arwel Davies, Owen Williams and County Councillor Joseph Davies.\n\n"
            "WELCOME AND APOLOGIES\n\nCllr. O. Williams took the Chair and welcomed everyone to the first remote meeting.")
    assert people(text) == [
        ("Alun Davies", None, True, "present"),
        ("Arwel Davies", None, True, "present"),
        ("Owen Williams", "Chair", True, "present"),
        ("Joseph Davies", "County Councillor", True, "present"),
    ]


def test_questioners_and_group_leaders(people):
    # Kent County Council, questions put and answers given, 13 March 2025
    text = ("Question by Paul Stepto to Rory Love, Cabinet Member for Education and Skills\n\n"
            "Question by Chris Passmore to Roger Gough, Leader of Kent County Council\n\n"
            "Answer\n\nThe situations described by Cllr. Stepto are rare.")
    assert people(text) == [
        ("Paul Stepto", None, True, None),
        ("Rory Love", "Cabinet Member for Education and Skills", True, None),
        ("Chris Passmore", None, None, None),
        ("Roger Gough", "Leader of Kent County Council", True, None),
    ]


@pytest.mark.parametrize("text", [
    # item titles and firms are not people (West Dereham parish minutes; Baltimore Board of Estimates)
    "5.9 Footpath - Farm Tenancy - The Parish Clerk confirmed that he had contacted the NCC Footpaths Department",
    "the Agreement with Key Risk Management Services, LLC (Key Risk), wherein Key Risk agreed to furnish all labor",
    "Councillor Code of Conduct training was offered. Councillors Allowances Scheme was noted.",
    "The Chair declared a personal interest as a partner in Strover-Leader & Co which carried out auditing work.",
])
def test_not_people(people, text):
    assert people(text) == []
