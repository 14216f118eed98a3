"""Entity recognition for Russian text: the KB's Russian names matched through lemmas, plus
natasha's NER for names the KB does not know.

Russian inflects names ("Таджикистана", "Рахмоном", "Министерства обороны России"), so both the
KB's Russian aliases and the text are reduced to lemmas with pymorphy2 and matched as lemma
sequences (longest first). natasha (its models ship in the wheel: nothing is downloaded) finds
persons, places and organisations; those the lemma match did not cover are resolved through
the same lemma index, else kept with code None.

pymorphy2 0.9 calls `inspect.getargspec`, removed in Python 3.11; `_patch_getargspec` restores
it (as `getfullargspec` reduced to the old tuple) before pymorphy2 is imported.
"""

from __future__ import annotations

import inspect
import os
import re
from collections import namedtuple
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache

from ..kb import AliasTarget, KnowledgeBase, load_kb
from ..types import Mention, Unit

QUOTES = frozenset("«»\"“”„'‘’()")
ORDINAL = re.compile(r"^(\d+)(-?[а-яё]{1,3})?$")
PREPOSITIONS = frozenset({"в", "во", "на", "из", "к", "ко", "до", "под", "около", "через", "у", "от", "по", "над", "близ", "возле"})
NER_KINDS = {"PER": "person", "LOC": "place", "ORG": "organisation"}
MAX_ALIAS_TOKENS = 8


def _patch_getargspec() -> None:
    if hasattr(inspect, "getargspec"):
        return
    ArgSpec = namedtuple("ArgSpec", "args varargs keywords defaults")

    def getargspec(func):
        spec = inspect.getfullargspec(func)
        return ArgSpec(spec.args, spec.varargs, spec.varkw, spec.defaults)

    inspect.getargspec = getargspec


@cache
def _morph():
    _patch_getargspec()
    import pymorphy2

    if pymorphy2.MorphAnalyzer.DICT_PATH_ENV_VARIABLE in os.environ:
        return pymorphy2.MorphAnalyzer()
    # the Russian dictionaries' package named directly: pymorphy2 otherwise finds it through
    # pkg_resources entry points, which parses every installed package's metadata (~0.4 s)
    import pymorphy2_dicts_ru

    return pymorphy2.MorphAnalyzer(path=pymorphy2_dicts_ru.get_path(), lang="ru")


@cache
def _natasha():
    _patch_getargspec()
    from natasha import NewsEmbedding, NewsNERTagger, Segmenter

    return Segmenter(), NewsNERTagger(NewsEmbedding())


@lru_cache(maxsize=200_000)
def lemma(word: str) -> str:
    """The best lemma of a word; ordinals "201-я" -> "201"; acronyms stay as written."""
    if len(word) > 1 and word.isupper():
        return word
    low = word.lower().replace("ё", "е")
    m = ORDINAL.match(low)
    if m:
        return m.group(1)
    if not any("а" <= c <= "я" for c in low):
        return low
    return _morph().parse(low)[0].normal_form.replace("ё", "е")


@lru_cache(maxsize=200_000)
def token_keys(word: str) -> frozenset[str]:
    """Every key a text word may match: its lemma, its own form (names are indexed as given,
    in the nominative), and its normal forms as a person's name ("Путиным" -> "путин")."""
    keys = {lemma(word), word.lower().replace("ё", "е")}
    if word[:1].isupper() and not word.isupper():
        for p in _morph().parse(word.lower())[:4]:
            if {"Surn", "Name", "Patr"} & set(p.tag.grammemes):
                keys.add(p.normal_form.replace("ё", "е"))
    return frozenset(keys)


def tokens_of(text: str) -> list[tuple[int, int, str]]:
    from razdel import tokenize

    return [(t.start, t.stop, t.text) for t in tokenize(text) if t.text not in QUOTES]


@dataclass(frozen=True)
class RussianIndex:
    trie: dict  # key -> {"": targets, next key -> ...}
    sectors: dict[str, str]

    def longest(self, keys: list[frozenset[str]], i: int) -> tuple[int, tuple[AliasTarget, ...]]:
        """The longest alias starting at token i: (tokens, targets), or (0, ())."""
        best: tuple[int, tuple[AliasTarget, ...]] = (0, ())
        frontier = [self.trie]
        for j in range(i, min(len(keys), i + MAX_ALIAS_TOKENS)):
            frontier = [node[k] for node in frontier for k in keys[j] if k in node]
            if not frontier:
                break
            found = tuple(t for node in frontier for t in node.get("", ()))
            if found:
                best = (j - i + 1, tuple(dict.fromkeys(found)))
        return best


def _alias_key(alias: str, target: AliasTarget) -> tuple[str, ...]:
    words = [t for _, _, t in tokens_of(alias)]
    if target.role == "person":  # names as given, nominative; not lemmatised as nouns
        return tuple(w if (len(w) > 1 and w.isupper()) else w.lower().replace("ё", "е") for w in words)
    return tuple(lemma(w) for w in words)


