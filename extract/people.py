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
_PARTICLE = r"(?:de|van|von|der|den|da|di|del|la|le|bin|ap|ab|du)"
_NAME_TOKEN = rf"(?:{_WORD}|{_INITIAL}|{_PARTICLE})"
NAME = rf"(?:(?:{_WORD}|{_INITIAL})(?:[ \t]+(?:{_PARTICLE}[ \t]+)?(?:{_WORD}|{_INITIAL})){{1,4}})"
NAME_RE = re.compile(rf"^(?:(?:{_WORD})|{_INITIAL}|{_PARTICLE})(?:\s+(?:{_WORD}|{_INITIAL}|{_PARTICLE}))*$")

HONORIFIC = (r"(?:County\s+Councillors?|Councillors?|Cllrs?\.?|Cynghorydd(?:\s+Sir)?|Cynghorwyr|Cyng\.?|"
             r"Mrs\.?|Mr\.?|Ms\.?|Miss|Mx\.?|Dr\.?|Prof\.?|Professor|Sir|Dame|Lord|Lady|Revd?\.?|Reverend|"
             r"Alderman|Aldermen)")
COUNCILLOR_TITLE = re.compile(r"(?i)^(?:county\s+councillors?|councillors?|cllrs?\.?|cynghorydd(?:\s+sir)?|cynghorwyr|cyng\.?)$")
HONORIFIC_PREFIX = re.compile(rf"^(?:(?:y|the|a['’]r|and|ac|a)\s+)?(?:{HONORIFIC}\s+)+")
POST_NOMINALS = frozenset("CBE OBE MBE BEM KBE DBE JP DL KC QC MP MS AM MSP MLA FRSA PhD MA BSc BA MBA".split())
ROLE_TITLES = re.compile(r"^(?P<title>Deputy\s+Mayor|Mayor|Príomh\s+Chomhairleoir|Leas-Chathaoirleach|Cathaoirleach)\s+")

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
""".split())
ROLE_START = re.compile(r"^(?:the|a|an|our|their|his|her|its)\s+", re.I)
CHAIR_PHRASE = re.compile(r"(?i)^(?:in\s+the\s+chair|chairing|presiding|yn\s+y\s+gadair)$")

# --- sections of attendance ------------------------------------------------------------------
ATTENDANCE_LABELS: tuple[tuple[str, str, bool | None], ...] = (
    # label pattern, attendance, councillor (None: as the entry says)
    (r"(?:members\s+)?present(?:\s+in\s+the\s+chair)?|(?:yn\s+)?bresennol|presennol|aelodau\s+yn\s+bresennol", "present", True),
    (r"also\s+present|also\s+in\s+attendance|in\s+attendance|officers?\s+present|officers?\s+in\s+attendance|"
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
    r"(?i)\b(?:apologies|ymddiheuriadau)\b[^.\n:]{0,60}?\b(?:from|gan(?:\s+y)?|by)\s+"
)
HEADING_LINE = re.compile(r"^\s*(?:\d+[.)]|\([Ii]tem|[Ii]tem\s+\d|[A-Z][A-Z ,'’&]{8,}$|#)")
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
TITLED_RE = re.compile(
    rf"\b(?P<title>County\s+Councillor|Councillor|Cllr\.?|Cyng\.?|Cynghorydd(?:\s+Sir)?|Mayor|Deputy\s+Mayor)"
    rf"[ \t]+(?P<name>{NAME}|{_WORD})\b"
)
TITLED_PLURAL_RE = re.compile(
    rf"\b(?:Councillors|Cllrs\.?|Cynghorwyr)[ \t]+(?P<list>(?:{_WORD}|{_INITIAL})"
    rf"(?:(?:[ \t]*,[ \t]*|[ \t]+(?:and|a|ac|a['’]r|&)[ \t]+|[ \t]+)(?:{_WORD}|{_INITIAL}))*)")
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


# --- checking and cleaning names -------------------------------------------------------------
def clean_name(raw: str, strict: bool = True) -> tuple[str | None, str | None, bool]:
    """(name, role, councillor) from a list entry like 'Cllr. O. Williams (Chairman)'; name None if
    the entry is not a person's name."""
    text = " ".join(raw.replace("\u00a0", " ").split()).strip(" .:*_|>-–")
    text = re.sub(r"(?<=[a-z])- (?=[A-Z])", "-", text)  # a name broken over a line: "Barrington- King"
    role = None
    paren = re.search(r"\(([^)]*)\)", text)
    while paren:
        inner = paren.group(1).strip()
        if CHAIR_PHRASE.match(inner):
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
    councillor = False
    honorific = HONORIFIC_PREFIX.match(text)
    if honorific:
        councillor = bool(re.search(r"(?i)councillor|cllr|cyng|cynghor", honorific.group()))
        text = text[honorific.end():]
    titled = ROLE_TITLES.match(text)
    if titled:
        role = role or titled.group("title")
        councillor = True
        text = text[titled.end():]
    text = re.sub(r"['’]s\b", "", text)
    words = [w for w in text.split() if w.strip(",") not in POST_NOMINALS]
    name = " ".join(words).strip(" ,.")
    return (name if is_name(name, strict) else None), role, councillor


