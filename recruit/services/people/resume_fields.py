"""Profile fields read from a resume's text — major, degree, graduation year, skills — proposed to the graduate,
who confirms or corrects them in the profile form: nothing is written to the profile until they save it.

Chinese and English resumes are read the same way: the education lines (those naming a university, a degree or a
major) give the degree (the highest named), the graduation year (an explicit "毕业"/"graduation" year, else the
latest end of an education date range) and the major ("专业：…", "…专业", "Major: …", "B.S. in …", or the part of
an education line that is neither the school, a date nor a degree); skills are the campaign's vacancy skills and
common ones (`reference/skills.py`) the text names. Measured on the labelled resumes in `bench/data/resumes/`
(`python -m bench.resume_fields`).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import select

from recruit.matching.scoring import mentions, normalise_term
from recruit.models import GraduateProfile, Vacancy, VacancyStatus
from recruit.reference.education import Degree
from recruit.reference.skills import COMMON_SKILLS

VOCABULARY_LIMIT = 5_000  # the most asked-for vacancy skills read for
MAX_PROPOSED_SKILLS = 20

_DEGREE_WORDS = (
    (Degree.DOCTOR, r"博士|ph\.?\s?d\b|doctor of|doctoral"),
    (Degree.MASTER, r"硕士|研究生|master|m\.?\s?sc?\b|m\.?\s?eng\b|\bmba\b|\bmpacc\b"),
    (Degree.BACHELOR, r"本科|学士|bachelor|b\.?\s?sc?\b|b\.?\s?a\.?(?=\s|,|$)|b\.?\s?eng\b|undergraduate"),
    (Degree.ASSOCIATE, r"大专|专科|高职|associate"),
)
_SCHOOL = re.compile(r"大学|学院|学校|university|college|institute|school", re.I)
_EDUCATION = re.compile(r"教育|学历|education|专业|major|degree|毕业|graduat", re.I)
_YEAR = r"((?:19|20)\d{2})"
_SEPARATOR = r"\s*(?:-|–|—|~|～|至|到|to)\s*"
_MONTH = r"(?:[.\-/年]\s*\d{1,2}\s*月?)?"
_RANGE = re.compile(
    _YEAR + r"\s*" + _MONTH + _SEPARATOR + r"(?:[A-Za-z]{3,9}\.?\s+)?" + _YEAR
    + r"|" + _YEAR + r"\s*" + _MONTH + _SEPARATOR + r"(?:present|now|今|至今)",
    re.I,
)  # fmt: skip
_GRADUATION = re.compile(
    r"毕业(?:时间|年份)?\s*[:：]?\s*" + _YEAR
    + r"|" + _YEAR + r"\s*年?\s*(?:\d{1,2}\s*月)?\s*(?:应届)?毕业"
    + r"|(?:graduat\w*(?:\s+date)?|expected)\s*[:：]?\s*(?:in\s+)?(?:[a-z]+\.?\s+)?" + _YEAR
    + r"|class of\s+" + _YEAR,
    re.I,
)  # fmt: skip
_ENDS = r"(?:\s*[,;|(/\n—–]|\s+(?:at|from|with|GPA|Class)\b|\s{2}|$)"
_MAJOR_PATTERNS = (
    re.compile(r"专业\s*(?:[:：]\s*|\s+)([\u4e00-\u9fffA-Za-z（）()]{2,20})"),
    re.compile(r"([\u4e00-\u9fff（）()]{2,15}?)专业(?!技能|课程|排名|知识|能力|证书)"),
    re.compile(r"major(?:\s+in)?\s*[:：]\s*([A-Za-z][A-Za-z &\-]{2,60}?)" + _ENDS, re.I),
    re.compile(
        r"(?:associate|bachelor|master|doctor)(?:'s)?(?:\s+of\s+[A-Za-z]+)?(?:\s+degree)?\s+in\s+"
        r"([A-Za-z][A-Za-z &\-]{2,60}?)" + _ENDS,
        re.I,
    ),
    re.compile(
        r"\b(?:B\.?\s?S\.?c?|B\.?\s?A\.?|B\.?\s?Eng\.?|BBA|BFA|B\.?Ed|M\.?\s?S\.?c?|M\.?\s?A\.?|M\.?\s?Eng\.?|MBA|MFA|"
        r"M\.?Ed|Ph\.?\s?D\.?)\s+in\s+([A-Za-z][A-Za-z &\-]{2,60}?)" + _ENDS
    ),
    re.compile(
        r"(?:associate|bachelor|master|doctor)(?:'s)?\s+of\s+[A-Za-z ]+?,\s*([A-Za-z][A-Za-z &\-]{2,60}?)\s*(?:,|$)",
        re.I | re.M,
    ),
)
_PARENTHESES = re.compile(r"[（(][^）)]*[）)]")
_NOT_MAJOR = re.compile(
    r"大学|学院|学校|本科|硕士|博士|专科|大专|学士|研究生|学历|教育|经历|全日制|统招|GPA|绩点|排名|所学|主修|毕业|院校|学位|时间|\d"
)


@dataclass
class ResumeFields:
    """What a resume says, as far as it can be read."""

    major: str | None = None
    degree: Degree | None = None
    graduation_year: int | None = None
    skills: list[str] = field(default_factory=list)


def _education_lines(lines: list[str]) -> list[str]:
    chosen = []
    for i, line in enumerate(lines):
        named = _SCHOOL.search(line) or _EDUCATION.search(line) or _degree_of(line)
        after_school = i > 0 and _SCHOOL.search(lines[i - 1]) and _RANGE.search(line)  # dates on the next line
        if named or after_school:
            chosen.append(line)
    return chosen


def _degree_of(text: str) -> Degree | None:
    for degree, pattern in _DEGREE_WORDS:
        if re.search(pattern, text, re.I):
            return degree
    return None


def _graduation_year(lines: list[str], education: list[str], this_year: int) -> int | None:
    def plausible(year: int) -> bool:
        return 1950 <= year <= this_year + 6

    text = "\n".join(lines)
    explicit = [int(y) for match in _GRADUATION.finditer(text) for y in match.groups() if y and plausible(int(y))]
    if explicit:
        return max(explicit)
    ends = []
    for line in education:
        if _degree_of(line) and not _RANGE.search(line):  # "B.S. in Accountancy, May 2025"
            ends.extend(int(year) for year in re.findall(r"(?<!\d)" + _YEAR + r"(?!\d)", line))
        for match in _RANGE.finditer(line):
            end = match.group(2)
            if end:
                ends.append(int(end))
            elif match.group(3):
                ends.append(this_year)  # "to present": still studying, graduating this year at the earliest
    ends = [year for year in ends if plausible(year)]
    return max(ends) if ends else None


def _clean_major(value: str) -> str | None:
    value = _PARENTHESES.sub("", value).strip(" \t:：,，;；|｜()（）-")
    if len(value) < 2 or _NOT_MAJOR.search(value) or _degree_of(value):
        return None
    return value


def _major_in(source: str) -> str | None:
    for pattern in _MAJOR_PATTERNS:
        for match in pattern.finditer(source):
            major = _clean_major(match.group(1))
            if major:
                return major
    return None


def _major_column(line: str) -> str | None:
    """The major as a column of an education line: "华南理工大学 | 会计学 | 本科 | 2022.09-2026.06"."""
    if not (_SCHOOL.search(line) and _degree_of(line)):
        return None
    for part in re.split(r"[|｜/·•\t]|\s{2,}|\s+(?=[\u4e00-\u9fff])|(?<=[）)])", line):
        if _SCHOOL.search(part) or _RANGE.search(part) or re.search(r"\d", part):
            continue
        major = _clean_major(part)
        if major and re.fullmatch(r"[\u4e00-\u9fff（）()]{2,15}", major):
            return major
    return None


def _major(text: str, education: list[str]) -> str | None:
    ranked = sorted(education, key=lambda line: -(_degree_of(line).rank if _degree_of(line) else -1))
    for line in ranked:  # the line of the highest degree first
        major = _major_in(line) or _major_column(line)
        if major:
            return major
    return _major_in(text)


def _skills(text: str, vocabulary: list[str]) -> list[str]:
    folded = normalise_term(text)
    found, seen = [], set()
    for skill in vocabulary:
        term = normalise_term(skill)
        if term and term not in seen and mentions(folded, term):
            seen.add(term)
            found.append(skill)
    # A longer name found makes a shorter one inside it redundant ("Spring Boot" over "Boot", "CAD" in "AutoCAD").
    return [s for s in found if not any(s != o and normalise_term(s) in normalise_term(o) for o in found)][
        :MAX_PROPOSED_SKILLS
    ]


def read_fields(text: str, vocabulary: list[str], this_year: int) -> ResumeFields:
    """The fields a resume's text names (pure: the vocabulary of skills to look for is given)."""
    lines = [re.sub(r"[ \u3000]{2,}|\t+", "  ", line.strip()) for line in (text or "").splitlines() if line.strip()]
    education = _education_lines(lines)
    degrees = [degree for line in education if (degree := _degree_of(line)) is not None]
    return ResumeFields(
        major=_major("\n".join(lines), education),
        degree=max(degrees, key=lambda degree: degree.rank) if degrees else None,
        graduation_year=_graduation_year(lines, education, this_year),
        skills=_skills("\n".join(lines), vocabulary),
    )


