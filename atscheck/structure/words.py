"""The words that tell a job title, an employer and a place apart on a resume's role lines, as a parser's
lexicon does. Lower case; matched as whole words."""

from __future__ import annotations

import re


def _set(*lines: str) -> frozenset[str]:
    return frozenset(" ".join(lines).split())


# Nouns and ranks that make a line a job title ("Senior Software Engineer", "Head of Data", "Praktikant").
TITLE_WORDS = _set(
    "educator aide counselor counsellor teller cook therapist pharmacist lawyer attorney paralegal inspector auditor",
    "economist statistician mathematician physicist chemist biologist astronomer librarian receptionist secretary",
    "bookkeeper controller buyer merchandiser marketer salesperson bartender barista mechanic electrician plumber",
    "carpenter welder machinist pilot observer ambassador evangelist advocate enseignant enseignante",
    "engineer engineers engineering developer developers programmer scientist analyst architect manager",
    "director lead head intern internship consultant specialist administrator admin officer president vp",
    "cto ceo cfo coo cio ciso founder co-founder cofounder owner partner associate assistant researcher",
    "fellow professor lecturer teacher instructor tutor trainer coordinator representative rep agent",
    "driver mentor designer technician operator sre swe sde mle se principal staff senior junior sr jr",
    "student trainee apprentice advisor adviser editor writer recruiter accountant clerk cashier",
    "supervisor executive contractor freelancer freelance volunteer maintainer contributor member chief",
    "postdoc postdoctoral scholar tester strategist producer nurse physician ingenieur ingenieurin",
    "entwickler entwicklerin berater beraterin leiter leiterin werkstudent praktikant praktikantin",
    "ingeniero ingeniera desarrollador desarrolladora analista gerente jefe consultor consultora",
    "ingénieur ingénieure développeur développeuse chef stagiaire responsable engenheiro desenvolvedor",
    "estagiário",
)
# Titles in scripts written without spaces: matched as a suffix of the line's last word.
TITLE_SUFFIXES = (
    "工程师",
    "经理",
    "总监",
    "架构师",
    "设计师",
    "实习生",
    "主管",
    "エンジニア",
    "マネージャー",
    "開発者",
    "研究員",
)

# Words that make a line an organisation ("ABB India Limited", "Acme Labs", "State University").
EMPLOYER_WORDS = _set(
    "inc inc. llc ltd ltd. limited gmbh corp corp. corporation company co co. pvt pvt. ag sa s.a. bv",
    "b.v. ab plc group technologies technology labs lab university universität universidad université",
    "institute institut college bank systems solutions services software consulting consultancy agency",
    "studio studios school hospital center centre foundation ministry department gmbh. kg oy asa srl",
    "s.r.l. spa s.p.a. pte",
)
EMPLOYER_SUFFIXES = ("公司", "集团", "大学", "株式会社", "研究所", "银行")

# Places: US state and Canadian province codes, and countries as resumes write them.
STATE_CODES = _set(
    "AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC",
    "ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC ON QC BC AB MB SK NS NB NL PE",
)
COUNTRIES = _set(
    "usa us u.s. u.s.a u.s.a. uk u.k. america india germany deutschland france spain españa italy",
    "portugal brazil brasil canada mexico méxico argentina chile colombia peru china japan korea s.korea",
    "south-korea singapore australia netherlands belgium sweden norway denmark finland poland ireland",
    "switzerland austria israel uae egypt nigeria kenya pakistan bangladesh vietnam indonesia",
    "philippines malaysia thailand taiwan turkey iran russia ukraine romania greece czechia hungary",
    "scotland england wales nepal qatar luxembourg estonia latvia lithuania serbia croatia slovakia",
    "slovenia bulgaria morocco tunisia ghana ethiopia kazakhstan",
) | {
    "united states",
    "united kingdom",
    "united arab emirates",
    "new zealand",
    "south africa",
    "saudi arabia",
    "sri lanka",
    "hong kong",
    "south korea",
    "czech republic",
}
# US states and Canadian provinces by name: "Austin, Texas", "Columbia, Missouri".
REGIONS = _set(
    "alabama alaska arizona arkansas california colorado connecticut delaware florida georgia hawaii idaho",
    "illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan minnesota",
    "mississippi missouri montana nebraska nevada ohio oklahoma oregon pennsylvania tennessee texas utah",
    "vermont virginia washington wisconsin wyoming ontario quebec alberta manitoba saskatchewan",
) | {"new hampshire", "new jersey", "new mexico", "new york", "north carolina", "north dakota", "rhode island"}
REGIONS |= {"south carolina", "south dakota", "west virginia", "british columbia", "nova scotia", "new brunswick"}
# Phrases that say where the work happened, not where.
WORK_MODES = re.compile(r"^\(?(?:remote|hybrid|on-?site|onsite|in-?office|worldwide|anywhere)\)?$", re.IGNORECASE)

