"""Cross-document coreference of named entity mentions on ECB+ (CoNLL F1: the mean of MUC, B-cubed and CEAF-e F1).

Gold
    The entity markables of the ECB+ XML (``HUMAN_PART_*``, ``NON_HUMAN_PART*``, ``LOC_*``; not the events
    ``ACTION_*`` / ``NEG_ACTION_*`` nor ``TIME_*``) in the sentences of ``ECBplus_coreference_sentences.csv`` (the ones
    whose annotation is complete), kept when they carry a proper name (``is_name_token``). A mention's cluster is the
    instance id of its ``CROSS_DOC_COREF`` relation; a mention in no cross-document chain joins its
    ``INTRA_DOC_COREF`` chain, else it is a singleton. Clusters never cross sub-topics (``ecbplus:<topic>:ecb`` and
    ``ecbplus:<topic>:ecbplus``): every cluster id is prefixed by its sub-topic, and the mentions of all sub-topics are
    pooled into one key and one response before scoring.

Runs
    ``gold``: the gold named mentions, as ``Mention`` records, resolved by ``resolve_entities`` per sub-topic.
    ``system``: the mentions rashomon finds itself (``find_mentions`` on the spaCy parse, with their alias links),
    resolved per sub-topic; a system mention takes the place of the gold mention it matches (``match_mentions``).
    ECB+ annotates only some sentences and only the participants of its events, so a system mention with no gold
    counterpart cannot be judged: it is dropped from the response. A gold mention no system mention matches stays in
    the key, where it counts against recall as the reference scorer counts a missing mention.

Scorer (``muc``, ``b_cubed``, ``ceaf_e``): the definitions of the reference CoNLL scorer (v8, Pradhan et al. 2014),
with its handling of mentions present in only the key or only the response, see each function.
"""

from __future__ import annotations

import csv
import time
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from collections.abc import Collection, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TypeAlias

from rashomon.eval.corpora import DEFAULT_DATA, CorpusError, ecbplus_event, ecbplus_path, ecbplus_split
from rashomon.records import AliasLink, EntityType, Mention

if TYPE_CHECKING:
    from rashomon.nlp import Parse

MentionSource = Literal["gold", "system"]
MatchRule = Literal["head", "overlap"]
Clustering: TypeAlias = Mapping[Hashable, Hashable] | Iterable[Collection[Hashable]]
MentionKey: TypeAlias = tuple[str, int, int]  # (document id, start, end) of a gold mention

EVENT_PREFIXES = ("ACTION_", "NEG_ACTION_", "TIME_")
ENTITY_PREFIXES = ("HUMAN_PART", "NON_HUMAN_PART", "LOC_")
TYPE_LABELS: dict[str, EntityType] = {
    "HUMAN_PART_PER": "PERSON",
    "HUMAN_PART_ORG": "ORG",
    "HUMAN_PART_GPE": "GPE",
    "LOC_FAC": "FAC",
}
# never a name however written: pronouns, determiners, prepositions, conjunctions, auxiliaries, wh-words
FUNCTION_WORDS = frozenset(
    """
    a an the this that these those some any each every all both no another other such
    i me my mine myself we us our ours ourselves you your yours yourself yourselves he him his himself she her hers
    herself it its itself they them their theirs themselves one ones someone somebody anyone anybody everyone
    everybody nobody who whom whose which what where when why how whoever whatever
    and or but nor so yet if then than as because while though although
    of in on at by for with from to into onto upon about over under after before between among against during
    through without within across behind beyond near off out up down around along since until via per outside
    inside toward towards alongside beside
    is are was were be been being am do does did have has had will would shall should can could may might must
    not here there
    """.split()
)
HEADLINE_SHARE = 0.8  # a sentence whose content words are this capitalised is a headline: its capitals say little


# --- the scorer -------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PRF:
    precision: float
    recall: float
    f1: float


@dataclass(frozen=True, slots=True)
class Scores:
    muc: PRF
    b3: PRF
    ceafe: PRF

    @property
    def conll_f1(self) -> float:
        return (self.muc.f1 + self.b3.f1 + self.ceafe.f1) / 3


