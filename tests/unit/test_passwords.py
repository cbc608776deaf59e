from recruit.services.people.passwords import common_passwords, hash_password, password_problem, verify_password


def test_the_list_holds_the_thousand_most_common_passwords():
    passwords = common_passwords()
    assert len(passwords) == 1000
    assert {"123456", "password", "qwerty"} <= passwords


def test_short_common_and_email_passwords_are_refused():
    assert "8" in str(password_problem("short1"))
    assert "common" in str(password_problem("password1"))
    assert "common" in str(password_problem("PASSWORD1"))
    assert "e-mail" in str(password_problem("me@example.com", "me@example.com"))


def test_a_good_password_passes():
    assert password_problem("correct horse battery") is None


def test_hashes_are_scrypt_and_verify():
    stored = hash_password("correct horse battery")
    assert stored.startswith("scrypt:")
    assert verify_password(stored, "correct horse battery")
    assert not verify_password(stored, "correct horse batteries")
