"""The career office's graduate list (filters, one graduate's page) and its downloads, always of its own university
only; each download written to the audit log, no cell a spreadsheet would run as a formula."""

import csv
import html
import io
import re
from datetime import timedelta

from openpyxl import load_workbook
from sqlalchemy import select

from recruit import clock
from recruit.models import ApplicationStatus as S
from recruit.models import AuditEntry, Degree, Role


def _names(page: str) -> set[str]:
    return set(
        html.unescape(name)
        for name in re.findall(r'data-testid="graduate-\d+">\s*<td>.*?</td>\s*<td><a [^>]*>([^<]*)</a>', page, re.S)
    )


def _campaign(make):
    university, elsewhere = make.university(), make.university()
    idle = make.graduate(university=university, full_name="李闲", major="会计学", degree=Degree.BACHELOR)
    waiting = make.graduate(university=university, full_name="王等", major="会计学", degree=Degree.BACHELOR)
    busy = make.graduate(university=university, full_name="张忙", major="软件工程", degree=Degree.MASTER)
    placed = make.graduate(university=university, full_name='=HYPERLINK("http://x")', major="软件工程")
    outsider = make.graduate(university=elsewhere, full_name="赵外", major="会计学", degree=Degree.BACHELOR)
    long_ago = clock.now() - timedelta(days=30)
    idle.user.created_at = long_ago
    idle.user.last_login_at = long_ago
    busy.user.last_login_at = clock.now() - timedelta(days=1)
    make.application(graduate=waiting, status=S.SUBMITTED, created_at=long_ago)
    make.application(graduate=busy, status=S.INTERVIEW)
    make.application(graduate=busy, status=S.REJECTED)
    make.placement(graduate=placed)
    make.application(graduate=outsider, status=S.SUBMITTED, created_at=long_ago)
    return university, dict(idle=idle, waiting=waiting, busy=busy, placed=placed, outsider=outsider)


def test_the_list_filters_by_major_degree_stage_and_activity_and_shows_only_its_own(client, db, make, login):
    university, g = _campaign(make)
    db.session.commit()
    login(make.user(Role.CAREER_OFFICE, university=university))

    everyone = client.get("/career/graduates").get_data(as_text=True)
    assert _names(everyone) == {"李闲", "王等", "张忙", '=HYPERLINK("http://x")'}
    assert "4 graduates" in everyone
    assert _names(client.get("/career/graduates?major=会计学").get_data(as_text=True)) == {"李闲", "王等"}
    assert _names(client.get("/career/graduates?degree=master").get_data(as_text=True)) == {"张忙"}
    assert _names(client.get("/career/graduates?stage=interviewing").get_data(as_text=True)) == {"张忙"}
    assert _names(client.get("/career/graduates?stage=none").get_data(as_text=True)) == {"李闲"}
    assert _names(client.get("/career/graduates?inactive_days=7").get_data(as_text=True)) == {
        "李闲",
        "王等",
        '=HYPERLINK("http://x")',
    }  # never logged in counts as inactive
    waiting = client.get("/career/graduates?waiting=no_answer&waiting_days=14").get_data(as_text=True)
    assert _names(waiting) == {"王等"}
    not_applied = client.get("/career/graduates?waiting=not_applied&waiting_days=14").get_data(as_text=True)
    assert _names(not_applied) == {"李闲"}

    huge = client.get("/career/graduates?inactive_days=99999999999999999999&major=会计学")
    page = huge.get_data(as_text=True)
    assert huge.status_code == 422 and "Enter a number of days from 0 to 3650." in page
    assert _names(page) == {"李闲", "王等"}  # the other filter still applies


def test_a_graduates_page_shows_their_applications_and_their_profile_only_if_visible(client, db, make, login):
    university, g = _campaign(make)
    g["busy"].about = "喜欢写代码"
    g["busy"].is_visible_to_employers = False
    g["placed"].about = "已签约"
    g["placed"].is_visible_to_employers = True
    db.session.commit()
    login(make.user(Role.CAREER_OFFICE, university=university))

    hidden = client.get(f"/career/graduates/{g['busy'].id}").get_data(as_text=True)
    assert 'data-testid="profile-hidden"' in hidden and "喜欢写代码" not in hidden
    assert hidden.count("<tr><td>") == 2  # both applications
    shown = client.get(f"/career/graduates/{g['placed'].id}").get_data(as_text=True)
    assert "已签约" in shown and 'data-testid="profile-details"' in shown
    assert client.get(f"/career/graduates/{g['outsider'].id}").status_code == 404


def test_exports_hold_only_its_graduates_neutralise_formulas_and_are_audited(client, db, make, login):
    university, g = _campaign(make)
    db.session.commit()
    office = make.user(Role.CAREER_OFFICE, university=university)
    login(office)

    response = client.post("/career/exports", data={"table": "graduates", "fmt": "csv"})
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    text = response.get_data().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:3] == ["Student number", "Full name", "Major"]
    names = {row[1] for row in rows[1:]}
    assert names == {"李闲", "王等", "张忙", '\'=HYPERLINK("http://x")'}
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)

    filtered = client.post("/career/exports?major=会计学", data={"table": "graduates", "fmt": "xlsx"})
    sheet = load_workbook(io.BytesIO(filtered.get_data())).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert {row[1] for row in values[1:]} == {"李闲", "王等"}

    for table in ("by-major", "by-degree"):
        book = load_workbook(io.BytesIO(client.post("/career/exports", data={"table": table, "fmt": "xlsx"}).data))
        cells = [[c.value for c in row] for row in book.active.iter_rows()]
        assert cells[0][1] == "registered" and sum(row[1] for row in cells[1:]) == 4
        assert all(not str(c).startswith(("=", "+", "-", "@")) for row in cells for c in row if c is not None)

    entries = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "export")).all()
    assert [(e.actor_id, e.detail["table"], e.detail["format"]) for e in entries] == [
        (office.id, "graduates", "csv"),
        (office.id, "graduates", "xlsx"),
        (office.id, "by-major", "xlsx"),
        (office.id, "by-degree", "xlsx"),
    ]
    assert entries[0].detail["rows"] == 4
    assert client.post("/career/exports", data={"table": "users", "fmt": "csv"}).status_code == 400
    assert client.post("/career/exports", data={"table": "graduates", "fmt": "exe"}).status_code == 400