def clusters_of(clustering: Clustering) -> list[frozenset[Hashable]]:
    """Clusters as sets of mentions, from a mapping mention -> cluster id or from an iterable of clusters."""
    if isinstance(clustering, Mapping):
        groups: dict[Hashable, set[Hashable]] = defaultdict(set)
        for mention, cluster in clustering.items():
            groups[cluster].add(mention)
        return [frozenset(g) for g in groups.values()]
    out = [frozenset(c) for c in clustering]
    return [c for c in out if c]


def _prf(numerator_p: float, denominator_p: float, numerator_r: float, denominator_r: float) -> PRF:
    p = numerator_p / denominator_p if denominator_p else 0.0
    r = numerator_r / denominator_r if denominator_r else 0.0
    return PRF(p, r, 2 * p * r / (p + r) if p + r else 0.0)


def _muc_side(key: Sequence[frozenset[Hashable]], response: Sequence[frozenset[Hashable]]) -> tuple[int, int]:
    """(sum of |K| - |p(K)|, sum of |K| - 1) over key clusters K; p(K) is K cut by the response clusters, where a
    mention of K the response lacks is a part of its own."""
    where = {m: k for k, cluster in enumerate(response) for m in cluster}
    numerator = denominator = 0
    for cluster in key:
        parts = {where.get(m, ("missing", m)) for m in cluster}
        numerator += len(cluster) - len(parts)
        denominator += len(cluster) - 1
    return numerator, denominator


def muc(key: Clustering, response: Clustering) -> PRF:
    """MUC (Vilain et al. 1995): links kept. Recall over the key, precision the same with the roles swapped.

    A mention in only one clustering is a singleton part of the other (the reference scorer's reading), so a key
    mention the response lacks costs recall, a response mention the key lacks costs precision; singleton clusters
    add nothing to either side.
    """
    k, r = clusters_of(key), clusters_of(response)
    rn, rd = _muc_side(k, r)
    pn, pd = _muc_side(r, k)
    return _prf(pn, pd, rn, rd)


def _b3_side(key: Sequence[frozenset[Hashable]], response: Sequence[frozenset[Hashable]]) -> tuple[float, int]:
    """(sum over key mentions m of |K(m) & R(m)| / |K(m)|, number of key mentions); R(m) is empty when the response
    lacks m."""
    total = 0.0
    for kc in key:
        for rc in response:
            common = len(kc & rc)
            if common:
                total += common * common / len(kc)
    return total, sum(len(c) for c in key)


def b_cubed(key: Clustering, response: Clustering) -> PRF:
    """B-cubed (Bagga & Baldwin 1998) as the reference scorer computes it, twinless mentions included.

    Recall averages over all key mentions, precision over all response mentions; a key mention the response lacks
    scores 0 recall, a response mention the key lacks scores 0 precision (no twinless-mention variant is applied).
    """
    k, r = clusters_of(key), clusters_of(response)
    rn, rd = _b3_side(k, r)
    pn, pd = _b3_side(r, k)
    return _prf(pn, pd, rn, rd)


def ceaf_e(key: Clustering, response: Clustering) -> PRF:
    """Entity-based CEAF (Luo 2005) with phi4(K, R) = 2|K & R| / (|K| + |R|) and the best one-to-one alignment of
    key and response clusters (scipy's linear_sum_assignment). Recall divides the aligned similarity by the number of
    key clusters, precision by the number of response clusters; mentions in only one clustering just lower phi4."""
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    k, r = clusters_of(key), clusters_of(response)
    if not k or not r:
        return PRF(0.0, 0.0, 0.0)
    phi = np.zeros((len(k), len(r)))
    where = {m: j for j, cluster in enumerate(r) for m in cluster}
    for i, kc in enumerate(k):
        for j, common in Counter(where[m] for m in kc if m in where).items():
            phi[i, j] = 2 * common / (len(kc) + len(r[j]))
    rows, cols = linear_sum_assignment(phi, maximize=True)
    similarity = float(phi[rows, cols].sum())
    return _prf(similarity, len(r), similarity, len(k))


def score(key: Clustering, response: Clustering) -> Scores:
    k, r = clusters_of(key), clusters_of(response)
    return Scores(muc(k, r), b_cubed(k, r), ceaf_e(k, r))


