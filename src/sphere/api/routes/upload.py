"""`POST /api/documents`: upload documents to ingest and analyse. Off unless a token is set.

The server starts read-only; `sphere serve --token T` (or SPHERE_TOKEN) turns uploads on, and
each upload must then carry the token (`Authorization: Bearer T`). Files are written under
their base name (never a path from the client) to a scratch folder, ingested and analysed
like `sphere ingest`, each bad file reported without stopping the others.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from fastapi import APIRouter, Depends, File, HTTPException, Request, UploadFile
from fastapi.responses import JSONResponse

from ..deps import require_token

router = APIRouter(prefix="/api", tags=["upload"])
MAX_UPLOAD = 20 * 1024 * 1024  # bytes per file


def safe_name(name: str | None, n: int) -> str:
    base = Path((name or "").replace("\\", "/")).name
    base = re.sub(r"[^\w.\-]+", "_", base).lstrip(".")
    return base[:200] or f"upload-{n}.txt"


@router.post("/documents", summary="Upload documents to ingest and analyse (needs the server's token)",
             dependencies=[Depends(require_token)])  # fmt: skip
def api_upload(request: Request, files: list[UploadFile] = File(...)) -> JSONResponse:
    from ...ingest.run import ingest  # local: the read-only server never loads ingest or NLP
    from ...pipeline import analyse

    engine = request.app.state.engine
    failures: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="sphere-upload-") as tmp:
        paths = []
        for n, upload in enumerate(files):
            name = safe_name(upload.filename, n)
            data = upload.file.read(MAX_UPLOAD + 1)
            if len(data) > MAX_UPLOAD:
                failures.append({"file": name, "reason": f"larger than {MAX_UPLOAD} bytes"})
                continue
            path = Path(tmp) / name
            path.write_bytes(data)
            paths.append(str(path))
        if not paths:
            raise HTTPException(400, "no file to ingest: " + "; ".join(f["reason"] for f in failures))
        result = ingest(paths, engine, progress=False)
        failures += [{"file": Path(origin).name, "reason": reason} for origin, reason in result.failures]
        stored = list(result.doc_ids)
        events, problems = 0, []
        try:  # stored documents stay stored; a failed analysis is reported and can be re-run
            summary = analyse(engine, doc_ids=stored, progress=False) if stored else None
            if summary is not None:
                events, problems = summary.events, [{"document": d, "reason": r} for d, r in summary.failures]
        except Exception as exc:  # noqa: BLE001 - the upload answers, whatever the analysis did
            problems = [{"document": d, "reason": f"{type(exc).__name__}: {exc}"} for d in stored]
    return JSONResponse({"stored": stored, "failures": failures, "events": events, "analysis_failures": problems})
