"""The web process never imports the embedding stack."""

import json
import subprocess
import sys

from recruit import PROJECT_ROOT

SCRIPT = """
import json, pathlib, sys, tempfile
from recruit import create_app
from tests.support import app_config
from flask_migrate import upgrade
tmp = pathlib.Path(tempfile.mkdtemp())
app = create_app(app_config(f"sqlite:///{tmp / 'web.db'}", tmp))
with app.app_context():
    upgrade()
client = app.test_client()
statuses = [client.get(url).status_code for url in ("/", "/auth/login", "/auth/register", "/privacy", "/api/health")]
heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("torch", "sentence_transformers", "transformers"))
print(json.dumps({"statuses": statuses, "heavy": heavy}))
"""


def test_no_torch_or_sentence_transformers_after_create_app_and_requests():
    result = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, cwd=PROJECT_ROOT,
                            check=True)
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["statuses"] == [200, 200, 200, 200, 200]
    assert report["heavy"] == []