@cache
def russian_index() -> RussianIndex:
    from ..kb.gazetteer import cyrillic_names

    kb = load_kb()
    aliases = list(kb.russian)
    have = {t.ref for _, t in aliases if t.role == "place"}
    capitals = {}
    for ent in kb.entities.values():
        if ent.kind == "state":
            continue
        if ent.kind == "place" and ent.code not in have and ent.note in ("capital", "city"):
            aliases += [(n, AliasTarget(ent.code, "place")) for n in cyrillic_names(ent.name, ent.state)]
    for alias, target in kb.alias_targets.items():
        for t in target:
            if t.role == "capital":
                capitals[f"PLACE:{kb.surfaces[alias][0]}"] = t.ref
    aliases += [(n, AliasTarget(capitals[t.ref], "capital")) for n, t in list(aliases)
                if t.role == "place" and t.ref in capitals]
    trie: dict = {}
    for alias, target in aliases:
        key = _alias_key(alias, target)
        if not key:
            continue
        node = trie
        for k in key:
            node = node.setdefault(k, {})
        bucket = node.setdefault("", [])
        if target not in bucket:
            bucket.append(target)
    sectors = {}
    for word, sector in kb.russian_sector_terms:
        sectors.setdefault(" ".join(lemma(t) for _, _, t in tokens_of(word)), sector)
    return RussianIndex(trie, sectors)


def _acts(lemmas: list[str], words: list[str], i: int, n: int) -> bool:
    """Does the name at [i, i+n) act ("Москва заявила", "Москва не намерена") rather than
    locate ("в Москве")?"""
    if i > 0 and lemmas[i - 1] in PREPOSITIONS:
        return False
    for j in range(i + n, min(len(words), i + n + 3)):
        tag = _morph().parse(words[j].lower())[0].tag
        if tag.POS in ("VERB", "INFN", "PRTS", "ADJS"):
            return True
        if tag.POS not in ("PRCL", "ADVB"):  # past "не", "уже", "также"
            break
    return False


def _choose(targets: tuple[AliasTarget, ...], acts: bool) -> AliasTarget:
    roles = {t.role for t in targets}
    if "capital" in roles and "place" in roles:
        role = "capital" if acts else "place"
        return next(t for t in targets if t.role == role)
    order = ("person", "organ", "unit", "igo", "group", "org", "demonym", "name", "capital", "place", "short-unit")
    return min(targets, key=lambda t: order.index(t.role) if t.role in order else len(order))


def _mention(unit: Unit, start: int, end: int, text: str, target: AliasTarget, kb: KnowledgeBase,
             day: date | None, sector: str | None, label: str) -> Mention:
    base = {"doc_id": unit.doc_id, "unit_id": unit.unit_id, "start": start, "end": end, "text": text,
            "label": label, "lang": "ru"}
    if target.role == "person":
        person = kb.persons[target.ref.removeprefix("person:")]
        office, note = person.office_at(day)
        return Mention(**base, code=office.acts_for, kind="person", sector=office.sector,
                            identifier_text=person.name, note=note)
    ent = kb.entity(target.ref)
    if target.role in ("unit", "short-unit") and ent is not None:
        return Mention(**base, code=ent.state, kind="military-unit", sector=ent.sector or "MIL", identifier_text=ent.name)
    if target.role in ("name", "demonym", "capital", "organ"):
        return Mention(**base, code=target.ref, kind="state", sector=target.sector or (sector if target.role == "demonym" else None))
    kind = ent.kind if ent is not None else "organisation"
    return Mention(**base, code=target.ref, kind=kind, sector=target.sector if kind != "place" else None)


def russian_mentions(text: str, unit: Unit, offset: int, day: date | None) -> list[Mention]:
    """Mentions in Russian `text` (the unit's text, or a Cyrillic stretch of it at `offset`)."""
    kb = load_kb()
    index = russian_index()
    toks = tokens_of(text)
    words = [t for _, _, t in toks]
    lemmas = [lemma(t) for t in words]
    keys = [token_keys(t) for t in words]
    out: list[Mention] = []
    covered: set[int] = set()
    i = 0
    while i < len(toks):
        n, targets = index.longest(keys, i)
        if not n:
            i += 1
            continue
        start, end = toks[i][0], toks[i + n - 1][1]
        sector = index.sectors.get(lemmas[i + n]) if i + n < len(lemmas) else None
        target = _choose(targets, _acts(lemmas, words, i, n))
        out.append(_mention(unit, offset + start, offset + end, text[start:end], target, kb, day, sector, "KB"))
        covered.update(range(start, end))
        i += n
    segmenter, tagger = _natasha()
    from natasha import Doc

    doc = Doc(text)
    doc.segment(segmenter)
    doc.tag_ner(tagger)
    for span in doc.spans:
        if covered & set(range(span.start, span.stop)):
            continue
        span_keys = [token_keys(t) for _, _, t in tokens_of(span.text)]
        n, targets = index.longest(span_keys, 0) if span_keys else (0, ())
        if n != len(span_keys):
            targets = ()
        if not targets and span.type == "PER" and len(span_keys) > 1:
            n, targets = index.longest(span_keys, len(span_keys) - 1)  # "Эмомали Рахмон": the surname
        if targets:
            target = _choose(targets, False)
            out.append(_mention(unit, offset + span.start, offset + span.stop, span.text, target, kb, day, None, span.type))
        else:
            out.append(Mention(unit.doc_id, unit.unit_id, offset + span.start, offset + span.stop, span.text,
                               None, NER_KINDS.get(span.type, "organisation"), label=span.type, lang="ru"))
    return sorted(out, key=lambda m: m.start)
