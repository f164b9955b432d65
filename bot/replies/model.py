"""What the bot says: functions from the notes and what a user sent to a `Reply`, shared by every shell.

The Telegram handlers and the terminal chat both call these, then render the reply as HTML or plain
text (`bot.replies.render`). Nothing here sends, reads or stores anything.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot import texts
from bot.notes.corpus import Corpus, Passage, Section
from bot.replies.render import Button, Reply, Span, highlight

if TYPE_CHECKING:  # the search core is imported lazily: it is not needed to render a passage
    from bot.library import Library
    from bot.search.answer import Answer, Hit, NotFound

__all__ = [
    "MAX_QUESTION_CHARS",
    "QUIZ_PASSAGE_PREFIX",
    "Tap",
    "ADMIN_COMMANDS",
    "COMMAND_PLACES",
    "answer_reply",
    "commands_for",
    "example_questions",
    "greeting_reply",
    "help_reply",
    "is_greeting",
    "inline_hits",
    "inline_titles",
    "is_current",
    "not_found_reply",
    "parse_tap",
    "passage_reply",
    "question_from_text",
    "question_reply",
    "start_reply",
    "tap_reply",
    "toc_reply",
]

MAX_QUESTION_CHARS = 300
# An answer given with less confidence than this says so (the confidence is calibrated: about this
# share of such answers are right).
UNSURE = 0.6  # longer text is not a question; it gets a friendly reply
_QUESTION_MARK = "❓ "
_SECTION_MARK = "📖 "
_LABEL_CHARS = 28  # button labels are cut to this many characters
_RELATED_ROW_CHARS = 36  # the related passages' labels share one row: about this many characters
_TOC_LINES = 120  # a table of contents longer than this is cut (one message)
_FINGERPRINT_CHARS = 8
QUIZ_PASSAGE_PREFIX = "qz:"  # "qz:<fingerprint[:8]>:<passage id>", the quiz handler's button


# --- callback data -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Tap:
    """What a button asks for, decoded from its callback data.

    ``kind`` is "passage" (show ``passage`` of the shown list ``shown``), "section" (show the first
    passages of section number ``passage``) or "feedback" (``helpful`` about ``passage``).
    """

    kind: str
    fingerprint: str
    passage: int
    shown: tuple[int, ...] = ()
    helpful: bool = False


def _passage_data(fingerprint: str, passage: int, shown: Sequence[int]) -> str:
    ids = list(shown)
    while True:  # keep the data within the Bot API's 64 bytes, dropping the last passages first
        data = f"p:{fingerprint[:_FINGERPRINT_CHARS]}:{passage}:{','.join(map(str, ids))}"
        if len(data.encode()) <= 64 or len(ids) <= 1:
            return data
        ids.pop()


def is_current(corpus: Corpus, fingerprint: str) -> bool:
    """Whether a button's notes token names these notes (a button from before a /reload does not)."""
    return fingerprint == corpus.fingerprint[:_FINGERPRINT_CHARS]


def parse_tap(data: str) -> Tap | None:
    """Decode callback data written by this module; None for anything else."""
    parts = data.split(":")
    try:
        if parts[0] == "p" and len(parts) == 4:
            shown = tuple(int(x) for x in parts[3].split(",") if x)
            return Tap("passage", parts[1], int(parts[2]), shown)
        if parts[0] == "s" and len(parts) == 3:
            return Tap("section", parts[1], int(parts[2]))
        if parts[0] == "f" and len(parts) == 4 and parts[3] in ("0", "1"):
            return Tap("feedback", parts[1], int(parts[2]), helpful=parts[3] == "1")
    except ValueError:
        return None
    return None


# --- pieces ------------------------------------------------------------------------------------


