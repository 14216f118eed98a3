"""How many actors of the PLOVER GSR dev sentences the entity stage finds with the right code.

    .venv/bin/python bench/entities_gsr.py

For every actor and recipient of ../shared/gold/plover_gsr_dev.jsonl coded with a state (the
generic IGO/NGO/IMG codes left out), is there a mention in the sentence with that code? A
coverage figure for the event stage, which takes its participants from these mentions (places
coded to states, "Tokyo" -> JPN, are the event stage's mapping and count as misses here).
Results go to bench/results/entities_gsr.json.
"""

from __future__ import annotations

import json
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GSR = REPO.parent / "shared" / "gold" / "plover_gsr_dev.jsonl"
RESULTS = REPO / "bench" / "results" / "entities_gsr.json"
GENERIC = frozenset({"IGO", "NGO", "IMG"})


def main() -> None:
    from sphere.nlp import pipe_documents
    from sphere.types import Document, Unit

    rows = [json.loads(line) for line in GSR.read_text(encoding="utf-8").splitlines() if line.strip()]
    docs = [Document(r["id"], r["id"], "", "utf-8", "text", "plain", r["text"],
                     units=(Unit(r["id"], "body", "article", 0, len(r["text"])),)) for r in rows]
    found = missed = 0
    misses = []
    for row, parsed in zip(rows, pipe_documents(docs), strict=True):
        codes = {m.code for m in parsed.mentions() if m.code}
        for part in row["actor"] + row["recipient"]:
            if part["code"] in GENERIC:
                continue
            if part["code"] in codes:
                found += 1
            else:
                missed += 1
                misses.append({"id": row["id"], "code": part["code"], "text": part["text"]})
    out = {"participants": found + missed, "found": found, "coverage": round(found / (found + missed), 4),
           "misses": misses, "command": ".venv/bin/python bench/entities_gsr.py"}
    RESULTS.write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in out.items() if k != "misses"}))


if __name__ == "__main__":
    main()
