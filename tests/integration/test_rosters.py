"""A career office imports its roster: every bad row named, good rows imported once, graduates linked or invited."""

import io
import re

from openpyxl import Workbook
from sqlalchemy import func, select

from recruit.models import AuditEntry, Degree, OutboxEmail, Role, RosterEntry
from recruit.services.universities import rosters

HEADER = "学号,姓名,邮箱,专业,学历,毕业年份\n"
MIXED = HEADER + (
    "2022001,张三,zhangsan@example.com,会计学,本科,2026\n"  # line 2: good
    "2022002,李四,not-an-address,会计学,本科,2026\n"  # line 3: bad e-mail
    "2022003,王五,wangwu@example.com,会计学,学前班,2026\n"  # line 4: unknown degree
    "2022001,赵六,zhaoliu@example.com,金融学,硕士,2026\n"  # line 5: duplicate student number
    "2022005,,empty@example.com,金融学,硕士,2026\n"  # line 6: empty name
    '2022006,"=HYPERLINK(""http://x"")",link@example.com,金融学,硕士,2026\n'  # line 7: a formula
    "2022007,钱七,qianqi@example.com,软件工程,大专,2025\n"  # line 8: good
)


def _upload(client, data: bytes, name: str = "roster.csv"):
    return client.post(
        "/career/roster/preview", data={"roster": (io.BytesIO(data), name)}, content_type="multipart/form-data"
    )


def _upload_id(page) -> str:
    return re.search(r'name="upload" type="hidden" value="([0-9a-f]{32})"', page.get_data(as_text=True)).group(1)


def _office(make, login):
    office = make.user(Role.CAREER_OFFICE)
    login(office)
    return office


def test_every_bad_row_is_named_and_only_the_good_rows_are_imported(client, db, make, login):
    office = _office(make, login)
    page = _upload(client, MIXED.encode())
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "2 rows can be imported, 5 cannot" in text
    problems = rosters.preview_roster(db.session, office.university_id, MIXED.encode()).problems
    assert [(p.line, p.field) for p in problems] == [
        (3, "email"),
        (4, "degree"),
        (5, "student_number"),
        (6, "full_name"),
        (7, "full_name"),
    ]
    assert "Also on line 2." in text and "a spreadsheet would run it as a formula" in text
    assert db.session.scalar(select(func.count()).select_from(RosterEntry)) == 0  # a preview writes nothing

    done = client.post("/career/roster/import", data={"upload": _upload_id(page)}, follow_redirects=True)
    assert "2 added, 0 updated, 0 linked to their accounts, 2 invited to register" in done.get_data(as_text=True)
    entries = db.session.scalars(select(RosterEntry).order_by(RosterEntry.student_number)).all()
    assert [(e.student_number, e.full_name, e.degree) for e in entries] == [
        ("2022001", "张三", Degree.BACHELOR),
        ("2022007", "钱七", Degree.ASSOCIATE),
    ]
    invited = set(db.session.scalars(select(OutboxEmail.to_address)))
    assert invited == {"zhangsan@example.com", "qianqi@example.com"}
    assert db.session.scalar(select(AuditEntry).where(AuditEntry.action == "roster.import")).actor_id == office.id


def test_importing_again_updates_and_never_duplicates_or_invites_twice(client, db, make, login):
    _office(make, login)
    first = _upload(client, (HEADER + "2022001,张三,zhangsan@example.com,会计学,本科,2026\n").encode())
    client.post("/career/roster/import", data={"upload": _upload_id(first)})
    second = _upload(client, (HEADER + "2022001,张三,zhangsan@example.com,财务管理,硕士,2027\n").encode())
    done = client.post("/career/roster/import", data={"upload": _upload_id(second)}, follow_redirects=True)
    assert "0 added, 1 updated" in done.get_data(as_text=True)
    entry = db.session.scalar(select(RosterEntry))
    assert (entry.major, entry.degree, entry.graduation_year) == ("财务管理", Degree.MASTER, 2027)
    assert db.session.scalar(select(func.count()).select_from(RosterEntry)) == 1
    assert db.session.scalar(select(func.count()).select_from(OutboxEmail)) == 1


def test_excel_and_chinese_windows_encodings_read_the_same(client, db, make, login):
    office = _office(make, login)
    good = HEADER + "2022001,张三,zhangsan@example.com,会计学,本科,2026\n"
    workbook = Workbook()
    sheet = workbook.active
    for row in [line.split(",") for line in good.strip().split("\n")]:
        sheet.append([int(cell) if cell.isdigit() else cell for cell in row])
    xlsx = io.BytesIO()
    workbook.save(xlsx)
    for data in (good.encode("gb18030"), good.encode("gbk"), good.encode("utf-8-sig"), good.encode(), xlsx.getvalue()):
        preview = rosters.preview_roster(db.session, office.university_id, data)
        assert [(r.student_number, r.full_name, r.major, r.graduation_year) for r in preview.rows] == [
            ("2022001", "张三", "会计学", 2026)
        ], data[:20]
        assert preview.problems == []


def test_unreadable_files_get_a_clear_error_not_a_crash(client, db, make, login):
    _office(make, login)
    for data, message in (
        (bytes(range(256)) * 8, "no encoding we can read"),
        (b"PK\x03\x04" + b"\x00" * 200, "This Excel file cannot be read"),
        (b"name,age\nx,1\n", "Missing: student_number"),
        (b"", "The file is empty."),
    ):
        page = _upload(client, data)
        assert page.status_code == 422, message
        assert message in page.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(RosterEntry)) == 0


def test_rostered_graduates_are_linked_at_import_and_at_registration(client, db, make, login):
    office = _office(make, login)
    already = make.graduate()
    already.user.email = "already@example.com"
    db.session.commit()
    csv = HEADER + "2022001,老生,already@example.com,会计学,本科,2026\n2022002,新生,new@example.com,会计学,本科,2026\n"
    page = _upload(client, csv.encode())
    client.post("/career/roster/import", data={"upload": _upload_id(page)})
    db.session.refresh(already)
    assert already.confirmed_by_university_at is not None and already.university_id == office.university_id

    client.post("/auth/logout")
    registered = client.post(
        "/auth/register",
        data={
            "role": "graduate",
            "display_name": "新生",
            "email": "NEW@example.com",
            "password": "correct horse battery",
            "confirm": "correct horse battery",
            "consent": "y",
        },
    )
    assert registered.status_code == 302
    entry = db.session.scalar(select(RosterEntry).where(RosterEntry.student_number == "2022002"))
    assert entry.graduate is not None and entry.graduate.user.email == "new@example.com"
    assert entry.graduate.confirmed_by_university_at is not None
    assert entry.graduate.student_number == "2022002"


def test_one_office_cannot_import_another_universitys_upload(client, db, make, login):
    _office(make, login)
    page = _upload(client, (HEADER + "2022001,张三,zhangsan@example.com,会计学,本科,2026\n").encode())
    upload_id = _upload_id(page)
    client.post("/auth/logout")
    _office(make, login)  # another university's office
    assert client.post("/career/roster/import", data={"upload": upload_id}).status_code == 404
    assert db.session.scalar(select(func.count()).select_from(RosterEntry)) == 0
