"""Recording a document's stage versions on the driver cursor (`storing.record_stages`): the
JSON reads back as the dict written, an object of the document already loaded in the session
sees the new value, and a document that is not stored is a clear StoreError."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from sphere.errors import StoreError
from sphere.ids import content_hash
from sphere.pipeline import STAGE_VERSIONS
from sphere.store.db import open_engine
from sphere.store.documents import save_document
from sphere.store.models import DocumentRow
from sphere.storing import record_stages
from sphere.types import Document, Unit


def document(name: str) -> Document:
    text = f"Kazakhstan hosted a meeting ({name})."
    raw = text.encode()
    return Document(name, f"/x/{name}", content_hash(raw), "utf-8", "text", "plain", text,
                    units=(Unit(name, "body", "article", 0, len(text)),), raw=raw)


@pytest.mark.parametrize("stages", [dict(STAGE_VERSIONS), {"nlp": "1"}, {}])
def test_record_stages_reads_back_in_a_loaded_object_and_a_new_session(db_url, stages):
    engine = open_engine(db_url)
    save_document(engine, document("a.txt"))
    with Session(engine) as session, session.begin():
        loaded = session.get(DocumentRow, "a.txt")
        assert loaded.stages != stages or stages == {}
        record_stages(session, "a.txt", stages)
        assert loaded.stages == stages
    with Session(engine) as session:
        assert session.scalar(select(DocumentRow.stages).where(DocumentRow.id == "a.txt")) == stages


@pytest.mark.parametrize("doc_id", ["ghost.txt", ""])
def test_record_stages_of_a_missing_document_is_a_store_error(db_url, doc_id):
    engine = open_engine(db_url)
    save_document(engine, document("a.txt"))
    with Session(engine) as session, session.begin():
        with pytest.raises(StoreError, match="no such document"):
            record_stages(session, doc_id, {"nlp": "1"})
