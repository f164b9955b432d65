"""Every quiz item the notes allow, from all the generators, checked and deduplicated."""

from __future__ import annotations

import dataclasses
import posixpath
import re
from collections.abc import Mapping, Sequence

from bot import texts
from bot.notes.cards import Card, parse_cards
from bot.notes.corpus import Corpus, Passage
from bot.quiz.aliases import alias_drafts, other_names
from bot.quiz.apart import apart
from bot.quiz.cloze import cloze_drafts
from bot.quiz.codes import code_drafts
from bot.quiz.commands import command_drafts
from bot.quiz.contrary import contrary_drafts
from bot.quiz.facts import fact_drafts
from bot.quiz.gates import gate_corpus
from bot.quiz.headings import heading_drafts
from bot.quiz.item import Draft, QuizItem, finish, mentions, normalize, own_subject, unique, valid, without_topic
from bot.quiz.pages import page_drafts
from bot.quiz.passages import WHOLE_KINDS
from bot.quiz.questions import question_drafts
from bot.quiz.recall import recall_cards
from bot.quiz.reasons import reason_drafts
from bot.quiz.represents import represent_drafts
from bot.quiz.steps import step_drafts
from bot.quiz.subjects import families, subject_drafts
from bot.quiz.tables import label_column, table_drafts
from bot.quiz.terms import label_of, term_drafts
from bot.quiz.text import strip_label
from bot.quiz.view import NotesView

__all__ = ["TABLE_LEAD", "askable_notes", "build_quiz_items"]

_GENERATORS = (table_drafts, term_drafts, represent_drafts, fact_drafts, alias_drafts, cloze_drafts)
# Generators that read the notes' outline and raw lines as well.
_VIEW_GENERATORS = (heading_drafts, subject_drafts, step_drafts, question_drafts, reason_drafts, command_drafts, code_drafts, contrary_drafts)
_ALIAS_KINDS = ("alias_en", "alias_zh")
_ANCHOR = 40  # characters of an item's own words that find their line
_LEAST = 4  # fewer would find any line


def build_quiz_items(corpus: Corpus, seed: int = 0, files: Mapping[str, str] | None = None) -> tuple[QuizItem, ...]:
    """Quiz items in the notes' order of generators; the same notes and seed give the same items.

    ``source.line`` is the first line of the item's passage; given the notes' Markdown text
    (``files``, as passed to ``parse_notes``), it is the line of the very sentence or name the item
    asks about (a sentence in a list item's nested quote stands below the item's first line), and
    what only the raw lines tell is used too: a numbered list's steps, links that open list items,
    the notes' own flashcards (no item is made from their lines)."""
    items: list[QuizItem] = []
    drafts: dict[int, Draft] = {}  # by the item object: equal notes in two places give equal ids
    view = NotesView(askable_notes(corpus, files), files or {})
    every = [
        *(d for generate in _GENERATORS for d in generate(view.corpus)),
        *(d for generate in _VIEW_GENERATORS for d in generate(view)),
    ]
    groups: set[str] = set()
    quotas: dict[str, int] = {}
    names = other_names(view.corpus)
    folders = view.outline.folder_titles
    things = frozenset(normalize(m) for family in families(view) for m in family.members)
    main = view.main_subject
    # Short sentences that lead into a list ("引入 serverless 可以给应用开发者带来明显的好处" before
    # the benefits): what they say is the list below them, a blank or a topic asked of them alone
    # fits nearly anything. (A longer one says something of its own: "DaemonSet 保证在每个 Node
    # 上都运行一个容器副本，常用来部署…" before its examples.)
    lead_ins = {
        (p.file, p.context) for p in view.corpus.passages if p.kind == "list_item" and p.context and len(normalize(p.context)) <= _SHORT_LEAD
    }

    def fair(item: QuizItem, draft: Draft) -> bool:
        """Whether a finished item keeps every rule that takes the whole notes to judge."""
        passage = draft.passage
        return (
            not (passage.kind in ("paragraph", "quote") and (passage.file, passage.text) in lead_ins and item.kind != "order")
            and not (item.kind in _QUOTING_KINDS and (_symptom(passage) or _conditional(passage)))
            and not valid(item)
            and not _named_otherwise(item, names)
            and not _ruled_out(view, item, draft, things)
            and not (item.kind in _BLANK_KINDS and normalize(item.options[item.correct]) == main)
        )

    said_of = _KindsSaid(view.corpus)

    def placed(draft: Draft) -> Draft:
        """The draft with its folder's titles, and without wrong answers the notes never call the
        kind its sentence says its blank is."""
        draft = dataclasses.replace(draft, above=folders.get(posixpath.dirname(draft.passage.file), ()))
        if draft.kind == "table_row":  # (what a row is, the Markdown's header tells)
            draft = dataclasses.replace(draft, answer_noun=_row_noun(view, draft.passage))
        return dataclasses.replace(draft, tiers=said_of.of_kind(draft.question, draft.tiers)) if draft.kind in _KIND_SAID_KINDS else draft

    for draft in every:
        draft = placed(draft)
        if draft.group and draft.group in groups or any(quotas.get(key, 0) >= most for key, most in draft.quota):
            continue
        item = finish(draft, seed)
        if item is not None and fair(item, draft):
            items.append(item)
            drafts[id(item)] = draft
            if draft.group:
                groups.add(draft.group)
            for key, _ in draft.quota:
                quotas[key] = quotas.get(key, 0) + 1
    # A file none of the generators asks about gets one item of the pages' kinds, when it can.
    asked_files = frozenset(item.source.file for item in items)
    covered: set[str] = set()
    for draft in page_drafts(view, asked_files):
        if draft.passage.file in covered:
            continue
        draft = placed(draft)
        item = finish(draft, seed)
        if item is not None and fair(item, draft):
            items.append(item)
            drafts[id(item)] = draft
            covered.add(draft.passage.file)
    kept = _prose_first(unique(items), drafts)  # by passage: the same items with or without the Markdown text
    if files is not None:
        ends = _passage_ends(corpus)
        kept = tuple(_located(item, drafts[id(item)], files, ends) for item in kept)
    # No item gives another away in its question, nor repeats it with the blank moved; a quiz also
    # keeps apart items whose explanations tell each other's answers (apart.fits).
    return apart(kept)