def _short(text: str, limit: int = _LABEL_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _label(passage: Passage, number: int, current: bool, limit: int = _LABEL_CHARS) -> str:
    mark = "▶ " if current else f"{number}. "
    return mark + _short(passage.text, limit)


def _passage_lines(
    corpus: Corpus, passage: Passage, matched: Sequence[str], question: str | None, unsure: bool = False
) -> list[tuple[Span, ...]]:
    lines: list[tuple[Span, ...]] = []
    if question:
        lines.append((Span(_QUESTION_MARK), Span(question, "i")))
    if unsure:
        lines.append((Span(texts.ANSWER_UNSURE, "i"),))
    lines.append((Span(_SECTION_MARK), Span(texts.section_label(passage.section), "b")))
    if passage.context and passage.context != passage.text:
        lines.append((Span(passage.context, "i"),))
    # a pair or short section shows its parts one after the other, its code as code
    shown = [corpus.passages[part] for part in passage.parts] if passage.kind in ("pair", "section") else [passage]
    for part in shown:
        if part.kind == "code":
            lines.append((Span(part.text, "pre"),))
        else:
            lines.append(highlight(part.text, matched))
    lines.append(())
    lines.append((Span(texts.source_line(passage.file, passage.line), "i"),))
    return lines


def _keyboard(fingerprint: str, corpus: Corpus, current: int, shown: Sequence[int]) -> tuple[tuple[Button, ...], ...]:
    # At most two rows: the passages shown side by side (their labels shorter the more there are),
    # then feedback and the quiz on this passage.
    rows: list[tuple[Button, ...]] = []
    if len(shown) > 1:
        limit = max(6, _RELATED_ROW_CHARS // len(shown))
        rows.append(tuple(
            Button(_label(corpus.passages[passage_id], number, passage_id == current, limit),
                   _passage_data(fingerprint, passage_id, shown),
                   listed=_label(corpus.passages[passage_id], number, passage_id == current))
            for number, passage_id in enumerate(shown, start=1)
        ))
    short = fingerprint[:_FINGERPRINT_CHARS]
    last_row = [
        Button(texts.FEEDBACK_GOOD, f"f:{short}:{current}:1"),
        Button(texts.FEEDBACK_BAD, f"f:{short}:{current}:0"),
    ]
    # handled by bot.telegram.quiz: a quiz on the passage shown
    last_row.append(Button(texts.QUIZ_PASSAGE_BUTTON, f"{QUIZ_PASSAGE_PREFIX}{short}:{current}"))
    rows.append(tuple(last_row))
    return tuple(rows)


# --- replies -----------------------------------------------------------------------------------


def passage_reply(
    corpus: Corpus,
    passage_id: int,
    shown: Sequence[int] = (),
    question: str | None = None,
    matched: Sequence[str] = (),
    unsure: bool = False,
) -> Reply:
    """One passage: the question, section path, the text with ``matched`` in bold, the source,
    buttons; ``unsure`` says in a line that the bot is not sure it is the answer."""
    passage = corpus.passages[passage_id]
    shown = tuple(shown) or (passage_id,)
    lines = _passage_lines(corpus, passage, matched, question, unsure)
    return Reply(tuple(lines), _keyboard(corpus.fingerprint, corpus, passage_id, shown))


def answer_reply(corpus: Corpus, answer: Answer) -> Reply:
    """The best passage for a question, with buttons for the related ones and for feedback."""
    hits = (answer.best, *answer.related)
    shown = tuple(dict.fromkeys(hit.passage.id for hit in hits))
    unsure = answer.best.score < UNSURE
    return passage_reply(corpus, answer.best.passage.id, shown, answer.question, answer.best.matched, unsure)


def not_found_reply(corpus: Corpus, result: NotFound) -> Reply:
    """An honest "not in the notes", naming unwritten chapters and suggesting close sections."""
    lines: list[tuple[Span, ...]] = []
    if result.question:
        lines.append((Span(_QUESTION_MARK), Span(result.question, "i")))
    lines.append((Span(texts.NOT_FOUND),))
    if result.unwritten:
        lines.append((Span(texts.NOT_FOUND_UNWRITTEN),))
        for section in result.unwritten:
            lines.append((Span("• "), Span(texts.unwritten_chapter(section.path[-1]))))
    buttons: list[tuple[Button, ...]] = []
    if result.suggestions:
        lines.append((Span(texts.NOT_FOUND_SUGGESTIONS),))
        short = corpus.fingerprint[:_FINGERPRINT_CHARS]
        for section in result.suggestions:
            lines.append((Span("• "), Span(texts.section_label(section.path), "b")))
            number = _section_number(corpus, section)
            if number is not None:
                buttons.append((Button(_short(texts.section_label(section.path), 40), f"s:{short}:{number}"),))
    return Reply(tuple(lines), tuple(buttons))


def _section_number(corpus: Corpus, section: Section) -> int | None:
    for number, candidate in enumerate(corpus.sections):
        if candidate == section:
            return number
    return None


def question_reply(library: Library, question: str) -> Reply:
    """The reply to a question: an answer from the notes or an honest refusal."""
    return answered(library, question)[0]


def answered(library: Library, question: str) -> tuple[Reply, Answer | NotFound | None]:
    """The reply to a question, with the search's result it shows (None for a question too long to
    search)."""
    from bot.search.answer import Answer, answer_question

    question = " ".join(question.split())
    if len(question) > MAX_QUESTION_CHARS:
        return Reply.text(texts.TOO_LONG.format(limit=MAX_QUESTION_CHARS)), None
    result = answer_question(library.index, question)
    if isinstance(result, Answer):
        return answer_reply(library.corpus, result), result
    return not_found_reply(library.corpus, result), result


def inline_hits(library: Library, query: str, limit: int) -> tuple[Hit, ...]:
    """Passages for an inline query (best first)."""
    from bot.search.answer import search

    query = " ".join(query.split())
    if not query or len(query) > MAX_QUESTION_CHARS:
        return ()
    return search(library.index, query, limit)


def inline_titles(passages: Sequence[Passage], limit: int = 60) -> tuple[str, ...]:
    """Titles for inline results, each different: the passage's own heading, then its first words
    (and a number when two still read the same)."""
    titles: list[str] = []
    for passage in passages:
        heading = passage.section[-1] if passage.section else texts.NOTES_BEGINNING
        words = _short(passage.text, max(8, limit - len(heading) - 3))
        title = _short(texts.INLINE_TITLE.format(heading=heading, words=words), limit)
        base, number = title, 2
        while title in titles:
            title = texts.INLINE_TITLE_NUMBERED.format(title=_short(base, limit - 4), number=number)
            number += 1
        titles.append(title)
    return tuple(titles)


def question_from_text(text: str | None) -> str | None:
    """The question a rendered passage reply was for (its first line), if it shows one."""
    if not text:
        return None
    first = text.split("\n", 1)[0]
    if first.startswith(_QUESTION_MARK):
        return first[len(_QUESTION_MARK) :].strip() or None
    return None


def tap_reply(library: Library, tap: Tap, question: str | None) -> Reply | None:
    """The passage a related-passage or suggestion button asks for; None when the notes changed."""
    corpus = library.corpus
    if not is_current(corpus, tap.fingerprint):
        return None
    if tap.kind == "passage":
        if not 0 <= tap.passage < len(corpus.passages) or any(not 0 <= i < len(corpus.passages) for i in tap.shown):
            return None
        matched: Sequence[str] = ()
        if question:
            matched = _matched_for(library, question, tap.passage)
        return passage_reply(corpus, tap.passage, tap.shown, question, matched)
    if tap.kind == "section":
        if not 0 <= tap.passage < len(corpus.sections):
            return None
        path = corpus.sections[tap.passage].path
        ids = tuple(p.id for p in corpus.passages if p.section[: len(path)] == path)[:4]
        if not ids:
            return None
        return passage_reply(corpus, ids[0], ids, question)
    return None


def _matched_for(library: Library, question: str, passage_id: int) -> tuple[str, ...]:
    """The question's matched terms in one passage, found by searching again."""
    for hit in inline_hits(library, question, 10):
        if hit.passage.id == passage_id:
            return hit.matched
    return ()


def start_reply(corpus: Corpus) -> Reply:
    """What the bot is and how to use it."""
    names = "、".join(corpus.files) or "—"
    return Reply.text(*texts.START.format(title=names).split("\n"))


# Where each command works: "private", "group" (Telegram) and "terminal" (`notesbot chat`); the
# admin ones are listed for the bot's admins only. Their wording is in texts.COMMAND_HELP.
COMMAND_PLACES: dict[str, frozenset[str]] = {
    "start": frozenset({"private", "group", "terminal"}),
    "help": frozenset({"private", "group", "terminal"}),
    "ask": frozenset({"private", "group", "terminal"}),
    "toc": frozenset({"private", "group", "terminal"}),
    "quiz": frozenset({"private", "group", "terminal"}),
    "stop": frozenset({"private", "group", "terminal"}),
    "review": frozenset({"private", "terminal"}),
    "me": frozenset({"private", "group", "terminal"}),
    "top": frozenset({"group"}),
    "daily": frozenset({"private", "group"}),
    "timezone": frozenset({"private", "group"}),
    "reload": frozenset({"private", "group"}),
    "report": frozenset({"private"}),
}
ADMIN_COMMANDS = frozenset({"reload", "report"})


def commands_for(where: str, is_admin: bool, registered: Iterable[str] | None = None) -> tuple[str, ...]:
    """The commands that work in this kind of chat (``where``), for an admin or not, in help order;
    only those registered, when ``registered`` is given."""
    known = set(registered) if registered is not None else None
    return tuple(
        name for name, places in COMMAND_PLACES.items()
        if where in places and (is_admin or name not in ADMIN_COMMANDS) and (known is None or name in known)
    )


def help_reply(
    username: str | None,
    is_admin: bool,
    where: str = "private",
    registered: Iterable[str] | None = None,
    example: str = texts.HELP_EXAMPLE_QUESTION,
) -> Reply:
    """Every command that works where help was asked (a private chat, a group, the terminal), with
    an example each, after how to ask there."""
    name = username or "bot"
    lines = [texts.HELP_TITLE]
    if where == "group":
        lines.append(texts.HELP_GROUP_ASK.format(username=name, example=example))
    elif where == "terminal":
        lines.append(texts.HELP_TERMINAL_ASK.format(example=example))
    else:
        lines.append(texts.HELP_PRIVATE_ASK.format(example=example))
    for command in commands_for(where, is_admin, registered):
        usage, what, sample = texts.COMMAND_HELP[command]
        lines.append(texts.HELP_LINE.format(usage=usage, what=what, example=sample))
    if where == "terminal":
        lines.append(texts.HELP_QUIT)
    else:
        lines.append(texts.HELP_INLINE.format(username=name, example=example))
    return Reply.text(*lines)


_GREETINGS = re.compile(
    r"^(?:你好|您好|嗨|哈喽|哈啰|早上好|早安|上午好|中午好|下午好|晚上好|晚安|在吗|在不在|hi|hello|hey|hallo|"
    r"谢谢|多谢|谢啦|谢了|感谢|thanks|thank you|thx)(?:呀|啊|哦|呢|吗|啦)?"
    r"(?:\s*(?:机器人|bot|老师|你|您))?[\s!！,，.。~～?？]*$",
    re.IGNORECASE,
)
_THANKS = re.compile(r"^(?:谢|多谢|感谢|thank|thx)", re.IGNORECASE)
_NUMBERING = re.compile(r"^[\d.、]+\s*")


def is_greeting(text: str) -> bool:
    """Whether a message is only a greeting or a thank-you (你好, hi, 谢谢 …), not a question."""
    return bool(_GREETINGS.match(text.strip()))


def example_questions(library: Library, count: int = 2) -> tuple[str, ...]:
    """Questions the notes answer, to show a newcomer: headings the notes ask themselves first, then
    "什么是…" of short headings; only those the search answers."""
    from bot.search.answer import Answer, answer_question

    asked: list[str] = []
    named: list[str] = []
    for section in library.corpus.sections:
        if not section.has_content or not section.path:
            continue
        heading = _NUMBERING.sub("", section.path[-1]).strip()
        if heading.endswith(("？", "?")) and 4 <= len(heading) <= 30:
            asked.append(heading)
        elif _short_term(heading):
            named.append(texts.GREETING_WHAT.format(term=heading))
    terms = [term for term, _ in library.corpus.aliases] + [b for p in library.corpus.passages for b in p.bold]
    named = [texts.GREETING_WHAT.format(term=term) for term in terms if _short_term(term)] + named
    found: list[str] = []
    for question in list(dict.fromkeys(asked + named))[:30]:
        if isinstance(answer_question(library.index, question), Answer):
            found.append(question)
            if len(found) == count:
                break
    return tuple(found)


def _short_term(text: str) -> bool:
    return 2 <= len(text) <= 12 and not re.search(r"[\s，,。：:（(、“”\"]", text)


def greeting_reply(library: Library, text: str) -> Reply:
    """A friendly short introduction for a greeting: what the bot does, two example questions from
    the notes, the quiz command (a thank-you gets a short "you're welcome")."""
    if _THANKS.match(text.strip()):
        return Reply.text(texts.GREETING_THANKS)
    lines = [texts.GREETING_INTRO]
    examples = example_questions(library)
    if examples:
        lines.append(texts.GREETING_EXAMPLES)
        lines.extend(f"• {question}" for question in examples)
    lines.append(texts.GREETING_QUIZ)
    return Reply.text(*lines)


def toc_reply(corpus: Corpus) -> Reply:
    """The table of contents, chapters still unwritten marked, cut to fit one message."""
    if not corpus.sections:
        return Reply.text(texts.TOC_EMPTY)
    # Each file's own top heading level is the outermost level (one file may start at "##").
    tops: dict[str, int] = {}
    for section in corpus.sections:
        tops[section.file] = min(section.level, tops.get(section.file, section.level))
    shown = [s for s in corpus.sections if s.level <= tops[s.file] + 1]
    lines: list[tuple[Span, ...]] = [(Span(texts.TOC_TITLE, "b"),)]
    many_files = len(corpus.files) > 1
    current_file = None
    for section in shown[:_TOC_LINES]:
        if many_files and section.file != current_file:
            current_file = section.file
            lines.append((Span(section.file, "code"),))
        indent = "    " * (section.level - tops[section.file])
        line: list[Span] = [Span(indent + section.path[-1])]
        if not section.has_content:
            line.append(Span(texts.TOC_UNWRITTEN_MARK, "i"))
        lines.append(tuple(line))
    if len(shown) > _TOC_LINES:
        lines.append((Span(texts.toc_more(len(shown) - _TOC_LINES)),))
    if any(not s.has_content for s in shown):
        lines.append(())
        lines.append((Span(texts.TOC_LEGEND, "i"),))
    return Reply(tuple(lines))
