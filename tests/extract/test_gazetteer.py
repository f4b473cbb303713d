"""The council gazetteer: its data checked against mySociety's register of UK local authorities (see
extract/data/SOURCES.md), lookup() and find_all()."""
import collections

import pytest

from extract import gazetteer
from extract.gazetteer import Organisation, Status, find_all, lookup

# The register's counts of councils in office (April 2023 onwards), by nation and kind. London: the 32 boroughs
# and the City of London Corporation.
CURRENT = {
    ("England", "county"): 21, ("England", "district"): 164, ("England", "unitary"): 63,
    ("England", "metropolitan_borough"): 36, ("England", "london_borough"): 33,
    ("Scotland", "scottish"): 32, ("Wales", "welsh_principal"): 22, ("Northern Ireland", "northern_irish"): 11,
}
# The register's councils abolished since 2019, by the day their successors took over.
ABOLISHED = {"2019-04-01": 15, "2020-04-01": 5, "2021-04-01": 8, "2023-04-01": 20}
# The first letters of an ONS/GSS code of each kind of council area.
GSS_PREFIX = {"county": "E10", "district": "E07", "unitary": "E06", "metropolitan_borough": "E08",
              "london_borough": "E09", "scottish": "S12", "welsh_principal": "W06", "northern_irish": "N09"}
# (the register's official name, its GSS code, the gazetteer's canonical name): the register's styles often differ
# from the ones councils use, and must still find the same council.
REGISTER_SAMPLE = [
    ("Portsmouth City Council", "E06000044", "Portsmouth City Council"),
    ("Trafford Metropolitan Borough Council", "E08000009", "Trafford Council"),
    ("Wakefield Metropolitan District Council", "E08000036", "Wakefield Council"),
    ("City of Bradford Metropolitan District Council", "E08000032", "City of Bradford Metropolitan District Council"),
    ("Middlesbrough Borough Council", "E06000002", "Middlesbrough Council"),
    ("Hull City Council", "E06000010", "Hull City Council"),
    ("Council of the Isles of Scilly", "E06000053", "Council of the Isles of Scilly"),
    ("Cumberland Council", "E06000063", "Cumberland Council"),
    ("Westmorland and Furness Council", "E06000064", "Westmorland and Furness Council"),
    ("North Yorkshire Council", "E06000065", "North Yorkshire Council"),
    ("Somerset Council", "E06000066", "Somerset Council"),
    ("Buckinghamshire Council", "E06000060", "Buckinghamshire Council"),
    ("North Northamptonshire Council", "E06000061", "North Northamptonshire Council"),
    ("West Northamptonshire Council", "E06000062", "West Northamptonshire Council"),
    ("Bournemouth, Christchurch and Poole Council", "E06000058", "Bournemouth, Christchurch and Poole Council"),
    ("Southend-on-Sea Borough Council", "E06000033", "Southend-on-Sea City Council"),
    ("Kent County Council", "E10000016", "Kent County Council"),
    ("Borough Council of Kings Lynn and West Norfolk", "E07000146", "Borough Council of King's Lynn and West Norfolk"),
    ("St Albans City and District Council", "E07000240", "St Albans City and District Council"),
    ("Colchester Borough Council", "E07000071", "Colchester City Council"),
    ("East Suffolk Council", "E07000244", "East Suffolk Council"),
    ("City of London Corporation", "E09000001", "City of London Corporation"),
    ("London Borough of Hammersmith & Fulham", "E09000013", "London Borough of Hammersmith and Fulham"),
    ("Royal Borough of Kensington and Chelsea", "E09000020", "Royal Borough of Kensington and Chelsea"),
    ("City of Westminster", "E09000033", "Westminster City Council"),
    ("City of Edinburgh Council", "S12000036", "City of Edinburgh Council"),
    ("Glasgow City Council", "S12000049", "Glasgow City Council"),
    ("Comhairle nan Eilean Siar", "S12000013", "Comhairle nan Eilean Siar"),
    ("The Moray Council", "S12000020", "Moray Council"),
    ("Isle of Anglesey County Council", "W06000001", "Isle of Anglesey County Council"),
    ("City of Cardiff Council", "W06000015", "Cardiff Council"),
    ("City and County of Swansea Council", "W06000011", "Swansea Council"),
    ("Vale of Glamorgan Council", "W06000014", "Vale of Glamorgan Council"),
    ("Armagh City, Banbridge and Craigavon Borough Council", "N09000002",
     "Armagh City, Banbridge and Craigavon Borough Council"),
    ("Newry, Mourne and Down District Council", "N09000010", "Newry, Mourne and Down District Council"),
]
# (the register's official name, GSS code, successors) of a sample of abolished councils.
ABOLISHED_SAMPLE = [
    ("Cumbria County Council", "E10000006", ("Cumberland Council", "Westmorland and Furness Council")),
    ("Allerdale Borough Council", "E07000026", ("Cumberland Council",)),
    ("Harrogate Borough Council", "E07000165", ("North Yorkshire Council",)),
    ("North Yorkshire County Council", "E10000023", ("North Yorkshire Council",)),
    ("Somerset West and Taunton Council", "E07000246", ("Somerset Council",)),
    ("Northamptonshire County Council", "E10000021",
     ("North Northamptonshire Council", "West Northamptonshire Council")),
    ("Kettering Borough Council", "E07000153", ("North Northamptonshire Council",)),
    ("Aylesbury Vale District Council", "E07000004", ("Buckinghamshire Council",)),
    ("Buckinghamshire County Council", "E10000002", ("Buckinghamshire Council",)),
    ("Borough of Poole", "E06000029", ("Bournemouth, Christchurch and Poole Council",)),
    ("Waveney District Council", "E07000206", ("East Suffolk Council",)),
]