# --- the gold mentions --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EcbToken:
    sentence: int
    position: int  # index of the token in its sentence
    start: int  # character offsets in the report text (corpora.ecbplus_text)
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class EcbDocument:
    id: str
    text: str
    tokens: Mapping[str, EcbToken]  # by t_id
    sentences: Mapping[int, tuple[str, ...]]  # XML sentence number -> its words, in text order


@dataclass(frozen=True, slots=True)
class GoldMention:
    doc: str
    m_id: str
    tag: str  # the ECB+ markable type, e.g. HUMAN_PART_PER
    start: int
    end: int
    text: str
    sentence: int  # the XML sentence number
    cluster: str  # prefixed by the sub-topic
    tokens: tuple[EcbToken, ...] = field(default=(), compare=False, repr=False)

    @property
    def key(self) -> MentionKey:
        return (self.doc, self.start, self.end)


def token_offsets(sentences: Sequence[Sequence[str]]) -> list[list[tuple[int, int]]]:
    """(start, end) of every token in ``"\\n".join(" ".join(words) for words in sentences)``, sentence by sentence:
    the layout of ``corpora.ecbplus_text``."""
    out: list[list[tuple[int, int]]] = []
    at = 0
    for words in sentences:
        spans = []
        for k, word in enumerate(words):
            if k:
                at += 1  # the space before the word
            spans.append((at, at + len(word)))
            at += len(word)
        out.append(spans)
        at += 1  # the line break
    return out


def read_document(path: Path) -> tuple[EcbDocument, ET.Element]:
    """The tokens of an ECB+ file with their offsets in its report text, and the XML root."""
    root = ET.parse(path).getroot()
    skip_first = path.name.endswith("ecbplus.xml")
    by_sentence: dict[int, list[tuple[str, str]]] = {}
    for token in root.iter("token"):
        number = int(token.get("sentence", "0"))
        if skip_first and number == 0:
            continue
        by_sentence.setdefault(number, []).append((token.get("t_id", ""), token.text or ""))
    sentences = {n: tuple(word for _, word in by_sentence[n]) for n in sorted(by_sentence)}
    tokens = {}
    for n, spans in zip(sentences, token_offsets(list(sentences.values())), strict=True):
        for k, ((t_id, word), (start, end)) in enumerate(zip(by_sentence[n], spans, strict=True)):
            tokens[t_id] = EcbToken(n, k, start, end, word)
    text = "\n".join(" ".join(words) for words in sentences.values())
    return EcbDocument(path.stem, text, tokens, sentences), root


def is_entity_tag(tag: str) -> bool:
    return tag.startswith(ENTITY_PREFIXES) and not tag.startswith(EVENT_PREFIXES)


def gold_clusters(
    doc: str,
    entities: Collection[str],
    cross: Iterable[tuple[str, Sequence[str]]],
    intra: Iterable[tuple[str, Sequence[str]]],
) -> dict[str, str]:
    """Cluster id of each entity markable (m_id) of a document: the instance id of its first cross-document chain
    (``(note, source m_ids)``); else ``<doc>/intra/<target>`` of its intra-document chain (``(target m_id, source
    m_ids)``); else ``<doc>/<m_id>``, a singleton."""
    out: dict[str, str] = {}
    for note, sources in cross:
        for m in sources:
            if m in entities:
                out.setdefault(m, note)
    for target, sources in intra:
        for m in sources:
            if m in entities:
                out.setdefault(m, f"{doc}/intra/{target}")
    for m in entities:
        out.setdefault(m, f"{doc}/{m}")
    return out


