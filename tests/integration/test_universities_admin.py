"""The operator keeps the university list: adds an institution, renames one, closes one (no longer offered to new
graduates, its graduates kept) and opens it again; each row shows its figures; bad input is refused by the field."""

from sqlalchemy import func, select

from recruit.models import AuditEntry, Role, University

NEW = {
    "code": "4144099999",
    "name": "南海新大学",
    "name_en": "Nanhai New University",
    "province_code": "44",
    "city": "佛山",
    "level": "undergraduate",
}


def test_the_operator_adds_renames_closes_and_reopens_a_university(client, db, make, login_as):
    login_as(Role.OPERATOR)
    created = client.post("/admin/universities/new", data=NEW)
    assert created.status_code == 302
    university = db.session.scalar(select(University).where(University.code == NEW["code"]))
    assert (university.name, university.city, university.closed_on) == ("南海新大学", "佛山", None)

    renamed = client.post(f"/admin/universities/{university.id}", data={**NEW, "name": "南海理工大学"})
    assert renamed.status_code == 302
    db.session.refresh(university)
    assert university.name == "南海理工大学"

    client.post(f"/admin/universities/{university.id}/closed", data={"closed": "yes"})
    db.session.refresh(university)
    assert university.closed_on is not None
    listed = client.get("/admin/universities?q=4144099999").get_data(as_text=True)
    assert "南海理工大学" in listed and "Open again" in listed

    client.post(f"/admin/universities/{university.id}/closed", data={"closed": "no"})
    db.session.refresh(university)
    assert university.closed_on is None
    actions = db.session.scalars(
        select(AuditEntry.action).where(AuditEntry.target_type == "universities", AuditEntry.target_id == university.id)
    ).all()
    assert sorted(actions) == ["university.add", "university.close", "university.reopen", "university.update"]
    audit_page = client.get("/admin/audit").get_data(as_text=True)
    assert "closed a university" in audit_page and "南海理工大学" in audit_page


def test_bad_university_input_is_refused_next_to_the_field_and_nothing_is_written(client, db, make, login_as):
    login_as(Role.OPERATOR)
    taken = make.university()
    before = db.session.scalar(select(func.count()).select_from(University))
    cases = {
        "code": ({"code": "5144099999"}, "10 digits and begins with 4"),
        "code ": ({"code": taken.code}, "already has this code"),
        "name": ({"name": taken.name}, "already has this name"),
        "province": ({"province_code": ""}, "Choose a province"),
        "control": ({"name": "南海\x07大学"}, "control character"),
    }
    for _case, (change, message) in cases.items():
        response = client.post("/admin/universities/new", data={**NEW, **change})
        page = response.get_data(as_text=True)
        assert response.status_code == 422, _case
        assert message in page, _case
        assert "Nanhai New University" in page  # the rest of the input is kept
    assert db.session.scalar(select(func.count()).select_from(University)) == before


def test_a_closed_university_is_not_offered_to_new_graduates_but_kept_for_its_own(client, db, make, login):
    closing = make.university(name="即将合并学院")
    placed = make.graduate(university=closing)
    make.placement(graduate=placed)
    make.graduate(university=closing)
    operator = make.user(Role.OPERATOR)
    login(operator)
    row = client.get("/admin/universities?q=即将合并学院").get_data(as_text=True)
    assert "<td>2</td><td>1</td>" in row  # two registered, one placed
    client.post(f"/admin/universities/{closing.id}/closed", data={"closed": "yes"})
    client.post("/auth/logout")

    newcomer = make.graduate()
    own_university = newcomer.university_id
    login(newcomer.user)
    form = client.get("/graduate/profile").get_data(as_text=True)
    assert "即将合并学院" not in form
    chosen = client.post("/graduate/profile", data={"full_name": "新同学", "university_id": str(closing.id)})
    assert chosen.status_code == 422 and 'id="university_id-feedback"' in chosen.get_data(as_text=True)
    db.session.refresh(newcomer)
    assert newcomer.university_id == own_university != closing.id
    client.post("/auth/logout")

    login(placed.user)
    assert "即将合并学院" in client.get("/graduate/profile").get_data(as_text=True)
