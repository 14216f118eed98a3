"""A synthetic corpus with known reuse, to measure reuse detection (precision, recall, speed).

Real corpora do not come with a list of every copied passage, so this makes one that does.
Originals are made of sentences of pseudo-words drawn from a Zipf-like vocabulary (so common
words repeat across unrelated documents, as in news). Copies are made from them the ways the
web copies text, each copied block recorded with its offsets on both sides:

    syndicated   a whole article under a new title and first paragraph, a word edited here and
                 there, whitespace reflowed (direction by date)
    edited       2-5 paragraphs with about one word in fifteen replaced or dropped
    quoted       own paragraphs around 1-3 consecutive paragraphs of one or two originals, the
                 source URL on the line after each quotation (direction by cited URL)
    shuffled     own sentences mixed with runs of 1-4 consecutive sentences of other documents,
                 in any order (runs below the minimum passage length are not expected)
    quotations   a list of twenty one-sentence quotations of twenty originals: nothing expected
    boilerplate  unrelated documents sharing a newsletter prompt and share buttons: nothing

`provenance.quality.measure` indexes such a corpus and scores the stored links against the
truth. Only blocks of at least MIN_WORDS words and MIN_CHARS characters are expected; shorter
copied blocks are neither expected nor counted against a link that finds them.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import accumulate

from .align import MIN_CHARS, MIN_WORDS

SYLLABLES = [c + v for c in "bdfgklmnprstvz" for v in "aeiou"] + ["an", "or", "is", "el", "um"]
FUNCTION_WORDS = (
    "the of and to in a is that for on with as by was at from it an be this which are has its "
    "said were have not but after had been their his they also more than who will over new"
).split()
BOILERPLATE = (
    "Subscribe to our newsletter to receive the latest news and analysis from the region in your "
    "inbox every morning. Share this article on Facebook, Twitter, Telegram and WhatsApp. "
    "Comments are moderated and may take up to twenty four hours to appear on this page. "
)


@dataclass(frozen=True)
class Block:
    """A passage of `copy_doc` [copy_start, copy_end) copied from `original_doc` [...)."""

    original_doc: str
    copy_doc: str
    original_start: int
    original_end: int
    copy_start: int
    copy_end: int
    words: int
    implied: bool = False  # two copies of one original share text: correct to link, not expected

    @property
    def expected(self) -> bool:
        return not self.implied and self.words >= MIN_WORDS and self.copy_end - self.copy_start >= MIN_CHARS


@dataclass
class SyntheticDoc:
    doc_id: str
    text: str
    published: date
    url: str
    kind: str  # original, syndicated, quoted, shuffled, quotations, boilerplate


@dataclass
class Corpus:
    docs: list[SyntheticDoc] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)


class Writer:
    """Pseudo-text from a seeded generator: words, sentences, paragraphs.

    With `model_text`, sentences come from a word-bigram chain trained on it: real words and
    real common phrases ("Russian President Vladimir Putin"), so unrelated documents share
    short runs of words, as real news does, and only the minimum passage length keeps them
    apart. Without it, words are pseudo-words from a Zipf-like vocabulary.
    """

    def __init__(self, seed: int, vocabulary: int = 20000, model_text: str | None = None):
        self.rng = random.Random(seed)
        self.vocab = [self.make_word() for _ in range(vocabulary)]
        self.cum_weights = list(accumulate(1.0 / (i + 10) for i in range(vocabulary)))
        self.chain: dict[str, list[str]] = {}
        self.starts: list[str] = []
        if model_text:
            for sent in re.split(r"(?<=[.!?])\s+", model_text):
                words = sent.split()
                if len(words) < 6:
                    continue
                self.starts.append(words[0])
                for x, y in zip(words, words[1:], strict=False):
                    self.chain.setdefault(x, []).append(y)

    def make_word(self) -> str:
        return "".join(self.rng.choice(SYLLABLES) for _ in range(self.rng.randint(1, 4)))

    def sentence(self) -> str:
        if self.chain:
            return self.chain_sentence()
        n = self.rng.randint(8, 32)
        words = self.rng.choices(self.vocab, cum_weights=self.cum_weights, k=n)
        words = [self.rng.choice(FUNCTION_WORDS) if self.rng.random() < 0.35 else w for w in words]
        return " ".join(words).capitalize() + "."

    def chain_sentence(self) -> str:
        n = self.rng.randint(8, 32)
        words = [self.rng.choice(self.starts)]
        while len(words) < n:
            nxt = self.chain.get(words[-1])
            if not nxt:
                words.append(self.rng.choice(self.starts))
                continue
            words.append(self.rng.choice(nxt))
        text = " ".join(words).rstrip(".!?,;:")
        return text[0].upper() + text[1:] + "."

    def paragraph(self, lo: int = 2, hi: int = 5) -> list[str]:
        return [self.sentence() for _ in range(self.rng.randint(lo, hi))]


def sentence_spans(paragraphs: list[list[str]]) -> tuple[str, list[list[tuple[int, int]]]]:
    """Join paragraphs (blank line between) and sentences (one space); spans of each sentence."""
    text, spans = "", []
    for p, sentences in enumerate(paragraphs):
        if p:
            text += "\n\n"
        row = []
        for i, s in enumerate(sentences):
            if i:
                text += " "
            row.append((len(text), len(text) + len(s)))
            text += s
        spans.append(row)
    return text, spans


def word_count(text: str) -> int:
    return len(text.split())


class Builder:
    """Appends pieces to a copy document, recording where copied pieces came from."""

    def __init__(self, doc_id: str):
        self.doc_id = doc_id
        self.text = ""
        self.blocks: list[Block] = []

    def add(self, piece: str, sep: str = "\n\n", source: tuple[str, int, int] | None = None) -> None:
        if self.text:
            self.text += sep
        start = len(self.text)
        self.text += piece
        if source is not None:
            orig, o_start, o_end = source
            self.blocks.append(
                Block(orig, self.doc_id, o_start, o_end, start, len(self.text), word_count(piece))
            )


def make_corpus(
    n_originals: int = 200,
    seed: int = 7,
    copies_per_original: float = 1.0,
    model_text: str | None = None,
) -> Corpus:
    """Originals plus copies of every kind; deterministic for a given seed (and model text)."""
    w = Writer(seed, model_text=model_text)
    rng = w.rng
    corpus = Corpus()
    day0 = date(2015, 1, 1)
    originals: list[tuple[SyntheticDoc, list[list[tuple[int, int]]]]] = []
    for i in range(n_originals):
        paragraphs = [w.paragraph() for _ in range(rng.randint(4, 12))]
        text, spans = sentence_spans(paragraphs)
        doc = SyntheticDoc(
            f"orig-{i:06d}", text, day0 + timedelta(days=i % 2000), f"https://site{i % 97}.example/{i}", "original"
        )
        originals.append((doc, spans))
        corpus.docs.append(doc)

    def later(d: SyntheticDoc) -> date:
        return d.published + timedelta(days=rng.randint(1, 30))

    n_copies = int(n_originals * copies_per_original)
    kinds = ["syndicated", "quoted", "shuffled", "edited", "shuffled", "quoted"]
    for c in range(n_copies):
        kind = kinds[c % len(kinds)]
        cid = f"copy-{c:06d}"
        b = Builder(cid)
        if kind == "syndicated":
            doc, spans = rng.choice(originals)
            b.add(w.sentence())  # new title
            b.add(" ".join(w.paragraph()))  # new first paragraph
            for p in spans[1:]:
                lo, hi = p[0][0], p[-1][1]
                piece = doc.text[lo:hi]
                if rng.random() < 0.3:  # an edited word splits the block in two
                    words = piece.split(" ")
                    k = rng.randrange(len(words))
                    cut = len(" ".join(words[:k]))
                    b.add(piece[:cut], source=(doc.doc_id, lo, lo + cut) if cut else None)
                    b.add(w.make_word(), sep=" ")
                    rest = piece[cut:].lstrip(" ")
                    b.add(rest, sep=" ", source=(doc.doc_id, hi - len(rest), hi))
                else:
                    b.add(piece.replace(" ", "\n", 1) if rng.random() < 0.3 else piece, source=(doc.doc_id, lo, hi))
            published = later(doc)
        elif kind == "quoted":
            b.add(" ".join(w.paragraph()))
            published = date(2015, 1, 1)
            for doc, spans in rng.sample(originals, rng.randint(1, 2)):
                k = rng.randint(1, min(3, len(spans)))
                first = rng.randrange(len(spans) - k + 1)
                lo, hi = spans[first][0][0], spans[first + k - 1][-1][1]
                b.add(doc.text[lo:hi], source=(doc.doc_id, lo, hi))
                b.add(doc.url, sep="\n")
                b.add(" ".join(w.paragraph()))
                published = max(published, later(doc))
        elif kind == "edited":
            # A rewrite that keeps most words: one word in about fifteen replaced or dropped.
            doc, spans = rng.choice(originals)
            b.add(w.sentence())
            k = rng.randint(2, min(5, len(spans)))
            first = rng.randrange(len(spans) - k + 1)
            lo, hi = spans[first][0][0], spans[first + k - 1][-1][1]
            words = doc.text[lo:hi].split(" ")
            edited = [
                (w.make_word() if rng.random() < 0.5 else "") if rng.random() < 1 / 15 else x
                for x in words
            ]
            start = len(b.text) + 2
            b.add(" ".join(x for x in edited if x))
            b.blocks.append(Block(doc.doc_id, cid, lo, hi, start, len(b.text), len(words)))
            b.add(" ".join(w.paragraph()))
            published = later(doc)
        else:  # shuffled
            pieces: list[tuple[str, tuple[str, int, int] | None]] = []
            published = date(2015, 1, 1)
            for doc, spans in rng.sample(originals, rng.randint(2, 4)):
                flat = [s for p in spans for s in p]
                k = rng.randint(1, min(4, len(flat)))
                first = rng.randrange(len(flat) - k + 1)
                lo, hi = flat[first][0], flat[first + k - 1][1]
                pieces.append((doc.text[lo:hi], (doc.doc_id, lo, hi)))
                published = max(published, later(doc))
            pieces += [(w.sentence(), None) for _ in range(rng.randint(3, 8))]
            rng.shuffle(pieces)
            for piece, source in pieces:
                b.add(piece, sep=rng.choice([" ", "\n", "\n\n"]), source=source)
        corpus.docs.append(SyntheticDoc(cid, b.text, published, f"https://copies{c % 89}.example/{cid}", kind))
        corpus.blocks.extend(b.blocks)

    # A list of twenty short quotations, and unrelated pages sharing boilerplate.
    for q in range(max(1, n_originals // 100)):
        b = Builder(f"quotes-{q:04d}")
        b.add("Twenty voices on the week:")
        for doc, spans in rng.sample(originals, min(20, len(originals))):
            s = rng.choice([s for p in spans for s in p])
            if doc.text[s[0] : s[1]].count(" ") < 25:
                b.add(f'"{doc.text[s[0]:s[1]]}" ({doc.url})', sep="\n", source=(doc.doc_id, s[0], s[1]))
        corpus.docs.append(SyntheticDoc(b.doc_id, b.text, date(2022, 1, 1), f"https://quotes.example/{q}", "quotations"))
        corpus.blocks.extend(b.blocks)
    for k in range(max(2, n_originals // 50)):
        text = " ".join(" ".join(w.paragraph()) for _ in range(3)) + "\n\n" + BOILERPLATE
        corpus.docs.append(SyntheticDoc(f"plate-{k:04d}", text, date(2020, 1, 1), f"https://plate.example/{k}", "boilerplate"))
    return corpus


def model_text_from(folder) -> str:
    """Plain text of a folder's .txt and markup files (tags stripped), to train `Writer` on."""
    from pathlib import Path

    parts = []
    for path in sorted(Path(folder).iterdir()):
        if path.suffix not in (".txt", ".html", ".rss", ".atom", ".jsonl"):
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue  # another encoding or a binary file: not needed for a word model
        parts.append(re.sub(r"<[^>]+>|&\w+;", " ", text))
    return "\n".join(parts)
