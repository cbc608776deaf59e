"""A career office never sees another university's graduates: not on any of its pages, not in any download, not
through an address that names another university's graduate or nudge."""

import io

import pytest
from openpyxl import load_workbook

from recruit.models import ApplicationStatus, Role
from recruit.services.universities import nudges
from recruit.web.career.tables import TABLES

OUTSIDER = "外校独有姓名"
OUTSIDER_MAJOR = "外校独有专业"
OUTSIDER_EMPLOYER = "外校独有雇主有限公司"
SECRETS = (OUTSIDER, OUTSIDER_MAJOR, OUTSIDER_EMPLOYER)


@pytest.fixture
def two_universities(db, make):
    ours, theirs = make.university(), make.university()
    own = make.graduate(university=ours, full_name="本校同学", major="会计学")
    make.application(graduate=own, status=ApplicationStatus.SUBMITTED)
    outsider = make.graduate(university=theirs, full_name=OUTSIDER, major=OUTSIDER_MAJOR)
    employer = make.company(name=OUTSIDER_EMPLOYER)
    make.application(graduate=outsider, vacancy=make.vacancy(company=employer), status=ApplicationStatus.HIRED)
    their_office = make.user(Role.CAREER_OFFICE, university=theirs)
    their_nudge = nudges.create_nudge(db.session, their_office, theirs.id, [outsider.id], "只给外校")
    make.campaign()
    db.session.commit()
    return ours, outsider, their_nudge


def test_no_page_of_the_office_shows_another_universitys_graduates(client, db, make, login, two_universities):
    ours, outsider, their_nudge = two_universities
    login(make.user(Role.CAREER_OFFICE, university=ours))
    pages = [
        "/career/",
        "/career/graduates",
        f"/career/graduates?major={OUTSIDER_MAJOR}",
        "/career/graduates?stage=placed",
        "/career/nudges",
        "/career/roster",
        "/career/colleagues",
    ]
    for path in pages:
        response = client.get(path)
        assert response.status_code in (200, 422), path
        page = response.get_data(as_text=True).replace(path, "")  # the address typed, echoed back, is no leak
        assert not [s for s in SECRETS if s in page], path
    assert client.get(f"/career/graduates/{outsider.id}").status_code == 404
    assert client.get(f"/career/nudges/{their_nudge.id}").status_code == 404


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_no_download_of_the_office_holds_another_universitys_graduates(client, db, make, login, two_universities, fmt):
    ours, _outsider, _nudge = two_universities
    login(make.user(Role.CAREER_OFFICE, university=ours))
    for table in TABLES:
        response = client.post(f"/career/exports?major={OUTSIDER_MAJOR}", data={"table": table, "fmt": fmt})
        assert response.status_code == 200, table
        if fmt == "csv":
            text = response.get_data().decode("utf-8-sig")
        else:
            sheet = load_workbook(io.BytesIO(response.get_data())).active
            text = "\n".join(str(cell.value) for row in sheet.iter_rows() for cell in row)
        assert not [s for s in SECRETS if s in text], table
    unfiltered = client.post("/career/exports", data={"table": "graduates", "fmt": fmt})
    assert unfiltered.status_code == 200