# Kinds of thing a sentence may say its blank is ("____ 是流行的 Linux 发行版", "CI/CD 工具 ____"):
# specific enough that a wrong answer the notes never say so of is ruled out by the sentence alone.
_KIND_NOUNS = re.compile(r"发行版|数据库|编辑器|浏览器|编程语言|消息队列|CI/CD|持续集成|对象存储|镜像仓库|网络插件|容器运行时|服务网格|[Ss]ervice [Mm]esh")
# One kind written two ways ("Service Mesh", "服务网格"): one key.
_SAME_KIND = {"service mesh": "服务网格"}


def _kind(noun: str) -> str:
    return _SAME_KIND.get(noun.casefold(), noun.casefold())


_KIND_SAID_KINDS = frozenset({"subject", "cloze", "definition"})
# ... said of the blank itself: "____ 是流行的 Linux 发行版", "____作为…的 Linux 发行版", "CI/CD 工具 ____"
_IS_KIND = re.compile(r"\s*(?:是|为|作为)(?:一个|一款|一种)?[^，,。；;]{0,20}?(?P<kind>" + _KIND_NOUNS.pattern + r")")
_KIND_BEFORE = re.compile(r"(?P<kind>" + _KIND_NOUNS.pattern + r")\s*(?:工具|软件|服务|平台|系统)?\s*$")


class _KindsSaid:
    """Which names the notes' sentences say together with a kind noun."""

    def __init__(self, corpus: Corpus) -> None:
        self.sentences: dict[str, list[str]] = {}
        for passage in corpus.passages:
            if passage.kind in ("paragraph", "list_item", "quote", "table_row"):
                for sentence in re.split(r"[。；;！？!?\n]", passage.text):
                    for kind in {_kind(k) for k in _KIND_NOUNS.findall(sentence)}:
                        self.sentences.setdefault(kind, []).append(normalize(sentence))

    def of_kind(self, question: str, tiers: tuple[tuple[str, ...], ...]) -> tuple[tuple[str, ...], ...]:
        """The wrong answers without those the notes never say the kind of (when the clause of the
        question's blank says one)."""
        at = question.find(texts.QUIZ_BLANK)
        if at < 0:
            return tiers
        after = _IS_KIND.match(question, at + len(texts.QUIZ_BLANK))
        before = _KIND_BEFORE.search(question[:at])
        kinds = {_kind(m.group("kind")) for m in (after, before) if m}
        if not kinds:
            return tiers
        said = [s for kind in kinds for s in self.sentences.get(kind, [])]
        return tuple(tuple(o for o in tier if any(normalize(o) in s for s in said)) for tier in tiers)


_QUOTING_KINDS = _KIND_SAID_KINDS | {"topic"}  # kinds asking of a sentence of the notes
# A heading naming a failure ("Kube-proxy: error looking for path of conntrack", "Pod 无法启动") and
# a sentence of it saying what went wrong ("kube-proxy 报错，并且 service 的 DNS 解析异常"): one
# case's symptom, whose cause and fix are the lesson; asked alone it tells nothing.
_FAILURE = re.compile(r"无法|不能|失败|异常|错误|报错|超时|不可用|不生效|\b(?:error|errors|fail(?:ed|s|ure)?|cannot|unable|not found|timeout)\b", re.I)


