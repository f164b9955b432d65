"""A quiz item, and the rules that turn a drafted question into one: limits, distractors, shuffle, id."""

from __future__ import annotations

import dataclasses
import hashlib
import itertools
import os
import random
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from telegram.constants import PollLimit

from bot import texts
from bot.notes.corpus import Passage
from bot.quiz.outline import clean_title, generic_title, role_only, topic_of
from bot.quiz.renderings import renderings
from bot.quiz.shape import favoured
from bot.quiz.synonyms import synonyms
from bot.quiz.text import CJK, common_suffix, fill, normalize, sentences, strip_asides, strip_label, unjoin
from bot.search.glossary import english_for
from bot.search.homophones import spellings
from bot.search.stems import is_english_word
from bot.search.stems import stem as word_stem

__all__ = [
    "Draft", "QuizItem", "QuizSource", "asked", "finish", "mentions", "normalize", "overlaps", "quoted", "tells", "translated", "unique",
    "valid", "without_topic",
]

# Four options read well in a Telegram poll and on a phone; fewer when the notes offer fewer.
MAX_OPTIONS = 4
# Three at least: with two a blind guess is right half the time (the Bot API would allow two).
MIN_OPTIONS = 3
# A sentence with its term left blank offers four: with two wrong terms beside it a learner tells
# the blank by ruling them out, and a family of three in the notes is seldom all there is (blind
# reviews: none of seven blanks with three options sound, eleven of seventeen with four).
BLANK_OPTIONS = 4
_BLANKS = frozenset({"cloze", "subject"})


@dataclass(frozen=True)
class QuizSource:
    """Where an item comes from in the notes."""

    file: str
    line: int
    section: tuple[str, ...]


@dataclass(frozen=True)
class QuizItem:
    """One multiple-choice question, ready for a Telegram quiz poll or the terminal."""

    id: str  # stable for the same notes: a hash of kind, source passage, question and answer
    kind: str
    question: str
    options: tuple[str, ...]
    correct: int  # index into options
    explanation: str  # why, citing the section
    source: QuizSource


@dataclass(frozen=True)
class Draft:
    """A question with its answer and ranked distractor candidates, before the rules are applied."""

    kind: str
    question: str
    answer: str
    # Candidate distractors in tiers, most fitting first; within a tier the seed decides.
    tiers: tuple[tuple[str, ...], ...]
    why: str  # the notes' own sentence that answers it
    passage: Passage
    min_options: int = MIN_OPTIONS
    extra_key: str = field(default="")
    # The words it is built from (a sentence, an example's name), to find their own line in the
    # Markdown: a nested quote's sentence stands lines below its list item's first line.
    anchor: str = field(default="")
    # The topic the question names ("垃圾收集器 › CMS"); None: from the passage's headings.
    topic: str | None = field(default=None)
    # Drafts of one group are alternatives (another wrong-one-out for the same list): the first
    # that makes an item is kept, the others are not tried.
    group: str = field(default="")
    # (key, n) pairs: at most n items of the drafts sharing a key (one table's rows, one file's
    # tables), the first ones.
    quota: tuple[tuple[str, int], ...] = field(default=())
    # A question that means nothing without the topic it names ("表中…": which table?).
    needs_topic: bool = field(default=False)
    # The title of the folder the passage's file stands in (its README's top heading): the page's
    # place, named when the file's own headings name only a role or the answer.
    above: tuple[str, ...] = field(default=())
    # What the answer is called, named in the question after its id is made (a table's label
    # column: "…为「使用 depends_on」的问题是哪一项？"); "": the question names nothing.
    answer_noun: str = field(default="")


# "--eviction-hard 或 --eviction-soft" says what "--eviction-hard or eviction-soft" says: a Chinese
# connective between Latin words reads as its English one.
_CONNECTIVE = re.compile(r"(?<=[A-Za-z0-9])\s*(或者?|和|与|及)\s*(?=[\-A-Za-z0-9])")
_ENGLISH_CONNECTIVE = {"或": " or ", "或者": " or ", "和": " and ", "与": " and ", "及": " and "}
# Short options bundled behind one dash ("-it", "-ti"): the same options in any order.
_BUNDLED_FLAGS = re.compile(r"-[A-Za-z]{2,5}")


@lru_cache(maxsize=1 << 16)
def overlaps(a: str, b: str) -> bool:
    """True when one contains the other (after normalising), or both say the same: such options
    collide. Latin names contain each other by whole words only: "A" and "AAAA" are two DNS
    records, "exec" and "kubectl exec" one command."""
    na, nb = _read_alike(a), _read_alike(b)
    if not (na and nb):
        return False
    if a.isascii() and b.isascii() and na != nb:
        wa, wb = _latin_words(a), _latin_words(b)
        if wa and wb and _unversioned(wa) == _unversioned(wb):
            return True  # Linkerd and Linkerd2, etcd v2 and etcd v3: one thing's versions
        return bool(wa) and bool(wb) and (_within(wa, wb) or _within(wb, wa))
    return na in nb or nb in na


def _unversioned(words: tuple[str, ...]) -> tuple[str, ...]:
    """A name's words without the version they end in ("linkerd2", "etcd v3", "python 3")."""
    if len(words) > 1 and re.fullmatch(r"v?\d+(?:\.\d+)*", words[-1]):
        words = words[:-1]
    last = words[-1].rstrip("0123456789")
    return (*words[:-1], last) if last else words


def _in_english(text: str) -> str:
    return _CONNECTIVE.sub(lambda m: _ENGLISH_CONNECTIVE[m.group(1)], text)


def _read_alike(text: str) -> str:
    """The comparable form of an option: normalised, connectives in English, bundled flags sorted."""
    text = text.strip()
    if _BUNDLED_FLAGS.fullmatch(text):
        return "-" + "".join(sorted(text[1:]))
    return normalize(_in_english(text))