def skill_vocabulary(session) -> list[str]:
    """The skills resumes are read for: those the published vacancies ask for most, and the common ones."""
    counts: Counter = Counter()
    for skills in session.scalars(
        select(Vacancy.skills)
        .where(Vacancy.status == VacancyStatus.PUBLISHED)
        .order_by(Vacancy.id.desc())
        .limit(50_000)
    ):
        counts.update(skill for skill in skills or [] if isinstance(skill, str) and skill.strip())
    asked = [skill for skill, _ in counts.most_common(VOCABULARY_LIMIT)]
    # Longest first, so that "Spring Boot" is found before "Spring".
    return sorted(dict.fromkeys([*asked, *COMMON_SKILLS]), key=len, reverse=True)


def proposals(session, profile: GraduateProfile, this_year: int) -> dict:
    """What the resume would change in the profile, field by field: {"major": …, "degree": …,
    "graduation_year": …, "skills": [skills not yet listed]}; a field the resume does not name, or names as the
    profile already says, is left out."""
    if not profile.resume_text:
        return {}
    read = read_fields(profile.resume_text, skill_vocabulary(session), this_year)
    found = {}
    if read.major and normalise_term(read.major) != normalise_term(profile.major or ""):
        found["major"] = read.major
    if read.degree and read.degree != profile.degree:
        found["degree"] = read.degree
    if read.graduation_year and read.graduation_year != profile.graduation_year:
        found["graduation_year"] = read.graduation_year
    listed = {normalise_term(skill) for skill in profile.skills or []}
    new_skills = [skill for skill in read.skills if normalise_term(skill) not in listed]
    if new_skills:
        found["skills"] = new_skills
    return found
