"""The in-app inbox: an unread count in the navigation, mark read, links to what it is about."""

from recruit.models import ApplicationStatus


def test_unread_count_open_and_mark_all_read(client, db, make, login):
    from recruit.services.hiring import applications

    company = make.company()
    employer = make.employer(company=company)
    application = make.application(vacancy=make.vacancy(company=company, title="行政专员"))
    applications.transition(db.session, application, ApplicationStatus.VIEWED, employer)
    applications.transition(db.session, application, ApplicationStatus.SHORTLISTED, employer)
    db.session.commit()
    login(application.graduate.user)
    home = client.get("/graduate/").get_data(as_text=True)
    assert 'data-testid="unread-count"' in home and ">2</span>" in home
    inbox = client.get("/notifications/").get_data(as_text=True)
    assert "You are shortlisted for 行政专员." in inbox

    from sqlalchemy import select

    from recruit.models import Notification

    first = db.session.scalar(
        select(Notification).where(Notification.user_id == application.graduate.user_id).order_by(Notification.id)
    )
    opened = client.post(f"/notifications/{first.id}/open")
    assert opened.status_code == 302 and opened.headers["Location"].endswith(f"/graduate/applications/{application.id}")
    assert ">1</span>" in client.get("/graduate/").get_data(as_text=True)
    client.post("/notifications/read-all")
    assert 'data-testid="unread-count"' not in client.get("/graduate/").get_data(as_text=True)


def test_someone_elses_notification_cannot_be_opened(client, make, login):
    other = make.notification()
    login(make.user())
    assert client.post(f"/notifications/{other.id}/open").status_code == 404


def test_a_notification_reads_in_the_language_the_reader_uses_now(client, db, make, login):
    from recruit.services.hiring import applications

    company = make.company()
    employer = make.employer(company=company)
    application = make.application(vacancy=make.vacancy(company=company, title="行政专员"))
    application.graduate.user.locale = "zh"  # written while the graduate used Chinese
    db.session.commit()
    applications.transition(db.session, application, ApplicationStatus.VIEWED, employer)
    db.session.commit()
    login(application.graduate.user)
    client.post("/language/zh", data={"next": "/"})
    chinese = client.get("/notifications/").get_data(as_text=True)
    assert "行政专员" in chinese and "The employer has read" not in chinese
    client.post("/language/en", data={"next": "/"})
    english = client.get("/notifications/").get_data(as_text=True)
    assert "The employer has read your application for 行政专员." in english