def _latin_words(text: str) -> tuple[str, ...]:
    return tuple(w.casefold() for w in re.findall(r"[A-Za-z0-9]+", _in_english(text)))


def _within(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """Whether the words of one stand together in the other."""
    return any(long[i : i + len(short)] == short for i in range(len(long) - len(short) + 1))


def mentions(text: str, term: str) -> bool:
    """Whether the text names the term, also by its usual short form without the first character
    (全虚拟化 for 完全虚拟化) when that is still a word of four characters or more."""
    where, name = normalize(text), normalize(term)
    if not name:
        return False
    return name in where or (len(name) >= 5 and bool(CJK.match(name)) and name[1:] in where)


def item_id(kind: str, passage_text: str, question: str, answer: str) -> str:
    digest = hashlib.sha256("\0".join((kind, passage_text, question, answer)).encode("utf-8"))
    return f"{kind[:1]}{digest.hexdigest()[:11]}"


_CANDIDATES = 10  # wrong answers looked at for one item, in order of fit
_TRIES = 120  # sets of wrong answers tried before an item that gives its answer away is dropped


def _candidates(draft: Draft, question: str, seed: int, key: str) -> list[str]:
    """Wrong answers by the rules, most fitting first: same kind (the tiers), from the notes, never
    equal to, inside or containing the answer, not shown in the question."""
    rng = random.Random(f"{seed}:{key}:pick")
    found: list[str] = []
    for tier in draft.tiers:
        candidates = sorted(dict.fromkeys(c.strip() for c in tier if c and c.strip()))
        rng.shuffle(candidates)
        for candidate in candidates:
            if len(found) >= _CANDIDATES:
                return found
            if len(candidate) > PollLimit.MAX_OPTION_LENGTH or candidate in found:
                continue
            if overlaps(candidate, draft.answer) or mentions(question, candidate):
                continue
            found.append(candidate)
    return found


def _pick(draft: Draft, question: str, seed: int, key: str, least: int) -> list[str]:
    """The first set of wrong answers (most fitting first, as many as fit) that do not collide with
    each other and leave no way to tell the answer by its look (see shape.favoured, tells); []
    when there is none with at least ``least`` of them."""
    candidates = _candidates(draft, question, seed, key)
    # The first fair set whose answer has the size its turn gives it (see _size_turn); failing
    # that, the first where the answer is neither shortest nor longest; else the first fair set.
    fallbacks: dict[int, list[str]] = {}
    tries = 0
    for size in range(min(MAX_OPTIONS - 1, len(candidates)), least - 1, -1):
        for chosen in itertools.combinations(candidates, size):
            tries += 1
            if tries > _TRIES:
                break
            if any(overlaps(a, b) or draft.kind not in _VARIANT_KINDS and _twins(a, b) for a, b in itertools.combinations(chosen, 2)):
                continue
            options = [draft.answer, *chosen]
            stem = without_topic(question)
            if favoured(question, options, 0) or _told(stem, options, by_part=draft.kind not in _TRANSLATING_KINDS) or _word_told(stem, options):
                continue  # (the topic names what every option is about: a word of it tells none)
            role = _size_role(options)
            if role == _size_turn(key, len(options)):
                return list(chosen)
            fallbacks.setdefault(1 if role == "" else 2, list(chosen))
        if fallbacks or tries > _TRIES:
            break
    return fallbacks[min(fallbacks)] if fallbacks else []


# Kinds whose wrong options are variants of one another by design: near-miss orders (③ → ① → ②
# beside ③ → ② → ①), statements each with one word flipped.
_VARIANT_KINDS = frozenset({"order", "contrary"})
_TWIN_CHARS = 12  # characters of an option at least before two alike read as a pair
_TWIN_SHARE = 0.85  # of their characters two such options share, in order, at least


def _twins(a: str, b: str) -> bool:
    """Whether two long wrong options read alike but for a word ("…to nodePort(TCP)", "…to
    nodePort(UDP)"): a pair of them marks both as the decoys, and the answer as the one apart."""
    return min(len(a), len(b)) >= _TWIN_CHARS and Levenshtein.normalized_similarity(a, b) >= _TWIN_SHARE


def _size_role(options: Sequence[str]) -> str:
    """Whether the answer (first) is the shortest option, the longest, or neither."""
    sizes = [len("".join(o.split())) for o in options]
    if sizes[0] <= min(sizes[1:]):
        return "shortest"
    return "longest" if sizes[0] >= max(sizes[1:]) else ""


def _size_turn(key: str, count: int) -> str:
    """The size an item's answer is to have among its options, chosen by its id: the shortest
    in one item of as many as it has options, the longest in another (two of four), else
    neither; so "pick the shortest (or the longest)" is right about as often as a guess, and
    avoiding them no more."""
    turn = int(hashlib.sha256(key.encode()).hexdigest(), 16) % count
    # The longest in two turns of four: an answer, most often a name, is shorter than a sentence
    # offered beside it, and can be made the longest in fewer items than it is asked to.
    return {0: "shortest", 1: "longest", 2: "longest" if count >= 4 else ""}.get(turn, "")


_INITIALS = re.compile(r"\b[A-Z]{2,6}\b")
_ACRONYM = re.compile(r"(?<![A-Za-z])[A-Z]{3,6}(?![A-Za-z])")  # written beside Chinese too ("OVS提供")
_WORDS = re.compile(r"[A-Za-z]+")


def tells(question: str, option: str) -> bool:
    """Whether the option matches the question by translation or initials, not knowledge: an
    English word of it whose glossary translation the question holds ("everysec" for 每秒), its
    words' initials spelling a capitalised abbreviation of the question (SDP → Stable
    Dependencies Principle), or the other way round."""
    words = [w.casefold() for w in _WORDS.findall(option)]
    # (the parts of camel-case names too: LocalVolume's "local" translated is 本地)
    if translated(sorted(_latin_parts(option)), question) or translated(sorted(_latin_parts(question)), option):
        return True
    if _spelled_in(option, question):
        return True
    initials = "".join(w[0] for w in words if w).upper()
    if len(initials) >= 2 and initials in _INITIALS.findall(question):
        return True
    # "OVS 提供的…方案" beside OVN: two abbreviations opening alike name one family
    if _kin_acronyms(question, option):
        return True
    if _ACRONYM_OPTION.fullmatch(option) and _expanded(question, option):
        return True
    asked_words = [w for w in _WORDS.findall(question)]
    short = [option.upper()] if option.isascii() and option.isalpha() and 2 <= len(option) <= 6 else []
    for abbreviation in [*_INITIALS.findall(option), *short]:
        for start in range(len(asked_words) - len(abbreviation) + 1):
            run = asked_words[start : start + len(abbreviation)]
            if "".join(w[0] for w in run).upper() == abbreviation:
                return True
    return False


_ACRONYM_OPTION = re.compile(r"[A-Z]{3,6}")
_WORD_CHARS = (4, 3, 2)  # lengths of the Chinese words looked up, longest first


@lru_cache(maxsize=1 << 14)
def _expanded(question: str, acronym: str) -> bool:
    """Whether the question spells the acronym out in Chinese words whose English initials make it,
    in any order, one letter at most left to a word the glossary does not know (进程 ID for PID,
    进程间通信 for IPC: process, inter, communication)."""
    units: list[frozenset[str] | None] = []  # a word's initials, None for a character between
    at = 0
    while at < len(question):
        if question[at].isspace():
            at += 1
            continue
        latin = re.match(r"[A-Za-z]+", question[at:])
        if latin:
            word = latin.group(0)
            units.append(frozenset(word.upper()) if word.isupper() else frozenset(word[0].upper()))
            at += len(word)
            continue
        for size in _WORD_CHARS:
            english = english_for(question[at : at + size]) if CJK.match(question[at]) else ()
            if english:
                units.append(frozenset(e[0].upper() for e in english if e))
                at += size
                break
        else:
            units.append(None if CJK.match(question[at]) else frozenset())
            at += 1
    wanted = set(acronym)
    for start in range(len(units)):
        letters: set[str] = set()
        known = unknown = 0
        for unit in units[start : start + len(acronym) + 1]:
            if unit is None:
                unknown += 1
            elif not unit:
                break
            else:
                found = unit & wanted - letters
                if not found:
                    break
                letters |= found
                known += 1
            if known >= 2 and len(wanted - letters) <= min(unknown, 1):
                return True
    return False


_SPELLED_LEAST = 5  # letters of a pinyin spelling at least that tell (not "an", "li")


def _spelled_in(option: str, question: str) -> bool:
    """Whether a Chinese option, or the name it opens with, is spelled in pinyin inside a Latin word
    of the question (阿里云, of 阿里云容器镜像服务, in "registry.cn-hangzhou.aliyuncs.com")."""
    name = normalize(option)
    if len(name) < 2 or not all(CJK.match(c) for c in name):
        return False
    words = [w.casefold() for w in _SPELLABLE.findall(question)]
    # the whole option when it is a name's length, else the name it may open with (three or four characters)
    names = [name] if len(name) <= 4 else [name[:3], name[:4]]
    return bool(words) and any(len(s) >= _SPELLED_LEAST and s in w for n in names for s in spellings(n) for w in words)


_SPELLABLE = re.compile(r"[A-Za-z]{%d,}" % _SPELLED_LEAST)


def translated(words: Sequence[str], text: str) -> bool:
    """Whether one of the English words, as the glossary or the dictionary renders it, stands in the
    text: a rendering of two characters or more anywhere, one of a single character (volume: 卷)
    only as a word of its own or a word's last character, which names what it is ("外部挂载的卷",
    "持久化存储卷"), not at the start of another word (卷入)."""
    where = normalize(text)
    for w in words:
        if len(w) < 3:
            continue
        for t in renderings(w):
            t = normalize(t)
            if len(t) >= 2 and t in where or len(t) == 1 and CJK.match(t) and _ends_word(t, text):
                return True
    return False


_FUNCTION_CHARS = "的是为和与及或、"


def _ends_word(char: str, text: str) -> bool:
    """Whether the character ends a word of the text: no other Chinese character after it but a
    function one (的, 和 …)."""
    for m in re.finditer(re.escape(char), text):
        after = text[m.end()] if m.end() < len(text) else ""
        if not after or not CJK.match(after) or after in _FUNCTION_CHARS:
            return True
    return False


# Kinds that ask a term's other name: a word translated is what they ask, a word-for-word one aside.
_TRANSLATING_KINDS = frozenset({"alias_en", "alias_zh"})


_NEGATING_PARTS = frozenset({"no", "non", "not", "without", "disable", "disabled", "deny", "never", "skip", "ignore"})
_NEGATION = re.compile(r"不|无|非|未|没有|禁止|禁用|跳过|忽略")


def _negation_told(question: str, options: Sequence[str]) -> bool:
    """Whether the right option (first) is the only one whose name says "no" (NO_PROXY,
    --no-cache) and the question says a no (不使用代理的地址): matching the negation finds it."""
    negating = [bool(_latin_parts(o) & _NEGATING_PARTS) for o in options]
    return negating[0] and not any(negating[1:]) and bool(_NEGATION.search(question))


def _told(question: str, options: Sequence[str], by_part: bool = True) -> bool:
    """The right option (first) alone tells by translation or initials, or (``by_part``) by the
    translation of a word no wrong one has (spec.hostNetwork's "network" for 网络 beside
    spec.hostPID, whose "host" tells 主机 as much); or it alone says the no the question says."""
    if _negation_told(question, options):
        return True
    if not tells(question, options[0]):
        return False
    if not any(tells(question, o) for o in options[1:]):
        return True
    if not by_part:
        return False
    others = set().union(*(_told_by(question, o) for o in options[1:]))
    if _told_by(question, options[0]) - others:
        return True
    # "允许使用的 Capabilities 列表": allowedCapabilities alone has both words the question says,
    # one translated, one as written, where each wrong option has one
    said = [len(_told_by(question, o) | _written_in(question, o)) for o in options]
    return said[0] >= 2 and all(said[0] > other for other in said[1:])


def _written_in(question: str, option: str) -> set[tuple[str, str]]:
    """The Latin words and camel-case parts of an option the question writes as they are (each
    a word or part of one: Capabilities in allowedCapabilities)."""
    asked = _latin_parts(question)
    return {("option", part) for part in _latin_parts(option) if len(part) >= 3 and part in asked}


def _told_by(question: str, option: str) -> set[tuple[str, str]]:
    """The Latin words and camel-case parts of an option whose translation the question holds, and
    those of the question whose translation the option holds (dataSourceRef's "data" for 数据源识别),
    each with the side it stands on; and its abbreviations opening as one of the question's does."""
    return {("option", part) for part in _latin_parts(option) if translated([part], question)} | {
        ("question", part) for part in _latin_parts(question) if translated([part], option)
    } | {("option", a.casefold()) for a in _kin_acronyms(question, option)}


def _kin_acronyms(question: str, option: str) -> set[str]:
    """The option's abbreviations that open with the same two letters as another of the question's
    ("OVS 提供的…方案" beside OVN): names of one family, told by their look."""
    asked = set(_ACRONYM.findall(question))
    return {a for a in _ACRONYM.findall(option) if any(a != b and a[:2] == b[:2] for b in asked)}


_LATIN_WORD = re.compile(r"[A-Za-z]{3,}")
_PAIR_FILLER = frozenset("的是了在和与及或为以中一个这那其之也都而对从把被将有用可会能要就还不")


def _pairs(text: str) -> frozenset[str]:
    """The text's words as a reader matches them: Chinese character pairs (no particle in them)
    and Latin words of three letters or more, folded."""
    folded = normalize(text)
    found = {folded[i : i + 2] for i in range(len(folded) - 1)
             if CJK.match(folded[i]) and CJK.match(folded[i + 1]) and not (_PAIR_FILLER & {folded[i], folded[i + 1]})}
    return frozenset(found | {w.casefold() for w in _LATIN_WORD.findall(text)})


def _word_told(stem: str, options: Sequence[str]) -> bool:
    """Whether the right option (first) alone shares a word with what the question asks (its
    topic aside): "逐步迁移" asking for 渐进式迁移, "度量实例" for 度量管理 — matching the word,
    not knowing, finds it."""
    asked = _pairs(stem)
    shared = _pairs(options[0]) & asked
    if shared and not any(_pairs(o) & shared for o in options[1:]):
        return True
    # ... or the name's own word said otherwise: "模拟完整的底层硬件" for 完全虚拟化 (Cilin's synonyms)
    said = _said_otherwise(stem, options[0], tuple(options))
    if said and not any(_said_otherwise(stem, o, tuple(options)) for o in options[1:]):
        return True
    # A Latin word inside another ("Contrail" in OpenContrail, "host" of hostNetwork in "host 网络"),
    # or of the same stem ("category" of Categories): the look matches, not knowledge.
    acronyms = {w.casefold() for w in re.findall(r"\b[A-Z]{3,}\b", stem)}  # "AWS" in AWSElasticBlockStore
    pieces = [p for p in (_latin_parts(stem) - _pairs(options[0])) if len(p) >= _PIECE or p in acronyms]
    def inside(option: str) -> set[str]:
        words = _latin_parts(option)
        found = {p for p in pieces for w in words
                 if len(w) >= min(_PIECE, len(p)) and w != p and (p in w or w in p or word_stem(p) == word_stem(w))}
        # ... or the two names' telling part in common: "VLAN" of IPVLAN beside MACVLAN
        return found | {run for p in pieces for w in words if w != p and (run := _shared_run(p, w))}
    found = inside(options[0])
    return bool(found) and not any(inside(o) & found for o in options[1:])


@lru_cache(maxsize=1 << 14)
def _shared_run(a: str, b: str) -> str:
    """The letters two words have in common in one run, when the run is half the shorter word or
    more and at least `_PIECE` letters ("vlan" of macvlan and ipvlan; not "ment" of deployment
    and assignment): the names look alike."""
    if not (a.isalpha() and b.isalpha()):
        return ""
    match = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    return a[match.a : match.a + match.size] if match.size >= max(_PIECE, -(-min(len(a), len(b)) // 2)) else ""


_NAME_CHARS = 8  # an option this long at most is a name, whose words a stem may say otherwise


@lru_cache(maxsize=1 << 14)
def _said_otherwise(stem: str, option: str, options: tuple[str, ...]) -> frozenset[str]:
    """The synonyms of a short option's own words (not the ending all options share: 虚拟化 of
    完全虚拟化) that the stem holds, a word it holds itself aside."""
    if len(option) > _NAME_CHARS or not CJK.search(option):
        return frozenset()
    asked = _pairs(stem)
    suffix = common_suffix([normalize(o) for o in options])
    own = normalize(option)[: len(normalize(option)) - len(suffix)] if suffix else normalize(option)
    return frozenset(s for p in _pairs(own) if p not in asked for s in synonyms(p) if s in asked)


_PIECE = 4  # letters of a Latin word that match by look inside a longer one
_CAMEL = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")


def _latin_parts(text: str) -> set[str]:
    """The text's Latin words and the parts of camel-case ones (hostNetwork: host, network) or of
    two English words written as one (pushgateway: push, gateway), folded; each two parts side by
    side also hyphenated (read-only)."""
    found: set[str] = set()
    for word in re.findall(r"[A-Za-z][A-Za-z0-9]*", text):
        found.add(word.casefold())
        parts: list[str] = []
        for part in _CAMEL.findall(word):
            parts.extend(_joined_words(part.casefold()) or (part.casefold(),))
        found.update(parts)
        # two parts side by side as the dictionary writes them ("readOnly", "readonly": read-only)
        found.update(f"{a}-{b}" for a, b in zip(parts, parts[1:]))
    return found


_JOINED_LEAST = 3  # letters of each of two words written as one


@lru_cache(maxsize=1 << 14)
def _joined_words(word: str) -> tuple[str, ...]:
    """The two English words a word is written of ("pushgateway" → push, gateway), none when it
    is a word itself or no such split is."""
    if len(word) < 2 * _JOINED_LEAST + 1 or not word.isalpha() or is_english_word(word):
        return ()
    for at in range(_JOINED_LEAST, len(word) - _JOINED_LEAST + 1):
        if is_english_word(word[:at]) and is_english_word(word[at:]):
            return (word[:at], word[at:])
    return ()


def _echoed(question: str, answer: str, distractors: list[str]) -> bool:
    """Whether the answer alone repeats a word of the question ("Sun Solaris系统上的____" →
    "Solaris Containers"): matching words, not knowledge, would find it."""
    # (camel-case parts too: "clusterCIDR" in the question, KUBE-CLUSTER-IP the answer)
    asked = {w for w in _latin_parts(question) if len(w) >= _PREFIX}
    words = {w for w in _latin_parts(answer) if len(w) >= _PREFIX}
    # a word of the question that begins one of the answer's, too ("为 Mac 用户" → macOS)
    shared = (words & asked) | {q for q in asked for w in words if w.startswith(q)}
    # (a hyphenated pair of parts, "health-check", stands in a distractor as its parts do)
    return any(not any(w in d.casefold() or w in _latin_parts(d) for d in distractors) for w in shared)


_PREFIX = 3  # letters of a word at least that begin a longer one as a giveaway


def quoted(passage: Passage, *needles: str, label: str = "") -> str:
    """The notes' own sentences that hold all the needles (the fewest in a row), as the notes say
    them: the lines' joining spaces between Chinese words dropped, nothing reworded or merged.
    Given the label of a labelled item ("部分虚拟化：…") whose label line is not among them, the
    label comes first with an ellipsis for the sentences left out."""
    text = unjoin(strip_label(passage.text) if passage.kind == "list_item" else passage.text)
    said = sentences(text) or [text]
    wanted = [normalize(n) for n in needles if normalize(n)]
    best: tuple[int, int] | None = None
    for start in range(len(said)):
        for end in range(start + 1, len(said) + 1):
            joined = "".join(said[start:end])
            where = (normalize(joined), normalize(strip_asides(joined)))  # a description drops asides
            if all(any(w in form for form in where) for w in wanted):
                if best is None or end - start < best[1] - best[0]:
                    best = (start, end)
                break
    start, end = best if best is not None else (0, len(said))
    text = "".join(said[start:end]).strip()
    if label and start > 0 and said[0].startswith(label):
        return fill(texts.QUIZ_WHY_LABELLED, label=label, text=text)
    return text


def _cut(text: str, room: int) -> str:
    """The text cut to room at a sentence boundary (else a clause boundary) with "…"."""
    if len(text) <= room:
        return text
    mark = texts.QUIZ_WHY_CUT.format(text="")
    room -= len(mark)
    for pattern in (r"(?<=[。！？；;!?])", r"(?<=[，,、：:])"):
        pieces = [p for p in re.split(pattern, text) if p]
        kept = ""
        for piece in pieces:
            if len(kept) + len(piece) > room:
                break
            kept += piece
        if len(kept) >= room // 3:
            return texts.QUIZ_WHY_CUT.format(text=kept.rstrip("，,；;、：: "))
    return texts.QUIZ_WHY_CUT.format(text=text[:room].rstrip("，,；;、：: "))


def _explanation(draft: Draft) -> str:
    """The notes' sentences that answer it (cut to Telegram's limit at a sentence boundary), then
    the section they stand in."""
    section = draft.passage.section
    cite = fill(texts.QUIZ_CITE, section=texts.section_label(section) if section else draft.passage.file)
    room = PollLimit.MAX_EXPLANATION_LENGTH - len(cite)
    # A list item's closing "；" or "，" is no end for a quoted sentence before the citation.
    lines = [" ".join(line.split()).rstrip("；;，,、：: ") for line in draft.why.split("\n")]
    room -= len(lines) - 1
    share = room // len(lines)
    return "\n".join(_cut(line, share if i < len(lines) - 1 else room - sum(len(_cut(l, share)) for l in lines[:-1]))
                     for i, line in enumerate(lines)) + cite


def _fold(text: str) -> str:
    """White space folded within each line; line breaks (a list of steps) kept."""
    return "\n".join(" ".join(line.split()) for line in text.strip().split("\n") if line.strip())


_TOPIC_HEAD, _, _TOPIC_TAIL = texts.QUIZ_TOPIC.partition("{topic}")
_TOPIC_TAIL = _TOPIC_TAIL.partition("{question}")[0]


def without_topic(question: str) -> str:
    """What a question asks, without the topic it names first (see asked)."""
    if question.startswith(_TOPIC_HEAD):
        end = question.find(_TOPIC_TAIL, len(_TOPIC_HEAD))
        if end >= 0:
            return question[end + len(_TOPIC_TAIL) :]
    return question


def asked(draft: Draft, strict: bool = False) -> str:
    """The question as a poll shows it: the topic it is about, then what it asks. ``strict``: a
    topic none of whose headings shares a word with the answer (the headings above one that does)."""
    question = _fold(draft.question)
    pieces: tuple[str, ...] = ()
    if strict:
        folded = normalize(draft.answer)
        pieces += tuple(folded[i : i + 2] for i in range(len(folded) - 1) if CJK.match(folded[i]))
        pieces += tuple(w.casefold() for w in _WORDS.findall(draft.answer) if len(w) >= 3)
    topic = draft.topic if draft.topic is not None else topic_of(draft.passage.section, (draft.answer,), pieces)
    return fill(texts.QUIZ_TOPIC, topic=topic, question=question) if topic else question


def topic_in(question: str) -> str:
    """The topic a question names first ("" when it names none)."""
    if question.startswith(_TOPIC_HEAD):
        end = question.find(_TOPIC_TAIL, len(_TOPIC_HEAD))
        if end >= 0:
            return question[len(_TOPIC_HEAD) : end]
    return ""


_QUOTES_LEAD = re.compile(re.escape(texts.QUIZ_REPRESENTED.partition("{lead}")[0]) + r".{6,}?……")
_KIND_KINDS = frozenset({"category_of", "example_of", "not_example", "not_kind", "contrast"})
_SUBJECT_KINDS = frozenset({"subject", "cloze"})


def own_subject(draft: Draft, answer: str) -> bool:
    """Whether an item stands without a topic, as any topic would tell it: a sentence's blank that
    is the subject of its whole page (its file's top heading names the answer: "Pod" on the page
    "Pod", Docker in "初始Docker与容器"), or a table question naming its table."""
    top = draft.passage.section[:1]
    if draft.kind in _KIND_KINDS:
        return True  # "主机方案属于哪一种方案？": it names the kind it asks about
    if draft.kind.startswith("table") and "「" in draft.question or draft.kind == "question" or _QUOTES_LEAD.match(draft.question):
        return True  # "「协程与线程的比较」表中…", "如何删除…？", "笔记说“虚拟化技术…经历了……”": it says what it is about
    return draft.kind in _SUBJECT_KINDS and bool(top) and mentions(clean_title(top[0]), answer)


def _fuller_topic(draft: Draft, answer: str, topic: str) -> str:
    """The topic with the page's subject before it: the file's top heading, else the folder's
    title, the first that names neither only a role nor the answer; "" when there is none."""
    for title in (*draft.passage.section[:1], *draft.above[:1]):
        name = clean_title(title)
        if not name or generic_title(name) or role_only(name) or mentions(name, answer) or mentions(answer, name):
            continue
        fuller = texts.SECTION_PATH_SEPARATOR.join(t for t in (name, topic.split(texts.SECTION_PATH_SEPARATOR)[-1]) if t)
        return fuller if len(fuller) <= 40 else name
    return ""


_WHICH_ONE = texts.QUIZ_DEFINITION_PLAIN.partition("{description}")[2]  # "”——这说的是哪一项？"
_BLANK_ONE = texts.QUIZ_SUBJECT.partition("{text}")[2]  # "”——空白处是哪一项？"


def _asks_blank(question: str) -> str:
    """A sentence with a blank asks what fills it ("“____是…”——空白处是哪一项？"), not what it
    describes. (After the item's id is made: the ids of items asked so before stay.)"""
    if texts.QUIZ_BLANK in question and question.endswith(_WHICH_ONE):
        return question[: -len(_WHICH_ONE)] + _BLANK_ONE
    return question


# A mark the notes set before a sentence ("✅ -d 参数是…", "💡 …"): how the author flags it, no word of it.
_MARK = re.compile(r"(?<=[：:“\"「])\s*[✅✔☑✓💡👉⭐🔥📌]\ufe0f?\s*")


def _unmarked(question: str) -> str:
    """The question without a mark opening the notes' sentence it shows (after its id is made)."""
    return _MARK.sub("", question, count=1)


_WHICH_ROW = texts.QUIZ_TABLE_ROW_PLAIN.partition("{cells}")[2]  # "的是哪一项？"


def _named_answer(question: str, noun: str) -> str:
    """The question naming what its answer is ("…的问题是哪一项？"), when the draft says so."""
    if noun and question.endswith(_WHICH_ROW):
        return question[: -len(_WHICH_ROW)] + fill(texts.QUIZ_TABLE_ROW_NAMED, noun=noun)
    return question


def _below_page(draft: Draft, topic: str) -> bool:
    """Whether the topic is one heading inside a page, the page not named ("启动与验证" of the
    page "11.3 使用" in the folder "Docker Compose"): which thing it is about, the poll does not say."""
    section = draft.passage.section
    return bool(topic) and texts.SECTION_PATH_SEPARATOR not in topic and topic in (clean_title(t) for t in section[1:])


def _with_subject(draft: Draft, answer: str, question: str, core: str) -> str | None:
    """The question as it names its topic: "在「架构简介」中…" or no topic is named with the page's
    subject (its file's top heading, else its folder's title) when that does not name the answer;
    else it is asked only of a page's own subject, which no heading can name without telling it
    (see own_subject), and None otherwise."""
    topic = topic_in(question)
    if not role_only(topic) and not _below_page(draft, topic):
        return question
    fuller = _fuller_topic(draft, answer, topic)
    above = fuller.split(texts.SECTION_PATH_SEPARATOR)[0] if texts.SECTION_PATH_SEPARATOR in fuller else ""
    if fuller and not role_only(topic) and (not above or mentions(topic, above)):
        return question  # (no subject above it but the topic itself, or one the topic names: "DRA vs Device 插件")
    if fuller:
        return fill(texts.QUIZ_TOPIC, topic=fuller, question=core)
    return None if not topic_in(question) and not own_subject(draft, answer) else question


def finish(draft: Draft, seed: int) -> QuizItem | None:
    """The item for a draft, or None when it breaks a rule (answer in the question, too few
    options, a look that gives the answer away, anything beyond the Bot API's limits)."""
    core = _fold(draft.question)
    answer = draft.answer.strip()
    question = asked(dataclasses.replace(draft, answer=answer)) if answer else core
    if not answer or not core or normalize(answer) in normalize(question):
        return None
    if one_of(core) or leans_outside(core) or bare_blank(core) or denied_blank(core) or before_command(core) or _needs_of_no_one(core):
        return None
    if texts.QUIZ_BLANK in core and (_SETTING.search(answer) or _partnered_blank(core, answer)):
        return None
    if core.count(texts.QUIZ_BLANK) > 1:
        return None  # ("____容器服务 TKE 是____提供的…"): one thing blanked twice reads as two blanks, its name told by the rest
    if len(question) > PollLimit.MAX_QUESTION_LENGTH or len(answer) > PollLimit.MAX_OPTION_LENGTH:
        return None
    key = item_id(draft.kind, draft.passage.text + draft.extra_key, core, answer)
    question = _with_subject(draft, answer, question, core)
    if question is None:
        return None
    question = _named_answer(_asks_blank(_unmarked(question)), draft.answer_noun)
    least = max(draft.min_options, BLANK_OPTIONS if draft.kind in _BLANKS else MIN_OPTIONS) - 1
    distractors = _pick(draft, question, seed, key, least)
    if not distractors and draft.topic is None:
        # The headings named may be what gives the answer away: name only those that do not.
        question = _with_subject(draft, answer, asked(dataclasses.replace(draft, answer=answer), strict=True), core)
        if question is None:
            return None
        distractors = _pick(draft, question, seed, key, least)
    options = [answer, *distractors]
    if len(options) < least + 1 or _echoed(question, answer, distractors):
        return None
    if draft.needs_topic and not question.startswith(_TOPIC_HEAD):
        return None
    random.Random(f"{seed}:{key}:order").shuffle(options)
    explanation = _explanation(draft)
    if explanation.count("\n") > PollLimit.MAX_EXPLANATION_LINE_FEEDS:
        return None
    return QuizItem(
        id=key,
        kind=draft.kind,
        question=question,
        options=tuple(options),
        correct=options.index(answer),
        explanation=explanation,
        source=QuizSource(draft.passage.file, draft.passage.line, draft.passage.section),
    )


_CLAUSE_END = re.compile(r"[，,；;。：:”」？?]|——")


def one_of(text: str) -> bool:
    """Whether the clause holding the blank (or, without one, the first clause) says its subject
    is one of several ("____是 Docker 最常用的运行环境之一"), or (a blank's) that it is popular
    ("____是企业级服务器常用的操作系统", "____因其性能和安全性备受青睐"): true of the other
    options too."""
    at = text.find(texts.QUIZ_BLANK)
    clauses = _CLAUSE_END.split(text[max(at, 0) :])
    if not clauses:
        return False
    return clauses[0].rstrip(" \"）)").endswith("之一") or at >= 0 and _only_popular(text)


# How much a thing is used or liked: said of many things of a kind alike.
_POPULAR = re.compile(r"常用|流行|主流|著名|知名|备受|广受|深受|受欢迎|青睐")


def _only_popular(text: str) -> bool:
    """Whether the blank's sentence says of it only that it is popular: its clause says so and no
    clause after it says more ("…，其自带软件版本往往较新一些" tells one distribution apart)."""
    sentence = re.split(r"[”\"]——", _shown(text))[0]
    rest = sentence[sentence.find(texts.QUIZ_BLANK) :].rstrip("。；; ")
    return bool(_POPULAR.search(re.split(r"[，,；;]", rest)[0])) and not re.search(r"[，,；;]", rest)


_QUOTED_START = re.compile(r"[“\"]|填空[：:]")
_AROUND_LEAST = 6  # letters and characters at least a blank's sentence shows beside it


def _shown(text: str) -> str:
    """The notes' sentence a question shows: what follows its frame ("填空：", an opening quote)."""
    start = _QUOTED_START.search(text)
    return text[start.end() :] if start else text


def bare_blank(text: str) -> bool:
    """Whether a blank stands (nearly) alone in its sentence ("填空：____", of a list item that is
    only its bold phrase): nothing is asked."""
    if texts.QUIZ_BLANK not in text:
        return False
    sentence = _shown(text)
    sentence = sentence if texts.QUIZ_BLANK in sentence else text
    sentence = re.split(r"[”\"]——", sentence)[0].replace(texts.QUIZ_BLANK, "")
    return len(re.findall(r"[A-Za-z0-9\u4e00-\u9fff]", sentence)) < _AROUND_LEAST


# Where a statement holds (生产环境, 测试环境): a blank on it asks what common sense supplies ("在____防止
# 服务级联故障" is production), not the statement's lesson.
_SETTING = re.compile(r"环境$")
_PARTNER = re.compile(r"(?P<partner>[A-Za-z][\w.\-]*)\s*(?:和|与|及|、|/|以及)\s*$")
_PARTNER_PREFIX = 3  # letters a blank's partner shares with its answer at the start, at least


def _partnered_blank(text: str, answer: str) -> bool:
    """Whether the blank follows its partner, a name starting as the answer does ("go.mod 和
    ____" for go.sum): the pair, not the notes, fills it."""
    match = _PARTNER.search(text[: text.find(texts.QUIZ_BLANK)])
    if not match:
        return False
    partner, own = match.group("partner").casefold(), answer.casefold()
    shared = len(os.path.commonprefix([partner, own]))
    return shared >= _PARTNER_PREFIX and shared < min(len(partner), len(own))


# A need or duty said with no one who has it ("需要启用 ____ 特性门控", the feature that needs
# it said in the sentence before): any of the options may need one.
_NEEDED = re.compile(r"^(?:需要|必须|须|应该|应当|务必)")


def _needs_of_no_one(text: str) -> bool:
    """Whether a blank's sentence opens with a need or duty and no subject before it."""
    if texts.QUIZ_BLANK not in text:
        return False
    sentence = _shown(text).lstrip(" “「\"")
    return bool(_NEEDED.match(sentence)) and not sentence.startswith(texts.QUIZ_BLANK)


# What a sentence denies of its blank ("❌ ____ 参数不是让容器一直运行"): true of the wrong options too.
_DENIED = re.compile(r"[^，,。；;：:]{0,8}?(?:不是|并非|并不是|不等于|不代表|不意味着)")
_DENIED_MARK = re.compile(r"^\s*[❌✗✘×]")


def denied_blank(text: str) -> bool:
    """Whether the sentence a question shows says what its blank is not: a "not" is true of nearly
    anything else, the wrong options with it."""
    if texts.QUIZ_BLANK not in text:
        return False
    sentence = _shown(text)
    at = sentence.find(texts.QUIZ_BLANK)
    return at >= 0 and (bool(_DENIED_MARK.match(sentence)) or bool(_DENIED.match(sentence, at + len(texts.QUIZ_BLANK))))


# A blank right before a command line ("使用 ____ apt-get update && …", "不要使用 ____ apt-get
# upgrade"): the keyword that runs it (RUN) is the syntax around the command, what the sentence
# teaches is the command.
_BEFORE_COMMAND = re.compile(r"\s*(?P<program>[a-z][a-z0-9._\-]*)\s+(?:[a-z][a-z0-9._\-]*|-{1,2}[a-z])")


def before_command(text: str) -> bool:
    """Whether the blank stands right before a command line of the sentence it shows (a program's
    name, no English word: "____ is a tool" is a sentence)."""
    at = text.find(texts.QUIZ_BLANK)
    found = _BEFORE_COMMAND.match(text, at + len(texts.QUIZ_BLANK)) if at >= 0 else None
    return found is not None and not is_english_word(found.group("program"))


def leans_outside(text: str) -> bool:
    """Whether the sentence a question shows points back with 它 in its first clause ("____将会
    利用它自动构建这个镜像", "你可以对它扩／缩容，…"): what 它 is stood in a sentence the poll does
    not show. (In a later clause it is what the sentence named first: "____是一个工具，它…".)"""
    return bool(re.search(r"(?<!其)它", _CLAUSE_END.split(_shown(text))[0]))


# A blank joined to Latin letters ("____Net是…" of Weave Net, "____-kubernetes" of ovn-kubernetes):
# it cuts a name, and the piece left tells the rest.
_CUT_NAME = re.compile(r"[A-Za-z0-9]-?" + re.escape(texts.QUIZ_BLANK) + r"|" + re.escape(texts.QUIZ_BLANK) + r"(?:-?[A-Za-z0-9]| [A-Z][a-z])")


def valid(item: QuizItem) -> list[str]:
    """Every rule an item breaks (empty when it is fine): used by tests and the export check."""
    problems: list[str] = []
    if not 1 <= len(item.question) <= PollLimit.MAX_QUESTION_LENGTH:
        problems.append("question length")
    if not MIN_OPTIONS <= len(item.options) <= min(MAX_OPTIONS, PollLimit.MAX_OPTION_NUMBER):
        problems.append("option count")
    if any(not 1 <= len(o) <= PollLimit.MAX_OPTION_LENGTH for o in item.options):
        problems.append("option length")
    if len(item.explanation) > PollLimit.MAX_EXPLANATION_LENGTH:
        problems.append("explanation length")
    if not 0 <= item.correct < len(item.options):
        problems.append("correct index")
    elif normalize(item.options[item.correct]) in normalize(item.question):
        problems.append("answer in question")
    if _CUT_NAME.search(item.question):
        problems.append("blank cuts a name")
    for i, a in enumerate(item.options):
        for b in item.options[i + 1 :]:
            if overlaps(a, b):
                problems.append(f"options collide: {a} / {b}")
    return problems


PER_PASSAGE = 2  # items of one kind from one passage: more would ask the same lines again
# Kinds whose items of one passage may share their answer: each asks another sentence about it
# (a paragraph of three sentences on Docker says three things of it).
_SENTENCE_KINDS = frozenset({"subject", "cloze", "code_name"})
PER_SENTENCE_PASSAGE = 3
# Kinds whose question is the same words each time ("以下哪一项说法与笔记相符？"): told apart by
# their options.
_GENERIC_KINDS = frozenset({"statement", "contrary", "order", "table_statement"})


def unique(items: Iterable[QuizItem]) -> tuple[QuizItem, ...]:
    """Items in order, without repeats: one for each id and for each question text (the same
    question with another right answer would contradict it), one for each answer of a kind from a
    passage ("VirtualBox" and "QEMU" both asking for 完全虚拟化), and at most PER_PASSAGE of a
    kind from a passage."""
    seen: set[object] = set()
    per_kind: dict[tuple[str, int, str], int] = {}
    out: list[QuizItem] = []
    for item in items:
        place = (item.source.file, item.source.line, item.kind)
        question = normalize(item.question) + ("\0" + "\0".join(sorted(item.options)) if item.kind in _GENERIC_KINDS else "")
        keys = {item.id, question}
        if item.kind not in _SENTENCE_KINDS:
            keys.add((*place, normalize(item.options[item.correct])))
        if keys & seen or per_kind.get(place, 0) >= (PER_SENTENCE_PASSAGE if item.kind in _SENTENCE_KINDS else PER_PASSAGE):
            continue
        seen |= keys
        per_kind[place] = per_kind.get(place, 0) + 1
        out.append(item)
    return tuple(out)
