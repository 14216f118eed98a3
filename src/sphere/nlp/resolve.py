"""From a parsed unit's entities to resolved mentions: which canonical code each name has here.

    candidates  the KB ruler's alias (kb_id_), else an exact KB lookup of the NER span, else a
                fuzzy match on transliteration keys (Zheenbekov -> Jeenbekov), else nothing
    choose      one target for the name, by rules over its context (`context.py`):
                capital -> state when it acts, place when it is where;
                base short name ("Kant") -> the base when it acts, the town when it is where;
                person -> the office held at the unit's date (or named by a title before it);
                demonym -> the state, with the sector of the noun it modifies
    merge       "Russian Defence Ministry", "Ministry of Defense of Uzbekistan" -> one mention
    refer       a bare ministry, an IGO's body, a bracketed acronym: by the document (references.py)
    unknown     a PERSON the KB does not know, after "<demonym> <title>" -> that state
                ("French President Jacques Chirac" -> FRA, GOV); other unknown names are kept
                with code None

Mentions come out sorted and non-overlapping, in document offsets.
"""

from __future__ import annotations

from datetime import date

from spacy.tokens import Doc, Span

from ..kb import AliasTarget, KnowledgeBase, Person
from ..kb.gazetteer import find_city
from ..kb.normalise import alias_key
from ..types import Mention, Unit
from .context import (
    institution_after,
    institution_before,
    sector_after,
    span_text,
    title_before,
    trim,
    used_as_location,
)
from .doc_context import DocumentContext
from .drafts import Draft, select
from .references import bare_institutions, bracket_definitions, defined_acronym, igo_bodies
from .ruler import BLOCKED_KEY
from .words import words

NER_KINDS = {"PERSON": "person", "ORG": "organisation", "GPE": "place", "LOC": "place", "FAC": "place"}
# what a name the KB does not know exactly may be, by transliteration: the model's label is
# not trusted for names it has never seen (it often calls a Kyrgyz surname GPE or ORG)
# (NORP is left out: demonyms are matched exactly, "Central Asian" is not "Central Asia")
FUZZY_ROLES = dict.fromkeys(("PERSON", "ORG", "GPE", "LOC", "FAC"), ("person", "place", "igo", "group", "org", "unit"))
# nouns after a demonym that make it a language, not the state ("poor Russian grammar")
LANGUAGE_NOUNS = words("language_nouns")


def candidates(span: Span, kb: KnowledgeBase, label: str | None = None) -> tuple[AliasTarget, ...]:
    """What the name may stand for; `label` is the model's (a trimmed span has none)."""
    label = label or span.label_
    key = span.kb_id_ if span.kb_id_ else alias_key(span_text(span))
    found = tuple(kb.alias_targets.get(key, ()))
    if found or label not in FUZZY_ROLES:
        return found
    return kb.fuzzy_targets(span.text, FUZZY_ROLES[label])[0]


def person_for(name_targets: tuple[AliasTarget, ...], kb: KnowledgeBase, ctx: DocumentContext,
               text: str, day: date | None, title_state: str | None) -> Person | None:
    persons = [kb.persons[t.ref.removeprefix("person:")] for t in name_targets if t.role == "person"]
    if not persons:
        return None
    if len(persons) == 1:
        return persons[0]
    named = ctx.persons.get(alias_key(text))
    if named in persons:
        return named
    if title_state:
        acting = [p for p in persons if any(o.acts_for == title_state for o in p.offices)]
        persons = acting or persons
    if day is not None:
        in_office = [p for p in persons if any(o.covers(day) for o in p.offices)]
        if in_office:
            return in_office[0]
    return persons[0]


def person_draft(span: Span, person: Person, day: date | None, title_state: str | None) -> Draft:
    office, note = person.office_at(day)
    if title_state and office.acts_for != title_state:
        office = next((o for o in person.offices if o.acts_for == title_state), office)
        note = f"{office.role} (named by the title)"
    return Draft(span.start, span.end, office.acts_for, "person", office.sector, person.name, "KB", note)


