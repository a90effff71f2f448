"""Arabic-script and Cyrillic names in the Latin spelling a news outlet might use, and how alike two such names are.

:func:`romanize` writes each Arabic or Cyrillic letter as Latin letters (Latin text passes unchanged). Arabic leaves
short vowels unwritten, so its romanization keeps the consonants and long vowels only ("آرثر" -> "Arthr"): compare it
with an English spelling through consonant skeletons (:func:`rashomon.names.skeleton`), not letter by letter. Choices
where Arabic letters have several usual spellings (و as "w" at the start of a word or next to an alif, "ou" elsewhere;
ي as "y" at the start or before a long vowel, "i" elsewhere; ع as "a"; غ as "gh"; ة and ى as "a"; the article ال as
"al-") were measured on the Google ar2en train pairs (``bench/train_romanize.py``).

:func:`script_similarity` scores two single name tokens of which at least one is Arabic or Cyrillic. The non-Latin one
is cut into romanized units (one per letter: "th" for ث, "ou" for a medial و); a memoryless stochastic transducer
gives the probability that those units are written as the other token's Latin letters, summed over every alignment
(a unit written as 0, 1 or 2 letters, or a letter inserted: the short vowels Arabic leaves out). For Arabic the
probabilities are learned by expectation-maximisation from the ar2en train pairs and shipped in
``data/romanize-model.json``; for Cyrillic they are a hand table of the usual English spellings. The score is that
probability against the letters' chance probability (a log-likelihood ratio), passed through a logistic fitted on
train pairs against random names: above 0.9 for nearly every true pair, below 0.1 for nearly every random one.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

MODEL_PATH = Path(__file__).resolve().parent / "data" / "romanize-model.json"

# --- scripts --------------------------------------------------------------------------------------------------------

_ARABIC_RANGES = ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))
_MODELLED = ("arabic", "cyrillic")  # the non-Latin scripts this module reads
_CYRILLIC_RANGES = ((0x0400, 0x052F), (0x1C80, 0x1C8F), (0x2DE0, 0x2DFF), (0xA640, 0xA69F))


def _in(code: int, ranges: tuple[tuple[int, int], ...]) -> bool:
    return any(lo <= code <= hi for lo, hi in ranges)


def char_script(char: str) -> str:
    """The script of one character: "latin", "arabic", "cyrillic", or "other" (not a letter: digits, marks too)."""
    if not char.isalpha():
        return "other"
    code = ord(char)
    if _in(code, _ARABIC_RANGES):
        return "arabic"
    if _in(code, _CYRILLIC_RANGES):
        return "cyrillic"
    if code < 0x0250 or 0x1E00 <= code <= 0x1EFF or 0xFB00 <= code <= 0xFB06:
        return "latin"
    return "other"


def script_of(text: str) -> str:
    """The script most letters of ``text`` are written in: "latin", "arabic", "cyrillic", or "other" (no letters, or
    mostly letters of another script). A tie goes to the non-Latin script."""
    counts = {"latin": 0, "arabic": 0, "cyrillic": 0, "other": 0}
    for char in text:
        if char.isalpha():
            counts[char_script(char)] += 1
    if not any(counts.values()):
        return "other"
    return max(("arabic", "cyrillic", "other", "latin"), key=lambda s: counts[s])


# --- Arabic ---------------------------------------------------------------------------------------------------------

_ARABIC = {
    "ا": "a",
    "آ": "a",
    "أ": "a",
    "إ": "i",
    "ٱ": "a",
    "ؤ": "u",
    "ئ": "i",
    "ء": "'",
    "ب": "b",
    "ت": "t",
    "ث": "th",
    "ج": "j",
    "ح": "h",
    "خ": "kh",
    "د": "d",
    "ذ": "dh",
    "ر": "r",
    "ز": "z",
    "س": "s",
    "ش": "sh",
    "ص": "s",
    "ض": "d",
    "ط": "t",
    "ظ": "z",
    "ع": "a",
    "غ": "gh",
    "ف": "f",
    "ق": "q",
    "ك": "k",
    "ل": "l",
    "م": "m",
    "ن": "n",
    "ه": "h",
    "ة": "a",
    "ى": "a",
    "و": "ou",
    "ي": "i",
    # Persian, Urdu, Maghrebi and Kurdish letters
    "پ": "p",
    "چ": "ch",
    "ژ": "zh",
    "گ": "g",
    "ک": "k",
    "ی": "i",
    "ڤ": "v",
    "ڨ": "g",
    "ڭ": "g",
    "ٹ": "t",
    "ڈ": "d",
    "ڑ": "r",
    "ں": "n",
    "ھ": "h",
    "ہ": "h",
    "ۃ": "a",
    "ۀ": "eh",
    "ے": "e",
    "ۓ": "e",
    "ۆ": "o",
    "ێ": "e",
}
_ALIFS = frozenset("اآأإٱى")
_WAWS = frozenset("وؤۆ")
_HARAKAT = {"\u064e": "a", "\u064f": "u", "\u0650": "i", "\u0670": "a", "\u064b": "an", "\u064c": "un", "\u064d": "in"}
_SHADDA = "\u0651"
_LONG_VOWELS = frozenset(["a", "i", "ou", "u", ""])
_ARTICLE = "ال"
_ALLAH = "الله"


def _arabic_letter(letters: str, k: int) -> str:
    """The Latin unit of ``letters[k]``, given its neighbours in the word."""
    char = letters[k]
    prev = letters[k - 1] if k else ""
    after = letters[k + 1] if k + 1 < len(letters) else ""
    if char == "و":
        return "w" if not prev or prev in _ALIFS or after in _ALIFS else "ou"
    if char in "يی":
        return "y" if not prev or after in _ALIFS or after in _WAWS else "i"
    if char == "ع":
        return ("" if not prev else "'") if after in _ALIFS else "a"
    if char == "ه" and not after and letters.endswith("لله"):
        return "ah"  # Allah, Abdullah
    return _ARABIC[char]


def _after_letters(text: str, n: int) -> str:
    """``text`` after its first ``n`` Arabic letters (and the marks that go with them)."""
    seen = 0
    for k, char in enumerate(text):
        if char in _ARABIC:
            if seen == n:
                return text[k:]
            seen += 1
    return ""


def arabic_units(word: str) -> tuple[str, ...]:
    """One Latin unit per Arabic letter of a word ("al-" for the article, a short vowel for a written haraka, a
    doubled unit for a shadda); other characters are ignored."""
    word = unicodedata.normalize("NFKC", word)
    kept = "".join(c for c in word if c in _ARABIC or c in _HARAKAT or c == _SHADDA)
    letters = "".join(c for c in kept if c in _ARABIC)
    if letters.startswith(_ARTICLE) and len(letters) >= 4 and letters != _ALLAH:
        return ("al-", *arabic_units(_after_letters(kept, 2)))
    out: list[str] = []
    k = 0
    last = -1  # where the last letter's unit is in out (a haraka may follow it before its shadda)
    for char in kept:
        if char in _HARAKAT:
            out.append(_HARAKAT[char])
        elif char == _SHADDA:
            if last >= 0 and out[last] not in _LONG_VOWELS:
                out.insert(last + 1, out[last])
        else:
            out.append(_arabic_letter(letters, k))
            last = len(out) - 1
            k += 1
    return tuple(out)


def _romanize_arabic(run: str) -> str:
    units = arabic_units(run)
    text = "".join(units)
    if text.startswith("al-"):
        return "al-" + text[3:4].upper() + text[4:]
    return text[:1].upper() + text[1:]


# --- Cyrillic -------------------------------------------------------------------------------------------------------

_CYRILLIC = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "д": "d",
    "е": "e",
    "ё": "yo",
    "ж": "zh",
    "з": "z",
    "и": "i",
    "й": "y",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ъ": "",
    "ы": "y",
    "ь": "",
    "э": "e",
    "ю": "yu",
    "я": "ya",
    # Ukrainian, Belarusian
    "і": "i",
    "ї": "yi",
    "є": "ye",
    "ґ": "g",
    "ў": "u",
    # Serbian, Macedonian
    "ђ": "dj",
    "ј": "j",
    "љ": "lj",
    "њ": "nj",
    "ћ": "ć",
    "џ": "dž",
    "ѓ": "gj",
    "ќ": "kj",
    "ѕ": "dz",
}
_VARIETY_LETTERS = {"uk": "іїєґ", "be": "ў", "sr": "ђјљњћџѓќѕ"}
_VARIETY = {
    "uk": {"г": "h", "и": "y", "е": "e"},
    "be": {"г": "h", "е": "e"},
    "sr": {"ж": "ž", "ч": "č", "ш": "š", "ц": "c", "х": "h", "е": "e", "й": "j"},
    "bg": {"ъ": "a", "щ": "sht", "х": "h", "е": "e"},
}
_CYRILLIC_VOWELS = frozenset("аеёиоуыэюяіїєў")


def cyrillic_variety(text: str) -> str:
    """The Cyrillic alphabet of ``text``: "uk", "be", "sr" (Serbian or Macedonian), "bg" or "ru", from the letters
    only some alphabets have (a Bulgarian ъ is a vowel: before a consonant or at the end); "ru" when nothing tells."""
    lower = text.lower()
    for variety, letters in _VARIETY_LETTERS.items():
        if any(c in lower for c in letters):
            return variety
    if re.search(r"ъ(?![еёюяи])", lower):
        return "bg"
    return "ru"


def _cyrillic_spelled(word: str, variety: str) -> list[str]:
    """The Latin spelling of each character of ``word`` (lower case; "" for ъ and ь; non-Cyrillic ones as they are)."""
    lower = unicodedata.normalize("NFC", word).lower()
    table = _VARIETY.get(variety, {})
    out: list[str] = []
    for k, char in enumerate(lower):
        if char not in _CYRILLIC:
            out.append(char)
            continue
        prev = lower[k - 1] if k else ""
        unit = table.get(char, _CYRILLIC[char])
        if char == "й" and prev and prev in "иы" and (k + 1 == len(lower) or not lower[k + 1].isalpha()):
            out[-1], unit = "y", ""  # Zelensky, Dostoevsky
        elif char == "е" and "е" not in table and (not prev.isalpha() or prev in _CYRILLIC_VOWELS or prev in "ъь"):
            unit = "ye"  # Yeltsin, Sergeyev
        elif char == "ё" and prev in "жчшщ":
            unit = "o"
        out.append(unit)
    return out


def cyrillic_units(word: str, variety: str = "") -> tuple[str, ...]:
    """One Latin unit per Cyrillic letter (щ gives "sh", "ch"; a final -ий/-ый is one "y"; ъ and ь give none)."""
    spelled = _cyrillic_spelled(word, variety or cyrillic_variety(word))
    out: list[str] = []
    for char, unit in zip(word.lower(), spelled, strict=True):
        if char not in _CYRILLIC or not unit:
            continue
        out.extend(("sh", unit[2:]) if unit in ("shch", "sht") else (unit,))
    return tuple(out)


def _romanize_cyrillic(run: str, variety: str) -> str:
    spelled = _cyrillic_spelled(run, variety)
    shout = run.isupper() and len(run) > 1
    return "".join(
        (latin.upper() if shout else latin[:1].upper() + latin[1:]) if char.isupper() else latin
        for char, latin in zip(run, spelled, strict=True)
    )


# --- romanization ---------------------------------------------------------------------------------------------------

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_DROP = dict.fromkeys(map(ord, "\u0640\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"), None)


def _romanize_word(word: str, variety: str) -> str:
    """A word's Arabic and Cyrillic letters romanized, its other characters kept."""
    out = []
    for run, script in _script_runs(word):
        if script == "arabic":
            out.append(_romanize_arabic(run))
        elif script == "cyrillic":
            out.append(_romanize_cyrillic(run, variety))
        else:
            out.append(run)
    return "".join(out)


