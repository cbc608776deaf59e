"""Test helpers: apps under test and their databases (apps), SMTP (smtp), PDFs (pdfs), matching (matching),
reading forms (forms)."""
