"""The texts the matcher embeds, and the pieces of scoring that are pure functions."""

from types import SimpleNamespace

from recruit.matching.lexical import lexical_terms
from recruit.matching.ranking import lexical_weight
from recruit.matching.scoring import major_fits, skills_overlap
from recruit.matching.text import profile_match_text, vacancy_match_text, views
from recruit.models.matching import EmbeddingOwner


def test_graduate_text_holds_what_they_offer_and_nothing_personal():
    profile = SimpleNamespace(
        major="会计学",
        degree="bachelor",
        skills=["Excel", "用友"],
        about="Careful with numbers.",
        resume_text="Intern at an audit firm.",
        full_name="李娜",
        gender="female",
        age=22,
        id_number="440101200301011234",
        household_registration="广州",
        photo="me.jpg",
    )
    text = profile_match_text(profile)
    combined = text.headline + " " + text.body
    for wanted in ("会计学", "本科", "Excel", "用友", "Careful with numbers.", "audit firm"):
        assert wanted in combined
    for private in ("李娜", "female", "22", "440101200301011234", "广州", "me.jpg"):
        assert private not in combined


def test_vacancy_text_holds_title_requirements_skills_description():
    vacancy = SimpleNamespace(
        title="Accountant",
        requirements="CPA preferred",
        skills=["Excel"],
        description="Keep the books of a small firm.",
        salary_min=5000,
        city="深圳",
    )
    text = vacancy_match_text(vacancy)
    assert text.headline == "Accountant"
    assert all(part in text.body for part in ("Accountant.", "CPA preferred.", "Skills: Excel.", "Keep the books"))
    assert "深圳" not in text.body and "5000" not in text.body


def test_a_changed_text_has_another_digest_and_a_long_vacancy_is_cut_into_titled_windows():
    vacancy = SimpleNamespace(title="Nurse", requirements="", skills=[], description="Care for patients. " * 60)
    text = vacancy_match_text(vacancy)
    windows = views(text, EmbeddingOwner.VACANCY)
    assert len(windows) > 1 and all(w.startswith("Nurse.") for w in windows)
    other = vacancy_match_text(SimpleNamespace(title="Nurse", requirements="", skills=[], description="Care."))
    assert other.digest != text.digest


def test_skills_match_whole_words_and_chinese_inside_text():
    matched, missing = skills_overlap(["SQL", "R", "财务分析"], ["sql"], "熟悉财务分析; Rust developer")
    assert matched == ["SQL", "财务分析"] and missing == ["R"]


def test_major_fit_reads_the_preferred_majors():
    assert major_fits("会计学", ["会计学", "财务管理"]) is True
    assert major_fits("软件工程", ["会计学"]) is False
    assert major_fits("软件工程", []) is None


def test_chinese_tokens_include_characters_pairs_and_words_english_is_stemmed():
    terms = lexical_terms("会计学 accounting accountants Python")
    assert {"会计", "计学", "会", "python"} <= set(terms)
    assert terms.count("account") == 2


def test_lexical_signal_counts_more_for_chinese_text():
    assert lexical_weight("会计学") > lexical_weight("Accounting and finance") > 0


def test_an_approximate_index_then_the_onnx_runtime_load_in_one_process():
    import subprocess
    import sys

    script = (
        "import numpy as np; from recruit.matching.index import VectorIndex; "
        "index = VectorIndex(4, approximate_from=1); index.upsert([1, 2], np.eye(4, dtype='float32')[:2]); "
        "import onnxruntime; print(index.search(np.eye(4, dtype='float32')[1], 1)[0][0])"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "2"