def _script_runs(word: str) -> list[tuple[str, str]]:
    """``word`` cut into runs of one script; Arabic marks and joiners stay with the Arabic run."""
    runs: list[tuple[str, str]] = []
    for char in word:
        script = char_script(char)
        if script == "other" and unicodedata.category(char) == "Mn" and runs and runs[-1][1] == "arabic":
            script = "arabic"
        if runs and runs[-1][1] == script:
            runs[-1] = (runs[-1][0] + char, script)
        else:
            runs.append((char, script))
    return runs


def romanize(text: str) -> str:
    """``text`` with Arabic-script and Cyrillic letters written in Latin letters as English-language news would;
    Latin text (accents included) and everything else comes back unchanged.

    >>> romanize("Владимир Путин")
    'Vladimir Putin'
    >>> romanize("معمر القذافي")
    'Mamr al-Qdhafi'
    """
    if not any(char_script(c) in _MODELLED for c in text):
        return text
    text = text.translate(_DROP).translate(_DIGITS).replace("،", ",").replace("؛", ";").replace("؟", "?")
    variety = cyrillic_variety(text)
    return re.sub(r"\S+", lambda m: _romanize_word(m.group(), variety), text)


# --- Latin letters --------------------------------------------------------------------------------------------------

_LATIN_EXTRA = str.maketrans(
    {"ø": "o", "ß": "ss", "æ": "ae", "œ": "oe", "đ": "dj", "ł": "l", "ı": "i", "ð": "d", "þ": "th"}
)


