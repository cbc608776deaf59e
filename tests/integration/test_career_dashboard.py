"""The career office's dashboard on a known campaign: every figure of the daily chart's table, where placed graduates
went and who hired them, as the database holds them; the same figures in the downloads."""

import io
import json
import re
from datetime import datetime, time, timedelta

from openpyxl import load_workbook

from recruit import clock
from recruit.models import ApplicationStatus as S
from recruit.models import Role, SizeClass


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

    def placed(graduate, company, on):  # placed on the day the university confirmed the agreement
        make.placement(
            graduate=graduate, vacancy=make.vacancy(company=company), created_at=_at(on, 9), confirmed_at=_at(on, 15)
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


def _tables(page: str) -> dict[str, list[list[str]]]:
    names = ("daily", "by-degree", "by-major", "destination-industry", "destination-province", "top-employers")
    counts = re.findall(r'data-testid="([a-z]+-(?:count|rate))">([^<]*)<', page)
    return {"counts": counts, **{name: _rows(page, name) for name in names}}


def test_a_large_university_sees_the_figures_the_worker_last_counted(app, client, db, make, login, monkeypatch):
    from recruit.worker import tasks

    monkeypatch.setitem(app.config, "RECRUIT_CAREER_SNAPSHOT_FROM", 3)
    today = clock.today()
    make.campaign(starts_on=today - timedelta(days=2))
    large, small = make.university(), make.university()
    software = make.company(name="深圳软件有限公司", industry="I", province_code="44", size_class=SizeClass.SMALL)
    graduates = [make.graduate(university=large, major=major) for major in ("会计学", "会计学", "软件工程")]
    make.placement(graduate=graduates[0], vacancy=make.vacancy(company=software))
    make.application(graduate=graduates[1], status=S.INTERVIEW)
    make.graduate(university=small)
    db.session.commit()
    office = make.user(Role.CAREER_OFFICE, university=large)
    login(office)
    counted_live = client.get("/career/").get_data(as_text=True)
    assert 'data-testid="figures-as-of"' not in counted_live

    with app.app_context():
        assert tasks.refresh_university_figures() == 1  # only the university with three graduates
    from_snapshot = client.get("/career/").get_data(as_text=True)
    assert 'data-testid="figures-as-of"' in from_snapshot
    assert _tables(from_snapshot) == _tables(counted_live)
    assert ("placed-count", "1") in _tables(from_snapshot)["counts"]

    make.placement(graduate=graduates[2], vacancy=make.vacancy(company=software))
    db.session.commit()
    assert ("placed-count", "1") in _tables(client.get("/career/").get_data(as_text=True))["counts"]
    with app.app_context():
        tasks.refresh_university_figures()
    recounted = client.get("/career/").get_data(as_text=True)
    assert ("placed-count", "2") in _tables(recounted)["counts"]
    assert _rows(recounted, "top-employers") == [["深圳软件有限公司", "2"]]

    monkeypatch.setitem(app.config, "RECRUIT_CAREER_SNAPSHOT_FROM", 10)
    with app.app_context():
        assert tasks.refresh_university_figures() == 0  # no longer large: its snapshot goes, figures are live again
    make.application(graduate=graduates[1], status=S.OFFERED)
    db.session.commit()
    live_again = client.get("/career/").get_data(as_text=True)
    assert 'data-testid="figures-as-of"' not in live_again
    assert ("offered-count", "3") in _tables(live_again)["counts"]
