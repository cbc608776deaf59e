"""The operator's national dashboard on a known campaign: every figure as the database holds it, nationally and
narrowed to one province, read from the snapshot the worker computes."""

import io
import re
from datetime import datetime, time, timedelta

from openpyxl import load_workbook
from sqlalchemy import select

from recruit import clock
from recruit.models import ApplicationEvent, AuditEntry, Role, SizeClass
from recruit.models import ApplicationStatus as S
from recruit.services.campaign import national
from recruit.worker import tasks


def _rows(page: str, testid: str) -> list[list[str]]:
    table = page.split(f'data-testid="{testid}"')[1].split("</table>")[0]
    body = table.split("<tbody>")[1]
    rows = [re.findall(r"<t[hd][^>]*>(?:<a [^>]*>)?([^<]*)", row) for row in body.split("</tr>") if "<t" in row]
    return [[cell.strip() for cell in row] for row in rows]


def test_the_dashboard_shows_the_campaign_nationally_and_for_one_province(app, client, db, make, login):
    today = clock.today()
    campaign = make.campaign(starts_on=today - timedelta(days=2))
    first = datetime.combine(campaign.starts_on, time(9), tzinfo=clock.zone())
    guangdong, jiangsu = make.university(province_code="44"), make.university(province_code="32", name="苏州测试学院")
    software = make.company(industry="I", province_code="44", size_class=SizeClass.SMALL, name="广州软件公司")
    factory = make.company(industry="C", province_code="32", size_class=SizeClass.MEDIUM, name="苏州制造公司")
    idle = make.company(province_code="32", name="无人投递公司")
    make.vacancy(company=idle)

    def graduate(university, day):
        profile = make.graduate(university=university)
        profile.user.created_at = first + timedelta(days=day)
        return profile

    def moved(application, status, hours):
        db.session.add(
            ApplicationEvent(
                application_id=application.id,
                from_status=S.SUBMITTED,
                to_status=status,
                created_at=application.created_at + timedelta(hours=hours),
            )
        )

    placed, applied = graduate(guangdong, 0), graduate(guangdong, 1)
    interviewing = graduate(jiangsu, 1)
    graduate(jiangsu, 2)  # registered, never applied
    hire = make.application(
        graduate=placed, vacancy=make.vacancy(company=software), status=S.HIRED, created_at=first + timedelta(hours=1)
    )
    moved(hire, S.OFFERED, 2)
    moved(hire, S.HIRED, 29)
    make.agreement(hire, confirmed_at=hire.created_at + timedelta(hours=30))  # placed once the university confirms
    viewed = make.application(
        graduate=applied, vacancy=make.vacancy(company=software), status=S.VIEWED, created_at=first + timedelta(days=1)
    )
    moved(viewed, S.VIEWED, 5)
    talk = make.application(
        graduate=interviewing,
        vacancy=make.vacancy(company=factory),
        status=S.INTERVIEW,
        created_at=first + timedelta(days=1),
    )
    moved(talk, S.INTERVIEW, 10)
    db.session.commit()

    operator = make.user(Role.OPERATOR)
    login(operator)
    assert 'data-testid="figures-pending"' in client.get("/admin/").get_data(as_text=True)
    with app.app_context():
        assert tasks.refresh_national_figures() >= 3  # the country, Guangdong, Jiangsu

    page = client.get("/admin/").get_data(as_text=True)
    assert _rows(page, "funnel") == [
        ["registered", "4"],
        ["applied", "3"],
        ["interviewed", "2"],
        ["offered", "1"],
        ["placed", "1"],
    ]
    days = [(campaign.starts_on + timedelta(days=i)).isoformat() for i in range(3)]
    assert _rows(page, "daily") == [[days[0], "1", "1", "0"], [days[1], "3", "3", "1"], [days[2], "4", "3", "1"]]
    assert _rows(page, "placed-province") == [["Guangdong", "1"]]
    assert _rows(page, "placed-industry") == [["Information transmission, software and IT services", "1"]]
    assert _rows(page, "placed-size") == [["small", "1"]]
    assert _rows(page, "universities")[0] == [guangdong.name, "2", "1", "50%"]
    assert _rows(page, "idle-smes") == [["无人投递公司", "1"]]
    assert "5.0 hours (3 applications answered)" in page  # the middle of 2, 5 and 10 hours
    assert 'data-chart="' not in page and "data-chart='" in page

    jiangsu_page = client.get("/admin/?province=32").get_data(as_text=True)
    assert _rows(jiangsu_page, "funnel") == [
        ["registered", "2"],
        ["applied", "1"],
        ["interviewed", "1"],
        ["offered", "0"],
        ["placed", "0"],
    ]
    assert _rows(jiangsu_page, "universities") == [["苏州测试学院", "2", "0", "0%"]]
    assert _rows(jiangsu_page, "idle-smes") == [["无人投递公司", "1"]]
    assert "10.0 hours (1 applications answered)" in jiangsu_page
    assert client.get("/admin/?province=99").status_code == 400

    funnel = client.post("/admin/exports?province=32", data={"table": "funnel", "fmt": "csv"})
    assert funnel.get_data().decode("utf-8-sig").splitlines() == [
        "Stage,Graduates",
        "registered,2",
        "applied,1",
        "interviewed,1",
        "offered,0",
        "placed,0",
    ]
    book = load_workbook(io.BytesIO(client.post("/admin/exports", data={"table": "daily", "fmt": "xlsx"}).data))
    assert [[c.value for c in row] for row in book.active.iter_rows()][1:] == [
        [days[0], 1, 1, 0],
        [days[1], 3, 3, 1],
        [days[2], 4, 3, 1],
    ]
    for table in ("placed-province", "placed-industry", "placed-size", "universities", "idle-smes"):
        assert client.post("/admin/exports", data={"table": table, "fmt": "xlsx"}).status_code == 200
    exported = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "export")).all()
    assert len(exported) == 7 and all(e.actor_id == operator.id for e in exported)
    assert client.post("/admin/exports", data={"table": "users", "fmt": "csv"}).status_code == 400
    assert national.snapshot(db.session, "11") is None  # nothing in Beijing: no scope of its own