@lru_cache(maxsize=65536)
def latin_letters(text: str) -> str:
    """``text`` as bare letters a-z: lower case, accents removed, ø/ß/æ/đ/ł/ı written out, anything else dropped."""
    lower = text.lower().translate(_LATIN_EXTRA)
    plain = "".join(c for c in unicodedata.normalize("NFKD", lower) if not unicodedata.combining(c))
    return re.sub(r"[^a-z]", "", plain)


@lru_cache(maxsize=65536)
def units(token: str) -> tuple[str, ...]:
    """The romanized units of a name token: one per Arabic or Cyrillic letter, one per Latin letter otherwise (all as
    bare letters a-z, "al-" for the Arabic article)."""
    out: list[str] = []
    variety = cyrillic_variety(token)
    for word in token.split():
        for run, script in _script_runs(word):
            if script == "arabic":
                out.extend(u if u == "al-" else latin_letters(u) for u in arabic_units(run))
            elif script == "cyrillic":
                out.extend(latin_letters(u) for u in cyrillic_units(run, variety))
            else:
                out.extend(latin_letters(run))
    return tuple(u for u in out if u)


# --- similarity -----------------------------------------------------------------------------------------------------

# Cyrillic and Latin letters as English spells them: unit -> "letters:weight ..." (identity has weight 1 unless given;
# weights are normalised per unit after a small deletion share is added). Arabic units are learned instead.
_HAND_SPELLINGS = {
    "a": "a:1 e:.03 o:.02 :.02",
    "e": "e:1 ye:.05 ie:.04 a:.02 i:.03 :.03",
    "ye": "ye:1 e:.8 ie:.1 je:.1",
    "yo": "yo:1 e:.6 o:.3 io:.2 jo:.1",
    "i": "i:1 y:.3 ee:.03 e:.03 :.03",
    "y": "y:1 i:.8 :.2 j:.1 yy:.1 iy:.1 ii:.05",
    "o": "o:1 a:.05 u:.03 :.02",
    "u": "u:1 ou:.1 oo:.05 w:.03 o:.03",
    "yu": "yu:1 iu:.3 u:.3 ju:.2",
    "ya": "ya:1 ia:.4 a:.2 ja:.2",
    "yi": "yi:1 i:.5 y:.2 ji:.1 yy:.1",
    "kh": "kh:1 h:.6 ch:.3 k:.1",
    "h": "h:1 g:.3 kh:.2 :.05",
    "g": "g:1 h:.1 gh:.05 gu:.03",
    "zh": "zh:1 j:.3 g:.05 sh:.05 z:.05",
    "ts": "ts:1 tz:.2 z:.2 c:.2 tc:.05 s:.05",
    "ch": "ch:1 c:.2 tc:.05 sh:.03 :.03",
    "sh": "sh:1 s:.2 sc:.05 ch:.05 sz:.02",
    "v": "v:1 w:.15 f:.05 ff:.05",
    "f": "f:1 ph:.1 ff:.05 v:.03",
    "k": "k:1 c:.15 ck:.05 x:.03 q:.02",
    "s": "s:1 ss:.1 z:.05 c:.03 :.03",
    "z": "z:1 s:.15 zz:.02",
    "c": "c:1 ch:.3 k:.2 s:.1 ts:.05",
    "j": "j:1 y:.3 i:.1 dj:.05 g:.05",
    "lj": "lj:1 l:.3 ly:.2 li:.1",
    "nj": "nj:1 n:.3 ny:.2 ni:.1",
    "dj": "dj:1 d:.2 j:.2 gj:.1",
    "dz": "dz:1 j:.3 dj:.2 z:.1",
    "w": "w:1 v:.3 u:.1",
    "x": "x:1 ks:.3 kh:.1",
    "q": "q:1 k:.3 g:.05",
    "p": "p:1 b:.03 pp:.05",
    "b": "b:1 p:.03 bb:.05",
    "t": "t:1 tt:.05 th:.05 d:.03",
    "d": "d:1 dd:.05 t:.03",
}
_HAND_DELETION = 0.01
_HAND_INSERT = {**dict.fromkeys("aeiouy", 0.01), **dict.fromkeys("bcdfghjklmnpqrstvwxz", 0.001)}
_FLOOR = 1e-6
_INSERT_FLOOR = 1e-7
INITIAL = "^"
TAGGED_INITIALS = frozenset(["a", "i", "ou", "u", "w", "y"])


