"""Entity gold: loading the hand-made sets and scoring mentions against them.

Two gold formats (see tests/data/README.md):
- demo gold (`entities_demo.jsonl`): surface text + occurrence in the document's *visible* text;
  mapped here onto the stored document text by matching the text around each occurrence (the
  extractor may drop or reorder parts, so occurrence numbers alone would drift);
- seed gold (`entities_seed_*.jsonl`): character offsets into ../shared/seeds/<file>, with a
  sha1 of the span text to detect drift (the seeds are read, never copied).

Scores: a predicted mention (code not None) matches a gold one with the same span; precision
and recall count span matches; resolution accuracy is, over matched pairs, the share with the
same code, kind and identifier_text; sector agreement is reported apart (the gold marks only
MIL and GOV sectors of demonyms; Sphere also gives CVL, LEG ...).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from lxml import html as lxml_html
from rapidfuzz import fuzz

CONTEXT = 40


@dataclass(frozen=True)
class GoldMention:
    document: str
    start: int
    end: int
    text: str
    code: str
    kind: str
    sector: str | None
    identifier_text: str | None


def visible_text(path: Path) -> str:
    """Text nodes of <body> in document order with references decoded (the demo gold's text)."""
    raw = path.read_bytes()
    if path.suffix.lower() not in (".html", ".htm"):
        return raw.decode("utf-8")
    tree = lxml_html.fromstring(raw)
    body = tree.find(".//body")
    body = body if body is not None else tree
    for bad in body.xpath(".//script|.//style"):
        bad.drop_tree()
    return "".join(body.itertext())


def word_matches(text: str, needle: str) -> list[int]:
    return [m.start() for m in re.finditer(r"(?<!\w)" + re.escape(needle) + r"(?!\w)", text)]


def _squash(s: str) -> str:
    return " ".join(s.split())


def map_offset(visible: str, pos: int, needle: str, stored: str) -> int | None:
    """Where the visible-text occurrence at `pos` is in the stored text (None if dropped)."""
    candidates = word_matches(stored, needle)
    if not candidates:
        return None
    left = _squash(visible[max(0, pos - CONTEXT * 2) : pos])[-CONTEXT:]
    right = _squash(visible[pos + len(needle) : pos + len(needle) + CONTEXT * 2])[:CONTEXT]
    best, best_score = None, -1.0
    for c in candidates:
        sl = _squash(stored[max(0, c - CONTEXT * 2) : c])[-CONTEXT:]
        sr = _squash(stored[c + len(needle) : c + len(needle) + CONTEXT * 2])[:CONTEXT]
        score = fuzz.ratio(left, sl) + fuzz.ratio(right, sr)
        if score > best_score:
            best, best_score = c, score
    return best if best_score >= 100 else None


def load_demo_gold(path: Path, corpus: Path, stored_texts: dict[str, str]) -> tuple[list[GoldMention], int]:
    """Demo gold on the stored texts, and how many gold mentions the extractor dropped."""
    out, dropped = [], 0
    visible_cache: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        g = json.loads(line)
        doc = g["document"]
        if doc not in stored_texts:
            continue
        visible = visible_cache.setdefault(doc, visible_text(corpus / doc))
        positions = word_matches(visible, g["text"])
        pos = positions[g["occurrence"]]
        start = map_offset(visible, pos, g["text"], stored_texts[doc])
        if start is None:
            dropped += 1
            continue
        out.append(GoldMention(doc, start, start + len(g["text"]), g["text"], g["code"], g["kind"],
                               g.get("sector"), g.get("identifier_text")))
    return out, dropped


def span_sha(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def load_seed_gold(path: Path, seeds: Path) -> list[GoldMention]:
    """Seed gold (offsets into the seed files); a row whose span no longer hashes the same
    is an error: the seed or the gold changed."""
    out = []
    texts: dict[str, str] = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        g = json.loads(line)
        text = texts.setdefault(g["document"], (seeds / g["document"]).read_text(encoding="utf-8"))
        span = text[g["start"] : g["end"]]
        if span_sha(span) != g["sha"]:
            raise AssertionError(f"{path.name} line {n}: span {g['start']}-{g['end']} changed ({span!r})")
        out.append(GoldMention(g["document"], g["start"], g["end"], span, g["code"], g["kind"],
                               g.get("sector"), g.get("identifier_text")))
    return out


@dataclass
class Scores:
    gold: int
    predicted: int
    matched: int
    resolved_right: int
    sector_right: int
    overlap_matched: int

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def resolution_accuracy(self) -> float:
        return self.resolved_right / self.matched if self.matched else 0.0

    def as_dict(self) -> dict:
        return {
            "gold": self.gold, "predicted": self.predicted, "matched": self.matched,
            "precision": round(self.precision, 4), "recall": round(self.recall, 4),
            "f1": round(self.f1, 4), "resolution_accuracy": round(self.resolution_accuracy, 4),
            "sector_agreement": round(self.sector_right / self.matched, 4) if self.matched else 0.0,
            "overlap_recall": round(self.overlap_matched / self.gold, 4) if self.gold else 0.0,
        }


def same_resolution(g: GoldMention, m) -> bool:
    if g.code != m.code or g.kind != m.kind:
        return False
    return g.identifier_text is None or g.identifier_text == m.identifier_text


def score(gold: list[GoldMention], predicted: list, errors: list | None = None) -> Scores:
    """`predicted`: resolved Mentions (doc_id, start, end, code, kind, sector, identifier_text)."""
    by_span = {(m.doc_id, m.start, m.end): m for m in predicted}
    matched = right = sector = overlap = 0
    for g in gold:
        m = by_span.get((g.document, g.start, g.end))
        if m is None:
            if any(p.doc_id == g.document and p.start < g.end and g.start < p.end for p in predicted):
                overlap += 1
            if errors is not None:
                errors.append(("missed", g, None))
            continue
        matched += 1
        overlap += 1
        if same_resolution(g, m):
            right += 1
        elif errors is not None:
            errors.append(("wrong", g, m))
        if (g.sector or None) == (m.sector or None):
            sector += 1
    if errors is not None:
        gold_spans = {(g.document, g.start, g.end) for g in gold}
        errors += [("spurious", None, m) for m in predicted if (m.doc_id, m.start, m.end) not in gold_spans]
    return Scores(len(gold), len(predicted), matched, right, sector, overlap)
