"""Deterministic generators of realistic rows (plain dicts) for each table."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from recruit import clock
from recruit.reference import sme_size, uscc
from recruit.reference.education import DEGREE_NAMES, Degree
from recruit.reference.regions import PROVINCE_BY_CODE, PROVINCES
from recruit.seeding import vocab
from recruit.services.people.consents import PRIVACY_NOTICE_VERSION

# Where graduates and companies are: weights roughly follow where SMEs and universities cluster.
PROVINCE_WEIGHTS = {
    "44": 12,
    "32": 10,
    "33": 9,
    "37": 7,
    "11": 6,
    "31": 6,
    "42": 5,
    "51": 5,
    "41": 5,
    "35": 4,
    "43": 4,
    "34": 4,
    "13": 3,
    "61": 3,
    "50": 3,
    "21": 3,
    "36": 2,
    "45": 2,
}
DEGREE_WEIGHTS = {Degree.ASSOCIATE: 45, Degree.BACHELOR: 45, Degree.MASTER: 9, Degree.DOCTOR: 1}
DEGREE_SALARY = {Degree.ASSOCIATE: 4500, Degree.BACHELOR: 6000, Degree.MASTER: 8500, Degree.DOCTOR: 12000}
TIER1_CITIES = {"北京", "上海", "深圳", "广州", "杭州"}
COMPANY_STATUS_WEIGHTS = {"verified": 85, "pending": 8, "rejected": 4, "suspended": 3}
VACANCY_STATUS_WEIGHTS = {"published": 80, "draft": 5, "closed": 10, "filled": 5}
# How far applications get: the pipeline thins out at each step.
PIPELINE = ("submitted", "viewed", "shortlisted", "interview", "offered", "hired")
PIPELINE_STOP_WEIGHTS = {
    "submitted": 30,
    "viewed": 25,
    "shortlisted": 12,
    "interview": 8,
    "offered": 4,
    "hired": 5,
    "rejected": 12,
    "withdrawn": 3,
    "declined": 1,
}
SIZE_FIGURES = {  # (employees range, revenue range in 10,000 yuan) that fall in each class for most rules
    "micro": ((3, 9), (20, 45)),
    "small": ((20, 90), (320, 900)),
    "medium": ((110, 280), (2100, 9000)),
}
FAMILIES_BY_SECTION: dict[str, list[str]] = {}
for _family, (_section, _skills, _titles) in vocab.OCCUPATIONS.items():
    FAMILIES_BY_SECTION.setdefault(_section, []).append(_family)
DIVISION_FOR_SECTION = {"F": "F52", "G": "G59", "H": "H62", "I": "I65", "K": "K7020"}


def weighted(rng: random.Random, weights: dict):
    """Pick a key of `weights` with probability proportional to its value."""
    return rng.choices(list(weights), weights=list(weights.values()))[0]


# The campaign is for SMEs and graduates of the mainland: not Hong Kong, Macao or Taiwan (GB/T 2260 71, 81, 82).
MAINLAND = tuple(p for p in PROVINCES if p.code not in ("71", "81", "82"))
FOREIGN_INVESTED_SHARE = 0.08  # of seeded SMEs; most of their vacancies are written in English
FOREIGN_INVESTED_MARK = "外商投资企业"


def province_choice(rng: random.Random) -> str:
    """Pick a mainland province code, weighted towards the provinces with the most SMEs and graduates."""
    weights = {p.code: PROVINCE_WEIGHTS.get(p.code, 1) for p in MAINLAND}
    return weighted(rng, weights)


def is_foreign_invested(company: dict) -> bool:
    """Whether a seeded company is a foreign-invested SME (its description says so)."""
    return FOREIGN_INVESTED_MARK in (company.get("description") or "")


def moment_on(day: date, rng: random.Random) -> datetime:
    """A working-hours moment on `day` (08:00–22:00 in the campaign's time zone), as aware UTC."""
    local = datetime.combine(day, time(8), tzinfo=clock.zone()) + timedelta(minutes=rng.randrange(14 * 60))
    return local.astimezone(UTC)


@dataclass
class SeedContext:
    """What generators share: the random source, the campaign window and the ids already chosen."""

    rng: random.Random
    campaign_start: date
    today: date
    now: datetime
    password_hash: str

    @property
    def elapsed_days(self) -> int:
        """Days of the campaign that have passed (at least 1)."""
        return max(1, (self.today - self.campaign_start).days + 1)

    def moment(self, day: date) -> datetime:
        """A working-hours moment on `day`, never later than now."""
        return min(moment_on(day, self.rng), self.now)

    def campaign_day(self, early_bias: float = 1.0) -> date:
        """A day between the campaign start and today; early_bias > 1 favours early days."""
        fraction = self.rng.random() ** early_bias
        return self.campaign_start + timedelta(days=int(fraction * (self.elapsed_days - 1) + 0.5))


def person_name(rng: random.Random) -> tuple[str, str]:
    """A Chinese full name and its pinyin handle."""
    surname, surname_py = rng.choice(vocab.SURNAMES)
    given = [rng.choice(vocab.GIVEN_CHARS) for _ in range(rng.choice((1, 2, 2)))]
    return surname + "".join(c for c, _ in given), surname_py + "." + "".join(p for _, p in given)


def graduate_rows(ctx: SeedContext, user_id: int, profile_id: int, universities: list[dict], serial: int):
    """One graduate's user row and profile row."""
    rng = ctx.rng
    name, handle = person_name(rng)
    university = rng.choice(universities)
    major_zh, major_en, discipline, families = rng.choice(vocab.MAJORS)
    degree = weighted(rng, DEGREE_WEIGHTS)
    family_skills = vocab.OCCUPATIONS[families[0]][1]
    skills = rng.sample(family_skills, k=min(len(family_skills), rng.randint(2, 5)))
    home = university["province_code"] if rng.random() < 0.7 else province_choice(rng)
    cities = rng.sample(PROVINCE_BY_CODE[home].cities, k=1)
    if rng.random() < 0.4:
        cities.append(rng.choice(sorted(TIER1_CITIES - set(cities))))
    base = DEGREE_SALARY[degree]
    salary_min = int(base * rng.uniform(0.8, 1.2) / 500) * 500
    registered = ctx.moment(ctx.campaign_day(early_bias=1.6))
    # Most come back after registering; a graduate's last log-in lies between registering and today.
    last_login = (
        ctx.moment(registered.date() + timedelta(days=rng.randint(0, (ctx.today - registered.date()).days)))
        if rng.random() < 0.8
        else None
    )
    is_complete = rng.random() < 0.8
    english = rng.random() < 0.25
    about = (
        f"{major_en} graduate of {university['name_en'] or university['name']}, skilled in {', '.join(skills)}; "
        f"looking for a role in {families[0].replace('_', ' ')}."
        if english
        else f"{university['name']}{major_zh}专业应届毕业生，熟悉{'、'.join(skills)}，"
        f"希望从事{vocab.OCCUPATIONS[families[0]][2][0][0]}相关工作。"
    )
    user = {
        "id": user_id,
        "email": f"{handle}{serial}@example.com",
        "password_hash": ctx.password_hash,
        "role": "graduate",
        "display_name": name,
        "locale": "en" if english else "zh",
        "is_enabled": True,
        "consent_notice_version": PRIVACY_NOTICE_VERSION,
        "consent_at": registered,
        "email_verified_at": registered,
        "email_opt_in": True,
        "digest_frequency": "daily",
        "last_login_at": max(last_login, registered) if last_login else None,
        "created_at": registered,
        "updated_at": registered,
    }
    profile = {
        "id": profile_id,
        "user_id": user_id,
        "full_name": name,
        "university_id": university["id"],
        "student_number": f"{rng.randint(2019, 2022)}{rng.randrange(10**6):06d}",
        "major": major_zh,
        "discipline": discipline,
        "degree": degree.value,
        "graduation_year": ctx.campaign_start.year if rng.random() < 0.9 else ctx.campaign_start.year - 1,
        "skills": skills if is_complete else skills[:1],
        "preferred_cities": cities,
        "preferred_industries": [vocab.OCCUPATIONS[families[0]][0]],
        "salary_min": salary_min,
        "salary_max": salary_min + rng.choice((1000, 2000, 3000)),
        "about": about if is_complete else "",
        "province_code": home,
        "is_visible_to_employers": is_complete and rng.random() < 0.85,
        "text_changed_at": registered,
        "created_at": registered,
        "updated_at": registered,
    }
    return user, profile


def make_uscc(rng: random.Random, province: str) -> str:
    """A well-formed unified social credit code of an enterprise registered in `province`."""
    division = f"{province}{rng.choice(('01', '02', '03', '05'))}{rng.randrange(100):02d}"
    organisation = "".join(rng.choice(uscc.CHARSET[:10] if i < 8 else uscc.CHARSET) for i in range(9))
    body = "91" + division + organisation
    return body + uscc.check_character(body)


def company_row(ctx: SeedContext, company_id: int, serial: int) -> dict:
    """One SME with a valid credit code and figures consistent with its size class."""
    rng = ctx.rng
    section = rng.choice(sorted(FAMILIES_BY_SECTION))
    division = DIVISION_FOR_SECTION.get(section)
    province = province_choice(rng)
    city = rng.choice(PROVINCE_BY_CODE[province].cities)
    size = rng.choices(("micro", "small", "medium"), weights=(35, 45, 20))[0]
    (emp_lo, emp_hi), (rev_lo, rev_hi) = SIZE_FIGURES[size]
    employees, revenue = rng.randint(emp_lo, emp_hi), rng.randint(rev_lo, rev_hi)
    assets = revenue * rng.randint(1, 3)
    outcome = sme_size.classify(section, division, employees, revenue, assets)
    size_class = outcome.value if outcome.value in ("micro", "small", "medium") else "small"
    status = weighted(rng, COMPANY_STATUS_WEIGHTS)
    registered = ctx.moment(ctx.campaign_day(early_bias=2.0))
    brand = rng.choice(vocab.COMPANY_BRANDS)
    foreign = rng.random() < FOREIGN_INVESTED_SHARE
    name = f"{city}{brand}{vocab.INDUSTRY_WORDS[section]}有限公司"
    if serial >= len(vocab.COMPANY_BRANDS):
        name = (
            f"{city}{brand}{vocab.INDUSTRY_WORDS[section]}{serial}号有限公司"
            if rng.random() < 0.05
            else f"{city}{brand}{rng.choice(vocab.COMPANY_BRANDS)}{vocab.INDUSTRY_WORDS[section]}有限公司"
        )
    return {
        "id": company_id,
        "name": name,
        "uscc": make_uscc(rng, province),
        "industry": section,
        "industry_division": division,
        "province_code": province,
        "city": city,
        "employees": employees,
        "annual_revenue": revenue,
        "total_assets": assets,
        "size_class": size_class,
        "is_specialised": rng.random() < 0.1,
        "description": f"{name}是一家位于{city}的{ {'micro': '微型', 'small': '小型', 'medium': '中型'}[size] }"
        f"{FOREIGN_INVESTED_MARK if foreign else '企业'}，主营{vocab.INDUSTRY_WORDS[section]}业务，"
        f"现有员工{employees}人。",
        "website": None,
        "contact_name": person_name(rng)[0],
        "contact_phone": f"1{rng.randint(30, 99)}{rng.randrange(10**8):08d}",
        "status": status,
        "status_reason": "营业执照信息与统一社会信用代码不一致" if status == "rejected" else None,
        "verified_at": registered + timedelta(days=1) if status in ("verified", "suspended") else None,
        "created_at": registered,
        "updated_at": registered,
    }


def vacancy_row(ctx: SeedContext, vacancy_id: int, company: dict, campaign_id: int) -> dict:
    """One vacancy of `company`, in Chinese (about 70%) or English."""
    rng = ctx.rng
    family = rng.choice(FAMILIES_BY_SECTION[company["industry"]])
    _, family_skills, titles = vocab.OCCUPATIONS[family]
    title_zh, title_en = rng.choice(titles)
    skills = rng.sample(family_skills, k=min(len(family_skills), rng.randint(2, 4)))
    min_degree = rng.choices([Degree.ASSOCIATE, Degree.BACHELOR, Degree.MASTER, None], weights=(35, 50, 5, 10))[0]
    base = DEGREE_SALARY[min_degree or Degree.ASSOCIATE] * (1.3 if company["city"] in TIER1_CITIES else 1.0)
    salary_min = int(base * rng.uniform(0.85, 1.25) / 500) * 500
    headcount = rng.choices((1, 2, 3, 5, 10), weights=(40, 30, 15, 10, 5))[0]
    majors = [m[0] for m in vocab.MAJORS if family in m[3]][:3]
    english = is_foreign_invested(company) and rng.random() < 0.7
    benefits = rng.sample(range(len(vocab.BENEFITS_ZH)), k=3)
    if english:
        title = title_en
        province_en = PROVINCE_BY_CODE[company["province_code"]].name_en
        description = (
            f"Our {province_en} team is hiring {headcount} {title_en}{'s' if headcount > 1 else ''}. "
            f"You will work with {', '.join(skills[:2])} on real projects from day one, with a mentor "
            f"for your first three months. We offer {', '.join(vocab.BENEFITS_EN[b] for b in benefits)}."
        )
        requirements = (
            f"{(min_degree or Degree.ASSOCIATE).value.title()} degree or above in "
            f"{', '.join(vocab.MAJOR_EN.get(m, m) for m in majors) or 'a related field'}; "
            f"familiar with {', '.join(skills)}; good written English and teamwork."
        )
    else:
        title = title_zh
        duties = [
            f"负责{title_zh.removesuffix('工程师').removesuffix('专员')}相关的日常工作，按时完成工作任务",
            f"使用{'、'.join(skills[:2])}开展工作，参与项目实施与持续改进",
            "与团队成员及相关部门沟通协作，整理工作文档",
            "完成上级交办的其他工作",
        ]
        description = (
            f"因业务发展需要，招聘{title_zh}{headcount}名，工作地点{company['city']}。岗位职责："
            + "；".join(f"{i}. {duty}" for i, duty in enumerate(duties, 1))
            + f"。公司提供{'、'.join(vocab.BENEFITS_ZH[b] for b in benefits)}，应届毕业生有导师带教。"
        )
        requirements = (
            f"{DEGREE_NAMES[min_degree or Degree.ASSOCIATE].zh}及以上学历，{'、'.join(majors) or '相关'}等专业；"
            f"熟悉{'、'.join(skills)}；责任心强，善于沟通，具备团队合作精神。"
        )
    status = weighted(rng, VACANCY_STATUS_WEIGHTS) if company["status"] == "verified" else "draft"
    posted_day = ctx.campaign_day(early_bias=1.3)
    posted = ctx.moment(posted_day)
    deadline = min(posted_day + timedelta(days=rng.randint(30, 70)), ctx.campaign_start + timedelta(days=99))
    return {
        "id": vacancy_id,
        "company_id": company["id"],
        "campaign_id": campaign_id,
        "title": title,
        "description": description,
        "requirements": requirements,
        "skills": skills,
        "province_code": company["province_code"],
        "city": company["city"],
        "min_degree": min_degree.value if min_degree else None,
        "preferred_majors": majors,
        "salary_min": salary_min,
        "salary_max": salary_min + rng.choice((1000, 2000, 3000, 5000)),
        "headcount": headcount,
        "hired_count": 0,
        "employment_type": "internship" if rng.random() < 0.12 else "full_time",
        "status": status,
        "deadline": deadline,
        "published_at": posted if status != "draft" else None,
        "closed_at": ctx.moment(min(ctx.today, posted_day + timedelta(days=20)))
        if status in ("closed", "filled")
        else None,
        "text_changed_at": posted,
        "created_at": posted,
        "updated_at": posted,
    }


def application_rows(
    ctx: SeedContext, application_id: int, event_id: int, vacancy: dict, graduate: dict, employer_user_id: int | None
):
    """One application and its status history, each step later than the one before."""
    rng = ctx.rng
    final = weighted(rng, PIPELINE_STOP_WEIGHTS)
    registered = graduate.get("registered_at")
    earliest = max(vacancy["created_at"], registered) if registered else vacancy["created_at"]
    submitted_day = max(earliest.astimezone(clock.zone()).date(), ctx.campaign_day(early_bias=0.9))
    # Never before the vacancy was posted or the graduate registered.
    moment = min(max(ctx.moment(min(submitted_day, ctx.today)), earliest + timedelta(minutes=5)), ctx.now)
    if final in PIPELINE:
        path = list(PIPELINE[: PIPELINE.index(final) + 1])
    elif final == "declined":
        path = [*PIPELINE[:5], "declined"]
    else:  # rejected or withdrawn from some open step
        path = [*PIPELINE[: rng.randint(1, 3)], final]
    events, previous = [], None
    for step in path:
        actor = graduate["user_id"] if step in ("submitted", "withdrawn", "declined", "hired") else employer_user_id
        events.append(
            {
                "id": event_id + len(events),
                "application_id": application_id,
                "from_status": previous,
                "to_status": step,
                "actor_id": actor,
                "note": "",
                "created_at": moment,
            }
        )
        previous = step
        moment = min(moment + timedelta(hours=rng.randint(4, 96)), ctx.now)
    application = {
        "id": application_id,
        "vacancy_id": vacancy["id"],
        "graduate_id": graduate["id"],
        "status": path[-1],
        "cover_letter": "",
        "created_at": events[0]["created_at"],
        "updated_at": events[-1]["created_at"],
    }
    return application, events


# What became of accepted offers: most agreements confirmed by all three, the rest still on their way.
AGREEMENT_STATUS_WEIGHTS = {"confirmed": 70, "awaiting_university": 15, "awaiting_graduate": 10, "draft": 5}
OFFERED_STEPS = ("offered", "hired", "declined")


def outcome_rows(ctx: SeedContext, application: dict, events: list[dict], vacancy: dict, graduate: dict):
    """The offer of an application that reached one (its terms), and the employment agreement of an accepted one:
    (offer or None, agreement or None), each dated after the step that made it."""
    offered = next((e for e in events if e["to_status"] == "offered"), None)
    if offered is None or application["status"] not in OFFERED_STEPS:
        return None, None
    rng = ctx.rng
    offered_on = offered["created_at"].astimezone(clock.zone()).date()
    answer_by = offered_on + timedelta(days=7)
    if application["status"] == "offered":  # still open: its answer is due after today
        answer_by = max(answer_by, ctx.today + timedelta(days=rng.randint(1, 7)))
    salary = vacancy["salary_min"] + rng.choice((0, 500, 1000))
    offer = {
        "application_id": application["id"],
        "position": vacancy["title"][:100],
        "monthly_salary": salary,
        "start_on": answer_by + timedelta(days=rng.randint(14, 45)),
        "answer_by": answer_by,
        "created_at": offered["created_at"],
        "expired_at": None,
    }
    if application["status"] != "hired":
        return offer, None
    accepted = events[-1]["created_at"]
    status = weighted(rng, AGREEMENT_STATUS_WEIGHTS)
    steps = [min(accepted + timedelta(days=day, hours=rng.randint(1, 20)), ctx.now) for day in (1, 2, 4)]
    reached = ("draft", "awaiting_graduate", "awaiting_university", "confirmed").index(status)
    agreement = {
        "application_id": application["id"],
        "university_id": graduate["university_id"],
        "status": status,
        "position": offer["position"] if reached else "",
        "start_on": offer["start_on"] if reached else None,
        "monthly_salary": salary if reached else None,
        "contract_months": rng.choice((12, 24, 36, 0)) if reached else None,
        "is_labour_contract": True,
        "has_social_insurance": True,
        "insurance_months": 0,
        "insurance_confirmed_at": None,
        "claims_absorption_subsidy": False,
        "submitted_at": steps[0] if reached >= 1 else None,
        "submitted_by_id": None,
        "graduate_confirmed_at": steps[1] if reached >= 2 else None,
        "confirmed_at": steps[2] if reached >= 3 else None,
        "confirmed_by_id": None,
        "returned_at": None,
        "returned_by_id": None,
        "return_reason": "",
        "created_at": accepted,
        "updated_at": steps[max(0, reached - 1)] if reached else accepted,
    }
    return offer, agreement
