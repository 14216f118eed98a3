"""Turning the entity mentions under a phrase of the parse into PLOVER participants.

The NLP stage resolves mentions (document offsets, canonical codes, ACTORS.md); the event stage
only maps them onto the tokens of the unit's parse and reads off who is inside a phrase. A
person, ministry or base carries its state's code with sector and identifier (resolved by the
NLP stage); a place used as an actor or recipient ("a visit to Dushanbe") stands for its state
through the knowledge base (`kb.state_of`), when one is available.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from ..types import Mention, Participant

PLACE_PREFIX = "PLACE:"
PLACE_KINDS = frozenset({"place", "location", "city", "region", "gpe-place"})
SITE_KINDS = frozenset({"military-unit", "base", "installation"})

StateOf = Callable[[str], "str | None"]


def is_place(m: Mention) -> bool:
    return bool(m.code and m.code.startswith(PLACE_PREFIX)) or m.kind in PLACE_KINDS


def is_site(m: Mention) -> bool:
    return is_place(m) or m.kind in SITE_KINDS


@dataclass
class TokenMentions:
    """The mentions of one parsed unit, indexed by the parse's token positions."""

    by_token: dict[int, Mention]
    mentions: tuple[Mention, ...]
    offset: int
    state_of: StateOf | None = None

    @classmethod
    def build(cls, doc, offset: int, mentions: Sequence[Mention], state_of: StateOf | None = None) -> TokenMentions:
        by_token: dict[int, Mention] = {}
        for m in mentions:
            span = doc.char_span(m.start - offset, m.end - offset, alignment_mode="expand")
            if span is None:
                continue
            for t in span:
                by_token.setdefault(t.i, m)
        return cls(by_token, tuple(mentions), offset, state_of)

    window: tuple[int, int] | None = None  # document offsets: mentions outside are ignored
    topic: tuple[Participant, ...] = ()  # who the previous sentence was about (its main subject)
    # counted groups named so far ("all five Central Asian presidents, X, Y, ..."): (offset, parties)
    groups: list = field(default_factory=list)
    # noun phrases named with their party ("Russian bombers"): lemma -> (offset, parties)
    described: dict = field(default_factory=dict)
    # who took part in the last meeting told (for "the leaders agreed ..." after a summit)
    meeting: tuple[Participant, ...] = ()
    words: object = None  # the unit's tokens.UnitWords, read once (see tokens.unit_words)

    def of(self, token) -> Mention | None:
        m = self.by_token.get(token.i)
        if m is not None and self.window is not None and not (self.window[0] <= m.start and m.end <= self.window[1]):
            return None
        return m

    def participant(self, m: Mention, allow_places: bool = True) -> Participant | None:
        """The participant a mention stands for; a place maps to its state, else None."""
        if not m.code:
            return None
        if is_place(m) or m.code.startswith(PLACE_PREFIX):
            if not allow_places or self.state_of is None:
                return None
            state = self.state_of(m.code)
            if not state or state.startswith(PLACE_PREFIX):
                return None
            return Participant(code=state, sector=None, entity_text=m.text, identifier_text=None)
        code = m.code
        if self.state_of is not None and m.kind in SITE_KINDS:
            code = self.state_of(m.code) or code
        return Participant(code=code, sector=m.sector, entity_text=m.text, identifier_text=m.identifier_text)

    def recent_parties(self, before: int, n: int, exclude: frozenset[str] = frozenset(),
                       kinds: frozenset[str] | None = None) -> tuple[Participant, ...]:
        """The last `n` distinct parties (of the given mention kinds; never places) named before
        document offset `before`, for "the two leaders" and "both sides"; () when fewer are named."""
        found: dict[str, Participant] = {}
        for m in reversed(self.mentions):
            if m.end > before or is_place(m) or not m.code or m.code in exclude:
                continue
            if kinds is not None and m.kind not in kinds:
                continue
            if m.code not in found:
                p = self.participant(m)
                if p is not None:
                    found[m.code] = p
            if len(found) == n:
                return tuple(found.values())
        return ()

    def setting_state(self, start: int, end: int) -> str | None:
        """The state where a sentence [start, end) is set: its first place mention's state, else the
        state the text so far is most about: places named before count twice, states once, the
        latest wins a tie (a text about Tbilisi that mentions Moscow once is set in Georgia)."""
        if self.state_of is None:
            return None
        before: dict[str, tuple[int, int]] = {}  # state -> (weight, last position)
        for i, m in enumerate(self.mentions):
            if m.start >= end:
                break
            if not m.code or not (is_place(m) or m.kind == "state"):
                continue
            state = self.state_of(m.code) if is_place(m) else m.code
            if not state or state.startswith(PLACE_PREFIX):
                continue
            if m.start >= start and is_place(m):
                return state
            if m.start < start:
                before[state] = (before.get(state, (0, 0))[0] + (2 if is_place(m) else 1), i)
        return max(before, key=lambda k: before[k]) if before else None

    def last_person_before(self, char: int) -> Mention | None:
        """The latest person mention ending before document offset `char` (for 'he', 'she');
        None when that person is not resolved to a code (someone the KB does not know)."""
        best = None
        for m in self.mentions:
            if m.end > char:
                break
            if (m.kind == "person" or m.identifier_text or m.label == "PERSON") and not is_place(m):
                best = m
        return best if best is not None and best.code else None


def unique(people: Iterable[Participant]) -> tuple[Participant, ...]:
    """Participants without repeats: one per (code, identifier); richer records win."""
    out: dict[tuple[str, str | None], Participant] = {}
    for p in people:
        key = (p.code, p.identifier_text)
        bare = (p.code, None)
        if p.identifier_text is None and any(k[0] == p.code for k in out):
            continue  # a bare "Russia" adds nothing to "Putin (RUS)"
        if bare in out and p.identifier_text is not None:
            del out[bare]
        if key not in out or (p.sector and not out[key].sector):
            out[key] = p
    return tuple(out.values())


def codes(people: Iterable[Participant]) -> frozenset[str]:
    return frozenset(p.code for p in people)
