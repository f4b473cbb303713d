"""The council gazetteer: its data, lookup() and find_all()."""
import collections

from extract import gazetteer
from extract.gazetteer import Organisation, find_all, lookup


def test_every_uk_principal_council_is_there_once():
    kinds = collections.Counter(o.kind for o in gazetteer.organisations() if o.is_council)
    assert kinds == {"district": 164, "unitary": 63, "metropolitan_borough": 36, "london_borough": 33,
                     "scottish": 32, "welsh_principal": 22, "county": 21, "northern_irish": 11}


def test_lookup_canonicalises_names_variants_and_abbreviations():
    assert lookup("KCC").name == "Kent County Council"
    assert lookup("ESCC").name == "East Sussex County Council"
    assert lookup("DfE") == Organisation("Department for Education", "government_department")
    assert lookup("DLUHC").name == "Ministry of Housing, Communities and Local Government"
    assert lookup("Buckinghamshire County Council").name == "Buckinghamshire Council"
    assert lookup("West Berks Council").name == "West Berkshire Council"
    assert lookup("Brighton & Hove").name == "Brighton and Hove City Council"
    assert lookup("The Highland Council").name == "The Highland Council"
    assert lookup("Cyngor Sir Gâr").name == "Carmarthenshire County Council"
    assert lookup("Trafford Metropolitan Borough Council").name == "Trafford Council"
    assert lookup("london borough of merton").name == "London Borough of Merton"


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