def _row_noun(view: NotesView, passage: Passage) -> str:
    """The header of a table's label column ("问题" over "只能用 IP 通信"), unless the row's own
    text says it already (a value column of that name)."""
    noun = label_column(view.lines(passage.file), passage.line)
    return "" if not noun or noun in passage.text else noun


def _symptom(passage: Passage) -> bool:
    """(Not a labelled item: "EOF / timeout：网络不稳定，尝试配置镜像加速器" pairs a failure with its fix.)"""
    return (
        bool(passage.section) and bool(_FAILURE.search(passage.section[-1])) and bool(_FAILURE.search(passage.text))
        and not label_of(passage)
    )


# A list's lead-in saying when what it lists holds ("对于带有 mode=EnsureExists 标签的扩展，…即",
# "如果使用 IPVS 模式：", "在启用 TLS 时："; not a setting, "在生产环境中，…"): an item of it, quoted alone, says of its subject what
# holds only then (the other mode's items say the opposite).
_CONDITION = re.compile(r"^(?:对于|如果|若|假如|倘若|当|一旦|在[^，,。；;：:]{1,20}(?:时|模式下|情况下))")


def _conditional(passage: Passage) -> bool:
    return passage.kind == "list_item" and bool(_CONDITION.match(passage.context))


TABLE_LEAD = 3  # a file's table items beyond its prose items at most
_SHORT_LEAD = 30  # characters of a list's lead-in at most that say no more than the list's topic


def _prose_first(items: tuple[QuizItem, ...], drafts: Mapping[int, Draft]) -> tuple[QuizItem, ...]:
    """The items without the table look-ups a file has beyond its items of prose (paragraphs,
    lists) and a few, and without those beyond TABLE_SHARE of the notes' items: a page or notes
    mostly of tables would make a quiz of look-ups, and what the text says is what a teacher asks
    first."""
    prose: dict[str, int] = {}
    for item in items:
        if drafts[id(item)].passage.kind != "table_row":
            prose[item.source.file] = prose.get(item.source.file, 0) + 1
    # Each table's first items first (its rows are drafted spread over it): a page's tables share
    # what it may ask of them.
    turn: dict[tuple[str, tuple[str, ...], str], int] = {}
    rank: dict[int, int] = {}
    for item in items:
        passage = drafts[id(item)].passage
        if passage.kind == "table_row":
            key = (passage.file, passage.section, passage.context)
            rank[id(item)] = turn[key] = turn.get(key, 0) + 1
    by_file: dict[str, list[QuizItem]] = {}
    for item in items:
        if id(item) in rank:
            by_file.setdefault(item.source.file, []).append(item)
    kept: list[QuizItem] = []
    for file, tabled in by_file.items():
        tabled.sort(key=lambda i: rank[id(i)])
        kept += tabled[: prose.get(file, 0) + TABLE_LEAD]
    # The notes as a whole: each table's first rows kept longest; a few always (a small note of a
    # table and some prose keeps its rows).
    most = max(int(sum(prose.values()) * TABLE_SHARE / (1 - TABLE_SHARE)), TABLE_LEAD)
    kept.sort(key=lambda i: rank[id(i)])
    allowed = {id(i) for i in kept[:most]}
    return tuple(item for item in items if id(item) not in rank or id(item) in allowed)


TABLE_SHARE = 0.3  # of all items from tables at most: blind reviews found most table look-ups flawed (7 of 10 in one sample), what the text says sound more often


_BLANK_KINDS = frozenset({"subject", "cloze"})
# A sentence setting its subject against others ("与传统的虚拟机方式相比", "不同于…"): the wrong
# answers of the kind it is set against are ruled out by its own words.
_COMPARES = re.compile(r"相比|相较|相对于|不同于|区别于|比起|优于|胜过|取代|替代|传统的?")
_NAME_WORD = re.compile(r"[A-Za-z][A-Za-z0-9\-]{2,}")