class UnitResolver:
    """Resolves the entities of one unit's Doc; `drafts` accumulate in token order."""

    def __init__(self, doc: Doc, kb: KnowledgeBase, ctx: DocumentContext, day: date | None, offset: int = 0):
        self.doc, self.kb, self.ctx, self.day, self.offset = doc, kb, ctx, day, offset
        self.state_tokens: dict[int, str] = {}  # token index -> state code of a state word there
        for ent in doc.ents:
            targets = candidates(ent, kb) if ent.kb_id_ else ()
            state = next((t.ref for t in targets if t.role in ("name", "demonym")), None)
            if state:
                for i in range(ent.start, ent.end):
                    self.state_tokens[i] = state

    def is_state_word(self, i: int) -> bool:
        return i in self.state_tokens

    def resolve(self) -> list[Draft]:
        drafts = []
        blocked = self.doc.user_data.get(BLOCKED_KEY, ())
        for ent in self.doc.ents:
            span = trim(ent)
            if span is None:
                continue
            if not ent.kb_id_ and any(b <= span.start and span.end <= e for b, e in blocked):
                continue  # inside "Moscow time", an outlet's name ...
            if ent.kb_id_:
                span = ent  # the ruler's span is the alias itself
            draft = self.resolve_span(span, ent.label_, bool(ent.kb_id_))
            if draft is not None:
                drafts.append(draft)
        # names that refer through the rest of the document (references.py)
        drafts = select(drafts)
        covered = {i for d in drafts if d.resolved for i in range(d.start, d.end)}
        drafts += bare_institutions(self.doc, covered, self.kb, self.ctx, self.offset)
        covered = {i for d in drafts if d.resolved for i in range(d.start, d.end)}
        drafts += igo_bodies(self.doc, covered, drafts, self.kb)
        return bracket_definitions(self.doc, select(drafts), self.kb, self.ctx)

    def resolve_span(self, span: Span, label: str, from_kb: bool) -> Draft | None:
        kb = self.kb
        tag = "KB" if from_kb else label
        defined = defined_acronym(span, self.ctx, tag)  # the document's own definition first
        if defined is not None:
            return defined
        targets = candidates(span, kb, label)
        if not targets:
            return self.unknown(span, label)
        roles = {t.role for t in targets}
        if "person" in roles:
            title_state = self.title_state(span)
            person = person_for(targets, kb, self.ctx, span.text, self.day, title_state)
            if person is not None:
                return person_draft(span, person, self.day, title_state)
        if "name" in roles:  # a state named like its capital (Singapore, Kuwait, Hong Kong)
            return self.target_draft(span, next(t for t in targets if t.role == "name"), tag)
        if roles & {"capital"} and roles & {"place"}:
            chosen = next(t for t in targets if t.role == ("place" if used_as_location(span) else "capital"))
            return self.target_draft(span, chosen, tag)
        if "short-unit" in roles and "place" in roles:
            short = next(t for t in targets if t.role == "short-unit")
            as_unit = short.ref in self.ctx.units and not used_as_location(span)
            chosen = short if as_unit else next(t for t in targets if t.role == "place")
            return self.target_draft(span, chosen, tag)
        order = ("organ", "unit", "igo", "group", "org", "demonym", "name", "capital", "place", "short-unit")
        chosen = min(targets, key=lambda t: order.index(t.role) if t.role in order else len(order))
        return self.target_draft(span, chosen, tag)

    def target_draft(self, span: Span, target: AliasTarget, tag: str) -> Draft | None:
        kb = self.kb
        ent = kb.entity(target.ref)
        if target.role in ("unit", "short-unit") and ent is not None:
            return Draft(span.start, span.end, ent.state, "military-unit", ent.sector or "MIL", ent.name, tag)
        if target.role in ("name", "demonym", "capital", "organ"):
            draft = Draft(span.start, span.end, target.ref, "state", target.sector, None, tag)
            merged = self.merge_institution(span, draft)
            if merged is not None:
                return merged
            if target.role == "demonym":
                if span.start > 0 and self.doc[span.start - 1].lower_ in ("ethnic", "ethnically"):
                    return None  # "ethnic Tajiks" are a people, not the state (annotation rule)
                if span.start > 1 and self.doc[span.start - 1].text == "-" and self.doc[span.start - 2].lower_ in ("post", "ex"):
                    return None  # "post-Soviet states": the former union's space, not a state
                nxt = span.end + (1 if span.end < len(self.doc) and self.doc[span.end].text == "-" else 0)
                if nxt < len(self.doc) and self.doc[nxt].lower_ in LANGUAGE_NOUNS:
                    return None  # "Russian grammar", "Russian-speaking": the language
                draft.sector = sector_after(span, kb, self.is_state_word)
            return draft
        if ent is None:  # a person alias whose person is missing cannot happen; be safe
            return Draft(span.start, span.end, None, "organisation", None, None, tag)
        kind = ent.kind
        sector = target.sector if kind != "place" else None
        return Draft(span.start, span.end, ent.code, kind, sector, None, tag)

    def merge_institution(self, span: Span, draft: Draft) -> Draft | None:
        after = institution_after(span, self.kb)
        if after is not None:
            term, end = after
            return Draft(span.start, end, draft.code, "state", term.sector, None, draft.label)
        before = institution_before(span, self.kb)
        if before is not None:
            term, start = before
            return Draft(start, span.end, draft.code, "state", term.sector, None, draft.label)
        return None

    def title_state(self, span: Span) -> str | None:
        found = title_before(span, self.kb)
        if found is None:
            return None
        _term, start = found
        i = start - 1
        if i >= 0 and self.doc[i].lower_ in ("'s", "’s"):
            i -= 1
        return self.state_tokens.get(i)

    def unknown(self, span: Span, label: str) -> Draft | None:
        """A name the KB does not know: a titled person acts for the state before the title;
        a city the gazetteer knows is a place; other persons, organisations and places are
        kept unresolved; other labels (NORP, dates, numbers) are not entities."""
        if label == "PERSON":
            found = title_before(span, self.kb)
            state = self.title_state(span) if found else None
            if state:
                return Draft(span.start, span.end, state, "person", found[0].sector, span.text, label)
            return Draft(span.start, span.end, None, "person", None, None, label)
        if label in ("GPE", "LOC"):
            city = find_city(span.text)
            if city is not None:
                return Draft(span.start, span.end, f"PLACE:{city.name}", "place", None, None, label)
            return Draft(span.start, span.end, None, "place", None, None, label)
        if label in ("ORG", "FAC") and self.kb.sector_term(span.text) is None:
            # (a title or office word alone, "Defense" in "Defense Minister", is no entity)
            return Draft(span.start, span.end, None, NER_KINDS[label], None, None, label)
        return None


def is_credit(doc: Doc, start: int, end: int) -> bool:
    """A photo or source credit: a name alone in brackets closing a caption ("[Kremlin]");
    credits name outlets, not actors (annotation rule)."""
    if start == 0 or end >= len(doc) or doc[start - 1].text != "[" or doc[end].text != "]":
        return False
    return end + 1 >= len(doc) or "\n" in doc[end].whitespace_ or doc[end + 1].is_space


def unit_mentions(doc: Doc, unit: Unit, offset: int, kb: KnowledgeBase, ctx: DocumentContext,
                  day: date | None) -> list[Mention]:
    resolver = UnitResolver(doc, kb, ctx, day, offset)
    drafts = [d for d in select(resolver.resolve()) if not is_credit(doc, d.start, d.end)]
    out = []
    for d in drafts:
        span = doc[d.start:d.end]
        out.append(Mention(
            doc_id=unit.doc_id, unit_id=unit.unit_id,
            start=offset + span.start_char, end=offset + span.end_char, text=span.text,
            code=d.code, kind=d.kind, sector=d.sector, identifier_text=d.identifier, label=d.label,
            note=d.note,
        ))
    return out