def read_gold(path: Path, sentences: Collection[int] | None) -> tuple[EcbDocument, list[GoldMention]]:
    """The entity mentions of one document in the given XML sentence numbers (all when None), with their clusters
    prefixed by the document's sub-topic. One mention per span (the first markable)."""
    doc, root = read_document(path)
    subtopic = ecbplus_event(doc.id)
    markables = root.find("Markables")
    anchored: dict[str, tuple[str, list[EcbToken]]] = {}
    for m in markables if markables is not None else ():
        tokens = [doc.tokens[a.get("t_id", "")] for a in m.findall("token_anchor") if a.get("t_id", "") in doc.tokens]
        if tokens and is_entity_tag(m.tag):
            anchored[m.get("m_id", "")] = (m.tag, sorted(tokens, key=lambda t: t.start))
    relations = root.find("Relations")
    cross, intra = [], []
    for r in relations if relations is not None else ():
        sources = [s.get("m_id", "") for s in r.findall("source")]
        target = r.find("target")
        if r.tag == "CROSS_DOC_COREF":
            cross.append((r.get("note", ""), sources))
        elif r.tag == "INTRA_DOC_COREF" and target is not None:
            intra.append((target.get("m_id", ""), sources))
    clusters = gold_clusters(doc.id, set(anchored), cross, intra)
    out: list[GoldMention] = []
    seen: set[tuple[int, int]] = set()
    for m_id, (tag, tokens) in sorted(anchored.items(), key=lambda kv: (kv[1][1][0].start, kv[1][1][-1].end)):
        start, end, sentence = tokens[0].start, tokens[-1].end, tokens[0].sentence
        if (sentences is not None and sentence not in sentences) or (start, end) in seen:
            continue
        seen.add((start, end))
        cluster = f"{subtopic}/{clusters[m_id]}"
        out.append(GoldMention(doc.id, m_id, tag, start, end, doc.text[start:end], sentence, cluster, tuple(tokens)))
    return doc, out


def selected_sentences(data: Path) -> dict[str, frozenset[int]]:
    """Document id -> the XML sentence numbers whose annotation is complete (ECBplus_coreference_sentences.csv)."""
    path = data / "ecbplus" / "ECBplus_coreference_sentences.csv"
    out: dict[str, set[int]] = defaultdict(set)
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            out[f"{row['Topic']}_{row['File']}"].add(int(row["Sentence Number"]))
    return {doc: frozenset(numbers) for doc, numbers in out.items()}


# --- what counts as a name ----------------------------------------------------------------------------------------


def _letters(word: str) -> str:
    return "".join(c for c in word if c.isalpha())


def _base(word: str) -> str:
    """The word without leading punctuation and without what follows an apostrophe ("We've" -> "We")."""
    stripped = word.lstrip("\"'“‘(@#[-")
    return stripped.replace("’", "'").split("'")[0]


def is_headline(words: Sequence[str]) -> bool:
    """A title-case sentence ("Ellen DeGeneres To Host Oscars"): at least three content words (alphabetic, not
    function words) and HEADLINE_SHARE of them capitalised."""
    content = [w for w in words if w.isalpha() and w.lower() not in FUNCTION_WORDS]
    if len(content) < 3:
        return False
    return sum(w[0].isupper() for w in content) >= HEADLINE_SHARE * len(content)


def is_name_token(word: str, *, case_ambiguous: bool, common: Collection[str] = frozenset()) -> bool:
    """Whether a token is (part of) a proper name. The rule, in order:

    1. its first letter (after leading punctuation such as ``"``, ``(``, ``@``) is uppercase, else no;
    2. what precedes an apostrophe ("We've" -> "We", "MacFarlane's" -> "MacFarlane") is not a function word (a
       pronoun, determiner, preposition, conjunction, auxiliary: "The", "He", "I", "Their"; "US" excepted), else no;
    3. all capitals with at least two letters: an abbreviation with periods ("U.S.") or of two letters ("US", "DA")
       counts; a longer one ("NBA", "AMPAS", "WILLIAMS" in a shouted headline) counts unless its lowercase form is a
       common word ("DRIVER", "GRANDMOTHER");
    4. otherwise, where capitals are unreliable (``case_ambiguous``: the first token of a sentence, or any token of a
       title-case headline) it counts only when its lowercase form is not a common word (``common``: the words the
       corpus also writes in lower case: "Police", "Officials", "Host"); elsewhere the capital is enough ("Navy",
       "Academy", "Surgeon General" mid-sentence count).
    """
    base = _base(word)
    letters = _letters(base)
    if not letters or not letters[0].isupper():
        return False
    if base.lower() in FUNCTION_WORDS and letters != "US":
        return False
    if len(letters) >= 2 and letters.isupper():
        return "." in base or len(letters) == 2 or base.lower() not in common
    return not case_ambiguous or base.lower() not in common