def councils(include_abolished: bool = False) -> list[Organisation]:
    return [o for o in gazetteer.organisations(include_abolished) if o.is_council]


def test_every_uk_principal_council_in_office_is_there_once_per_nation_and_kind():
    assert collections.Counter((o.nation, o.kind) for o in councils()) == CURRENT
    assert all(o.status == Status.CURRENT and o.abolished_on is None and not o.successors for o in councils())


def test_the_councils_abolished_since_2019_are_kept_apart_with_their_successors():
    every = {o.name: o for o in councils(include_abolished=True)}
    abolished = [o for o in every.values() if not o.is_current]
    assert collections.Counter(o.abolished_on for o in abolished) == ABOLISHED
    assert "Harrogate Borough Council" not in {o.name for o in councils()}
    for org in abolished:
        assert org.status == Status.ABOLISHED and org.nation == "England" and org.successors, org
        for name in org.successors:  # Taunton Deane went to Somerset West and Taunton (2019), then Somerset (2023)
            successor = every[name]
            assert successor.nation == org.nation
            assert successor.is_current or successor.abolished_on > org.abolished_on, org


def test_gss_codes_are_unique_and_of_the_council_kind():
    every = councils(include_abolished=True)
    codes = [o.gss_code for o in every]
    assert None not in codes and len(set(codes)) == len(codes) == 430
    assert all(o.gss_code.startswith(GSS_PREFIX[o.kind]) and len(o.gss_code) == 9 for o in every)


@pytest.mark.parametrize(("official", "code", "canonical"), REGISTER_SAMPLE)
def test_the_registers_official_names_find_the_council_with_its_code(official, code, canonical):
    org = lookup(official)
    assert (org.name, org.gss_code, org.status) == (canonical, code, Status.CURRENT)


@pytest.mark.parametrize(("official", "code", "successors"), ABOLISHED_SAMPLE)
def test_abolished_councils_named_in_full_resolve_marked_as_such(official, code, successors):
    org = lookup(official)
    assert (org.name, org.gss_code, org.status, org.successors) == (official, code, Status.ABOLISHED, successors)


def test_an_abolished_council_takes_no_bare_place_nor_a_current_councils_name():
    assert lookup("Harrogate") is None and lookup("Cumbria") is None
    assert lookup("Somerset").name == lookup("Somerset Council").name == "Somerset Council"
    assert lookup("Poole Council").name == "Borough of Poole"
    assert lookup("Barrow Borough Council").name == "Barrow-in-Furness Borough Council"
    assert lookup("Christchurch City Council") is None  # New Zealand's, not the former Christchurch Borough Council
    text = "Bournemouth, Christchurch and Poole Council took over from Poole Council; Harrogate Borough Council too."
    assert [(m.surface, m.organisation.is_current) for m in find_all(text)] == [
        ("Bournemouth, Christchurch and Poole Council", True), ("Poole Council", False),
        ("Harrogate Borough Council", False)]


def test_lookup_canonicalises_names_variants_and_abbreviations():
    assert lookup("KCC").name == "Kent County Council"
    assert lookup("ESCC").name == "East Sussex County Council"
    assert lookup("BCP").name == "Bournemouth, Christchurch and Poole Council"
    assert lookup("RBKC").name == "Royal Borough of Kensington and Chelsea"
    assert lookup("LBBD").name == "London Borough of Barking and Dagenham"
    assert lookup("CoLC").name == "City of London Corporation"
    assert lookup("RBWM").name == "Royal Borough of Windsor and Maidenhead"
    assert lookup("DfE") == Organisation("Department for Education", "government_department")
    assert lookup("DLUHC").name == "Ministry of Housing, Communities and Local Government"
    assert lookup("West Berks Council").name == "West Berkshire Council"
    assert lookup("Brighton & Hove").name == "Brighton and Hove City Council"
    assert lookup("The Highland Council").name == "The Highland Council"
    assert lookup("Cyngor Sir Gâr").name == "Carmarthenshire County Council"
    assert lookup("london borough of merton").name == "London Borough of Merton"
    assert lookup("Shepway District Council").name == "Folkestone and Hythe District Council"
    assert lookup("York and North Yorkshire Mayoral Combined Authority").name == (
        "York and North Yorkshire Combined Authority")


def test_lookup_refuses_what_is_ambiguous_or_unknown():
    assert lookup("HCC") is None  # Hampshire, Hertfordshire, Hull
    assert lookup("Stable Homes") is None
    assert lookup("Sussex") is None


def test_find_all_gives_offsets_surface_and_organisation():
    text = "Funding from the DfE reached KCC and\nBrighton & Hove City Council, not kcc."
    matches = find_all(text)
    assert [(m.surface, m.organisation.name) for m in matches] == [
        ("DfE", "Department for Education"),
        ("KCC", "Kent County Council"),
        ("Brighton & Hove City Council", "Brighton and Hove City Council"),
    ]
    assert all(text[m.start:m.end] == m.surface for m in matches)


def test_an_ambiguous_abbreviation_counts_when_the_text_names_its_council():
    text = "Portsmouth City Council will fund it. PCC must monitor performance."
    assert [m.organisation.name for m in find_all(text)] == ["Portsmouth City Council"] * 2
    assert find_all("PCC must monitor performance.") == []


def test_council_words_are_needed_around_a_place_and_council_tax_is_not_a_council():
    assert find_all("In Portsmouth we do an excellent job; Framing Kent's Future.") == []
    assert find_all("the Kent Council Tax base") == []
