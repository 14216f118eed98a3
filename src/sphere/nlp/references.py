"""Names that refer through other words: bare ministries, bodies of IGOs, bracketed definitions.

- `bare_institutions`: "the Defence Ministry said" with no state word: the ministry named
  earlier in the document with its state, else the one of the state the document is about
  (`doc_context.DocumentContext.institution_state`); the mention's note says which.
- `igo_bodies`: "the Council of Foreign Ministers of the CSTO", "the CSTO Joint Staff": a body
  of an IGO (`igo_body` terms in kb/data/sector_terms.yaml) takes the code of the IGO named with
  it, else of the only IGO named in its sentence; a body with no IGO in sight is no mention.
- `bracket_definitions`: "the Council of Ministers of Defence (CMO)", "Nur-Sultan (Tselinograd)":
  an acronym in brackets right after a resolved name is that name (and stays so for the rest of
  the document); another name of the same place in brackets takes the first name's reading.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from ..kb import KnowledgeBase
from ..kb.normalise import alias_key
from .context import span_text, term_at
from .doc_context import DocumentContext, Resolution
from .drafts import Draft
from .words import words

ORGAN_HEADS = words("organ_heads")
ACRONYM_LETTERS = (2, 6)


def is_acronym(text: str) -> bool:
    return text.isalpha() and text.isupper() and ACRONYM_LETTERS[0] <= len(text) <= ACRONYM_LETTERS[1]


def definite(doc: Doc, i: int) -> bool:
    return i > 0 and doc[i - 1].lower_ == "the"


def bare_institutions(doc: Doc, covered: set[int], kb: KnowledgeBase, ctx: DocumentContext, offset: int) -> list[Draft]:
    """Ministries named without a state ("the Ministry of Defense"), resolved by the document."""
    out = []
    i = 0
    while i < len(doc):
        tok = doc[i]
        if i in covered or not tok.is_title or not definite(doc, i):
            i += 1
            continue
        found = term_at(doc, i, kb)
        end = found[1] if found else i + 1
        if found is None or not found[0].institution or covered & set(range(i, end)) or not any(
            t.lower_ in ORGAN_HEADS for t in doc[i:end]
        ):
            i += 1
            continue
        if end < len(doc) and doc[end].lower_ == "of":
            i = end  # "the Ministry of Defense of <someone>": not bare
            continue
        state = ctx.institution_state(alias_key(doc[i:end].text), offset + tok.idx)
        if state is not None:
            out.append(Draft(i, end, state[0], "state", found[0].sector, None, "KB", state[1]))
        i = end
    return out


def igo_of_body(doc: Doc, start: int, end: int, igos: list[Draft]) -> str | None:
    """The IGO a body at [start, end) belongs to: named with it, else alone in its sentence."""
    after = end + (1 if end < len(doc) and doc[end].lower_ == "of" else len(doc))
    after += 1 if after < len(doc) and doc[after].lower_ == "the" else 0
    for d in igos:
        if d.start == after or d.end == start:
            return d.code
    sent = doc[start].sent
    in_sentence = {d.code for d in igos if sent.start <= d.start < sent.end}
    return next(iter(in_sentence)) if len(in_sentence) == 1 else None


def igo_bodies(doc: Doc, covered: set[int], drafts: list[Draft], kb: KnowledgeBase) -> list[Draft]:
    """Bodies of IGOs ("Council of Foreign Ministers") with the code of their IGO."""
    igos = [d for d in drafts if d.kind == "igo" and d.code]
    if not igos:
        return []
    out = []
    i = 0
    while i < len(doc):
        if not doc[i].is_title or i in covered:
            i += 1
            continue
        found = term_at(doc, i, kb)
        if found is None or not found[0].igo_body or covered & set(range(i, found[1])):
            i += 1
            continue
        code = igo_of_body(doc, i, found[1], igos)
        if code is not None:
            out.append(Draft(i, found[1], code, "igo", found[0].sector, None, "KB"))
        i = found[1]
    return out


def _places(span: Span, kb: KnowledgeBase) -> set[str]:
    return {t.ref for t in kb.targets(span.text) if t.role == "place"}


def bracket_definitions(doc: Doc, drafts: list[Draft], kb: KnowledgeBase, ctx: DocumentContext) -> list[Draft]:
    """Drafts with bracketed acronyms and other names taking the reading of the name before."""
    by_end = {d.end: d for d in drafts if d.resolved}
    by_start = {d.start: d for d in drafts}
    out = list(drafts)
    for i in sorted(by_end):  # a bracket right after a resolved name (not every token read)
        if not 1 <= i < len(doc) - 2 or doc[i].text != "(":
            continue
        close = next((j for j in range(i + 2, min(i + 6, len(doc))) if doc[j].text == ")"), None)
        if close is None:
            continue
        head, inner = by_end[i], doc[i + 1 : close]
        if is_acronym(inner.text):
            ctx.acronyms[inner.text] = Resolution(head.code, head.kind, head.sector, head.identifier)
            reading = Draft(i + 1, close, head.code, head.kind, head.sector, head.identifier, "KB",
                            f"defined in brackets after {doc[head.start:head.end].text!r}")
        elif i + 1 in by_start and _places(doc[head.start:head.end], kb) & _places(inner, kb):
            reading = Draft(i + 1, close, head.code, head.kind, head.sector, head.identifier, by_start[i + 1].label)
        else:
            continue
        out = [d for d in out if d.end <= i + 1 or d.start >= close] + [reading]
        if is_acronym(inner.text):  # what follows in the unit reads it as defined
            out = [defined_acronym(doc[d.start:d.end], ctx, d.label) if d.start >= close and doc[d.start:d.end].text == inner.text
                   else d for d in out]
    return sorted(out, key=lambda d: d.start)


def defined_acronym(span: Span, ctx: DocumentContext, label: str | None) -> Draft | None:
    """A name the KB does not know that the document defined in brackets earlier."""
    if not ctx.acronyms:
        return None
    found = ctx.acronyms.get(span_text(span))
    if found is None:
        return None
    return Draft(span.start, span.end, found.code, found.kind, found.sector, found.identifier, label,
                 "an acronym the document defined in brackets")
