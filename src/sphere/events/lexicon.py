"""The PLOVER predicate lexicon: data (`data/lexicon.yaml`) loaded into typed, validated entries.

Knowledge about which words signal which PLOVER event lives in the YAML file, one entry per
group of lemmas with the source it follows, so an analyst can extend coverage without touching
code. This module validates that file on load (a bad entry is an error naming the file and the
entry) and indexes it by (lemma, part of speech) for the extractor.

Entry fields: `lemmas`, `pos` (verb | noun | adj), `event` (a PLOVER type), optional `mode`,
`context`, `object` (allowed object heads: lemmas and `@class` names), `prep` (a preposition the
trigger must govern; its object is then the object), `particle` / `particle_optional`,
`only_negated`, `passive_only`, `xcomp_required`, `intransitive`, `inverse` (the subject hosts:
the object is the actor), `speech` (a speech act: the events its complement reports are its
content, not separate events), `requires_participants` (at least N participants besides none),
`requires_recipient`, `requires_official`, `forces_required`, `object_is_recipient` (default
true), `joint_event`/`joint_mode` (type when two or more parties act together), `governed_by`,
`modifiers` (and `unless_modifiers`: "press conference" is no conference of parties), `complement_adj`, `needs_complement`, `patient_of`, `support` (a nominal needs a light verb or one of these words
in its phrase: "military drills", not "room for manoeuvre"), `subject` (the subject's head must be
one of these words or `@class` members: "crowds stormed", "thousands of people gathered"),
`source` (required). In `object`, `*mention` accepts a person or group mention, `*igo` an
international organisation ("pulled out of the CSTO") and `*place` a place or site ("took over Kabul").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

import yaml

from ..errors import ConfigError
from ..kb.loading import SAFE_LOADER

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
    "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
# Types whose event is a statement (ANNOTATION: dated when said).
VERBAL_TYPES = frozenset({"AGREE", "SUPPORT", "ACCUSE", "REJECT", "REQUEST", "THREATEN", "CONCEDE"})
# Cooperative types that become AGREE when reported in the future (PLOVER AGREE).
FUTURE_TO_AGREE = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID"})
POS = {"verb": ("VERB", "AUX"), "noun": ("NOUN", "PROPN"), "adj": ("ADJ", "ADP", "VERB")}
KNOWN_FIELDS = {
    "lemmas", "pos", "event", "mode", "context", "object", "prep", "particle", "particle_optional",
    "only_negated", "passive_only", "xcomp_required", "intransitive", "inverse", "speech",
    "requires_participants", "requires_recipient", "requires_official", "forces_required",
    "object_is_recipient", "joint_event", "joint_mode", "governed_by", "modifiers",
    "complement_adj", "support", "needs_complement", "patient_of", "future_event", "passive_actor", "forces_subject", "subject",
    "unless_modifiers",
    "source",
}


@dataclass(frozen=True)
class PredicateEntry:
    lemmas: frozenset[str]
    pos: str
    event: str
    source: str
    mode: tuple[str, ...] = ()
    context: tuple[str, ...] = ()
    objects: frozenset[str] = frozenset()  # allowed object head lemmas (classes expanded)
    object_mentions: bool = False  # an entity mention as object also satisfies `objects`
    object_igo: bool = False  # an international organisation's mention as object satisfies `objects`
    object_places: bool = False  # a place or site mention as object satisfies `objects`
    subjects: frozenset[str] = frozenset()  # the subject's head must be one of these (classes expanded)
    prep: frozenset[str] = frozenset()
    particle: frozenset[str] = frozenset()
    particle_optional: frozenset[str] = frozenset()
    only_negated: bool = False
    passive_only: bool = False
    xcomp_required: bool = False
    intransitive: bool = False
    inverse: bool = False
    speech: bool = False
    requires_participants: int = 0
    requires_recipient: bool = False
    requires_official: bool = False
    forces_required: bool = False
    object_is_recipient: bool = True
    joint_event: str | None = None
    joint_mode: tuple[str, ...] | None = None
    governed_by: frozenset[str] = frozenset()
    modifiers: frozenset[str] = frozenset()
    unless_modifiers: frozenset[str] = frozenset()  # "press conference": a modifier that makes it no event
    complement_adj: frozenset[str] = frozenset()
    support: frozenset[str] = frozenset()  # a nominal needs a light verb or one of these words before it
    needs_complement: bool = False  # "warned that ...", not a parenthetical "..., he warned"
    patient_of: bool = False  # "training of the armies of X": the 'of' phrase is the recipient
    future_event: str | None = None  # the type when reported in the future ("will allow" = AGREE)
    passive_actor: bool = False  # "guerrillas have been demobilized": the passive subject acts
    forces_subject: bool = False  # the subject must be armed forces ("troops arrived")
    index: int = 0  # position in the file: earlier entries win


@dataclass(frozen=True)
class ModeRule:
    mode: str
    words: frozenset[str]


@dataclass(frozen=True)
class Lexicon:
    entries: tuple[PredicateEntry, ...]
    classes: dict[str, frozenset[str]]
    light_verbs: frozenset[str]
    subject_light: frozenset[str]
    partitive: frozenset[str]  # "rounds [of talks]": nouns that pass a light verb to their "of" nominal
    reporting_verbs: frozenset[str]
    future_markers: frozenset[str]
    habitual: frozenset[str]
    preventive: frozenset[str]
    modes: dict[str, tuple[ModeRule, ...]]
    by_lemma: dict[tuple[str, str], tuple[PredicateEntry, ...]] = field(default_factory=dict)
    _keys: frozenset[str] = frozenset()

    @property
    def trigger_keys(self) -> frozenset[str]:
        """Every word that can start a predicate: lexicon lemmas and reporting verbs."""
        return self._keys

    def candidates(self, lemma: str, pos: str) -> tuple[PredicateEntry, ...]:
        return self.by_lemma.get((lemma, pos), ())

    def in_class(self, name: str, lemma: str) -> bool:
        return lemma in self.classes.get(name, frozenset())


def _words(value, where: str) -> frozenset[str]:
    if value is None:
        return frozenset()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: expected a list of words, got {value!r}")
    return frozenset(v.lower() for v in value)


def _objects(value, classes: dict[str, frozenset[str]], where: str) -> tuple[frozenset[str], bool, bool, bool]:
    """`object` as a list of lemmas, or a string of `@class` names and `[lemma, ...]` lists."""
    if value is None:
        return frozenset(), False, False, False
    items = value if isinstance(value, list) else str(value).replace("[", " ").replace("]", " ").replace(",", " ").split()
    out: set[str] = set()
    for item in items:
        item = str(item).strip()
        if item.startswith("@"):
            name = item[1:]
            if name not in classes:
                raise ConfigError(f"{where}: unknown word class {item!r}")
            out |= classes[name]
        elif item:
            out.add(item.lower())
    mentions, igo, places = "*mention" in out, "*igo" in out, "*place" in out
    out -= {"*mention", "*igo", "*place"}
    return frozenset(out), mentions, igo, places


def parse_lexicon(data: dict, origin: str) -> Lexicon:
    """Validate the YAML structure and build the indexed lexicon; errors name `origin`."""
    if not isinstance(data, dict) or "predicates" not in data:
        raise ConfigError(f"{origin}: a lexicon needs a 'predicates' list")
    classes: dict[str, frozenset[str]] = {}
    for name, spec in (data.get("classes") or {}).items():
        if not isinstance(spec, dict) or "words" not in spec or "source" not in spec:
            raise ConfigError(f"{origin}: class {name!r} needs 'words' and 'source'")
        classes[name] = _words(spec["words"], f"{origin}: class {name}")
    entries: list[PredicateEntry] = []
    for i, raw in enumerate(data["predicates"]):
        where = f"{origin}: predicate #{i + 1} ({(raw or {}).get('lemmas')})"
        if not isinstance(raw, dict):
            raise ConfigError(f"{where}: not a mapping")
        unknown = set(raw) - KNOWN_FIELDS
        if unknown:
            raise ConfigError(f"{where}: unknown fields {sorted(unknown)}")
        for required in ("lemmas", "pos", "event", "source"):
            if required not in raw:
                raise ConfigError(f"{where}: missing {required!r}")
        if raw["event"] not in PLOVER_TYPES or (raw.get("joint_event") and raw["joint_event"] not in PLOVER_TYPES):
            raise ConfigError(f"{where}: {raw['event']!r} is not a PLOVER event type")
        if raw["pos"] not in POS:
            raise ConfigError(f"{where}: pos must be one of {sorted(POS)}")
        objects, object_mentions, object_igo, object_places = _objects(raw.get("object"), classes, where)
        subjects = _objects(raw.get("subject"), classes, where)[0]
        entries.append(PredicateEntry(
            lemmas=_words(raw["lemmas"], where), pos=raw["pos"], event=raw["event"],
            source=str(raw["source"]), mode=tuple(raw.get("mode") or ()),
            context=tuple(raw.get("context") or ()), objects=objects,
            object_mentions=object_mentions, object_igo=object_igo, object_places=object_places, subjects=subjects, prep=_words(raw.get("prep"), where),
            particle=_words(raw.get("particle"), where),
            particle_optional=_words(raw.get("particle_optional"), where),
            only_negated=bool(raw.get("only_negated")), passive_only=bool(raw.get("passive_only")),
            xcomp_required=bool(raw.get("xcomp_required")), intransitive=bool(raw.get("intransitive")),
            inverse=bool(raw.get("inverse")), speech=bool(raw.get("speech")),
            requires_participants=int(raw.get("requires_participants") or 0),
            requires_recipient=bool(raw.get("requires_recipient")),
            requires_official=bool(raw.get("requires_official")),
            forces_required=bool(raw.get("forces_required")),
            object_is_recipient=bool(raw.get("object_is_recipient", True)),
            joint_event=raw.get("joint_event"),
            joint_mode=tuple(raw["joint_mode"]) if "joint_mode" in raw else None,
            governed_by=_words(raw.get("governed_by"), where),
            modifiers=_words(raw.get("modifiers"), where),
            unless_modifiers=_words(raw.get("unless_modifiers"), where),
            complement_adj=_objects(raw.get("complement_adj"), classes, where)[0],
            support=_words(raw.get("support"), where),
            needs_complement=bool(raw.get("needs_complement")), patient_of=bool(raw.get("patient_of")),
            future_event=raw.get("future_event"), passive_actor=bool(raw.get("passive_actor")),
            forces_subject=bool(raw.get("forces_subject")),
            index=i,
        ))
    modes: dict[str, tuple[ModeRule, ...]] = {}
    for etype, rules in (data.get("modes") or {}).items():
        if etype not in PLOVER_TYPES:
            raise ConfigError(f"{origin}: modes for unknown type {etype!r}")
        modes[etype] = tuple(ModeRule(r["mode"], _words(r["words"], f"{origin}: modes {etype}")) for r in rules)

    def word_list(key: str, sub: str = "words") -> frozenset[str]:
        return _words((data.get(key) or {}).get(sub), f"{origin}: {key}")

    by_lemma: dict[tuple[str, str], list[PredicateEntry]] = {}
    for e in entries:
        for lemma in e.lemmas:
            by_lemma.setdefault((lemma, e.pos), []).append(e)
    return Lexicon(
        entries=tuple(entries), classes=classes, light_verbs=word_list("light_verbs"),
        subject_light=word_list("light_verbs", "subject_light"), partitive=word_list("light_verbs", "partitive"),
        reporting_verbs=word_list("reporting_verbs"), future_markers=word_list("future_markers"),
        habitual=word_list("habitual"), preventive=word_list("preventive"),
        modes=modes, by_lemma={k: tuple(v) for k, v in by_lemma.items()},
        _keys=frozenset(k for k, _ in by_lemma) | word_list("reporting_verbs"),
    )


def read_lexicon(path: str | Path) -> Lexicon:
    path = Path(path)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"{path}: cannot read the lexicon: {exc}") from exc
    return parse_lexicon(data, str(path))


@cache
def load_lexicon() -> Lexicon:
    """The lexicon shipped with Sphere, loaded once per process."""
    ref = resources.files("sphere.events") / "data" / "lexicon.yaml"
    with resources.as_file(ref) as path:
        return read_lexicon(path)
