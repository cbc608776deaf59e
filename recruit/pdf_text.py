"""Reading the text of an uploaded PDF in a child process bounded in time and memory.

A hostile PDF can hold a parser for a long time (hundreds of thousands of text operators) or inflate a small
stream into gigabytes. Parsing in the web process would stall every other request of it (the GIL) and could
exhaust its memory, so the text is extracted by `python -m recruit.pdf_text` with a CPU-time and address-space
limit and a wall-clock timeout; anything that goes wrong there is just "unreadable".
"""

from __future__ import annotations

import io
import json
import re
import signal
import subprocess
import sys
from dataclasses import dataclass

TIMEOUT_SECONDS = 6
CPU_SECONDS = 4
MEMORY_BYTES = 768 * 1024 * 1024
MAX_PAGES = 20


@dataclass(frozen=True)
class PdfText:
    """What reading a PDF gave: its text, or why there is none ("encrypted", "unreadable", "too slow")."""

    text: str = ""
    problem: str | None = None


def extract_text(data: bytes, max_chars: int) -> PdfText:
    """The PDF's text (at most `max_chars`), read in a bounded child process."""
    try:
        done = subprocess.run(
            [sys.executable, "-m", "recruit.pdf_text", str(max_chars)],
            input=data,
            capture_output=True,
            timeout=TIMEOUT_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return PdfText(problem="too slow")
    if done.returncode in (-signal.SIGXCPU, -signal.SIGKILL):  # its CPU time ran out
        return PdfText(problem="too slow")
    if done.returncode != 0:
        return PdfText(problem="unreadable")
    try:
        answer = json.loads(done.stdout)
    except ValueError:
        return PdfText(problem="unreadable")
    return PdfText(text=str(answer.get("text", ""))[:max_chars], problem=answer.get("problem"))


def _limit_resources() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))


def _read(data: bytes, max_chars: int) -> dict:
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            return {"problem": "encrypted"}
        parts, length = [], 0
        for page in reader.pages[:MAX_PAGES]:
            part = page.extract_text() or ""
            parts.append(part)
            length += len(part)
            if length > max_chars * 2:
                break
    except Exception:  # noqa: BLE001  (whatever the parser raises, the file is unreadable)
        return {"problem": "unreadable"}
    # Lines are kept (a resume is read line by line: recruit/services/people/resume_fields.py), blank ones dropped;
    # runs of spaces inside a line become one, or two where they separated columns.
    lines = (
        re.sub(r"[ \t\u3000]{2,}", "  ", " ".join(line.split(" "))).strip()
        for part in parts
        for line in part.splitlines()
    )
    return {"text": "\n".join(line for line in lines if line)[:max_chars]}


def main() -> None:
    """Child process: read a PDF on standard input, print {"text": …} or {"problem": …} as JSON."""
    _limit_resources()
    max_chars = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    sys.stdout.write(json.dumps(_read(sys.stdin.buffer.read(), max_chars)))


if __name__ == "__main__":
    main()
