"""Cards made from the notes' statements: a sentence with its key phrase hidden, recalled and rated
as a flashcard.

A key fact often has no fair wrong options in the notes ("Docker是基于go语言开发的": notes on
Docker name no other language), so it makes no poll; hidden as the Obsidian plugin hides a
``==highlight==``, it is asked all the same. The key phrases are the author's own emphasis (a bold
phrase inside a sentence), a quoted slogan, a Latin name the sentence ties its subject to
("基于X", "遵循X协议", "采用X") and the Latin names it says something is built on, together
("基于 runc 和 conmon", "cgroups、namespaces…在其上构建"). The sentence must stand alone (`quiz.headings.standalone`); what a
quiz item asks already, what the notes are about, what the card's heading path shows and the label
of the item a sentence stands in are never hidden. Then what a setting defaults to ("默认端口为
6379"), the other name a sentence gives ("又叫…"), the names its line sets as inline code with
their kind (`Expires` 头, 命令 `SAVE`) and a rare Latin name said to be a tool or a protocol
("chroot工具"). A bold term the sentence opens with is hidden when the sentence says what it is or
does ("**AOF 重写**会…").
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator, Sequence

from bot.notes.cards import CLOZE_MARK, Card, card_id
from bot.notes.corpus import Passage
from bot.quiz.codes import ASIDE_BEFORE, EXAMPLE_BEFORE, code_names
from bot.quiz.headings import standalone
from bot.quiz.item import QuizItem, normalize, tells
from bot.quiz.passages import passages_of, source_text
from bot.quiz.terms import label_of
from bot.quiz.text import CJK, strip_asides
from bot.quiz.view import NotesView
from bot.search.glossary import translations
from bot.search.stems import is_english_word

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
_NAME = r"[A-Za-z][A-Za-z0-9.+#\-]*"  # a Latin name ("runc", "C++", "Apache")
_TIES = re.compile(
    r"(?:基于|采用|遵循|遵守|加入|依赖于?|借助|源于|源自|(?:推荐|建议|可以|默认|通常|需要|应该?)(?:使用|利用|用))\s*"
    rf"(?P<name>{_NAME}(?: \d+(?:\.\d+)*(?=\s*(?:协议|许可|License|license)))?)"
    r"(?![A-Za-z0-9_.+#\-]| [A-Za-z\d])(?!\s*等)"
)
# Two to four Latin names a sentence says something is built on, as one phrase: "基于 cgroups 和
# namespaces", "Linux内核中的cgroups、namespaces，…Docker技术就是在其上构建起来的" (no member is
# shown beside the others: the whole list is what is recalled).
_NAMES = rf"{_NAME}(?:\s*(?:、|和|与|及)\s*{_NAME}){{1,3}}"
_BUILT_ON = (
    re.compile(rf"(?:基于|依赖于?|借助|构建于|建立在)\s*(?P<name>{_NAMES})(?![A-Za-z0-9_.+#\-])(?!\s*等)"),
    re.compile(rf"(?<![A-Za-z0-9_.+#\-])(?P<name>{_NAMES})\s*[，,][^。；;]{{0,24}}?(?:在其上|在它们之上|以此为基础|以它们为基础)[^。；;]{{0,4}}?(?:构建|实现|建立|开发)"),
)
# What a sentence opening with a bold term goes on to say it is or does ("**AOF 重写**会…").
_DEFINED_AS = re.compile(r"\s*(?:是|指|即|负责|用于|用来|定义了?|表示|扮演|会|能够|可以)")
_LABEL_AFTER = re.compile(r"\s*(?:[（(][^）)]*[）)])?\s*[：:]")
# A bold phrase opening with a negation, a must or a should says how strongly, not what.
_STANCE = re.compile(r"^(?:不|没|无法|未|别|勿|禁止|务必|必须|一定|确保|千万|切记|应当|应该|需要|尽量)")
_TERM_CJK = 3  # Chinese characters of a bold term without Latin letters, at least ("手动", "不是" are no terms)
# The hidden phrase (\0) as one member of a list: beside "/" or "、", before "等", or a name
# beside another by "或"/"和" ("不要依赖 [...] 或 livenessProbe").
_LISTED = re.compile(r"[/、]\s*\0|\0\s*(?:[/、]|等)|\0\s*(?:或|和|与|及|or|and)\s*[A-Za-z]|[A-Za-z]\s*(?:或|和|与|及|or|and)\s*\0")
_SHARED_MOST = 0.5  # of a phrase's character pairs the card may show elsewhere, at most
# "X又叫Y", "X也称为Y", "简称Y": the other name a sentence gives, up to its next mark.
_NAMING = re.compile(r"(?:又叫|又称|也叫|也称|亦称|又名|简称|俗称|也称为|又称为|统称为)(?:作|为|做)?\s*“?(?P<term>[\u4e00-\u9fffA-Za-z0-9\-]{2,10})(?=[”：:，,。；;（(\s]|$)")
# What the notes default to: "默认的策略是 everysec", "默认端口为 6379": a name or an amount after
# 默认, a few words and 是/为, up to the sentence's next mark.
_DEFAULT = re.compile(
    r"默认(?:的|值|情况下)?[\u4e00-\u9fff]{0,6}?(?<![作成视称因分以])(?:是|为|值为|设置为|设为)\s*[“「`]?"
    r"(?P<value>[A-Za-z0-9][A-Za-z0-9.:/_\-]*(?:\s?(?:秒|分钟|小时|天|毫秒|次|个|MB|GB|KB))?)[”」`]?"
    r"(?=\s*(?:[，,。；;：:）)]|$))"
)
# A Latin name said to be a tool, a protocol, an algorithm …: "chroot工具", "Raft 算法". (Not a
# project: "来自 docker-alpine 项目", "X 项目超过 7 万星标" are where a thing comes from, trivia.)
_NAME_OF_KIND = re.compile(r"(?<![A-Za-z0-9_.\-/])(?P<name>[A-Za-z][A-Za-z0-9\-]{2,})\s*(?P<kind>工具|协议|算法|框架|语言|库)")
# A bold phrase after a click or a menu, or in a menu path, is a label of some program's screen
# ("点击 **创建**", "**镜像中心** -> **镜像搜索**").
_CLICKED = re.compile(r"(?:点击|单击|双击|选择|选中|勾选|菜单|打开|进入|切换到|->|→|＞|>)\s*[“「\"]?\s*$")
_MENU_NEXT = re.compile(r"\s*(?:->|→|＞|>)")
_KIND_ACRONYM = 3  # letters at most of an abbreviation that says a tool's kind
# A default that is yes or no reads off the sentence ("设置为 true …，默认为 false").
_TRUTH_VALUES = {"true", "false", "yes", "no", "on", "off", "enabled", "disabled"}


def recall_cards(view: NotesView, items: Sequence[QuizItem]) -> tuple[Card, ...]:
    """A card for each statement with a key phrase (see the module), the first phrase that makes
    one (two cards of one sentence would show each other's answer), in the notes' order; none
    hiding what a quiz item from the same passage answers, nor a phrase an earlier card hides."""
    asked: dict[int, set[str]] = {}
    for item, home in zip(items, passages_of(view.corpus, items)):
        if home is not None:
            asked.setdefault(home.id, set()).add(normalize(item.options[item.correct]))
    main = view.main_subject
    folders = view.outline.folder_titles
    cards: dict[str, Card] = {}  # by the front's words: a sentence copied into two pages is one card
    hidden: set[str] = set()  # one card a phrase: three cards hiding "latest" teach one answer
    for passage in view.corpus.passages:
        if passage.kind not in _KINDS or not source_text(passage):
            continue
        shown_on = normalize(" ".join(passage.section))
        # (the label of a labelled item is what its sentences speak of: hidden, any of its kind fits)
        label = normalize(label_of(passage))
        taken = asked.get(passage.id, set())
        above = folders.get(posixpath.dirname(passage.file), ())
        context = passage.section if passage.section[: len(above)] == above else (*above, *passage.section)
        for sentence, _ in view.said(passage):
            shown = standalone(_REPEATED_LABEL.sub("", sentence))
            if not shown:
                continue
            line = view.line_of(passage, shown)
            raw = view.sentence_line(passage, shown)
            defaults = tuple(_defaults(shown))
            for phrase in dict.fromkeys((*_key_phrases(passage, shown), *_names_of_kind(view, shown), *defaults, *_named(shown), *(name for name, _ in code_names(raw, shown)))):
                folded = normalize(phrase)
                if folded in (main, "", label) or folded in shown_on or folded in taken or folded in hidden or shown.count(phrase) > 1:
                    continue
                if _LISTED.search(shown.replace(phrase, "\0", 1)) or tells(shown.replace(phrase, "", 1), phrase):
                    continue  # one of an open list ("[...]/DaemonSet等"); "路径路由：基于 [...]" (Path)
                if phrase not in defaults and ASIDE_BEFORE.search(shown[: shown.find(phrase)]):
                    continue  # "基础镜像 (FROM 指令指定)": an aside to the statement (a default is one: "(默认为 10 秒)")
                front = shown.replace(phrase, CLOZE_MARK, 1)
                if len(CJK.findall(front)) < _REST_CJK or _spelled_out(phrase, front + " ".join(context)) or _named_on_front(phrase, front + " " + " ".join(context)):
                    continue
                card = Card(card_id(RECALL_FORM, front, phrase), RECALL_FORM, front, shown, context, passage.file, line, line)
                cards.setdefault(normalize(front), card)
                hidden.add(folded)
                break
    return tuple(cards.values())


def _spelled_out(phrase: str, shown: str) -> bool:
    """Whether most of the hidden phrase's character pairs stand on the card anyway (in the rest of
    the sentence or the heading path): "零成本提权途径" hidden beside "提权途径", "资源限制" above "限制资源"."""
    pairs = {phrase[i : i + 2] for i in range(len(phrase) - 1) if CJK.match(phrase[i]) and CJK.match(phrase[i + 1])}
    return bool(pairs) and sum(pair in shown for pair in pairs) > _SHARED_MOST * len(pairs)


def _named_on_front(phrase: str, front: str) -> bool:
    """Whether the Latin words of a phrase that has some all stand on the card's front, alone or in
    a longer word ("Debian 和 Ubuntu 都是…[...]的服务器操作系统" hiding "Debian 系", "Colima 基于
    [...]" hiding "Lima")."""
    words = {w.casefold() for w in re.findall(r"[A-Za-z]{2,}", phrase)}
    shown = [w.casefold() for w in re.findall(r"[A-Za-z]{2,}", front)]
    return bool(words) and all(any(word in other for other in shown) for word in words)


def _named(sentence: str) -> Iterator[str]:
    """The term a sentence gives another thing's other name as ("协商缓存又叫条件请求")."""
    for match in _NAMING.finditer(sentence):
        yield match.group("term")


def _names_of_kind(view: NotesView, sentence: str) -> Iterator[str]:
    """The Latin names a sentence says the kind of ("chroot工具", "Raft 算法"), few passages of
    the notes naming them: not a common word's tools ("常见的 Linux 工具", "client 库"), not a word
    after another ("podman CLI 工具")."""
    for match in _NAME_OF_KIND.finditer(sentence):
        name, before = match.group("name"), sentence[: match.start()]
        if not before.strip() or EXAMPLE_BEFORE.search(before) or re.search(r"[A-Za-z0-9]\s*$", before):
            continue
        if name.islower() and is_english_word(name) or translations(name.casefold()) or not view.rare(name):
            continue  # (a word the computing glossary translates is a kind, not a name)
        if match.group("kind") != "协议" and name.isupper() and len(name) <= _KIND_ACRONYM:
            continue  # "CLI 工具", "GUI 框架": what kind of tool, not which (a protocol's is its name: BGP)
        yield name


def _defaults(sentence: str) -> Iterator[str]:
    """The value a sentence says something defaults to ("默认的策略是 everysec"): what a learner of
    a tool is asked first, a number with its unit included (the one place a figure is no trivia)."""
    for match in _DEFAULT.finditer(sentence):
        value = match.group("value")
        if not sentence[: match.start()].strip() and re.match(r"默认(?:是|为)", match.group(0)):
            continue  # "默认为 IfNotPresent，…": whose default, the sentence before said
        if value.lower() not in _TRUTH_VALUES and (len(value) >= 2 or not value.isdigit()):
            yield value


def _key_phrases(passage: Passage, sentence: str) -> Iterator[str]:
    """The sentence's bold terms (not a label, not a heading run into its text), bold slogans in
    quotes, quoted names, and the Latin names it ties its subject to, in that order."""
    for bold in passage.bold:
        phrase = bold.strip(" “”\"「」")
        at = sentence.find(phrase)
        term = strip_asides(phrase)
        if at < 0 or not 2 <= len(term) <= _TERM or _CLAUSE_MARK.search(term):
            continue  # a statement, not a term
        if at == 0 and not _DEFINED_AS.match(sentence, len(phrase)):
            continue  # "**案例**某公司…": a bold heading run into its text, not a term it defines
        if _CLICKED.search(sentence[:at]) or _MENU_NEXT.match(sentence, at + len(phrase)):
            continue  # a button or a menu: where to click, not what to know
        if _LABEL_AFTER.match(sentence, at + len(phrase)):
            continue  # "**Linux 用户**：…", a callout's "**注意**（…）：": a label, not knowledge
        if not re.search(r"[A-Za-z]", term) and len(CJK.findall(term)) < _TERM_CJK or _STANCE.match(term):
            continue  # "手动", "**不支持**", "**务必**指定…": how the notes stand, not a term
        yield phrase
    for match in _QUOTED.finditer(sentence):
        phrase = match.group(1).strip()
        if _LIKENED.search(sentence[: match.start()]):
            continue  # "像“宠物死了”一样": a figure of speech, not a name to recall
        # In bold a slogan; else only a name in quotes ("“veth pair”"), not words in scare quotes ("“麻烦”").
        emphasised = any(phrase in bold for bold in passage.bold)
        if emphasised and _SLOGAN[0] <= len(phrase) <= _SLOGAN[1] or re.search(r"[A-Za-z]{2}", phrase) and len(phrase) <= 2 * _TERM:
            yield phrase
    for match in _TIES.finditer(sentence):
        if len(match.group("name")) >= 2:
            yield match.group("name")
    for pattern in _BUILT_ON:
        for match in pattern.finditer(sentence):
            yield match.group("name")

