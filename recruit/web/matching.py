"""What the web pages need to know about matching: which model's vectors to read (never the model itself)."""

from __future__ import annotations

from flask import current_app

from recruit.matching.encoder_settings import settings_from_config


def model_name() -> str:
    """The name of the configured embedding model, as stored with its vectors."""
    return settings_from_config(current_app.config).model_name