@dataclass(frozen=True, slots=True)
class Emission:
    """How one romanized unit is written: dropped, as one letter, or as two letters (probabilities)."""

    drop: float
    one: dict[str, float]
    two: dict[str, float]


@dataclass(frozen=True, slots=True)
class Transducer:
    """Probabilities that a unit is written as some letters, and that a letter is written with no unit behind it."""

    emissions: dict[str, Emission]
    insert: dict[str, float]
    floor: float = _FLOOR
    insert_floor: float = _INSERT_FLOOR

    def emission(self, unit: str) -> Emission:
        found = self.emissions.get(unit)
        if found is None and unit.endswith(INITIAL):
            found = self.emissions.get(unit[: -len(INITIAL)])
        return found if found is not None else _hand_emission(unit.removesuffix(INITIAL))


@dataclass(frozen=True, slots=True)
class SimilarityModel:
    arabic: Transducer
    hand: Transducer  # Cyrillic and Latin units
    chance: dict[str, float]  # log probability of each letter a-z in an English name
    chance_stop: float  # log probability that a name ends after a letter
    slope: float
    intercept: float
    chance_floor: float = -10.0  # log probability of a letter the names never used


def _emission(spellings: dict[str, float]) -> Emission:
    one = {k: v for k, v in spellings.items() if len(k) == 1}
    two = {k: v for k, v in spellings.items() if len(k) == 2}
    return Emission(spellings.get("", 0.0), one, two)


