"""Cross-report entity resolution: which mentions, in which reports, name the same person, group or place.

Mentions are joined (union-find) on evidence, each kind named so a result can be explained:
- same name up to case and punctuation ("CENTCOM" / "Centcom", "U.S." / "US");
- a link the text states: an acronym definition or two names side by side (see ``mentions``);
- the curated alias table (``data/aliases.tsv``: "ISIL" / "ISIS" / "Islamic State of Iraq and Syria");
- person names that can be one name spelled two ways, given names compatible ("Osama al-Muhajer" /
  "Usamah al-Muhajir");
- a surname alone ("Kurilla", "al-Muhajir") joins the one full name in the event that ends with it; with several,
  the one in the same report; with none or still several, it stays apart;
- an organisation's head word alone ("the Observatory") joins the one organisation of the report named with it.

The type of an entity comes from its strongest evidence (a title, an organisation word, the alias table), else the
most common NER label weighted by name length: "Grynkewich" typed as a place by the model is a person here.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from rashomon.mentions import ORG_WORDS, alias_table
from rashomon.names import (
    fold,
    generation,
    name_tokens,
    same_skeleton,
    skeleton,
    token_similarity,
)
from rashomon.places import is_known_place
from rashomon.records import ENTITY_TYPES, AliasLink, Entity, EntityType, Mention

SURNAME_MATCH = 0.93  # similarity needed for a surname alone to join a full name


@dataclass(frozen=True, slots=True)
class Resolution:
    entities: tuple[Entity, ...]
    by_span: dict[tuple[str, int, int], str]  # (report, start, end) of each mention -> entity id

    def entity_at(self, report: str, start: int, end: int) -> str | None:
        """The entity of the mention at this span, or of a mention inside it."""
        exact = self.by_span.get((report, start, end))
        if exact is not None:
            return exact
        inside = [(s, e, eid) for (r, s, e), eid in self.by_span.items() if r == report and start <= s and e <= end]
        if inside:
            return min(inside)[2]
        around = [(e - s, eid) for (r, s, e), eid in self.by_span.items() if r == report and s <= start and end <= e]
        return min(around)[1] if around else None


def name_key(mention: Mention) -> str:
    entry = alias_table().get(mention.name.casefold())
    if entry is not None:
        return "alias:" + entry.canonical.casefold()
    # a plural of a model name is the model: "MQ-9s" / "MQ-9", "F-16s" / "F-16"
    return "name:" + re.sub(r"(?<=\d)s$", "", fold(mention.name).replace(" ", ""))


def resolve_entities(mentions: Sequence[Mention], links: Iterable[AliasLink] = ()) -> Resolution:
    """Group mentions of all reports of one event into entities."""
    ms = sorted(mentions, key=lambda m: (m.report, m.start))
    order = {r: k for k, r in enumerate(dict.fromkeys(m.report for m in mentions))}
    ms.sort(key=lambda m: (order[m.report], m.start))
    uf = _Groups(len(ms))
    _join_same_names(ms, uf)
    _join_links(ms, links, uf)
    _join_person_spellings(ms, uf)
    _join_place_spellings(ms, uf)
    _join_short_names(ms, uf)
    _join_name_variants(ms, uf)
    _join_undefined_acronyms(ms, uf)
    _join_qualified_names(ms, uf)
    _join_designations(ms, uf)
    _join_trailing_words(ms, uf)
    groups = sorted((sorted(g) for g in uf.subsets()), key=lambda g: g[0])
    entities: list[Entity] = []
    taken: set[str] = set()
    by_span: dict[tuple[str, int, int], str] = {}
    for members in groups:
        group = tuple(ms[i] for i in members)
        entity = _entity(group, taken)
        taken.add(entity.id)
        entities.append(entity)
        for m in group:
            by_span[(m.report, m.start, m.end)] = entity.id
    return Resolution(tuple(entities), by_span)


class _Groups:
    """Mention indices joined into groups (scipy's DisjointSet, with the verbs used here)."""

    def __init__(self, n: int) -> None:
        from scipy.cluster.hierarchy import DisjointSet

        self._sets: DisjointSet[int] = DisjointSet(range(n))

    def find(self, i: int) -> int:
        return int(self._sets[i])

    def union(self, a: int, b: int) -> None:
        self._sets.merge(a, b)

    def subsets(self) -> list[set[int]]:
        return [set(s) for s in self._sets.subsets()]


def _join_same_names(ms: Sequence[Mention], uf: _Groups) -> None:
    first: dict[str, int] = {}
    for i, m in enumerate(ms):
        key = name_key(m)
        if key in first:
            uf.union(first[key], i)
        else:
            first[key] = i


def _join_links(ms: Sequence[Mention], links: Iterable[AliasLink], uf: _Groups) -> None:
    index = {(m.report, m.start, m.end): i for i, m in enumerate(ms)}
    for link in links:
        a = index.get((link.report, *link.long))
        b = index.get((link.report, *link.short))
        if a is not None and b is not None:
            uf.union(a, b)


def _is_personish(m: Mention) -> bool:
    return m.label == "PERSON" or (not m.strong_type and m.label in ("GPE", "ORG", "NORP", "OTHER"))


def _join_person_spellings(ms: Sequence[Mention], uf: _Groups) -> None:
    """Full names that the name matcher takes for one name spelled two ways, under constraints: given names
    compatible, every token of the shorter name found in the longer, no conflicting suffix or gendered title. Each
    distinct spelling is compared once (mentions of one spelling are already one entity), so the cost grows with the
    names of the event, not with their mentions."""
    first_of: dict[tuple[str, ...], int] = {}
    for i, m in enumerate(ms):
        if m.label == "PERSON":
            tokens = name_tokens(m.name)
            if len(tokens) >= 2:
                key = (*tokens, generation(m.name))
                if key in first_of:
                    uf.union(first_of[key], i)  # the same name once titles are set aside
                else:
                    first_of[key] = i
    full = list(first_of.values())
    surname = {i: name_tokens(ms[i].name)[-1] for i in full}
    # only names whose surnames begin alike, or sound alike, are weighed (the matcher's threshold needs both)
    for i, j in blocked_pairs(full, lambda i: _surname_keys(surname[i])):
        if uf.find(i) != uf.find(j) and same_person_name(ms[i].name, ms[j].name):
            uf.union(i, j)


def _surname_keys(surname: str) -> tuple[str, ...]:
    """Blocking keys of a surname: its first letter, and the start and the middle of its consonant skeleton (so
    that "Gaddafi" and "Qaddafi" still meet)."""
    bones = skeleton(surname)
    return (f"first:{surname[:1]}", f"head:{bones[:3]}", f"tail:{bones[1:4]}")


BLOCK = 200  # names one blocking key may hold before each is weighed against its next WINDOW only
WINDOW = 20


def blocked_pairs(items: Sequence[int], keys: Callable[[int], Iterable[str]]) -> list[tuple[int, int]]:
    """Pairs (in the items' order) that share a blocking key: all pairs of a key held by up to ``BLOCK`` items,
    each with its next ``WINDOW`` in a larger one, so the cost grows with the names, not with their pairs."""
    blocks: dict[str, list[int]] = defaultdict(list)
    for item in items:
        for key in dict.fromkeys(keys(item)):
            blocks[key].append(item)
    pairs: set[tuple[int, int]] = set()
    for members in blocks.values():
        reach = len(members) if len(members) <= BLOCK else WINDOW
        for k, a in enumerate(members):
            pairs.update((a, b) for b in members[k + 1 : k + 1 + reach])
    order = {item: k for k, item in enumerate(items)}
    return sorted(pairs, key=lambda p: (order[p[0]], order[p[1]]))


def same_person_name(a: str, b: str) -> bool:
    """Two full names of one person in one event: the learned matcher's score at or above its threshold (precision
    0.95 on held-out name pairs), and nothing that marks two people (a different given name or initial, a name part
    the other lacks, a suffix, a gendered title)."""
    from rashomon.matcher import default_model, match_tokens, name_score, penalty, tokens_agree

    ta, tb = match_tokens(a), match_tokens(b)
    if not ta or not tb or penalty(a, b) < 1.0:
        return False
    if len(ta) >= 2 and len(tb) >= 2 and not tokens_agree(ta[0], tb[0]):
        return False  # "Hillary Clinton" / "Bill Clinton", "J. Smith" / "Mary Smith"
    if len(ta) > len(tb):
        ta, tb = tb, ta
    if not all(any(tokens_agree(x, y) for y in tb) for x in ta):
        return False  # "Kim Jong Un" / "Kim Jong Il", "Mohammed bin Salman" / "Mohammed bin Nayef"
    model = default_model()
    return name_score(a, b, model) >= model.threshold


PLACE_WORDS = frozenset(
    "county province district region state city town village municipality prefecture governorate oblast".split()
)
PLACE_MATCH = 0.95  # Jaro-Winkler of two spellings of one place name ("Nangahar" / "Nangarhar")


def place_key(name: str) -> str:
    """A place name without its generic word ("Ahrweiler county" -> ahrweiler)."""
    words = [w for w in fold(name).split() if w not in PLACE_WORDS]
    return " ".join(words) or fold(name)


def _join_place_spellings(ms: Sequence[Mention], uf: _Groups) -> None:
    """Places named the same once a generic word is set aside, or spelled two ways ("Nangahar" / "Nangarhar",
    "Clovedale" / "Cloverdale"): long names only, so that Iran and Iraq stay two countries."""
    first_of: dict[str, int] = {}
    for i, m in enumerate(ms):
        if m.label not in ("GPE", "LOC", "FAC"):
            continue
        key = place_key(m.name)
        if key in first_of:
            uf.union(first_of[key], i)
        else:
            first_of[key] = i
    names = dict(first_of.items())
    key_of = {i: a for a, i in names.items()}
    long_names = [i for a, i in names.items() if len(a) >= 7 and " " not in a]
    for i, j in blocked_pairs(long_names, lambda i: (skeleton(key_of[i])[:2],)):
        a, b = key_of[i], key_of[j]
        if uf.find(i) != uf.find(j):
            both_known = is_known_place(a) and is_known_place(b)  # Colombia and Columbia are two places
            if token_similarity(a, b) >= PLACE_MATCH and skeleton(a)[:2] == skeleton(b)[:2] and not both_known:
                uf.union(i, j)


def _join_short_names(ms: Sequence[Mention], uf: _Groups) -> None:
    """A surname alone joins the one full name ending with it; an organisation's head word its organisation."""
    full_people: dict[int, list[int]] = defaultdict(list)  # entity root -> mention indices with full names
    surnames: dict[int, set[str]] = defaultdict(set)  # entity root -> the surnames its full names end with
    for i, m in enumerate(ms):
        tokens = name_tokens(m.name)
        if m.label == "PERSON" and len(tokens) >= 2:
            root = uf.find(i)
            full_people[root].append(i)
            surnames[root].add(tokens[-1])
    matches: dict[str, set[int]] = {}  # a one-word name -> the roots whose surnames it matches
    by_initial: dict[str, list[tuple[int, str]]] = defaultdict(list)  # surnames by first letter (a match needs it)
    for root, names in surnames.items():
        for n in names:
            by_initial[n[:1]].append((root, n))
    for i, m in enumerate(ms):
        tokens = name_tokens(m.name)
        if len(tokens) != 1 or not _is_personish(m) or m.name.isupper():
            continue
        if tokens[0] not in matches:
            matches[tokens[0]] = {
                root for root, n in by_initial.get(tokens[0][:1], ()) if _surname_matches(tokens[0], n)
            }
        candidates = set(matches[tokens[0]])
        if len(candidates) > 1:
            candidates = {root for root in candidates if any(ms[k].report == m.report for k in full_people[root])}
        if len(candidates) == 1:
            uf.union(candidates.pop(), i)
    orgs: dict[tuple[str, str], list[int]] = defaultdict(list)  # (report, word) -> organisations with the word
    for k, o in enumerate(ms):
        if o.label == "ORG" and len(o.name.split()) >= 2:
            for word in set(o.name.split()):
                orgs[(o.report, word)].append(k)
    for i, m in enumerate(ms):
        if len(m.name.split()) != 1 or m.name not in ORG_WORDS:
            continue
        owners = {uf.find(k) for k in orgs.get((m.report, m.name), ())}
        if len(owners) == 1:
            uf.union(owners.pop(), i)


NAMED_THINGS = ("ORG", "PRODUCT", "FAC", "EVENT", "OTHER", "NORP")
_JOINERS = frozenset("of the and for de du la le del des di da".split())


def _join_name_variants(ms: Sequence[Mention], uf: _Groups) -> None:
    """Names of several words that differ only by a plural ("Academy of Motion Pictures Arts" / "... Picture Arts")
    or, for places, by one word spelled two ways ("Gulf of Eden" / "Gulf of Aden"; not two known places)."""
    first_of: dict[tuple[str, str], int] = {}
    places: dict[tuple[str, ...], int] = {}
    written: dict[tuple[str, ...], int] = {}
    for i, m in enumerate(ms):
        words = [ABBREVIATIONS.get(w, w) for w in fold(m.name).split()]
        if len(words) < 2 or m.label == "PERSON":
            continue
        written.setdefault(tuple(m.name.replace(".", "").split()), i)
        key = ("name", " ".join(w[:-1] if len(w) > 3 and w.endswith("s") else w for w in words))
        if key in first_of:
            uf.union(first_of[key], i)
        else:
            first_of[key] = i
        if m.label in ("GPE", "LOC", "FAC"):
            places.setdefault(tuple(words), i)
    # "INS Sukanya" / "Indian Naval Ship Sukanya": only a name that writes an acronym is looked at, against the
    # names that share its first or last word, or whose initials are the acronym (an index, not every pair)
    by_edge: dict[tuple[str, str], list[tuple[tuple[str, ...], int]]] = defaultdict(list)
    for b, j in written.items():
        by_edge[("first", b[0])].append((b, j))
        by_edge[("last", b[-1])].append((b, j))
        by_edge[("initials", acronym_of(" ".join(b)))].append((b, j))
    for a, i in written.items():
        acronyms = [k for k, w in enumerate(a) if 2 <= len(w) <= 6 and w.isupper() and w.isalpha()]
        if not acronyms:
            continue
        near = by_edge.get(("first", a[0]), []) + by_edge.get(("last", a[-1]), [])
        near += [x for k in acronyms for x in by_edge.get(("initials", a[k]), [])]
        for b, j in near:
            if i != j and uf.find(i) != uf.find(j) and _acronym_inside(a, b):
                uf.union(i, j)
    # a place written with one word spelled two ways: places of one length that agree but at one position
    by_gap: dict[tuple[int, int, tuple[str, ...]], list[int]] = defaultdict(list)
    spelled = {i: a for a, i in places.items()}
    for a, i in places.items():
        for k in range(len(a)):
            by_gap[(len(a), k, a[:k] + a[k + 1 :])].append(i)
    for members in by_gap.values():
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                a, b = spelled[i], spelled[j]
                both_known = is_known_place(" ".join(a)) and is_known_place(" ".join(b))
                if uf.find(i) != uf.find(j) and _one_word_respelled(a, b) and not both_known:
                    uf.union(i, j)


ABBREVIATIONS = {"mt": "mount", "ft": "fort", "mtn": "mountain", "natl": "national", "intl": "international"}


def _acronym_inside(a: Sequence[str], b: Sequence[str]) -> bool:
    """``a`` writes as an acronym words that ``b`` spells out, the rest the same: "INS Sukanya" / "Indian Naval Ship
    Sukanya", "UN Security Council" / "United Nations Security Council"."""
    for k, word in enumerate(a):
        if 2 <= len(word) <= 6 and word.isupper() and word.isalpha() and len(b) > len(a):
            pre, post = list(a[:k]), list(a[k + 1 :])
            same_rest = list(b[:k]) == pre and (not post or list(b[len(b) - len(post) :]) == post)
            if same_rest and acronym_of(" ".join(b[k : len(b) - len(post)])) == word:
                return True
    return False


def _one_word_respelled(a: Sequence[str], b: Sequence[str]) -> bool:
    differ = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    return len(differ) == 1 and len(differ[0][0]) >= 4 and same_skeleton(*differ[0])


def acronym_of(name: str) -> str:
    """The initials of a name of several words, joining words left out ("American Medical Association" -> AMA)."""
    words = [w for w in re.split(r"[\s-]+", name) if w and w.casefold() not in _JOINERS]
    return "".join(w[0] for w in words).upper() if len(words) >= 2 else ""


def _join_undefined_acronyms(ms: Sequence[Mention], uf: _Groups) -> None:
    """An acronym no report defines ("AMA") joins the one name of several words in the event with its initials
    ("American Medical Association"); with several such names, or none, it stays apart."""
    by_initials: dict[str, set[int]] = defaultdict(set)
    for i, m in enumerate(ms):
        if m.label != "PERSON" and " " in m.name:
            initials = acronym_of(m.name)
            if len(initials) >= 2:
                by_initials[initials].add(uf.find(i))
    for i, m in enumerate(ms):
        short = m.name.replace(".", "")
        if 2 <= len(short) <= 6 and short.isupper() and short.isalpha() and m.label != "PERSON":
            owners = {uf.find(k) for k in by_initials.get(short, ())}
            if len(owners) == 1:
                uf.union(owners.pop(), i)


def _join_trailing_words(ms: Sequence[Mention], uf: _Groups) -> None:
    """A one-word name that ends exactly one name of several words of a team, ship, product or organisation
    ("Chargers" / "San Diego Chargers", "Camry" / "Toyota Camry", "Sukanya" / "INS Sukanya") joins it. Places
    never: "Aden" is not "Gulf of Aden"."""
    endings: dict[str, set[int]] = defaultdict(set)
    for i, m in enumerate(ms):
        words = m.name.split()
        if len(words) >= 2 and m.label in NAMED_THINGS and words[-1][:1].isupper():
            endings[words[-1].casefold()].add(uf.find(i))
    people = {uf.find(i) for i, m in enumerate(ms) if m.label == "PERSON" and m.strong_type}
    for i, m in enumerate(ms):
        if " " in m.name or m.label in ("GPE", "LOC") or m.name in ORG_WORDS or m.name.isupper():
            continue
        owners = {uf.find(k) for k in endings.get(m.name.casefold(), ())} - people
        if len(owners) == 1:
            uf.union(owners.pop(), i)


def _join_qualified_names(ms: Sequence[Mention], uf: _Groups) -> None:
    """A name joins the one longer name that ends with it after a place ("Surgeon General" / "U.S. Surgeon General",
    "Reaper" / "US Reaper") or, for places of several words, after any name ("Mount Cook" / "Aoraki Mount Cook")."""
    by_words: dict[tuple[str, ...], int] = {}
    for i, m in enumerate(ms):
        if m.label != "PERSON":
            by_words.setdefault(tuple(ABBREVIATIONS.get(w, w) for w in fold(m.name).split()), i)
    ending_with: dict[tuple[str, ...], list[tuple[tuple[str, ...], int]]] = defaultdict(list)
    for long, j in by_words.items():
        for k in range(1, len(long)):
            ending_with[long[k:]].append((long, j))
    for short, i in by_words.items():
        owners = set()
        for long, j in ending_with.get(short, ()):
            if len(long) > len(short):
                head = " ".join(long[: -len(short)])
                place_head = is_known_place(head) or _is_place_alias(head)
                if place_head or (len(short) >= 2 and ms[j].label in ("GPE", "LOC", "FAC")):
                    owners.add(uf.find(j))
        if len(owners) == 1:
            uf.union(owners.pop(), i)


DESIGNATION = re.compile(r"[A-Z]{1,4}-?\d{1,4}[A-Z]?\Z")  # a model designation: MQ-9, F-16, T-72, A320


def _join_designations(ms: Sequence[Mention], uf: _Groups) -> None:
    """A model designation alone ("MQ-9", "MQ-9s") joins the one name of several words that starts with it ("MQ-9
    Reaper")."""
    starts: dict[str, set[int]] = defaultdict(set)
    for i, m in enumerate(ms):
        words = m.name.split()
        if len(words) >= 2 and DESIGNATION.match(words[0]):
            starts[words[0].casefold()].add(uf.find(i))
    for i, m in enumerate(ms):
        alone = re.sub(r"(?<=\d)s\Z", "", m.name)
        if " " not in m.name and DESIGNATION.match(alone):
            owners = {uf.find(k) for k in starts.get(alone.casefold(), ())}
            if len(owners) == 1:
                uf.union(owners.pop(), i)


def _is_place_alias(words: str) -> bool:
    table = alias_table()
    entry = table.get(words) or table.get(words.replace(" ", "")) or table.get(words.replace(" ", ".") + ".")
    return entry is not None and entry.type in ("GPE", "LOC")


def _surname_matches(a: str, b: str) -> bool:
    return a == b or (same_skeleton(a, b) and len(a) >= 4) or token_similarity(a, b) >= SURNAME_MATCH


def _entity(group: Sequence[Mention], taken: set[str]) -> Entity:
    etype = _entity_type(group)
    name = _canonical_name(group, etype)
    aliases = tuple(dict.fromkeys(m.text for m in group if m.text != name))
    return Entity(entity_id(etype, group, taken), name, etype, aliases, tuple(group))


def entity_id(etype: str, group: Sequence[Mention], taken: AbstractSet[str] = frozenset()) -> str:
    """An id from the entity's content ("E-" and 10 hex digits): its type and, of its fullest names, the first in
    alphabetical order once folded, so the same mentions give the same id in whatever order the reports come. Two
    entities with one name (two people kept apart) are told apart by their first mention (report and offsets)."""
    folded = {fold(m.name) or m.name for m in group}
    most = max(len(n.split()) for n in folded)
    key = f"{etype}\t{min(n for n in folded if len(n.split()) == most)}"
    eid = "E-" + hashlib.blake2b(key.encode("utf-8"), digest_size=5).hexdigest()
    if eid in taken:
        first = min((m.report, m.start, m.end) for m in group)
        eid = "E-" + hashlib.blake2b(f"{key}\t{first}".encode(), digest_size=5).hexdigest()
    return eid


def _entity_type(group: Sequence[Mention]) -> EntityType:
    listed = {entry.type for m in group if (entry := alias_table().get(m.name.casefold())) is not None}
    if len(listed) == 1:  # the curated table knows the name: "Twitter" is a company, "Covid" a disease
        return as_entity_type(listed.pop())
    strong = Counter(m.label for m in group if m.strong_type)
    if strong:
        return as_entity_type(strong.most_common(1)[0][0])
    votes: Counter[str] = Counter()
    for m in group:
        votes[m.label] += len(m.name.split())
    if any(m.label == "PERSON" and len(name_tokens(m.name)) >= 2 for m in group):
        return "PERSON"
    guess = votes.most_common(1)[0][0]
    if guess in ("ORG", "PERSON", "OTHER", "PRODUCT") and any(is_known_place(m.name) for m in group):
        return "GPE"  # the model's guess loses to the gazetteer: "Munshiganj" is a town, not an organisation
    return as_entity_type(guess)


def as_entity_type(label: str) -> EntityType:
    """A mention label as the contract's entity type (anything unknown is OTHER)."""
    return next((t for t in ENTITY_TYPES if t == label), "OTHER")


def _canonical_name(group: Sequence[Mention], etype: str) -> str:
    """The name an entity is shown by: the alias table's canonical name when a report writes it; for a person the
    fullest name; else the most common name (organisations: the most common of several words). Among spellings of
    one form, the usual case wins: a dateline or headline in capitals is not the canonical form, and a name only ever
    written in capitals is shown in title case ("WASHINGTON" -> "Washington"; acronyms such as NATO stay)."""
    name = _chosen_name(group, etype)
    return name.title() if _shouted(name) else name


def _chosen_name(group: Sequence[Mention], etype: str) -> str:
    counts = Counter(_usual_case(m.name, group) for m in group)
    entries = {alias_table().get(m.name.casefold()) for m in group} - {None}
    if len(entries) == 1:  # the table's canonical name, when a report writes it (names shown are traceable)
        entry = entries.pop()
        written = {n.casefold(): n for n in counts}
        if entry is not None and entry.canonical.casefold() in written:
            return written[entry.canonical.casefold()]
    first_seen = {_usual_case(m.name, group): k for k, m in reversed(list(enumerate(group)))}
    if etype == "PERSON":
        return max(counts, key=lambda n: (not _shouted(n), len(name_tokens(n)), counts[n], -first_seen[n]))
    multi = [n for n in counts if len(n.split()) >= 2]
    if multi and etype in ("ORG", "FAC", "EVENT"):
        return max(multi, key=lambda n: (not _shouted(n), counts[n], len(n), -first_seen[n]))
    return max(counts, key=lambda n: (not _shouted(n), counts[n], len(n), -first_seen[n]))


def _shouted(name: str) -> bool:
    """A name in capitals that are not an acronym ("MUAMMAR GADDAFI" in a dateline; "NATO" is an acronym)."""
    return name.isupper() and (" " in name or len(name) > 5) and any(c in "AEIOU" for c in name)


def _usual_case(name: str, group: Sequence[Mention]) -> str:
    """The most common casing of ``name`` among the group's mentions, capitals last ("Assad" over "ASSAD")."""
    same = Counter(m.name for m in group if m.name.casefold() == name.casefold())
    return max(same, key=lambda n: (not _shouted(n), same[n], n))