# Words of NON_NAME that are also common surnames; an attendance list may use them as names.
SURNAME_LIKE = frozenset("page hall church bank park lane street house farm court love west north south east "
                         "may june april august head lead chambers marsh hill field wood ward cooke".split())


def is_name(name: str, strict: bool = True) -> bool:
    words = name.split()
    if not 2 <= len(words) <= 5 or not NAME_RE.match(name):
        return False
    if not re.fullmatch(_WORD, words[-1]) or all(re.fullmatch(_INITIAL, w) for w in words):
        return False
    stop = NON_NAME if strict else NON_NAME - SURNAME_LIKE
    if any(w.casefold().strip("'’.") in stop for w in words):
        return False
    if name.isupper():
        return False
    return gazetteer.lookup(name) is None


def looks_like_role(text: str) -> bool:
    words = [w.strip(",.()").casefold() for w in text.split()[:10]]
    return bool(text[:1].isupper() and any(w in ROLE_NOUNS for w in words))


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
    if not role or _WELSH_PROSE.search(role) or not looks_like_role(role):
        return None
    return role


def role_phrase(text: str) -> str | None:
    """The role at the start of `text`, up to where the sentence goes on ('..., introduced the report')."""
    out = []
    lines = text.split("\n")
    for i, line in enumerate(lines):
        piece = re.split(r"[.;)(|]|\s[-–]\s|,\s*(?=[a-z])|\s(?:who|was|were|is|has|had|and\s+(?=[a-z]))\s", line)[0]
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
    for line in lines:
        s = line.strip()
        if not s:
            continue
        if LABEL_LINE.match(line) or PERSON_LABEL_RE.match(line) or (kept and HEADING_LINE.match(s)):
            break
        if not (goes_on or _all_names(s)):
            break
        if not kept and not goes_on:
            break
        if not kept and re.match(r"(?i)^(?:no\b|none\b|nil\b|there\s+were\s+no)", s):
            break
        kept.append(line)
        goes_on = bool(CONTINUES.search(s)) or not kept
    return pos, "\n".join(kept)


def _all_names(line: str) -> bool:
    parts = [p for part in SEPARATORS.split(line.strip(" .")) if part.strip() for p, _ in _pairs(part, 0)]
    return bool(parts) and all(clean_name(p)[0] for p in parts)