@lru_cache(maxsize=1024)
def _hand_emission(unit: str) -> Emission:
    spec = _HAND_SPELLINGS.get(unit)
    weights: dict[str, float] = {}
    if spec is not None:
        for item in spec.split():
            letters, _, weight = item.rpartition(":")
            weights[letters] = float(weight)
    weights.setdefault(unit, 1.0)
    if len(unit) == 1 and unit not in "aeiouy":
        weights.setdefault(unit * 2, 0.05)
    weights[""] = weights.get("", 0.0) + _HAND_DELETION
    total = sum(weights.values())
    return _emission({k: v / total for k, v in weights.items() if len(k) <= 2})


def model_from_json(data: dict[str, object]) -> SimilarityModel:
    """The model from the JSON that ``bench/train_romanize.py`` writes."""
    units = data["units"]
    insert = data["insert"]
    chance = data["chance"]
    calibration = data["calibration"]
    assert isinstance(units, dict) and isinstance(insert, dict) and isinstance(chance, dict)
    assert isinstance(calibration, dict)
    arabic = Transducer(
        {unit: _emission(spellings) for unit, spellings in units.items()},
        dict(insert),
        float(data.get("floor", _FLOOR)),  # type: ignore[arg-type]
        float(data.get("insert_floor", _INSERT_FLOOR)),  # type: ignore[arg-type]
    )
    hand = Transducer({}, dict(_HAND_INSERT))
    letters = {k: float(v) for k, v in chance.items()}
    return SimilarityModel(
        arabic,
        hand,
        letters,
        float(data["chance_stop"]),  # type: ignore[arg-type]
        float(calibration["slope"]),
        float(calibration["intercept"]),
        min(letters.values(), default=-10.0),
    )


