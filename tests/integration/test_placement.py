"""The career office's placement figures: each graduate counted once, at every stage up to the furthest reached."""

import re
from datetime import timedelta

from recruit import clock
from recruit.models import ApplicationStatus as S
from recruit.models import Degree, Role
from recruit.services.universities import placement


def _stat(page: str, testid: str) -> int:
    return int(re.search(rf'data-testid="{testid}">(\d+)<', page).group(1))


def test_the_dashboard_counts_graduates_not_applications_and_only_its_own(client, db, make, login):
    university, elsewhere = make.university(), make.university()
    accounting = dict(university=university, major="会计学", degree=Degree.BACHELOR)
    applied = make.graduate(**accounting)
    interviewing = make.graduate(**accounting)
    placed = make.graduate(university=university, major="软件工程", degree=Degree.MASTER)
    idle = make.graduate(**accounting)
    outsider = make.graduate(university=elsewhere, major="会计学", degree=Degree.BACHELOR)
    for status in (S.SUBMITTED, S.REJECTED, S.WITHDRAWN):  # three applications, one graduate
        make.application(graduate=applied, status=status)
    make.application(graduate=interviewing, status=S.INTERVIEW)
    make.application(graduate=interviewing, status=S.SUBMITTED)
    make.placement(graduate=placed)
    make.placement(graduate=outsider)
    idle.user.last_login_at = clock.now() - timedelta(days=2)
    applied.user.last_login_at = clock.now() - timedelta(days=30)
    db.session.commit()

    figures = placement.placement_figures(db.session, university.id)
    overall = figures.overall
    assert (overall.registered, overall.active) == (4, 1)
    assert (overall.applied, overall.interviewing, overall.offered, overall.placed) == (3, 2, 1, 1)
    assert overall.rate("placed") == 0.25
    assert figures.by_major["会计学"].registered == 3 and figures.by_major["会计学"].placed == 0
    assert figures.by_major["软件工程"].placed == 1
    assert figures.by_degree[Degree.MASTER].placed == 1 and figures.by_degree[Degree.BACHELOR].applied == 2

    office = make.user(Role.CAREER_OFFICE, university=university)
    login(office)
    page = client.get("/career/").get_data(as_text=True)
    assert [_stat(page, t) for t in ("graduate-count", "active-count", "applied-count", "placed-count")] == [
        4,
        1,
        3,
        1,
    ]
    assert "25%" in page and "会计学" in page and "软件工程" in page
    assert outsider.full_name not in page
