"""Blueprints, one per audience: thin views that parse a form, call a service, commit and render."""
