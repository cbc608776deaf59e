"""English and Simplified Chinese: the switch in the layout, the browser's preference, complete catalogues."""

import subprocess
import sys

from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from recruit import PROJECT_ROOT

CATALOG = PROJECT_ROOT / "recruit" / "translations" / "zh" / "LC_MESSAGES"


def test_the_browser_language_is_used(client):
    page = client.get("/auth/login", headers={"Accept-Language": "zh-CN,zh;q=0.9"}).get_data(as_text=True)
    assert "登录" in page
    page = client.get("/auth/login", headers={"Accept-Language": "en-US"}).get_data(as_text=True)
    assert "Log in" in page and "登录" not in page


def test_the_language_switch_sticks_and_returns_to_the_page(client):
    response = client.post("/language/zh", data={"next": "/privacy"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/privacy")
    page = client.get("/privacy", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "隐私声明" in page
    client.post("/language/en", data={"next": "/"})
    assert "Privacy notice" in client.get("/privacy").get_data(as_text=True)


def test_a_logged_in_users_choice_is_saved_on_the_account(client, db, make, login):
    user = make.user()
    login(user)
    client.post("/language/zh", data={"next": "/"})
    db.session.refresh(user)
    assert user.locale == "zh"


def test_errors_next_to_fields_are_translated(client):
    client.post("/language/zh", data={"next": "/"})
    page = client.post(
        "/auth/register",
        data={
            "role": "graduate",
            "display_name": "王芳",
            "email": "bad",
            "password": "short",
            "confirm": "short",
            "consent": "y",
        },
    )
    text = page.get_data(as_text=True)
    assert "请输入有效的电子邮件地址。" in text


def test_every_message_in_the_code_has_a_chinese_translation(tmp_path):
    pot = tmp_path / "messages.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "-F",
            "babel.cfg",
            "-k",
            "_l",
            "-k",
            "N_",
            "-k",
            "lazy_ngettext:1,2",
            "-o",
            str(pot),
            ".",
        ],
        cwd=PROJECT_ROOT,
        check=True,
        capture_output=True,
    )
    with pot.open("rb") as f:
        extracted = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(f) if m.id}
    with (CATALOG / "messages.po").open("rb") as f:
        catalog = read_po(f)
    translated = {
        (m.id if isinstance(m.id, str) else m.id[0])
        for m in catalog
        if m.id and m.string and all(m.string if isinstance(m.string, tuple) else [m.string]) and not m.fuzzy
    }
    assert len(extracted) > 150  # the extraction really read the code and the templates
    assert "The two passwords differ." in extracted and "Find jobs" in extracted
    missing = sorted(extracted - translated)
    assert missing == [], f"untranslated: {missing[:10]}"


def _key(value):
    return tuple(value) if isinstance(value, list | tuple) else value


def test_the_compiled_catalogue_matches_its_source():
    with (CATALOG / "messages.po").open("rb") as f:
        source = {_key(m.id): _key(m.string) for m in read_po(f) if m.id and not m.fuzzy}
    with (CATALOG / "messages.mo").open("rb") as f:
        compiled = {_key(m.id): _key(m.string) for m in read_mo(f) if m.id}
    assert compiled == source
