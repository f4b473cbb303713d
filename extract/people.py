"""people component: the people a paper names, with the role it gives them, and who attended.

spaCy's small model finds PERSON entities poorly in council papers ("Stable Homes", "Foster"), so
people come from the shapes papers use for them, each name checked for a person-like shape:
- attendance lists in minutes: "Present: ...", "Apologies for absence were received from ...",
  "In attendance: ...", their Welsh forms (Presennol, Ymddiheuriadau), names on lines or in a list;
- label lines: "Report by: Mark Jowett, Head of ...", "Contact Officer: Deborah Ennis";
- appositions: "Sarah Daly, Director of Children's Services, ...", "Kevin Kasaven (Director of ...)",
  "a Director of Children's Services (Lucy Butler - West Sussex County Council)";
- titles: "Councillor Suzy Horton", "Cllr. O. Williams", "Mayor J. Morgan", "Cyng. W. Loynton";
- signature blocks in capitals: "CAROLYN FAIR / Director of Children's Services";
- spaCy PERSON entities only where the person acts: "Leemya McKeown thanked the team".
Mentions of one person are merged ("Cllr. O. Williams" into "Owen Williams", "Jo" into "Joanne"),
and one fact is made per person and distinct role.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.tokens import Doc

from . import gazetteer
from .annotations import annotate, char_span
from .facts import FactKind

EXTRACTOR = "minutebook-extract/0.1:person"

# --- what a name looks like -------------------------------------------------------------------
_WORD = r"[A-Z][a-zà-ÿ]*[a-zà-ÿ'’][A-Za-zà-ÿ'’]*(?:-[A-Z][A-Za-zà-ÿ'’]+)*|Mc[A-Z][a-z]+|O['’][A-Z][a-z]+|Mac[A-Z][a-z]+"
_INITIAL = r"[A-Z]\.?"
_PARTICLE = r"(?:de|van|von|der|den|da|di|del|la|le|bin|ap|ab|du|Ó|Ní|Nic|Uí|Mac|Mhic)"  # the last: Irish, "Ó Ceallaigh"
_NAME_TOKEN = rf"(?:{_WORD}|{_INITIAL}|{_PARTICLE})"
NAME = rf"(?:(?:{_WORD}|{_INITIAL})(?:[ \t]+(?:{_PARTICLE}[ \t]+)?(?:{_WORD}|{_INITIAL})){{1,4}})"
NAME_RE = re.compile(rf"^(?:(?:{_WORD})|{_INITIAL}|{_PARTICLE})(?:\s+(?:{_WORD}|{_INITIAL}|{_PARTICLE}))*$")

HONORIFIC = (r"(?:County\s+Councillors?|Councillors?|Cllrs?\.?|Cynghorydd(?:\s+Sir)?|Cynghorwyr|Cyng\.?|Cmhlr\.?|"
             r"Mrs\.?|Mr\.?|Ms\.?|Miss|Mx\.?|Dr\.?|Prof\.?|Professor|Sir|Dame|Lord|Lady|Revd?\.?|Reverend|"
             r"Alderman|Aldermen|His\s+Worship|Her\s+Worship|Worshipful|Messrs\.?|Mesdames|Hon\.|Honou?rable)")
COUNCILLOR_TITLE = re.compile(r"(?i)^(?:county\s+councillors?|councillors?|cllrs?\.?|cynghorydd(?:\s+sir)?|cynghorwyr|cyng\.?|cmhlr\.?)$")
HONORIFIC_PREFIX = re.compile(rf"^(?:(?:y|the|a['’]r|and|ac|a)\s+)?(?:{HONORIFIC}\s+)+")
POST_NOMINALS = frozenset("CBE OBE MBE BEM KBE DBE JP DL KC QC MP MS AM MSP MLA FRSA PhD MA BSc BA MBA".split())
# Civic offices written before a name as a title ("Mayor J. Morgan", "Lord Provost Smith", "Reeve Brown");
# the role they give is the office as written, without an Irish article ("An Cathaoirleach").
CIVIC_TITLE = (r"(?:Deputy\s+|Lord\s+|Deputy\s+Lord\s+)?Mayor|(?:Deputy\s+)?Reeve|(?:Lord\s+)?Provost|Convenor|Convener|"
               r"(?:Deputy\s+)?Speaker|Príomh\s+Chomhairleoir|Leas-[Cc]hathaoirleach|Cathaoirleach|Leas-[Mm]héara|Méara")
ROLE_TITLES = re.compile(rf"^(?:(?:An|The)\s+)?(?P<title>{CIVIC_TITLE})\s+")
# Titles and honorifics never stand inside a name: "Councillor Dobson Councillor Eadie" is two people.
TITLE_WORDS = frozenset("""councillor councillors cllr cllrs cyng cynghorydd cynghorwyr mayor reeve provost convenor
convener speaker worship mr mrs ms mx dr""".split())

# Words that are no part of a person's name: headings, offices, places, bodies, months.
NON_NAME = frozenset("""
council councils committee committees cabinet panel board group team service services officer officers
director directors head lead leader manager member members chair chairman chairwoman chairperson clerk
county borough district parish town city community village ward division region regional national
department ministry office government authority authorities agency trust fund project programme
strategy plan policy act bill report reports minutes minute agenda item items apologies present absent
attendance substitutes substitute unrestricted restricted exempt declarations declaration interest interests
background fostering homes home built stable care children childrens education health social
services families family school schools hall house room chamber road street lane avenue close way court
park church centre center bank farm estate building site land county hall highways transport planning
finance financial budget capital revenue housing adult adults young people public private corporate
january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday north south east west central
mayor deputy executive chief assistant officer secretary treasurer solicitor counsel general
reeve provost convenor convener speaker worship cathaoirleach leas-chathaoirleach méara
allowance allowances briefing briefings code conduct induction training surgery surgeries enquiries enquiry
champion champions scheme schemes vacancy vacancies elect support portal making co ltd plc llp inc
item matters matter arising correspondence resolved agreed noted approved recommendation recommendations
section appendix annex table figure page contents summary purpose introduction conclusion
total grant cost costs update review motion motions questions question answer answers notice
welcome príomh chomhairleoir cathaoirleach croeso ymddiheuriadau presennol cofnodion cyngor cymuned cadeirydd clerc eitem sir
email tel telephone contact address website www http https
economic development resources enterprise tourism environment climate digital sports sport recreation culture
regeneration transport transportation mobility governance customer customers administration legal democratic
infrastructure community communities strategic operations operational performance quality assurance standards
these this that those they there their them it its we our us he his him she her hers you your i my me
the speaker monitor memorial war speed police fire station
if when where while whilst as also thanks thank yes no not all any each every some many more most new old
""".split())

# --- roles -----------------------------------------------------------------------------------
ROLE_NOUNS = frozenset("""
director head lead leader manager officer member chair chairman chairwoman chairperson vice-chair
vice-chairman clerk mayor solicitor treasurer secretary coordinator co-ordinator commissioner adviser
advisor consultant analyst accountant auditor engineer planner surveyor architect inspector controller
counsel executive assistant nurse worker practitioner specialist partner principal president governor
officer representative councillor cadeirydd clerc registrar superintendent inspector constable
commander chief portfolio holder administrator deputy trustee proper proposer seconder
reeve provost convenor convener speaker warden alderman sheriff bailie cathaoirleach leas-chathaoirleach
headteacher teacher
comhairleoir chomhairleoir méara leas-mhéara
""".split())
ROLE_START = re.compile(r"^(?:the|a|an|our|their|his|her|its)\s+", re.I)
CHAIR_PHRASE = re.compile(r"(?i)^(?:in\s+the\s+chair|chairing|presiding|yn\s+y\s+gadair)$")

# --- sections of attendance ------------------------------------------------------------------
ATTENDANCE_LABELS: tuple[tuple[str, str, bool | None], ...] = (
    # label pattern, attendance, councillor (None: as the entry says)
    (r"(?:members\s+)?present(?:\s+in\s+the\s+chair)?|(?:yn\s+)?bresennol|presennol|aelodau\s+yn\s+bresennol", "present", True),
    (r"(?:remote|virtual|online)\s+attendance|(?:in\s+attendance|present|attending|attended)\s+(?:remotely|virtually|online)|"
     r"also\s+present|also\s+in\s+attendance|in\s+attendance|officers?\s+present|officers?\s+in\s+attendance|"
     r"officials\s+in\s+attendance|staff\s+present|hefyd\s+yn\s+bresennol|clerk|clerc", "present", None),
    (r"apologies(?:\s+for\s+absence)?|apologies\s+received|ymddiheuriadau|regrets", "apologies", None),
    (r"absent|absennol", "absent", None),
)
LABEL_LINE = re.compile(
    r"(?im)^[ \t>*#|_\-\[\]!]*(?:abstract\]-\s*)?(?P<label>"
    + "|".join(f"(?:{p})" for p, _, _ in ATTENDANCE_LABELS)
    + r")(?:\s*\([^)\n]{0,30}\))?[ \t*_]*(?::|\s*[-–][ \t]|[ \t]*$)[ \t*_:\-–]*"
)
SENTENCE_APOLOGIES = re.compile(
    r"(?i)\b(?:apologies|ymddiheuriadau)\b[^.\n:]{0,60}?\b(?:from|gan(?:\s+y)?|by|for(?!\s+absence))\s+"
)
HEADING_LINE = re.compile(r"^\s*(?:\d+[.)]|\([Ii]tem|[Ii]tem\s+\d|[A-Z][A-Z ,'’&]{8,}$|\d+\s+[A-Z][A-Z ,'’&]{6,}$|#)")
SEPARATORS = re.compile(r"\s*(?:[,;]|\s(?:and|&|a|ac|a['’]r)\s)\s*")
CONTINUES = re.compile(r"(?:[,;&]|\band|\ba|\bac|\ba['’]r|-)[\s'’]*$")

# --- label lines and appositions ---------------------------------------------------------------
PERSON_LABELS = (r"report\s+by|report\s+author|report\s+of|author|contact\s+officer|contact|lead\s+officer|"
                 r"responsible\s+officer|cabinet\s+member|portfolio\s+holder|executive\s+member|lead\s+member|"
                 r"presented\s+by|prepared\s+by|decision\s+maker|chair(?:man)?|vice[- ]chair(?:man)?|"
                 r"clerk(?:\s+to\s+the\s+council)?|proper\s+officer|director|officer|name|proposer|seconder")
LABEL_ROLE_IMPLIED = {"contact officer", "lead officer", "responsible officer", "cabinet member",
                      "portfolio holder", "executive member", "lead member", "chair", "chairman",
                      "vice-chair", "vice chair", "vice-chairman", "clerk", "clerk to the council",
                      "proper officer", "director", "officer", "proposer", "seconder"}
PERSON_LABEL_RE = re.compile(
    rf"(?im)(?:^|\|)[ \t>*#|_]*(?P<label>{PERSON_LABELS})[ \t*_]*[:|][ \t*_|]*(?P<rest>[^\n|]+)"
)
# A name after a title never runs on into the next title: "Councillor Dobson Councillor Eadie".
_UNTITLED = (r"(?!(?:County\s+)?Councillors?\b|Cllrs?\b|Cyng|Mayor\b|Deputy\b|Mrs?\b|Ms\b|Dr\b|Speaker\b|"
             r"Honou?rable\b|Hon\b|Miss\b|Sir\b|Dame\b|Lord\b|Lady\b|Prof\b)")
_TITLED_NAME = (rf"{_UNTITLED}(?:{_WORD}|{_INITIAL})(?:[ \t]+(?:{_PARTICLE}[ \t]+)?{_UNTITLED}(?:{_WORD}|{_INITIAL})){{0,4}}")
# Offices written before a name in running text; "Speaker" and "Convener" only before a councillor's title.
PROSE_OFFICE = (r"(?:Deputy\s+|Lord\s+|Deputy\s+Lord\s+)?Mayor|(?:Deputy\s+)?Reeve|(?:Lord\s+)?Provost|"
                r"Príomh\s+Chomhairleoir|Leas-[Cc]hathaoirleach|Cathaoirleach")
TITLED_RE = re.compile(
    rf"\b(?:(?:An[ \t]+|The[ \t]+)?(?P<office>{CIVIC_TITLE}),?[ \t]+)?"
    rf"(?P<title>County\s+Councillor|Councillor|Cllr\.?|Cyng\.?|Cynghorydd(?:\s+Sir)?|{PROSE_OFFICE})"
    rf"[ \t]+(?P<name>{_TITLED_NAME})\b(?![-’'])(?![ \t]+(?:of|for)\b)(?P<init>[ \t]*\([A-Z]\.?\))?"
)
_LISTED = rf"(?:{_WORD}|{_INITIAL})(?![-\w’'])(?:[ \t]*\([A-Z]\.?\))?"  # never a word cut at a line's end: "Hickey-"
TITLED_PLURAL_RE = re.compile(
    rf"\b(?:Councillors|Cllrs\.?|Cynghorwyr)[ \t]+(?P<list>{_LISTED}"
    rf"(?:(?:[ \t]*,[ \t]*|[ \t]+(?:and|a|ac|a['’]r|&)[ \t]+|[ \t]+)(?!Councillors?\b|Cllrs?\b){_LISTED})*)")
APPOSITION_RE = re.compile(
    rf"(?<![\w.])(?:(?:{HONORIFIC})\s+)?(?P<name>{NAME})(?:['’]s)?(?P<sep>,[ \t]+(?:the[ \t]+)?|[ \t]*\((?:the[ \t]+)?|[ \t]+[-–][ \t]+)"
    r"(?=(?P<role>[A-Z][^\n]{2,160}))"  # looked at, not consumed: the line may name another person
)
ROLE_THEN_NAME_RE = re.compile(
    rf"\b(?P<role>(?:[A-Z][\w'’&-]*|of|for|and|the|&)(?:[ \t]+(?:[A-Z][\w'’&-]*|of|for|and|the|&)){{0,10}})"
    rf"[ \t]*\([ \t]*(?P<name>{NAME})[ \t]*(?:[-–,][^)\n]*)?\)"
)
CAPS_SIGNATURE_RE = re.compile(r"(?m)^(?P<name>[A-Z][A-Z'’-]+(?:[ \t\n]+[A-Z][A-Z'’-]+){1,2})[ \t]*\n+(?P<role>[A-Z][^\n]{3,100})$")
ACTION_VERBS = frozenset("""said asked moved seconded proposed commented reported noted explained introduced presented
advised thanked praised declared confirmed responded replied highlighted raised welcomed suggested stated queried
requested added outlined informed updated emphasised emphasized expressed agreed stressed gave spoke led""".split())


@dataclass(frozen=True)
class Mention:
    name: str
    start: int
    end: int
    role: str | None = None
    councillor: bool | None = None
    attendance: str | None = None
    strength: int = 1  # 3 attendance list, 2 label/apposition/title, 1 entity
    alone: bool = True  # False: "Mr Watkins, Cabinet Member for ..." counts only as a mention of a fuller name


# --- checking and cleaning names -------------------------------------------------------------
def clean_name(raw: str, strict: bool = True, surname_ok: bool = False,
               honoured_ok: bool = False) -> tuple[str | None, str | None, bool]:
    """(name, role, councillor) from a list entry like 'Cllr. O. Williams (Chairman)'; name None if
    the entry is not a person's name. A surname alone ("Cllr Patel", "Collins (B)" -> "B. Collins") is
    a name only after a councillor's title or a civic office, where `surname_ok` says the list is of
    councillors ("Councillors Beasley, Benson, ..."), or after any honorific ("Mrs Jones") where
    `honoured_ok` says the context vouches for it."""
    text = " ".join(raw.replace("\u00a0", " ").split()).strip(" .:*_|>-–")
    text = re.sub(r"(?<=[a-z])- (?=[A-Z])", "-", text)  # a name broken over a line: "Barrington- King"
    role = initial = None
    paren = re.search(r"\(([^)]*)\)", text)
    while paren:
        inner = paren.group(1).strip()
        if re.fullmatch(r"[A-Z]\.?", inner):  # "Collins (B)": the initial that tells two Collinses apart
            initial = inner[0]
        elif CHAIR_PHRASE.match(inner):
            role = "Chair"
        elif inner and looks_like_role(inner) and role is None:
            role = inner
        text = (text[:paren.start()] + text[paren.end():]).strip()
        paren = re.search(r"\(([^)]*)\)", text)
    dash = re.split(r"\s+[-–]\s+", text, maxsplit=1)
    if len(dash) == 2:
        text, tail = dash
        if role is None and looks_like_role(tail):
            role = tail.strip(" .")
    text = re.split(r"\s+(?:who|whom|which|was|were|is|has|had|for\s+item|in\s+place\s+of|substituting|substitute)\b", text)[0]
    councillor = honoured = False
    while True:  # "Lord Mayor Cllr Smith", "His Worship Mayor Bowman", "Councillor M. Donegan"
        titled = ROLE_TITLES.match(text)
        if titled:
            role = role or " ".join(titled.group("title").split())
            councillor = True
            text = text[titled.end():]
            continue
        honorific = HONORIFIC_PREFIX.match(text)
        if not honorific:
            break
        councillor = councillor or bool(re.search(r"(?i)councillor|cllr|cyng|cynghor|cmhlr", honorific.group()))
        if re.search(r"(?i)\bcounty\s+councillor\b", honorific.group()):  # an office in a parish's minutes
            role = role or "County Councillor"
        honoured = True
        text = text[honorific.end():]
    text = re.sub(r"['’]s\b", "", text)
    words = [w for w in text.split() if w.strip(",") not in POST_NOMINALS]
    name = " ".join(words).strip(" ,.")
    if is_name(name, strict):
        return name, role, councillor
    if (surname_ok or councillor or (honoured_ok and honoured)) and is_surname(name, strict):
        return (f"{initial}. {name}" if initial else name), role, councillor
    return None, role, councillor


# Words of NON_NAME that are also common surnames; an attendance list may use them as names.
SURNAME_LIKE = frozenset("page hall church bank park lane street house farm court love west north south east "
                         "may june april august head lead chambers marsh hill field wood ward cooke".split())


def is_name(name: str, strict: bool = True) -> bool:
    words = name.split()
    if not 2 <= len(words) <= 5 or not NAME_RE.match(name):
        return False
    if any(w.casefold().strip("'’.,") in TITLE_WORDS for w in words):
        return False
    if not re.fullmatch(_WORD, words[-1]) or all(re.fullmatch(_INITIAL, w) for w in words):
        return False
    stop = NON_NAME if strict else NON_NAME - SURNAME_LIKE
    if any(w.casefold().strip("'’.") in stop for w in words if not re.fullmatch(r"[A-Z]\.", w)):  # "I. Griffin"
        return False
    if name.isupper():
        return False
    return gazetteer.lookup(name) is None


def is_surname(word: str, strict: bool = True) -> bool:
    """A single word that can be a surname: capitalised (not in capitals), no office or heading word."""
    stop = NON_NAME if strict else NON_NAME - SURNAME_LIKE
    return (bool(re.fullmatch(_WORD, word)) and not word.isupper() and len(word) >= 2
            and word.casefold().strip("'’") not in stop | TITLE_WORDS)


def looks_like_role(text: str) -> bool:
    words = [w.strip(",.()").casefold() for w in re.split(r"[\s/]+", text)[:10]]  # "A/Director"
    plural = len(words) >= 2 and words[-1].endswith("s") and words[-1][:-1] in ROLE_NOUNS  # "Senior Planners"
    return bool(text[:1].isupper() and (plural or any(w in ROLE_NOUNS for w in words)))


# Where a role captured with the text after it runs into the sentence: a verb ("... presented the
# report"), a number or a heading in capitals ("... 1 DECLARATIONS OF INTEREST").
_ROLE_RUNS_ON = re.compile(r"\s(?:[a-z]+ed\s+(?:the|a|an|that|this|these|to|by|on|at|with|his|her|its|their|"
                           r"it|them|how|what|\d)\b|(?:which|who|that|said|says|will|would|has|have|had|is|was|were|are|"
                           r"gave|gives|took|attended|joined|welcomed|spoke|thanked)\b|\d|[A-Z]{2,}\s+[A-Z]{2,}\s+[A-Z]{2,})")
# Welsh words that do not occur in an English role ("Cyflog a Threuliau r Clerc": the clerk's pay).
_WELSH_PROSE = re.compile(r"(?:^|\s)(?:a|ac|r|y|yr|i|am|gan|ar)(?=\s)")
_TRAILING = re.compile(r"(?:\s+(?:of|for|and|the|to|in|with|on|at|&|a))+\s*$|[\s,;:–-]+$")


def tidy_role(role: str) -> str | None:
    """A captured role cut where it runs on into the sentence or into another name; None if what is
    left names no role ("Head of X and Robin Cahill" -> "Head of X")."""
    role = _ROLE_RUNS_ON.split(role, maxsplit=1)[0]
    words = role.split()
    for i in range(1, len(words) - 1):
        if words[i] in ("and", "&") and is_name(" ".join(words[i + 1:i + 3])):
            role = " ".join(words[:i])
            break
    role = _TRAILING.sub("", role).strip()
    role = re.sub(r"\s+(?:and\s+)?[A-Z][a-z]+\s+[A-Z]$", "", role)  # "... Secretary Rudolph S": the next name's start
    if not role or _WELSH_PROSE.search(role) or not looks_like_role(role):
        return None
    return role


def role_phrase(text: str) -> str | None:
    """The role at the start of `text`, up to where the sentence goes on ('..., introduced the report')."""
    out = []
    lines = text.split("\n")
    for i, line in enumerate(lines):
        piece = re.split(r"[.;)(|]|\s[-–]\s|,\s*(?=[a-z])|\s(?:who|was|were|is|has|had|and\s+(?=[a-z]))\s|"
                         r"\s(?=(?:Honou?rable|Councillor|Cllr|Mrs?|Ms|Dr)\.?\s)", line)[0]  # the next person's title
        out.append(piece.strip())
        if piece != line or i + 1 >= len(lines):
            break
        nxt = lines[i + 1].strip()
        connector = re.search(r"(?:\b(?:of|for|and|the|to|in|with)|&|[’']s?|,)\s*$", piece)
        short_tail = re.match(r"^[A-Z][\w'’]*(?:\s+[A-Z&][\w'’]*){0,2}\s*[.,;)]", nxt)
        if not (connector or short_tail):
            break
    joined = " ".join(out)
    segments = joined.split(", ")
    for i, seg in enumerate(segments[1:], 1):
        titled = all(w[:1].isupper() or w in ("of", "for", "and", "the", "&", "in", "with") for w in seg.split())
        if not titled or is_name(" ".join(seg.split()[:2])) or is_name(" ".join(seg.split()[:3])):
            joined = ", ".join(segments[:i])
            break
    role = ROLE_START.sub("", joined.strip(" ,:"))
    role = re.sub(r"\s+", " ", role).strip(" ,")
    if not role or len(role.split()) > 14 or not looks_like_role(role):
        return None
    if is_name(re.split(r",\s*|\s+(?:and|&)\s+", role)[0]):  # "Andrew Thomas, Owen Williams and ...": a list's next name
        return None
    return role


# --- finding mentions ------------------------------------------------------------------------
def attendance_sections(text: str) -> list[Mention]:
    found: list[Mention] = []
    for m in LABEL_LINE.finditer(text):
        label = m.group("label").casefold()
        attendance, councillor = next((a, c) for p, a, c in ATTENDANCE_LABELS if re.fullmatch(p, label, re.I))
        if label in ("clerk", "clerc"):
            councillor = False
        start, body = _section_body(text, m.end())
        found += _list_people(body, start, attendance, councillor,
                              default_role="Clerk" if label in ("clerk", "clerc") else None)
    for m in SENTENCE_APOLOGIES.finditer(text):
        end = _sentence_end(text, m.end())
        found += _list_people(text[m.end():end], m.end(), "apologies", None)
    return found


def _sentence_end(text: str, pos: int) -> int:
    """Where the sentence from `pos` ends: at a full stop, or before a heading line where none came."""
    heading = next((pos + m.start() for m in re.finditer(r"\n[ \t]*([^\n]+)", text[pos:pos + 800])
                    if HEADING_LINE.match(m.group(1))), None)
    if heading is not None:
        return min(_full_stop(text, pos), heading)
    return _full_stop(text, pos)


def _full_stop(text: str, pos: int) -> int:
    for m in re.finditer(r"\.(?=\s+[A-Z(]|\s*$|\s*\n)", text[pos:pos + 800]):
        before = text[max(pos, pos + m.start() - 6):pos + m.start()]
        if re.search(r"(?:\b[A-Z]|Cllrs?|Cyng|Mrs?|Ms|Dr|St)$", before):
            continue
        return pos + m.start()
    return min(len(text), pos + 800)


def _section_body(text: str, pos: int) -> tuple[int, str]:
    """The lines of a list that starts at `pos`: it goes on while a line ends mid-list or the next
    line is itself a list of names, and stops at a heading or the next label."""
    lines = text[pos:pos + 4000].split("\n")
    kept: list[str] = []
    goes_on = True
    first = pos  # the body is the exact text from its first line to its last, blank lines and all
    blank: list[str] = []
    for line in lines:
        s = line.strip()
        if not s:
            if kept:
                blank.append(line)
            else:
                first += len(line) + 1
            continue
        if LABEL_LINE.match(line) or PERSON_LABEL_RE.match(line) or (kept and HEADING_LINE.match(s)):
            break
        role_names = bool(kept and PAREN_NAME_RE.search(s) and PAREN_NAME_RE.search("\n".join(kept)))
        if not (goes_on or role_names or _all_names(s)):  # role_names: "..., Director (Mr. V. Murray), ..."
            break
        if not kept and not goes_on:
            break
        if not kept and re.match(r"(?i)^(?:no\b|none\b|nil\b|there\s+were\s+no)", s):
            break
        kept += blank + [line]
        blank = []
        joined = "\n".join(kept)
        goes_on = bool(CONTINUES.search(s)) or joined.count("(") > joined.count(")")  # "(Mr. B. / Kennedy)"
    return first, "\n".join(kept)


def _all_names(line: str) -> bool:
    parts = [p for part in SEPARATORS.split(line.strip(" .")) if part.strip() for p, _ in _pairs(part, 0)]
    surnames = bool(PLURAL_COUNCILLORS.match(line.strip()))
    return bool(parts) and all(clean_name(p, surname_ok=surnames)[0] for p in parts)


# "Councillors Beasley, Benson, Collins (B), ...": a list of councillors by surname follows.
PLURAL_COUNCILLORS = re.compile(r"(?i)^(?:(?:y|the|a['’]r|and|ac|a)\s+)?(?:councillors|cllrs\.?|cynghorwyr)\b")


def _list_people(body: str, offset: int, attendance: str, councillor: bool | None,
                 default_role: str | None = None) -> list[Mention]:
    body = re.sub(r"-\n\s*", "-", body)
    body = re.sub(r"(\([A-Z]{1,4}\))(\s+)(?=[A-Z][a-z])", lambda m: m.group(1) + "," + m.group(2)[1:], body)
    if len(PAREN_NAME_RE.findall(body)) >= 2:
        return _role_name_list(body, offset, attendance, councillor)
    found: list[Mention] = []
    surnames = False  # once the list says "Councillors ...", its entries may be surnames alone
    pending = None  # a role written before its holder: "Príomh Chomhairleoir, Councillor D. McSweeney"
    after_name = False  # a role entry belongs to the name just before it, not across other words
    for raw, start in [c for chunk in _chunks(body) for c in _pairs(*chunk)]:
        surnames = surnames or bool(PLURAL_COUNCILLORS.match(raw.strip()))
        name, role, titled = clean_name(raw, strict=False, surname_ok=surnames, honoured_ok=True)
        if name is None and HONORIFIC_PREFIX.match(raw.strip()):  # "Cllr C Sharp These were accepted by all"
            name, role, titled = _run_on_name(raw, surnames)
        if name is None:
            text = re.split(r"\.\s+(?=[A-Z])", " ".join(raw.split()))[0].strip(" .")
            text = re.sub(r"^(?:An|The)\s+", "", text)
            if not looks_like_role(text) or len(text.split()) > 12:
                after_name = False
                continue
            if after_name and found[-1].role is None:
                found[-1] = replace(found[-1], role=text)
            elif not found:
                pending = text
            after_name = False
            continue
        s, e = _span_in(body[start:], name, offset + start)
        found.append(Mention(name, s, e, role or pending or default_role,
                             True if titled else councillor, attendance, 3))
        pending, after_name = None, True
    return found


def _run_on_name(raw: str, surnames: bool) -> tuple[str | None, str | None, bool]:
    """The entry's name where a list without a full stop runs on into the next sentence: the longest
    run of words from the start, honorific included, that is a name."""
    words = raw.split()
    for n in range(min(len(words) - 1, 6), 1, -1):
        found = clean_name(" ".join(words[:n]), strict=False, surname_ok=surnames)
        if found[0]:
            return found
    return None, None, False


def _chunks(body: str) -> list[tuple[str, int]]:
    """List entries with their offsets: split at commas and 'and'; a line break splits only where
    each line holds a whole name (names one a line), else it is a wrapped line."""
    out = []
    pos = 0
    for part in re.split(r"([,;]|\s(?:and|&|a|ac|a['’]r)\s)(?![^()]*\))", body):
        if part and not re.fullmatch(r"[,;]|\s(?:and|&|a|ac|a['’]r)\s", part) and part.strip():
            lines = [ln for ln in part.split("\n") if ln.strip()]
            if len(lines) > 1 and all(clean_name(ln)[0] or HONORIFIC_PREFIX.match(ln.strip()) for ln in lines[1:]):
                sub = pos
                for ln in part.split("\n"):
                    if ln.strip():
                        out.append((ln, sub))
                    sub += len(ln) + 1
            else:
                out.append((part.replace("\n", " "), pos))
        pos += len(part)
    return out


PAREN_NAME_RE = re.compile(rf"\(\s*(?:{HONORIFIC})\s+[^()]+\)")


def _role_name_list(body: str, offset: int, attendance: str, councillor: bool | None) -> list[Mention]:
    """'Director General (Dr. P. Daly), Director, Housing (Ms. C. Curley), ...': roles with names in brackets."""
    found, prev = [], 0
    for m in PAREN_NAME_RE.finditer(body):
        role = " ".join(body[prev:m.start()].split()).strip(" ,.;")
        role = re.sub(r"^(?:and|&)\s+", "", role)
        prev = m.end()
        inner = m.group()[1:-1]
        honorific = HONORIFIC_PREFIX.match(inner.strip())
        # "Senior Planners (Messrs. L. Conneally and G. Sheeran)": one role, several holders
        holders = re.split(r"\s+(?:and|&)\s+", inner) if honorific and re.match(r"(?i)messrs|mesdames", honorific.group()) else [inner]
        for raw in holders:
            name, _, titled = clean_name(raw if raw is holders[0] else honorific.group() + raw)
            if not name:
                continue
            at = m.start() + 1 + inner.find(raw)
            s, e = _span_in(raw, name, offset + at)
            found.append(Mention(name, s, e, role or None, True if titled else councillor, attendance, 3))
    return found


def _pairs(raw: str, start: int) -> list[tuple[str, int]]:
    """'Councillors Hannah Brent Tom Coles Lee Tindall' (a list whose line breaks were lost) as
    first-and-last-name pairs; other entries as they are."""
    honorific = HONORIFIC_PREFIX.match(raw.strip())
    rest = raw.strip()[honorific.end():] if honorific else raw.strip()
    words = rest.split()
    if len(words) < 4 or len(words) % 2 or "(" in rest or not all(re.fullmatch(_WORD, w) for w in words):
        return [(raw, start)]
    prefix = honorific.group() if honorific else ""
    out, pos = [], start + raw.find(words[0])
    for i in range(0, len(words), 2):
        pair = f"{words[i]} {words[i + 1]}"
        at = raw.find(pair, pos - start)
        out.append((prefix + pair, start + max(at, 0)))
    return out


def label_lines(text: str) -> list[Mention]:
    found = []
    for m in PERSON_LABEL_RE.finditer(text):
        label = " ".join(m.group("label").casefold().split())
        rest = m.group("rest").strip(" *_|")
        head = re.split(r",\s*|\s+[-–]\s+", rest, maxsplit=1)
        name, role, titled = clean_name(head[0])
        if name is None:
            continue
        if len(head) > 1:
            role = role_phrase(text[m.start("rest") + rest.find(head[1]) if head[1] else m.end():]) or role
        if role is None and label in LABEL_ROLE_IMPLIED:
            role = " ".join(m.group("label").split())
            role = role[:1].upper() + role[1:]
        s = m.start("rest") + max(m.group("rest").find(name.split()[0]), 0)
        councillor = True if titled or label in ("cabinet member", "portfolio holder", "executive member", "lead member") else None
        found.append(Mention(name, s, s + len(name), role, councillor, None, 2))
    # labels broken over lines: "Contact\nOfficer: Deborah Ennis"
    for m in re.finditer(rf"(?i)\b(?P<label>contact|lead|responsible)\s*\n\s*officer\s*:\s*(?P<name>{NAME})", text):
        name, _, _ = clean_name(m.group("name"))
        if name:
            found.append(Mention(name, m.start("name"), m.start("name") + len(name),
                                 f"{m.group('label').capitalize()} Officer", None, None, 2))
    return found


def titled_mentions(text: str) -> list[Mention]:
    found = []
    for m in TITLED_RE.finditer(text):
        name = _titled_name(_mend_split_word(m.group("name"), text, m.end("name")), m.group("init"))
        if name is None or (" " not in name and _wraps_on(text, m.end())):
            continue
        office = m.group("office") or (m.group("title") if ROLE_TITLES.match(m.group("title") + " ") else None)
        role = " ".join(office.split()) if office else None
        start = m.start("name")
        s, e = _span_in(m.group("name"), name, start)
        found.append(Mention(name, s, e, role, True, None, 2))
    for m in TITLED_PLURAL_RE.finditer(text):
        for raw, start in [c for chunk in _chunks(m.group("list")) for c in _pairs(*chunk)]:
            name, _, _ = clean_name(raw, surname_ok=True)
            last = start + len(raw.rstrip()) >= len(m.group("list").rstrip())
            if name and not (last and " " not in name and _wraps_on(text, m.end())):
                s, e = _span_in(raw, name, m.start("list") + start)
                found.append(Mention(name, s, e, None, True, None, 2))
    return found


def _mend_split_word(name: str, text: str, end: int) -> str:
    """"Cllr. O. Willia ms": a converter split the name's last word; joined where the paper has the
    whole word elsewhere ("Williams")."""
    frag = re.match(r" ([a-z]{1,3})\b", text[end:end + 5])
    if frag:
        whole = name.split()[-1] + frag.group(1)
        if re.search(rf"\b{re.escape(whole)}\b", text):
            return name + frag.group(1)
    return name


def _wraps_on(text: str, end: int) -> bool:
    """A name cut by a line break or a stray quote: "Cynghorwyr ..., Owen ' / Williams a r ..." (the
    next word could go on with the name)."""
    m = re.match(r"(?:[ \t]*['’][ \t]*\n?|[ \t'’]*\n)\s*(?P<w>[A-Z][\w'’-]*)", text[end:end + 80])  # "Owen ' Williams"
    return bool(m and is_surname(m.group("w")))


def _titled_name(words: str, initial: str | None) -> str | None:
    """The longest run of `words` from the start that is a name ("Kiely The meeting" -> "Kiely")."""
    parts = words.split()
    for n in range(len(parts), 0, -1):
        name, _, _ = clean_name(" ".join(parts[:n]) + (initial or ""), surname_ok=True)
        if name:
            return name
    return None


def _span_in(raw: str, name: str, offset: int) -> tuple[int, int]:
    """Where `name` (or, for "B. Collins" written "Collins (B)", its surname) sits in `raw`."""
    at = raw.find(name)
    if at >= 0:
        return offset + at, offset + at + len(name)
    first, last = name.split()[0], name.split()[-1]
    a, b = raw.find(first), raw.rfind(last)
    if 0 <= a < b and len(name.split()) > 1 and len(raw[a:b + len(last)].split()) == len(name.split()):
        return offset + a, offset + b + len(last)  # "B.\n\nKennedy"
    at = raw.find(last)
    if at >= 0:
        return offset + at, offset + at + len(last)
    at = max(raw.find(name.split()[0]), 0)
    return offset + at, offset + at + len(name)


def appositions(text: str) -> list[Mention]:
    found = []
    for m in APPOSITION_RE.finditer(text):
        name, _, titled = clean_name(m.group("name"))
        alone = True
        if name is None and HONORIFIC_PREFIX.match(m.group("name")):
            name, _, titled = clean_name(m.group("name"), strict=False, honoured_ok=True)
            alone = titled  # "Councillor Smith, Leader" stands alone; "Mr Watkins, ..." needs a fuller name
        if m.group("sep").strip() in ("-", "–") and re.match(r"(?i)the\s", m.group("role")):
            continue  # "5.9 Footpath - Farm Tenancy - The Parish Clerk confirmed": an item's title, not a name
        if name is None or sum(len(w.strip(".")) > 1 for w in name.split()) > 3:
            continue
        role = role_phrase(text[m.start("role"):m.start("role") + 200])
        if role is None:
            continue
        s, e = _span_in(m.group("name"), name, m.start("name"))
        found.append(Mention(name, s, e, role, True if titled or _elected(role) else None, None, 2, alone))
    for m in ROLE_THEN_NAME_RE.finditer(text):
        name, _, _ = clean_name(m.group("name"))
        role = role_phrase(_trim_role_start(m.group("role")))
        if name and role:
            found.append(Mention(name, m.start("name"), m.start("name") + len(m.group("name")), role,
                                 True if _elected(role) else None, None, 2))
    for m in CAPS_SIGNATURE_RE.finditer(text):
        name = " ".join(w.capitalize() for w in m.group("name").split())
        role = role_phrase(m.group("role"))
        if role and is_name(name):
            found.append(Mention(name, m.start("name"), m.end("name"), role, None, None, 2))
    return found


def _trim_role_start(role: str) -> str:
    """'The project is being led by a Director of X' -> 'Director of X': keep from the first role noun's phrase."""
    words = role.split()
    for i, w in enumerate(words):
        if w[:1].isupper() and (w.casefold() in ROLE_NOUNS or (i + 1 < len(words) and any(
                x.casefold() in ROLE_NOUNS for x in words[i:i + 3]))):
            return " ".join(words[i:])
    return role