_WORD = re.compile(r"[\w.&+'-]+")


def words_of(text: str) -> list[str]:
    return [w.strip(".,'").lower() for w in _WORD.findall(text)]


def has_title_word(text: str) -> bool:
    stripped = text.rstrip()
    return any(w in TITLE_WORDS for w in words_of(text)) or stripped.endswith(TITLE_SUFFIXES)


# Words only a company's legal name ends with: "Acme Corp", "ABB India Limited" (not "Container Services").
COMPANY_SUFFIXES = _set(
    "inc inc. llc ltd ltd. limited gmbh corp corp. corporation company co co. pvt pvt. ag plc bv b.v. kg oy",
    "asa srl s.r.l. spa s.p.a. pte university bank labs",
)


def has_company_suffix(text: str) -> bool:
    words = text.lower().replace(",", " ").split()
    return bool(words) and (words[-1] in COMPANY_SUFFIXES or words[-1].rstrip(".") in COMPANY_SUFFIXES)


def has_employer_word(text: str) -> bool:
    raw = [w.lower() for w in _WORD.findall(text)]
    return any(w in EMPLOYER_WORDS or w.rstrip(".") in EMPLOYER_WORDS for w in raw) or any(
        suffix in text for suffix in EMPLOYER_SUFFIXES
    )


def is_place(text: str) -> bool:
    """ "Seattle, WA", "Boston MA", "Stockholm, Sweden (Remote)", "Remote", "Seoul, S.Korea"."""
    text = text.strip()
    if not text or len(text) > 60:
        return False
    if WORK_MODES.match(text):
        return True
    text = re.sub(r"\s*\((?:remote|hybrid|on-?site)\)$", "", text, flags=re.IGNORECASE)
    tokens = text.replace(",", " ").split()
    if not tokens or has_title_word(text) or has_employer_word(text):
        return False
    last = tokens[-1].strip(".")
    if last.upper() == last and last.upper() in STATE_CODES and len(tokens) >= 2:
        return True
    lowered = text.lower().replace(", ", ",")
    parts = [part.strip() for part in re.split(r"[,&]", lowered)]
    if len(parts) == 2 and parts[-1] in REGIONS:  # "Columbia, Missouri"; "Washington" alone is a name
        return True
    return any(part in COUNTRIES for part in parts) or tokens[-1].lower().strip() in COUNTRIES


# Words a name may hold in lower case: "Bachelor of Science in Physics", "Universidad de Chile".
_NAME_JOINERS = _set("of and in for the at a an de del du la le y e und für to on am an der")


def reads_as_names(text: str) -> bool:
    """Words that name things ("Data Engineer, Acme GmbH, Berlin", "AWS Certified Cloud Practitioner"), not a
    sentence: at most one word in lower case besides the words that join names."""
    lower = [w for w in _WORD.findall(text) if w[:1].islower() and w.lower() not in _NAME_JOINERS]
    return len(lower) <= 1


def trimmed(raw: str) -> str:
    """A piece of a line without the separators and brackets around it; a bracket it opens and closes stays:
    "Amazon (Ring)", "Amazon Web Services (AWS)"."""
    piece = " ".join(raw.strip(" ,;:|-–—*_#").split())
    for opening, closing in ("()", "[]"):
        if piece.startswith(opening) and closing not in piece:
            piece = piece[1:].strip()
        if piece.endswith(closing) and opening not in piece:
            piece = piece[:-1].strip()
        if piece.startswith(opening) and piece.endswith(closing) and piece.count(opening) == 1:
            piece = piece[1:-1].strip()
    return piece
