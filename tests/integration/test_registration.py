import pytest
from sqlalchemy import func, select

from recruit.models import AuditEntry, GraduateProfile, Role, User
from recruit.services.people.consents import PRIVACY_NOTICE_VERSION

GOOD = {
    "role": "graduate",
    "display_name": "张晓明",
    "email": "Xiaoming.Zhang@Example.com",
    "password": "correct horse battery",
    "confirm": "correct horse battery",
    "consent": "y",
}


def count(db, model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_a_graduate_registers_with_consent_recorded(client, db):
    response = client.post("/auth/register", data=GOOD)
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/graduate/")
    user = db.session.scalar(select(User).where(User.email == "xiaoming.zhang@example.com"))
    assert user.role is Role.GRADUATE
    assert user.consent_notice_version == PRIVACY_NOTICE_VERSION
    assert user.consent_at is not None
    assert user.password_hash.startswith("scrypt:")
    assert db.session.scalar(select(GraduateProfile).where(GraduateProfile.user_id == user.id)) is not None
    assert db.session.scalar(select(AuditEntry).where(AuditEntry.action == "account.register")).actor_id == user.id
    # and is logged in
    assert "张晓明" in client.get("/graduate/").get_data(as_text=True)


def test_an_employer_registers(client, db):
    response = client.post("/auth/register", data={**GOOD, "role": "employer", "email": "hr@example.com"})
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/employer/")
    assert db.session.scalar(select(User.role).where(User.email == "hr@example.com")) is Role.EMPLOYER


def test_the_privacy_notice_is_shown_at_registration(client, db):
    page = client.get("/auth/register").get_data(as_text=True)
    assert f"Privacy notice (version {PRIVACY_NOTICE_VERSION})" in page
    assert "no gender, age, photo" in page


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"email": "not-an-email"}, "email", "Enter a valid e-mail address."),
        ({"password": "short1", "confirm": "short1"}, "password", "Use at least 8 characters."),
        ({"password": "password123", "confirm": "password123"}, "password", "most common"),
        ({"confirm": "something else"}, "confirm", "The two passwords differ."),
        ({"consent": None}, "consent", "You must accept the privacy notice to register."),
        ({"display_name": ""}, "display_name", "Enter your name."),
        ({"role": "operator"}, "role", "Not a valid choice"),
    ],
)
def test_bad_input_is_shown_next_to_its_field_and_nothing_is_written(client, db, changes, field, message):
    before = count(db, User)
    data = {k: v for k, v in {**GOOD, **changes}.items() if v is not None}
    response = client.post("/auth/register", data=data)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert message in page
    # the message sits in the field's feedback element
    feedback_start = page.index(f'id="{field}-feedback"')
    assert message in page[feedback_start : feedback_start + 300]
    # the other input is kept (passwords are never echoed back)
    if field != "display_name":
        assert 'value="张晓明"' in page
    if field != "email":
        assert 'value="Xiaoming.Zhang@Example.com"' in page
    assert count(db, User) == before


@pytest.mark.parametrize("taken_as", ["xiaoming.zhang@example.com", "XIAOMING.ZHANG@EXAMPLE.COM"])
def test_a_taken_email_in_any_letter_case_is_refused(client, db, make, taken_as):
    make.user(email=taken_as.lower())
    before = count(db, User)
    response = client.post("/auth/register", data=GOOD)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "An account with this e-mail address already exists." in page
    assert 'value="张晓明"' in page
    assert count(db, User) == before
    assert count(db, GraduateProfile) == before  # every user here is a graduate with one profile


def test_a_logged_in_user_is_sent_home_from_registration(client, login_as):
    login_as(Role.EMPLOYER)
    response = client.get("/auth/register")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/employer/")
