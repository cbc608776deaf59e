from hypothesis import given
from hypothesis import strategies as st

from recruit.reference import uscc

VALID = "91350100M000100Y43"  # the example of GB 32100-2015


def test_the_standards_example_is_valid():
    assert uscc.is_valid(VALID)
    assert uscc.check_character(VALID[:17]) == "3"


def test_lower_case_and_spaces_are_normalised():
    assert uscc.is_valid(" 91350100m000100y43 ")


@given(position=st.integers(0, 16), replacement=st.sampled_from(uscc.CHARSET))
def test_changing_any_one_character_breaks_the_code(position, replacement):
    if VALID[position] == replacement:
        replacement = uscc.CHARSET[(uscc.CHARSET.index(replacement) + 1) % 31]
    changed = VALID[:position] + replacement + VALID[position + 1 :]
    assert not uscc.is_valid(changed)


def test_wrong_check_character_says_so():
    message = str(uscc.problem(VALID[:17] + "4"))
    assert "check character" in message


def test_wrong_length_says_how_many_characters():
    assert "17" in str(uscc.problem(VALID[:17]))
    assert "19" in str(uscc.problem(VALID + "1"))


def test_letters_outside_the_set_are_named():
    code = "91350100M000100O43"  # O is not in the set
    assert "O" in str(uscc.problem(code))


def test_division_code_must_be_digits():
    body = "9135A100M000100Y4"
    assert "administrative division" in str(uscc.problem(body + uscc.check_character(body)))


@given(st.text(alphabet=uscc.CHARSET, min_size=17, max_size=17).filter(lambda s: s[2:8].isdigit()))
def test_every_body_with_its_check_character_is_valid(body):
    assert uscc.is_valid(body + uscc.check_character(body))