def carries_name(
    tokens: Sequence[EcbToken], sentences: Mapping[int, Sequence[str]], common: Collection[str] = frozenset()
) -> bool:
    """Whether a mention (its tokens, and the words of the sentences they stand in) holds a name token."""
    for t in tokens:
        ambiguous = t.position == 0 or is_headline(sentences[t.sentence])
        if is_name_token(t.text, case_ambiguous=ambiguous, common=common):
            return True
    return False


def common_words(documents: Iterable[EcbDocument]) -> frozenset[str]:
    """Words the documents write in lower case somewhere (so that a capitalised one may just start a sentence)."""
    return frozenset(w for d in documents for words in d.sentences.values() for w in words if w[:1].islower())


# --- mentions as rashomon records, and matching -------------------------------------------------------------------


def gold_label(tag: str, name: str) -> EntityType:
    """The rashomon label of an ECB+ type: PER, ORG, GPE, FAC as such; LOC_GEO a GPE when the gazetteer knows the
    place, else LOC; everything else (vehicles, artefacts, generic and metonymic participants) OTHER."""
    if tag == "LOC_GEO":
        from rashomon.places import is_known_place

        return "GPE" if is_known_place(name) else "LOC"
    return TYPE_LABELS.get(tag, "OTHER")


def gold_name(text: str) -> str:
    """The name resolution compares for a gold span: ECB+ extents hold prepositions and articles ("in the Gulf of
    Aden"), so leading function words go, then ``clean_name`` (possessive, punctuation)."""
    from rashomon.mentions import clean_name

    words = text.split()
    while len(words) > 1 and words[0].lower() in FUNCTION_WORDS:
        words.pop(0)
    return clean_name(" ".join(words)) or text


def gold_record(g: GoldMention) -> Mention:
    """A gold mention as a rashomon mention; the gold type is trusted (``strong_type``) unless it is OTHER."""
    name = gold_name(g.text)
    label = gold_label(g.tag, name)
    return Mention(g.doc, g.start, g.end, g.text, label, name, "gold", strong_type=label != "OTHER")


def head_token(parse: Parse, start: int, end: int) -> tuple[int, int] | None:
    """Character span of the syntactic head of ``text[start:end]`` in a parse of its report.

    The head is the token of the span whose syntactic head lies outside it; when several do (a fragment), the one
    heading most of the span; on ties, not a preposition ("the scene | in Queens"), then the last ("Ellen | DeGeneres").
    A preposition hands over to its object inside the span ("in Queens" -> "Queens", "outside the Sam 's Club in
    Bloomington" -> "Club"). None when no token lies inside the span.
    """
    inside = {t.i: t for t in parse.tokens if start <= t.start and t.end <= end and t.text.strip()}
    if not inside:
        return None

    def top(i: int) -> int:
        seen = set()
        while parse.tokens[i].head in inside and parse.tokens[i].head != i and i not in seen:
            seen.add(i)
            i = parse.tokens[i].head
        return i

    size = Counter(top(i) for i in inside)
    head = inside[max(size, key=lambda i: (size[i], inside[i].pos != "ADP", i))]
    while head.pos == "ADP":
        objects = [c for c in parse.children[head.i] if c in inside]
        if not objects:
            break
        head = inside[objects[-1]]
    return head.start, head.end


def match_mentions(
    gold: Sequence[tuple[int, int]],
    heads: Sequence[tuple[int, int] | None],
    system: Sequence[tuple[int, int]],
    overlap: bool = False,
) -> dict[int, int]:
    """System index -> gold index, within one document.

    A system mention can stand for a gold mention when its span lies inside the gold span or overlaps it, and holds
    the gold mention's head token (``head_token``; "Queens" for "in Queens", not "Vancouver" for "a Vancouver office").
    Pairs are taken best first (the larger overlap over union), each gold and each system mention at most once.
    With ``overlap``, any shared character is enough (the heads are not read).
    """
    pairs = []
    for gi, ((gs, ge), head) in enumerate(zip(gold, heads, strict=True)):
        if head is None:
            continue
        for si, (ss, se) in enumerate(system):
            if (ss < ge and gs < se) if overlap else (ss <= head[0] and head[1] <= se):
                shared = min(ge, se) - max(gs, ss)
                pairs.append((-shared / (max(ge, se) - min(gs, ss)), gi, si))
    pairs.sort()
    used_gold: set[int] = set()
    out: dict[int, int] = {}
    for _, gi, si in pairs:
        if gi not in used_gold and si not in out:
            used_gold.add(gi)
            out[si] = gi
    return out


