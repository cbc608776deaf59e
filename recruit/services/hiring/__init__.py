"""Hiring: vacancies an SME posts, the applications graduates make and their pipeline, interviews, saved vacancies."""
