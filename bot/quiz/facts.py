"""Facts with a year or a name: the notes' sentence with that fact left blank. (Who the notes quote
and which version brought what are trivia a teacher does not ask: no item asks them.)"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from bot import texts
from bot.notes.corpus import Corpus, Passage
from bot.quiz.item import Draft, quoted
from bot.quiz.text import fill, sentences, strip_label, tidy

__all__ = ["fact_drafts"]

_YEAR = re.compile(r"(?<![\d.])((?:1[89]|20)\d{2})(?=\s*年(?!代))")
# A product with its year in brackets: "Solaris Containers（2004年发布）", "OpenVZ（2005年）".
_NAMED = re.compile(r"([A-Za-z][A-Za-z0-9.\-/+]*(?: [A-Za-z0-9][A-Za-z0-9.\-/+]*){0,3})\s*[（(][^（）()]*?\d{4}\s*年")
_KINDS = ("paragraph", "quote", "list_item")
_POINTS_ON = re.compile(r"以下|如下|下面|下列")
_SHORT = 12  # a sentence shorter than this does not stand alone


def _frame(passage: Passage, sentence: str) -> str:
    """The sentence to show, as the notes say it (a list's lead-in glued before it reads badly:
    "容器技术（包括LXC），也经历了长期的演化：FreeBSD系统上的jail…"); "" when it is too short to
    stand alone."""
    text = tidy(strip_label(sentence) if passage.kind == "list_item" else sentence)
    if _POINTS_ON.search(text):
        return ""  # "…强烈建议使用以下方案": it points at what follows, and says nothing alone
    return text if len(text) >= _SHORT else ""


def _fill(passage: Passage, shown: str) -> str:
    frame = _frame(passage, shown)
    return fill(texts.QUIZ_FILL, text=frame) if frame else ""  # no question: the draft is dropped


def _years(corpus: Corpus) -> list[int]:
    return sorted({int(y) for p in corpus.passages if p.kind in _KINDS for y in _YEAR.findall(p.text)})


def fact_drafts(corpus: Corpus) -> Iterator[Draft]:
    years = _years(corpus)
    names_by_list: dict[tuple[str, tuple[str, ...], str], list[tuple[str, str]]] = {}
    platforms_by_list: dict[tuple[str, tuple[str, ...], str], list[tuple[str, str, Passage, str]]] = {}
    dated: dict[tuple[str, tuple[str, ...], str], list[tuple[str, int, Passage, str]]] = {}
    for passage in corpus.passages:
        if passage.kind in _KINDS:
            key = (passage.file, passage.section, passage.context)
            for sentence in sentences(passage.text):
                for match in _NAMED.finditer(sentence):
                    names_by_list.setdefault(key, []).append((match.group(1), sentence))
                    if not _ABOUT.search(match.group(0) + sentence[match.end() :].split("）", 1)[0]):
                        dated.setdefault(key, []).append((match.group(1), int(match.group(0)[-5:-1]), passage, sentence))
                platforms_by_list.setdefault(key, []).extend(
                    (name, platform, passage, sentence) for name, platform in _platforms(sentence)
                )
    for found in platforms_by_list.values():
        yield from _platform_drafts(found)
    # Names whose system is asked: asking for the name on that system would ask it again.
    placed = {
        name for found in platforms_by_list.values() if _enough_platforms(found) for name, platform, *_ in found if platform
    }
    for found in dated.values():
        yield from _earliest_drafts(found)
    for key, found in names_by_list.items():
        platforms = platforms_by_list.get(key, [])
        known = [*(n for n, _ in found), *(n for n, *_ in platforms), *_lead_names(key[2])]
        instead = _replacers(corpus, key, known)  # libcontainer → LXC
        known += list(instead)
        # The sentence that gives each name its year or system (asked as such there); none for a
        # name on a family of systems, whose own sentence may ask for it.
        said = {**{n: sentence for n, sentence in found}, **{n: s if p else "" for n, p, _, s in platforms}}
        said.update({n: key[2] for n in _lead_names(key[2])})
        yield from _mention_drafts(corpus, key, list(dict.fromkeys(known)), said, instead)
    for passage in corpus.passages:
        if passage.kind not in _KINDS:
            continue
        for sentence in sentences(passage.text):
            yield from _year_drafts(passage, sentence, years)
            siblings = names_by_list.get((passage.file, passage.section, passage.context), [])
            yield from _name_drafts(passage, sentence, siblings, placed)


# Wrong years lie this close to the answer: an outlier stands out ("1982" among 2000, 2001, 2004).
YEAR_SPAN = 10
_APART = 3  # years at least between an approximate year ("2000年左右") and a wrong one
_EARLIEST = re.compile(r"最早|最先|最初|首次|第一")
# What a year dates when it is a product's or an organisation's history, not a fact of the subject.
_EVENT = re.compile(r"发布|开源|成立|创立|创办|推出|改名|更名|加入|诞生|发起|上线|问世|收购|宣布|捐赠|released|founded|launched", re.I)
_LATEST = re.compile(r"最晚|最近|最新|最后")


def _year_drafts(passage: Passage, sentence: str, years: list[int]) -> Iterator[Draft]:
    """Wrong years within YEAR_SPAN of the answer; when the sentence says 最早 (or 最晚), some
    wrong year earlier (later) than the answer, else the extreme year would give itself away."""
    if _EVENT.search(sentence):
        return  # "2013 年 3 月：开源发布", "阿里云创立于 2009 年": a release or a founding, trivia
    for match in _YEAR.finditer(sentence):
        year = int(match.group(1))
        shown = sentence[: match.start()] + texts.QUIZ_BLANK + sentence[match.end() :]
        # "2000年左右": a year next to it would be right as well.
        apart = _APART if _ABOUT.search(sentence[match.end() : match.end() + 6]) else 1
        near = sorted(
            (y for y in years if apart <= abs(y - year) <= YEAR_SPAN), key=lambda y: (abs(y - year), y)
        )
        if _EARLIEST.search(sentence) and not any(y < year for y in near):
            continue
        if _LATEST.search(sentence) and not any(y > year for y in near):
            continue
        yield Draft(
            kind="year",
            question=_fill(passage, shown),
            answer=str(year),
            tiers=(tuple(str(y) for y in near),),
            why=quoted(passage, sentence),
            passage=passage,
            min_options=3,
            extra_key=str(match.start()),
            anchor=sentence,
        )


_PROPER = re.compile(r"[A-Za-z]{3,}")


def _own_context(name: str, sentence: str, question: str) -> bool:
    """Whether a wrong name carries its own context, one the question does not speak of: a word
    of it the notes also use around it ("Sun Solaris系统上的Solaris Containers", "GNU/Linux上的
    Linux-VServer" offered for "FreeBSD系统上的____")."""
    around = sentence.replace(name, " ").casefold()
    asked = question.casefold()
    return any(w.casefold() in around and w.casefold() not in asked for w in _PROPER.findall(name))


def _name_drafts(passage: Passage, sentence: str, siblings: list[tuple[str, str]], placed: set[str]) -> Iterator[Draft]:
    """A name left blank, the other names of its list as wrong answers, except those whose name
    shows their own platform; not for a name whose platform is asked (one item a fact)."""
    if len({n for n, _ in siblings}) < 3:
        return
    for match in _NAMED.finditer(sentence):
        name = match.group(1)
        if name in placed:
            continue
        shown = sentence[: match.start(1)] + texts.QUIZ_BLANK + sentence[match.end(1) :]
        question = _fill(passage, shown)
        yield Draft(
            kind="name",
            question=question,
            answer=name,
            tiers=(tuple(n for n, said in siblings if n != name and not _own_context(n, said, question)),),
            why=quoted(passage, sentence),
            passage=passage,
            min_options=3,
            extra_key=name,
            anchor=sentence,
        )


# "FreeBSD系统上的jail", "Unix系列系统上的chroot工具", "GNU/Linux上的Linux-VServer（2001年）和OpenVZ".
_PLATFORM = re.compile(
    r"([A-Za-z][A-Za-z0-9/\-]*(?: [A-Za-z][A-Za-z0-9/\-]*){0,2})\s*(系列|家族)?(?:操作)?(?:系统)?(?:平台)?上的\s*"
    r"([A-Za-z][A-Za-z0-9.\-/+]*(?: [A-Z][A-Za-z0-9.\-/+]*){0,3})"
)
_AND_NAME = re.compile(r"^\s*(?:[（(][^（）()]*[）)])?\s*(?:和|与|及|、)\s*([A-Za-z][A-Za-z0-9.\-/+]*(?: [A-Z][A-Za-z0-9.\-/+]*){0,3})")


def _platforms(sentence: str) -> Iterator[tuple[str, str]]:
    """(name, platform) for each name the sentence puts on a system, also those joined by 和;
    the platform is "" for a family of systems."""
    for match in _PLATFORM.finditer(sentence):
        # "Unix系列系统": a family the other systems (FreeBSD, Solaris) belong to, no system to ask
        # for ("" names the family); its name is still one of the list's names.
        platform = "" if match.group(2) else match.group(1).strip()
        name, end = match.group(3).strip(), match.end()
        yield name, platform
        while (more := _AND_NAME.match(sentence[end:])) is not None:
            yield more.group(1).strip(), platform
            end += more.end()


# Systems a list names at least: which of three a thing of a history ran on is a one-in-three
# guess on a side detail (blind reviews of the default notes flagged all such items).
_PLATFORMS = 4


def _enough_platforms(found: list[tuple[str, str, Passage, str]]) -> bool:
    return len({platform for _, platform, _, _ in found if platform}) >= _PLATFORMS


def _platform_drafts(found: list[tuple[str, str, Passage, str]]) -> Iterator[Draft]:
    """Which system a name of a list is on, the list's other systems as wrong answers."""
    if not _enough_platforms(found):
        return
    platforms = list(dict.fromkeys(platform for _, platform, _, _ in found if platform))
    for name, platform, passage, sentence in found:
        if not platform:
            continue
        yield Draft(
            kind="platform",
            question=fill(texts.QUIZ_PLATFORM, name=name),
            answer=platform,
            tiers=(tuple(p for p in platforms if p != platform),),
            why=quoted(passage, sentence),
            passage=passage,
            min_options=_PLATFORMS,
            extra_key=name,
            anchor=sentence,
        )


_ABOUT = re.compile(r"左右|前后|大约|约")  # "jail（2000年左右发布）": no year to order by


def _earliest_drafts(found: list[tuple[str, int, Passage, str]]) -> Iterator[Draft]:
    """Which of a list's names came first, by the years the notes give them (none given as
    approximate); its sentences, at most three, explain."""
    years = {name: year for name, year, _, _ in found}
    if len(set(years.values())) < 3 or len(years) != len(set(years.values())):
        return
    first = min(years, key=years.__getitem__)
    lines = list(dict.fromkeys(quoted(p, sentence) for _, _, p, sentence in found))
    if len(lines) > 3:
        return
    passage = next(p for name, _, p, _ in found if name == first)
    yield Draft(
        kind="earliest",
        question=texts.QUIZ_EARLIEST,
        answer=first,
        tiers=(tuple(n for n in years if n != first),),
        why="\n".join(lines),
        passage=passage,
        min_options=3,
        extra_key=first,
        anchor=first,
    )


_INCLUDING = re.compile(r"[（(](?:包括|如|例如|比如)\s*([^（）()]+)[）)]")


def _lead_names(lead: str) -> list[str]:
    """Latin names a list's lead gives in an aside: "容器技术（包括LXC），…" → LXC."""
    return [
        n.strip()
        for match in _INCLUDING.finditer(lead)
        for n in re.split(r"\s*(?:、|，|,|和|与|及)\s*", match.group(1))
        if re.fullmatch(r"[A-Za-z][A-Za-z0-9.\-/+ ]*", n.strip())
    ]


_REPLACED = re.compile(r"(?:替换|取代|代替)(?:掉)?了?")
_NAME = re.compile(r"(?<![A-Za-z0-9\-])[A-Za-z][A-Za-z0-9]*(?:[\-.][A-Za-z0-9]+)*(?![A-Za-z0-9\-])")


def _replacers(corpus: Corpus, key: tuple[str, tuple[str, ...], str], known: list[str]) -> dict[str, str]:
    """Names a sentence under the list's lead says replaced one of its names ("开发了libcontainer项目
    …从而替换掉了LXC的实现"): the last name before "替换" that the list does not give, a thing of
    the same kind as the one it replaced (and no wrong answer for it: it took its place), with the
    name it replaced."""
    found: dict[str, str] = {}
    names = {n.casefold() for n in known}
    for passage in corpus.passages:
        if passage.kind not in _KINDS or (passage.file, passage.section, passage.context) != key:
            continue
        for sentence in sentences(passage.text):
            for match in _REPLACED.finditer(sentence):
                after = [n for n in _NAME.findall(sentence[match.end() :]) if n.casefold() in names]
                before = [n for n in _NAME.findall(sentence[: match.start()]) if len(n) >= 3]
                if not after or not before or before[-1].casefold() in names:
                    continue
                found.setdefault(before[-1], after[0])
    return found


_AFTER_TIME = re.compile(r"^\s*(?:之前|之后|以前|以后)")


def _mention_drafts(
    corpus: Corpus,
    key: tuple[str, tuple[str, ...], str],
    known: list[str],
    said: dict[str, str],
    instead: Mapping[str, str] = {},
) -> Iterator[Draft]:
    """A name of a list (or its lead) that a later sentence under the same lead speaks of ("后来LXC
    取其精华…成为Linux系统轻量级容器技术的事实标准"): left blank wherever it stands in the sentence,
    the list's other names as wrong answers. Once a name, and not where the list itself gives its
    year or system (those are asked as such), nor in "在LXC之前" (a time, not a fact about it)."""
    if len(known) < 3:
        return
    asked: dict[str, list[set[str]]] = {}  # name → the other names of each sentence it was asked in
    for passage in corpus.passages:
        if passage.kind not in _KINDS or (passage.file, passage.section, passage.context) != key:
            continue
        for sentence in sentences(passage.text):
            for name in known:
                pattern = re.compile(r"(?<![A-Za-z0-9\-])" + re.escape(name) + r"(?![A-Za-z0-9\-])")
                hits = list(pattern.finditer(sentence))
                if not hits or said.get(name) == sentence:
                    continue
                if any(_AFTER_TIME.match(sentence[h.end() :]) for h in hits):
                    continue
                # The same name beside the same other names says the same again ("在LXC的基础上，
                # Docker…" and "Docker最开始是直接基于LXC的"): one item a fact, two a name at most.
                beside = {w.casefold() for w in _PROPER.findall(pattern.sub(" ", sentence))}
                before = asked.get(name, [])
                if len(before) >= 2 or any(beside & other for other in before):
                    continue
                shown = pattern.sub(texts.QUIZ_BLANK, sentence)
                question = _fill(passage, shown)
                others = [
                    n
                    for n in known
                    if n != name and not pattern.search(n) and n not in sentence
                    and instead.get(n, "").casefold() != name.casefold()  # "在____的基础上": LXC, later libcontainer
                    and instead.get(name, "").casefold() != n.casefold()
                ]
                asked.setdefault(name, []).append(beside)
                yield Draft(
                    kind="name",
                    question=question,
                    answer=name,
                    tiers=(tuple(n for n in others if not _own_context(n, said.get(n, ""), question)),),
                    why=quoted(passage, sentence),
                    passage=passage,
                    min_options=3,
                    extra_key="mention:" + name,
                    anchor=sentence,
                )