def _ruled_out(view: NotesView, item: QuizItem, draft: Draft, things: frozenset[str]) -> bool:
    """Whether a blank that is its page's subject (see own_subject) is ruled in by its own
    sentence: it names a thing (one of the things the notes set side by side, ``things``) that
    the notes name only beside the answer, never beside a wrong one
    ("站在巨人的肩膀上…LXC" for Docker, when LXC stands only with Docker), or sets the subject
    against others ("与传统的虚拟机方式相比" with hypervisors as the wrong answers). On its own
    page every sentence is about the subject: only a sentence a learner must know tells it."""
    answer = item.options[item.correct]
    if item.kind not in _BLANK_KINDS or not own_subject(draft, answer):
        return False  # (what else a sentence names is the evidence a learner goes by)
    others = [o for i, o in enumerate(item.options) if i != item.correct]
    stem = without_topic(item.question)
    if _COMPARES.search(stem):
        return True
    for word in dict.fromkeys(_NAME_WORD.findall(stem)):
        if normalize(word) not in things or mentions(word, answer) or mentions(answer, word):
            continue  # (a part or a detail of the subject is what a learner must know of it)
        beside = [p for p in view.passages_with(word) if p.id != draft.passage.id]
        if any(mentions(p.text, answer) for p in beside) and not any(mentions(p.text, o) for p in beside for o in others):
            return True
    return False


def _named_otherwise(item: QuizItem, names: Mapping[str, frozenset[str]]) -> bool:
    """Whether the question holds the answer's other name as the notes give it ("____ (Label)"
    asking for 标签, "标签对" asking for LABEL), or a word of it no wrong option's names have:
    reading it off, not knowing, finds the answer. (An
    item asking for a term's other name is the exception: that is what it asks.)"""
    if item.kind in _ALIAS_KINDS:
        return False
    asked = normalize(item.question)
    answer = normalize(item.options[item.correct])
    if any(other in asked for other in names.get(answer, ())):
        return True
    # A word of the answer's other name in the question, which no wrong option nor its other
    # names has: "…集成到了Linux内核中…" asking for LXC, whose other name is Linux Containers.
    told = _words(item.question) & set().union(*map(_words, names.get(answer, ()))) - _words(answer)
    wrong = [o for i, o in enumerate(item.options) if i != item.correct]
    return bool(told) and not any(told & _words(" ".join((o, *names.get(normalize(o), ())))) for o in wrong)


def _words(text: str) -> set[str]:
    """The Latin words of three letters or more of a text, folded, and the parts of hyphenated
    ones ("Linux-VServer" has "linux" as LXC's other name Linux Containers does)."""
    words = {word.casefold() for word in _NAME_WORD.findall(text)}
    return words | {part for word in words for part in word.split("-") if len(part) >= 3}


def build_recall_cards(
    corpus: Corpus, items: Sequence[QuizItem], files: Mapping[str, str] | None = None
) -> tuple[Card, ...]:
    """Cards hiding the key phrases of the notes' statements (`bot.quiz.recall`), none hiding
    what one of ``items`` asks from the same passage."""
    return recall_cards(NotesView(askable_notes(corpus, files), files or {}), items)


def askable_notes(corpus: Corpus, files: Mapping[str, str] | None = None) -> Corpus:
    """The notes as the generators see them (see quiz.gates): what no item is made from hidden."""
    return gate_corpus(corpus, _card_lines(files or {}), files)


def _card_lines(files: Mapping[str, str]) -> dict[str, set[int]]:
    """The lines of the notes' own flashcards: no item is generated from them (they are cards)."""
    maybe = {name: text for name, text in files.items() if "::" in text or "==" in text or "?" in text}
    cards, _ = parse_cards(maybe)
    lines: dict[str, set[int]] = {}
    for card in cards:
        lines.setdefault(card.file, set()).update(range(card.line, card.last_line + 1))
    return lines


def _passage_ends(corpus: Corpus) -> dict[int, int]:
    """For each passage, the first line of the next passage in its file (0: to the end); a whole
    table or list, which spans other passages' lines, is no next passage."""
    ends: dict[int, int] = {}
    own = [p for p in corpus.passages if p.kind not in WHOLE_KINDS]
    for passage, following in zip(own, own[1:]):
        if following.file == passage.file and following.line > passage.line:
            ends[passage.id] = following.line
    return ends


def _located(item: QuizItem, draft: Draft, files: Mapping[str, str], ends: dict[int, int]) -> QuizItem:
    """The item with the line where its own words stand: the line holding the longest start of
    them (a short start may stand on an earlier line too: "Intel-VT和AMD-V"), else as it was."""
    text = files.get(draft.passage.file)
    anchor = strip_label(draft.anchor) if draft.passage.kind == "list_item" else draft.anchor
    key = normalize(anchor)[:_ANCHOR]
    if text is None or len(key) < _LEAST:
        return item
    lines = text.splitlines()
    end = ends.get(draft.passage.id) or len(lines) + 1
    best, found = 0, item.source.line
    for number in range(draft.passage.line, min(end, len(lines) + 1)):
        where = normalize(lines[number - 1])
        size = next((k for k in range(len(key), _LEAST - 1, -1) if key[:k] in where), 0)
        if size > best:
            best, found = size, number
    return dataclasses.replace(item, source=dataclasses.replace(item.source, line=found))
