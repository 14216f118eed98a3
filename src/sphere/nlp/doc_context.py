"""What the whole document says, for names that depend on it.

A reader resolves some names only from the rest of the document, and so does the stage:

- a bare surname is the person named in full elsewhere in it ("Vladimir Putin ... Putin");
- "Kant" may be the base when the base is named in full;
- a bare ministry ("the Defence Ministry said") is the one named earlier with its state
  ("Uzbekistan's Defence Ministry ... the Defence Ministry"), else the ministry of the state the
  document is about, when one state clearly dominates it (twice the mentions of any other);
- an acronym defined in brackets ("the Council of Ministers of Defence (CMO)") stands for what
  it was defined as wherever it comes back.

    collect_context(parsed, kb, ctx)   one pass over the document's parsed units, before resolving
    ctx.institution_state(key, at) -> (state, note) | None
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc

from ..kb import KnowledgeBase, Person
from ..kb.normalise import alias_key
from .context import institution_after, institution_before

STATE_ROLES = frozenset({"name", "demonym", "capital", "organ"})
DOMINANCE = 2.0  # the document's state has at least this many times the mentions of the next
MIN_DOMINANT = 3  # ... and at least this many


@dataclass(frozen=True)
class Resolution:
    """What an acronym was defined as: the fields of the draft it copies."""

    code: str
    kind: str
    sector: str | None
    identifier: str | None


@dataclass
class DocumentContext:
    persons: dict[str, Person] = field(default_factory=dict)  # surname key -> person named in full
    units: set[str] = field(default_factory=set)  # UNIT: codes named in full
    states: Counter = field(default_factory=Counter)  # state code -> mentions of state words
    # (document offset, institution key, state) of "<state> <institution>" / "<institution> of <state>"
    institutions: list[tuple[int, str, str]] = field(default_factory=list)
    acronyms: dict[str, Resolution] = field(default_factory=dict)  # defined in brackets

    def dominant_state(self) -> str | None:
        """The state the document is about, when one clearly dominates its state words."""
        top = self.states.most_common(2)
        if not top or top[0][1] < MIN_DOMINANT:
            return None
        if len(top) > 1 and top[0][1] < DOMINANCE * top[1][1]:
            return None
        return top[0][0]

    def institution_state(self, key: str, at: int) -> tuple[str, str] | None:
        """The state of a bare institution at document offset `at`: (state, how it was found)."""
        earlier = [state for offset, k, state in self.institutions if k == key and offset < at]
        if earlier:
            return earlier[-1], "state of the same institution named earlier in the document"
        state = self.dominant_state()
        if state is not None:
            return state, "no state named with it: the state the document is about"
        return None


def collect_context(parsed: Iterable[tuple[Doc, int]], kb: KnowledgeBase, ctx: DocumentContext) -> None:
    """Persons and units named in full, state words counted, institutions named with their
    state; over the (Doc, document offset) of every parsed unit of a document."""
    for doc, offset in parsed:
        for ent in doc.ents:
            if not ent.kb_id_:
                continue
            targets = kb.alias_targets.get(ent.kb_id_, ())
            for t in targets:
                if t.role == "person" and len(ent) > 1:
                    person = kb.persons[t.ref.removeprefix("person:")]
                    for alias in person.aliases:
                        if " " not in alias:
                            ctx.persons.setdefault(alias_key(alias), person)
                elif t.role == "unit":
                    ctx.units.add(t.ref)
            state = next((t.ref for t in targets if t.role in STATE_ROLES), None)
            if state is None:
                continue
            ctx.states[state] += 1
            after = institution_after(ent, kb)
            if after is not None:
                start = ent.end + (1 if doc[ent.end].lower_ in ("'s", "’s") else 0)
                ctx.institutions.append((offset + ent.start_char, alias_key(doc[start:after[1]].text), state))
            before = institution_before(ent, kb)
            if before is not None:
                end = ent.start - 1 - (1 if doc[ent.start - 1].lower_ == "the" else 0)
                ctx.institutions.append((offset + doc[before[1]].idx, alias_key(doc[before[1]:end].text), state))