def _list_people(body: str, offset: int, attendance: str, councillor: bool | None,
                 default_role: str | None = None) -> list[Mention]:
    body = re.sub(r"-\n\s*", "-", body)
    body = re.sub(r"(\([A-Z]{1,4}\))(\s+)(?=[A-Z][a-z])", lambda m: m.group(1) + "," + m.group(2)[1:], body)
    if len(PAREN_NAME_RE.findall(body)) >= 2:
        return _role_name_list(body, offset, attendance, councillor)
    found: list[Mention] = []
    for raw, start in [c for chunk in _chunks(body) for c in _pairs(*chunk)]:
        name, role, titled = clean_name(raw, strict=False)
        if name is None:
            if found and found[-1].strength == 3 and looks_like_role(raw) and found[-1].role is None:
                found[-1] = replace(found[-1], role=" ".join(raw.split()).strip(" ."))
            continue
        pos = body.find(name.split()[0], start)
        s = offset + (pos if pos >= 0 else start)
        found.append(Mention(name, s, s + len(name), role or default_role,
                             True if titled else councillor, attendance, 3))
    return found


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
        name, _, titled = clean_name(m.group()[1:-1])
        role = " ".join(body[prev:m.start()].split()).strip(" ,.;")
        role = re.sub(r"^(?:and|&)\s+", "", role)
        prev = m.end()
        if name:
            s = offset + m.start() + m.group().find(name.split()[0])
            found.append(Mention(name, s, s + len(name), role or None,
                                 True if titled else councillor, attendance, 3))
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
        title = m.group("title")
        name, _, _ = clean_name(m.group("name"))
        if name is None:
            continue
        role = "Mayor" if title == "Mayor" else "Deputy Mayor" if title.startswith("Deputy") else None
        found.append(Mention(name, m.start("name"), m.start("name") + len(name), role, True, None, 2))
    for m in TITLED_PLURAL_RE.finditer(text):
        for raw, start in [c for chunk in _chunks(m.group("list")) for c in _pairs(*chunk)]:
            name, _, _ = clean_name(raw)
            if name:
                s = m.start("list") + start + max(raw.find(name.split()[0]), 0)
                found.append(Mention(name, s, s + len(name), None, True, None, 2))
    return found


def appositions(text: str) -> list[Mention]:
    found = []
    for m in APPOSITION_RE.finditer(text):
        name, _, titled = clean_name(m.group("name"))
        if name is None or sum(len(w.strip(".")) > 1 for w in name.split()) > 3:
            continue
        role = role_phrase(text[m.start("role"):m.start("role") + 200])
        if role is None:
            continue
        found.append(Mention(name, m.start("name"), m.start("name") + len(m.group("name")), role,
                             True if titled or _elected(role) else None, None, 2))
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
    return bool(re.search(r"(?i)\b(?:cabinet member|councillor|mayor|leader of the council|portfolio holder|executive member)\b", role))


def acting_entities(doc: Doc) -> list[Mention]:
    found = []
    for ent in doc.ents:
        if ent.label_ != "PERSON" or ent.end >= len(doc):
            continue
        if doc[ent.end].lower_ not in ACTION_VERBS:
            continue
        name, _, titled = clean_name(ent.text)
        if name:
            found.append(Mention(name, ent.start_char, ent.end_char, None, True if titled else None, None, 1))
    return found


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
    return groups


def person_records(groups: list[list[Mention]]) -> list[tuple[Mention, str | None]]:
    """(first mention, role) per person and distinct role; councillor and attendance from any mention."""
    out = []
    for g in groups:
        first = min(g, key=lambda m: m.start)
        councillor = True if any(m.councillor for m in g) else (False if any(m.councillor is False for m in g) else None)
        attendance = next((m.attendance for m in sorted(g, key=lambda m: m.start) if m.attendance), None)
        roles: list[str] = []
        for m in sorted(g, key=lambda m: (-m.strength, m.start)):
            role = tidy_role(m.role) if m.role else None
            if role and all(role.casefold() != r.casefold() for r in roles):
                roles.append(role)
        fullest = max(g, key=lambda m: (sum(len(w) > 2 for w in m.name.split()), m.strength, len(m.name)))
        base = replace(first, name=fullest.name, councillor=councillor, attendance=attendance)
        out += [(base, r) for r in roles] or [(base, None)]
    return out


def people(doc: Doc) -> list[tuple[Mention, str | None]]:
    text = doc.text
    mentions = attendance_sections(text) + label_lines(text) + appositions(text) + titled_mentions(text)
    mentions += acting_entities(doc)
    return person_records(merge(mentions))


@Language.factory("minutebook_people")
def make_people(nlp: Language, name: str):
    def component(doc: Doc) -> Doc:
        for m, role in people(doc):
            span = char_span(doc, m.start, m.end)
            if span is None:
                continue
            annotate(doc, FactKind.PERSON, span, name=m.name, role=role, councillor=m.councillor,
                     attendance=m.attendance, start=m.start, end=m.end, extractor=EXTRACTOR)
        return doc

    return component