def _elected(role: str) -> bool:
    """An office only an elected member holds: cabinet member, mayor, leader of a council or of a
    political group ("Leader of the Liberal Democrat Group", "Leader of the Opposition")."""
    return bool(re.search(r"(?i)\b(?:cabinet member|councillor|mayor|portfolio holder|executive member|"
                          r"(?:deputy )?leader of (?:the )?(?:opposition|(?:[\w'’&-]+ ){0,4}(?:council|group)))\b"
                          r"|\b(?:cathaoirleach|reeve|provost)\b", role))


def acting_entities(doc: Doc) -> list[Mention]:
    found = []
    for ent in doc.ents:
        if ent.label_ != "PERSON" or ent.end >= len(doc):
            continue
        if doc[ent.end].lower_ not in ACTION_VERBS:
            continue
        name, _, titled = clean_name(ent.text)
        if name and not _company_name(name, doc.text):
            found.append(Mention(name, ent.start_char, ent.end_char, None, True if titled else None, None, 1))
    return found


def _company_name(name: str, text: str) -> bool:
    """"Key Risk agreed ...", where the paper also writes "Key Risk Management Services, LLC": a firm."""
    return bool(re.search(rf"\b{re.escape(name)}(?:\s+[A-Z][a-z]+){{0,3}},?\s+(?:Ltd|Limited|LLC|LLP|Inc|PLC|plc|"
                          r"Services|Group|Company|Corporation|Associates|Partnership|Holdings|Consultants?)\b", text))


