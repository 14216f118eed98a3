"""Which version of each analysis stage a document was analysed by.

Documents record the stage versions that ran on them (`documents.stages`); `analyse` brings
every document whose record differs up to these.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

from .config import ner_everywhere

# Bump a stage's version when its code's output changes: documents analysed by an older
# version are analysed again by `analyse`. Editing the knowledge base or the event lexicon
# changes the version too (a digest of the data files), so a new alias reaches stored documents
# with no code change.
CODE_VERSIONS = {"provenance": "1", "nlp": "4", "events": "5"}
if ner_everywhere():  # the NER on every sentence finds a few names more: another analysis
    CODE_VERSIONS["nlp"] += "+ner"
STAGE_DATA = {
    "nlp": ("kb/data", "nlp/data"),
    "events": ("kb/data", "nlp/data", "events/data"),
}


def data_digest(folders: Sequence[str], root: Path = Path(__file__).parent) -> str:
    """A short digest of the data files a stage reads (their names and bytes)."""
    digest = hashlib.sha256()
    for folder in folders:
        for path in sorted((root / folder).rglob("*")):
            if path.is_file() and path.suffix in (".yaml", ".yml", ".csv", ".json"):
                digest.update(path.relative_to(root).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:8]


STAGE_VERSIONS = {
    stage: f"{version}.{data_digest(STAGE_DATA[stage])}" if stage in STAGE_DATA else version
    for stage, version in CODE_VERSIONS.items()
}