# --- the runs -----------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CorefError:
    """One clustering error of one sub-topic, for a developer to read.

    ``merged``: one response entity holding several gold clusters; ``split``: one gold cluster spread over several
    response entities. ``groups`` holds the distinct mention texts of each part (a gold cluster for "merged", a
    response entity for "split"), most frequent first, with their counts.
    """

    subtopic: str
    kind: Literal["merged", "split"]
    groups: tuple[tuple[tuple[str, int], ...], ...]


@dataclass(frozen=True, slots=True)
class CorefResult:
    split: str
    mentions: MentionSource
    muc: PRF
    b3: PRF
    ceafe: PRF
    conll_f1: float
    subtopics: int
    documents: int
    gold_mentions: int  # named gold mentions (the key)
    response_mentions: int  # mentions scored in the response (all gold ones, or the matched system ones)
    system_mentions: int  # mentions rashomon found (0 in the gold run)
    matched: int  # gold mentions a response mention stands for
    key_clusters: int
    response_clusters: int
    seconds: float
    errors: tuple[CorefError, ...] = field(default=(), compare=False, repr=False)

    @property
    def mention_recall(self) -> float:
        return self.matched / self.gold_mentions if self.gold_mentions else 0.0


@dataclass(frozen=True, slots=True)
class _Subtopic:
    id: str
    documents: tuple[EcbDocument, ...]
    gold: tuple[GoldMention, ...]


@lru_cache(maxsize=4)
def _load(split: str, data: Path) -> tuple[_Subtopic, ...]:
    """The sub-topics of a split with their documents (those with a selected sentence) and named gold mentions."""
    if not (data / "ecbplus").is_dir():
        raise CorpusError(f"{data / 'ecbplus'} is absent")
    selected = selected_sentences(data)
    try:
        ids = ecbplus_split(split, data)
    except KeyError:
        raise CorpusError(f"{data / 'ecbplus' / 'splits.json'} has no split {split!r}") from None
    docs: dict[str, list[tuple[EcbDocument, list[GoldMention]]]] = defaultdict(list)
    for doc_id in ids:
        path = ecbplus_path(doc_id, data)
        if doc_id in selected and path.is_file():
            docs[ecbplus_event(doc_id)].append(read_gold(path, selected[doc_id]))
    common = common_words(d for group in docs.values() for d, _ in group)
    out = []
    for subtopic, group in docs.items():
        named = [g for doc, mentions in group for g in mentions if carries_name(g.tokens, doc.sentences, common)]
        out.append(_Subtopic(subtopic, tuple(d for d, _ in group), tuple(named)))
    return tuple(out)


def _gold_response(sub: _Subtopic) -> dict[MentionKey, tuple[str, str]]:
    """Gold mention -> (entity id, text shown in errors), resolving the gold mentions themselves."""
    from rashomon.resolve import resolve_entities

    resolution = resolve_entities([gold_record(g) for g in sub.gold])
    return {g.key: (f"{sub.id}/{resolution.by_span[g.key]}", g.text) for g in sub.gold}


@dataclass(frozen=True, slots=True)
class _Found:
    """What rashomon finds in one document, and the head of each gold mention in its parse."""

    mentions: tuple[Mention, ...]
    links: tuple[AliasLink, ...]
    heads: Mapping[MentionKey, tuple[int, int] | None]


@lru_cache(maxsize=2)
def _found_in_split(split: str, data: Path) -> dict[str, _Found]:
    """``_system_mentions`` of a split, kept for a second run with another matching rule."""
    return _system_mentions(_load(split, data))


