"""The career office's dashboard on a known campaign: every figure of the daily chart's table, where placed graduates
went and who hired them, as the database holds them; the same figures in the downloads."""

import io
import json
import re
from datetime import datetime, time, timedelta

from openpyxl import load_workbook

from recruit import clock
from recruit.models import ApplicationEvent, Role, SizeClass
from recruit.models import ApplicationStatus as S


def _at(day, hour=10):
    return datetime.combine(day, time(hour), tzinfo=clock.zone())


def _rows(page: str, testid: str) -> list[list[str]]:
    table = page.split(f'data-testid="{testid}"')[1].split("</table>")[0]
    body = table.split("<tbody>")[1]
    return [re.findall(r"<t[hd][^>]*>([^<]*)</t[hd]>", row) for row in body.split("</tr>") if "<t" in row]


def test_the_dashboard_shows_the_campaign_day_by_day_and_where_graduates_went(client, db, make, login):
    today = clock.today()
    campaign = make.campaign(starts_on=today - timedelta(days=4))
    day = [campaign.starts_on + timedelta(days=i) for i in range(5)]
    university = make.university()
    software = make.company(name="深圳软件有限公司", industry="I", province_code="44", size_class=SizeClass.SMALL)
    factory = make.company(name="苏州制造有限公司", industry="C", province_code="32", size_class=SizeClass.MEDIUM)
    early = make.graduate(university=university)
    early.user.created_at = _at(day[0] - timedelta(days=3))  # registered before the campaign began
    second = make.graduate(university=university)
    second.user.created_at = _at(day[1])
    third = make.graduate(university=university)
    third.user.created_at = _at(day[3])
    idle = make.graduate(university=university)
    idle.user.created_at = _at(day[3])
    outsider = make.graduate()
    outsider.user.created_at = _at(day[1])

    def placed(graduate, company, on):
        application = make.application(
            graduate=graduate, vacancy=make.vacancy(company=company), status=S.HIRED, created_at=_at(on, 9)
        )
        db.session.add(
            ApplicationEvent(
                application_id=application.id, from_status=S.OFFERED, to_status=S.HIRED, created_at=_at(on, 15)
            )
        )

    placed(early, software, day[2])
    placed(second, software, day[4])
    make.application(graduate=third, status=S.SUBMITTED, created_at=_at(day[3]))
    make.application(graduate=early, status=S.REJECTED, created_at=_at(day[1]))  # early's first application
    placed(outsider, factory, day[2])
    db.session.commit()
    office = make.user(Role.CAREER_OFFICE, university=university)
    login(office)

    page = client.get("/career/").get_data(as_text=True)
    assert _rows(page, "daily") == [
        [day[0].isoformat(), "1", "0", "0"],
        [day[1].isoformat(), "2", "1", "0"],
        [day[2].isoformat(), "2", "1", "1"],
        [day[3].isoformat(), "4", "2", "1"],
        [day[4].isoformat(), "4", "3", "2"],
    ]
    spec = json.loads(
        re.search(r"data-testid=\"daily-chart\"[^>]*data-chart='([^']*)'", page).group(1).replace("&#34;", '"')
    )
    assert spec["categories"][0] == day[0].isoformat() and [s["data"] for s in spec["series"]][2] == [0, 0, 1, 1, 2]
    assert _rows(page, "destination-industry") == [["Information transmission, software and IT services", "2"]]
    assert _rows(page, "destination-province") == [["Guangdong", "2"]]
    assert _rows(page, "destination-size") == [["small", "2"]]
    assert _rows(page, "top-employers") == [["深圳软件有限公司", "2"]]
    assert "苏州制造有限公司" not in page

    daily = client.post("/career/exports", data={"table": "daily", "fmt": "xlsx"})
    cells = [[c.value for c in row] for row in load_workbook(io.BytesIO(daily.data)).active.iter_rows()]
    assert cells[1:] == [
        [d.isoformat(), r, a, p]
        for d, r, a, p in zip(day, [1, 2, 2, 4, 4], [0, 1, 1, 2, 3], [0, 0, 1, 1, 2], strict=True)
    ]
    employers = client.post("/career/exports", data={"table": "employers", "fmt": "csv"})
    assert employers.get_data().decode("utf-8-sig").splitlines()[1:] == ["深圳软件有限公司,2"]