# --- merging ---------------------------------------------------------------------------------
def _key(name: str) -> tuple[str, ...]:
    return tuple(w.strip(".").casefold() for w in name.replace("’", "'").split())


def _same_person(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """'o williams' ~ 'owen williams', 'jo carpenter' ~ 'joanne carpenter', 'tom cole' ~ 'tom coles'."""
    if short == full:
        return True
    if short[-1] == full[-1]:
        a, b = short[:-1], full[:-1]
        if not a or not b:
            return False
        return all(x == y or (len(x) == 1 and y.startswith(x)) or (len(x) >= 2 and y.startswith(x))
                   for x, y in zip(a, b)) and len(a) <= len(b)
    if short[:-1] and len(short) == len(full) and _one_edit(short[-1], full[-1]) and len(full[-1]) >= 4:
        return all(x == y or (len(x) == 1 and y.startswith(x)) for x, y in zip(short[:-1], full[:-1]))
    return False


def _one_edit(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1:] or (len(a) == len(b) and a[i + 1:] == b[i + 1:])


def merge(mentions: list[Mention]) -> list[list[Mention]]:
    """Group mentions of one person; the strongest, longest form names the group."""
    order = sorted(mentions, key=lambda m: (-m.strength, -len(m.name), m.start))
    groups: list[list[Mention]] = []
    for m in order:
        k = _key(m.name)
        for g in groups:
            if _same_person(k, _key(g[0].name)) or _same_person(_key(g[0].name), k):
                g.append(m)
                break
        else:
            groups.append([m])
    return _merge_surnames(groups)


def _merge_surnames(groups: list[list[Mention]]) -> list[list[Mention]]:
    """"Councillor Moran" joins "John Moran" where one person of the paper has that surname; where
    several have it ("Alun Davies", "Arwel Davies") it names no one for sure and is dropped."""
    full = [g for g in groups if len(_key(g[0].name)) > 1]
    out = list(full)
    for g in groups:
        k = _key(g[0].name)
        if len(k) > 1:
            continue
        same = [f for f in full if _key(f[0].name)[-1] == k[0]]
        if not same and any(_key(f[0].name)[0] == k[0] for f in full):
            continue  # "Cyng. Alun" cut off at a line's end: the first name of "Alun Davies", no surname
        listed = any(m.strength == 3 for m in g)
        if len(same) == 1 and listed and any(m.strength == 3 for m in same[0]):
            out.append(g)  # listed twice over: a councillor and an officer who share a surname
        elif len(same) == 1:
            same[0].extend(g)
        elif not same and any(m.alone for m in g):
            out.append(g)
    return sorted(out, key=lambda g: min(m.start for m in g))


def person_records(groups: list[list[Mention]]) -> list[tuple[Mention, str | None]]:
    """(mention, role) per person and distinct role, located where the paper gives that role (the
    first mention where it gives none); councillor and attendance from any mention."""
    out = []
    for g in groups:
        first = min(g, key=lambda m: m.start)
        councillor = True if any(m.councillor for m in g) else (False if any(m.councillor is False for m in g) else None)
        attendance = next((m.attendance for m in sorted(g, key=lambda m: m.start) if m.attendance), None)
        roles: list[tuple[str, Mention]] = []
        for m in sorted(g, key=lambda m: (-m.strength, m.start)):
            role = tidy_role(m.role) if m.role else None
            if role and all(role.casefold() != r.casefold() for r, _ in roles):
                roles.append((role, m))
        fullest = max(g, key=lambda m: (sum(len(w) > 2 for w in m.name.split()), len(m.name.split()),
                                        m.strength, len(m.name)))
        base = replace(first, name=fullest.name, councillor=councillor, attendance=attendance)
        if not roles:
            out.append((base, None))
        for k, (role, m) in enumerate(roles):  # the first role at the first mention, others where stated
            at = base if k == 0 else replace(base, start=m.start, end=m.end)
            out.append((at, role))
    return out


# "Cllr. O. Williams took the Chair", "Councillor Smith was in the Chair", "... presided".
CHAIR_TAKEN_RE = re.compile(
    rf"(?P<name>(?:(?:{HONORIFIC})[ \t]+)?{NAME})[ \t]+(?:took|was[ \t]+in|occupied|assumed)[ \t]+the[ \t]+[Cc]hair\b|"
    rf"(?P<name2>(?:(?:{HONORIFIC})[ \t]+)?{NAME})[ \t]+presided\b")


def chair_taken(text: str) -> list[Mention]:
    found = []
    for m in CHAIR_TAKEN_RE.finditer(text):
        group = "name" if m.group("name") else "name2"
        name, _, titled = clean_name(m.group(group), honoured_ok=True)
        if name:
            s, e = _span_in(m.group(group), name, m.start(group))
            found.append(Mention(name, s, e, "Chair", True if titled else None, None, 2, titled or " " in name))
    return found


# "Question by Paul Stepto to Rory Love, Cabinet Member for ...", "Questions submitted by Mr Smith".
QUESTION_BY_RE = re.compile(
    rf"\bQuestions?[ \t]+(?:(?:asked|put|submitted|raised|received)[ \t]+)?(?:by|from)[ \t]+"
    rf"(?P<name>(?:(?:{HONORIFIC})[ \t]+)?{NAME})\b(?![-’'])")


def questioners(text: str) -> list[Mention]:
    found = []
    for m in QUESTION_BY_RE.finditer(text):
        name, _, titled = clean_name(m.group("name"))
        if name:
            s, e = _span_in(m.group("name"), name, m.start("name"))
            found.append(Mention(name, s, e, None, True if titled else None, None, 2))
    return found


def people(doc: Doc) -> list[tuple[Mention, str | None]]:
    text = doc.text
    mentions = attendance_sections(text) + label_lines(text) + appositions(text) + titled_mentions(text)
    mentions += chair_taken(text) + questioners(text)
    mentions += acting_entities(doc)
    return person_records(merge(mentions))


@Language.factory("minutebook_people")
def make_people(nlp: Language, name: str):
    def component(doc: Doc) -> Doc:
        used: set[tuple[int, int]] = set()  # spans with the same offsets would share one fact
        for m, role in people(doc):
            span = char_span(doc, m.start, m.end)
            if span is None or (span.start_char, span.end_char) in used:
                continue
            used.add((span.start_char, span.end_char))
            annotate(doc, FactKind.PERSON, span, name=m.name, role=role, councillor=m.councillor,
                     attendance=m.attendance, start=m.start, end=m.end, extractor=EXTRACTOR)
        return doc

    return component