@lru_cache(maxsize=1)
def default_model() -> SimilarityModel:
    return model_from_json(json.loads(MODEL_PATH.read_text(encoding="utf-8")))


def log_probability(transducer: Transducer, source: tuple[str, ...], target: str) -> float:
    """log P(target letters | source units), summed over every alignment (forward algorithm, rescaled per row)."""
    m = len(target)
    insert = [transducer.insert.get(c, transducer.insert_floor) for c in target]
    pairs = ["", "", *(target[j - 2 : j] for j in range(2, m + 1))]
    floor = transducer.floor
    prev = [1.0] * (m + 1)
    for j in range(1, m + 1):
        prev[j] = prev[j - 1] * insert[j - 1]
    log_scale = 0.0
    for unit in source:
        emission = transducer.emission(unit)
        drop, one, two = emission.drop, emission.one, emission.two
        row = [prev[0] * drop] * (m + 1)
        for j in range(1, m + 1):
            total = prev[j] * drop + prev[j - 1] * one.get(target[j - 1], floor) + row[j - 1] * insert[j - 1]
            if j > 1 and two:
                q = two.get(pairs[j])
                if q is not None:
                    total += prev[j - 2] * q
            row[j] = total
        top = max(row)
        if top <= 0.0:
            return -math.inf
        if top < 1e-100:
            row = [x / top for x in row]
            log_scale += math.log(top)
        prev = row
    return math.log(prev[m]) + log_scale if prev[m] > 0.0 else -math.inf


def chance_log_probability(model: SimilarityModel, target: str) -> float:
    """log probability of the letters as any English name (letter frequencies, no context)."""
    chance, low = model.chance, model.chance_floor
    return sum(chance.get(c, low) for c in target) + model.chance_stop


def log_odds(source: str, target: str, model: SimilarityModel | None = None) -> float:
    """How much likelier ``target``'s letters are as a spelling of ``source`` than as any name (natural log)."""
    model = model or default_model()
    arabic, units_ = _source(source)
    letters = _letters(target)
    if not units_ or not letters:
        return -math.inf
    transducer = model.arabic if arabic else model.hand
    return log_probability(transducer, units_, letters) - chance_log_probability(model, letters)


@lru_cache(maxsize=65536)
def _script(token: str) -> str:
    return script_of(token)


@lru_cache(maxsize=65536)
def _source(token: str) -> tuple[bool, tuple[str, ...]]:
    arabic = _script(token) == "arabic"
    return arabic, initial_tagged(units(token)) if arabic else units(token)


def initial_tagged(source: tuple[str, ...]) -> tuple[str, ...]:
    """The units with the name's first one (after an article) marked: a word-initial letter is spelled its own way."""
    k = 1 if source[:1] == ("al-",) else 0
    if k >= len(source) or source[k] not in TAGGED_INITIALS:
        return source
    return (*source[:k], source[k] + INITIAL, *source[k + 1 :])


@lru_cache(maxsize=65536)
def _letters(token: str) -> str:
    return latin_letters(romanize(token))


def _logistic(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


def calibrated(model: SimilarityModel, odds: float) -> float:
    if odds == -math.inf:
        return 0.0
    return _logistic(model.slope * odds + model.intercept)


@lru_cache(maxsize=262144)
def script_similarity(a: str, b: str) -> float:
    """Similarity in [0, 1] of two single name tokens, one at least in Arabic or Cyrillic script ("القذافي" and
    "Gaddafi", "Зеленський" and "Zelenskyy"). The non-Latin token's romanized units are scored as a spelling of the
    other token's letters (see the module docstring); when both are non-Latin, each way round, and the mean is taken.
    Two Latin tokens are compared the same way with a hand table (a fallback; prefer the Latin-only scorer there).
    """
    model = default_model()
    sa, sb = _script(a), _script(b)
    if sa not in _MODELLED and sb in _MODELLED:
        a, b, sa, sb = b, a, sb, sa
    if sb in _MODELLED or sa not in _MODELLED:
        if units(a) == units(b) and units(a):
            return 1.0
        return 0.5 * (calibrated(model, log_odds(a, b, model)) + calibrated(model, log_odds(b, a, model)))
    return calibrated(model, log_odds(a, b, model))