def _system_mentions(subtopics: Sequence[_Subtopic]) -> dict[str, _Found]:
    """Document id -> the mentions and alias links rashomon finds in it (one batched parse of all documents, kept
    for a second run with another matching rule)."""
    from rashomon.mentions import find_mentions
    from rashomon.nlp import parse_texts

    docs = [d for sub in subtopics for d in sub.documents]
    gold: dict[str, list[GoldMention]] = defaultdict(list)
    for sub in subtopics:
        for g in sub.gold:
            gold[g.doc].append(g)
    out = {}
    for d, parse in zip(docs, parse_texts((d.text for d in docs), batch_size=64), strict=True):
        mentions, links = find_mentions(d.id, parse)
        out[d.id] = _Found(mentions, links, {g.key: head_token(parse, g.start, g.end) for g in gold[d.id]})
    return out


def _system_response(
    sub: _Subtopic, found: Mapping[str, _Found], match: MatchRule = "head"
) -> dict[MentionKey, tuple[str, str]]:
    """Gold mention -> (entity id of the system mention standing for it, text shown in errors: the gold text, then
    the system span in brackets when it differs)."""
    from rashomon.resolve import resolve_entities

    mentions = [m for d in sub.documents for m in found[d.id].mentions]
    links = [link for d in sub.documents for link in found[d.id].links]
    resolution = resolve_entities(mentions, links)
    out: dict[MentionKey, tuple[str, str]] = {}
    for d in sub.documents:
        gold = [g for g in sub.gold if g.doc == d.id]
        system = found[d.id].mentions
        heads = [found[d.id].heads[g.key] if match == "head" else (g.start, g.end) for g in gold]
        for si, gi in match_mentions(
            [(g.start, g.end) for g in gold], heads, [(m.start, m.end) for m in system], match == "overlap"
        ).items():
            m, g = system[si], gold[gi]
            shown = g.text if (m.start, m.end) == (g.start, g.end) else f"{g.text} [{m.text}]"
            out[g.key] = (f"{sub.id}/{resolution.by_span[(m.report, m.start, m.end)]}", shown)
    return out


def find_errors(
    key: Mapping[MentionKey, str], response: Mapping[MentionKey, str], texts: Mapping[MentionKey, str]
) -> list[CorefError]:
    """Wrongly merged and wrongly split gold clusters, over the mentions both clusterings hold; cluster ids start
    with their sub-topic (``ecbplus:<topic>:<kind>/...``)."""
    shared = [m for m in key if m in response]
    out: list[CorefError] = []
    kinds: tuple[tuple[Literal["merged", "split"], Mapping[MentionKey, str], Mapping[MentionKey, str]], ...] = (
        ("merged", response, key),
        ("split", key, response),
    )
    for kind, outer, inner in kinds:
        parts: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        for m in shared:
            parts[outer[m]][inner[m]].append(texts[m])
        for cluster, groups in sorted(parts.items()):
            if len(groups) > 1:
                described = sorted((tuple(Counter(g).most_common()) for g in groups.values()), key=lambda g: g[0])
                out.append(CorefError(cluster.split("/", 1)[0], kind, tuple(described)))
    return out


def evaluate_coref(
    split: str = "dev", data: Path = DEFAULT_DATA, mentions: MentionSource = "gold", match: MatchRule = "head"
) -> CorefResult:
    """Score rashomon's cross-document resolution of the named mentions of an ECB+ split (see the module doc).

    ``match`` (system mentions only): "head", a system mention stands for a gold mention when it holds the gold
    mention's head (``match_mentions``); "overlap", when the two spans share any character (looser: "Obama" then stands
    for "the Obama team"), best overlap first, one to one.
    """
    if mentions not in ("gold", "system"):
        raise ValueError(f"mentions must be 'gold' or 'system', not {mentions!r}")
    if match not in ("head", "overlap"):
        raise ValueError(f"match must be 'head' or 'overlap', not {match!r}")
    clock = time.perf_counter()
    subtopics = _load(split, Path(data))
    key = {g.key: g.cluster for sub in subtopics for g in sub.gold}
    answered: dict[MentionKey, tuple[str, str]] = {}
    system_count = 0
    if mentions == "gold":
        for sub in subtopics:
            answered.update(_gold_response(sub))
    else:
        found = _found_in_split(split, Path(data))
        system_count = sum(len(f.mentions) for f in found.values())
        for sub in subtopics:
            answered.update(_system_response(sub, found, match))
    response = {m: cluster for m, (cluster, _) in answered.items()}
    texts = {m: shown for m, (_, shown) in answered.items()}
    scores = score(key, response)
    return CorefResult(
        split=split,
        mentions=mentions,
        muc=scores.muc,
        b3=scores.b3,
        ceafe=scores.ceafe,
        conll_f1=scores.conll_f1,
        subtopics=len(subtopics),
        documents=sum(len(s.documents) for s in subtopics),
        gold_mentions=len(key),
        response_mentions=len(response),
        system_mentions=system_count,
        matched=sum(1 for m in response if m in key),
        key_clusters=len(set(key.values())),
        response_clusters=len(set(response.values())),
        seconds=time.perf_counter() - clock,
        errors=tuple(find_errors(key, response, texts)),
    )


