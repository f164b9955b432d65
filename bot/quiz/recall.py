"""Cards made from the notes' statements: a sentence with its key phrase hidden, recalled and rated
as a flashcard.

A key fact often has no fair wrong options in the notes ("Docker是基于go语言开发的": notes on
Docker name no other language), so it makes no poll; hidden as the Obsidian plugin hides a
``==highlight==``, it is asked all the same. The key phrases are the author's own emphasis (a bold
phrase inside a sentence), a quoted slogan, and a Latin name the sentence ties its subject to
("基于X", "遵循X协议", "采用X"). The sentence must stand alone (`quiz.headings.standalone`); what a
quiz item asks already, what the notes are about, what the card's heading path shows and the label
of the item a sentence stands in are never hidden.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from bot.notes.cards import CLOZE_MARK, Card, card_id
from bot.notes.corpus import Passage
from bot.quiz.headings import standalone
from bot.quiz.item import QuizItem, normalize
from bot.quiz.passages import passages_of, source_text
from bot.quiz.terms import label_of
from bot.quiz.text import CJK, strip_asides
from bot.quiz.view import NotesView

__all__ = ["RECALL_FORM", "recall_cards"]

RECALL_FORM = "recall"  # the Card.form of a card made from a statement
_KINDS = ("paragraph", "quote", "list_item")
_TERM = 10  # characters a bold term has at most, its bracketed asides left out: longer is a statement
_SLOGAN = (4, 40)  # characters of a quoted phrase in bold: a slogan, a motto (else a term's length)
_REST_CJK = 6  # Chinese characters the sentence keeps around its hidden phrase, to recall it by
# "基于软件的虚拟化 基于软件的虚拟化，…": a label line run into its own paragraph reads once.
_REPEATED_LABEL = re.compile(r"^(\S{2,24}?)\s?(?=\1)")
_CLAUSE_MARK = re.compile(r"[，,。；;：:！!？?]")
_LIKENED = re.compile(r"(?:像|好像|仿佛|犹如|如同|宛如)\s*$")
_QUOTED = re.compile(r"[“「『]([^“”「」『』]+)[”」』]")
# A verb that ties a statement's subject to a name: what it is built on, follows, joins or depends
# on, or what the notes advise or default to using. (A plain "使用X" is as often the sentence's
# own example: "我们使用 Deployment 部署服务来测试".) A name with a version is hidden only as a
# licence ("遵循Apache 2.0协议"): a version alone is trivia.
_TIES = re.compile(
    r"(?:基于|采用|遵循|遵守|加入|依赖于?|借助|源于|源自|(?:推荐|建议|可以|默认|通常|需要|应该?)(?:使用|利用|用))\s*"
    r"(?P<name>[A-Za-z][A-Za-z0-9.+#\-]*(?: \d+(?:\.\d+)*(?=\s*(?:协议|许可|License|license)))?)"
    r"(?![A-Za-z0-9_.+#\-]| [A-Za-z\d])(?!\s*等)"
)
_TERM_CJK = 3  # Chinese characters of a bold term without Latin letters, at least ("手动", "不是" are no terms)


def recall_cards(view: NotesView, items: Sequence[QuizItem]) -> tuple[Card, ...]:
    """Cards hiding the key phrases of the notes' statements (see the module), in the notes'
    order, none hiding what a quiz item from the same passage answers."""
    asked: dict[int, set[str]] = {}
    for item, home in zip(items, passages_of(view.corpus, items)):
        if home is not None:
            asked.setdefault(home.id, set()).add(normalize(item.options[item.correct]))
    main = view.main_subject
    cards: dict[str, Card] = {}
    for passage in view.corpus.passages:
        if passage.kind not in _KINDS or not source_text(passage):
            continue
        # (the label of a labelled item is what its sentences speak of: hidden, any of its kind fits)
        shown_on = normalize(" ".join((*passage.section, label_of(passage))))
        taken = asked.get(passage.id, set())
        for sentence, _ in view.said(passage):
            shown = standalone(_REPEATED_LABEL.sub("", sentence))
            if not shown:
                continue
            for phrase in dict.fromkeys(_key_phrases(passage, shown)):
                folded = normalize(phrase)
                if folded in (main, "") or folded in shown_on or folded in taken or shown.count(phrase) > 1:
                    continue
                front = shown.replace(phrase, CLOZE_MARK, 1)
                if len(CJK.findall(front)) < _REST_CJK:
                    continue
                card = _card(passage, front, phrase, shown)
                cards.setdefault(card.id, card)
    return tuple(cards.values())


def _key_phrases(passage: Passage, sentence: str) -> Iterator[str]:
    """The sentence's bold phrases (not a label opening its definition), quoted phrases and tied
    Latin names."""
    for bold in passage.bold:
        phrase = bold.strip(" “”\"「」")
        at = sentence.find(phrase)
        term = strip_asides(phrase)
        if at <= 0 or not 2 <= len(term) <= _TERM or _CLAUSE_MARK.search(term):
            continue  # the sentence's subject or label: what the definition items ask; a statement
        if not re.search(r"[A-Za-z]", term) and len(CJK.findall(term)) < _TERM_CJK:
            continue
        yield phrase
    for match in _QUOTED.finditer(sentence):
        phrase = match.group(1).strip()
        if _LIKENED.search(sentence[: match.start()]):
            continue  # "像“宠物死了”一样": a figure of speech, not a name to recall
        emphasised = any(phrase in bold for bold in passage.bold)
        if emphasised and _SLOGAN[0] <= len(phrase) <= _SLOGAN[1] or len(phrase) <= _TERM and not _CLAUSE_MARK.search(phrase):
            yield phrase
    for match in _TIES.finditer(sentence):
        yield match.group("name")


def _card(passage: Passage, front: str, hidden: str, sentence: str) -> Card:
    """A card whose back is the whole sentence, as a cloze card written in the notes has it."""
    return Card(card_id(RECALL_FORM, front, hidden), RECALL_FORM, front, sentence, passage.section, passage.file, passage.line, passage.line)
