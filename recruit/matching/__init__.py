"""Matching graduates and vacancies: texts, the encoder (worker only), vector search and scoring."""