def coref_errors(
    split: str = "dev", data: Path = DEFAULT_DATA, mentions: MentionSource = "gold"
) -> dict[str, list[CorefError]]:
    """Sub-topic -> its wrongly merged and wrongly split gold clusters, with their mention texts."""
    out: dict[str, list[CorefError]] = defaultdict(list)
    for error in evaluate_coref(split, data, mentions).errors:
        out[error.subtopic].append(error)
    return dict(out)


# --- output -------------------------------------------------------------------------------------------------------


def result_json(result: CorefResult) -> dict[str, object]:
    def prf(x: PRF) -> dict[str, float]:
        return {"precision": round(x.precision, 4), "recall": round(x.recall, 4), "f1": round(x.f1, 4)}

    return {
        "split": result.split,
        "mentions": result.mentions,
        "muc": prf(result.muc),
        "b3": prf(result.b3),
        "ceafe": prf(result.ceafe),
        "conll_f1": round(result.conll_f1, 4),
        "subtopics": result.subtopics,
        "documents": result.documents,
        "gold_mentions": result.gold_mentions,
        "response_mentions": result.response_mentions,
        "system_mentions": result.system_mentions,
        "matched": result.matched,
        "mention_recall": round(result.mention_recall, 4),
        "key_clusters": result.key_clusters,
        "response_clusters": result.response_clusters,
        "seconds": round(result.seconds, 2),
    }


def format_result(result: CorefResult) -> str:
    lines = [
        f"ECB+ {result.split}: named-entity cross-document coreference, {result.mentions} mentions "
        f"({result.subtopics} sub-topics, {result.documents} documents)",
        f"{'metric':<8} {'P':>7} {'R':>7} {'F1':>7}",
    ]
    for name, x in (("MUC", result.muc), ("B3", result.b3), ("CEAF-e", result.ceafe)):
        lines.append(f"{name:<8} {x.precision:7.4f} {x.recall:7.4f} {x.f1:7.4f}")
    lines.append(f"{'CoNLL':<8} {'':>7} {'':>7} {result.conll_f1:7.4f}")
    lines.append(
        f"gold mentions {result.gold_mentions} in {result.key_clusters} clusters; response {result.response_mentions} "
        f"in {result.response_clusters} entities; mention recall {result.mention_recall:.4f}"
        + (f" (system mentions found: {result.system_mentions})" if result.mentions == "system" else "")
    )
    lines.append(f"time {result.seconds:.1f} s")
    return "\n".join(lines)


def _shown(text: str) -> str:
    return text.replace("\n", "\\n")  # a span across a line break (a sentence break in ECB+ texts) shows as \n


def format_errors(errors: Iterable[CorefError], width: int = 100) -> str:
    """One line an error: the sub-topic, the kind, then each part's texts ("DeGeneres x3, Ellen | Portia")."""
    lines = []
    for e in errors:
        parts = " | ".join(", ".join(_shown(t) if n == 1 else f"{_shown(t)} x{n}" for t, n in g) for g in e.groups)
        line = f"{e.subtopic} {e.kind}: {parts}"
        lines.append(line if len(line) <= width else line[: width - 3] + "...")
    return "\n".join(lines)
