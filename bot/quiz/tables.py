"""Table facts: a row and a column of a table ask for their cell, a row's cells for its label."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator, Sequence

from rapidfuzz.distance import Levenshtein

from bot import texts
from bot.notes.corpus import Corpus, Passage
from bot.quiz.gates import data_like
from bot.quiz.item import Draft, normalize
from bot.quiz.outline import renderings_of_parts
from bot.quiz.text import CJK, common_suffix, fill, sentences

__all__ = ["label_column", "table_drafts"]

Row = tuple[Passage, str, list[tuple[str, str]]]


def _row(passage: Passage) -> tuple[str, list[tuple[str, str]]] | None:
    """A row's label and (column, cell) pairs, read back from "label — col：cell；col：cell"."""
    label, sep, rest = passage.text.partition(" — ")
    if not sep or not label.strip():
        return None
    pairs: list[tuple[str, str]] = []
    for part in rest.split("；"):
        column, colon, cell = part.partition("：")
        if not colon or not column.strip() or not cell.strip():
            return None
        pairs.append((column.strip(), cell.strip()))
    return label.strip(), pairs


def _tables(corpus: Corpus) -> Iterator[list[Row]]:
    """Runs of consecutive table rows with the same file, section and caption."""
    run: list[Row] = []
    for passage in corpus.passages:
        parsed = _row(passage) if passage.kind == "table_row" else None
        if run and (
            parsed is None
            or run[-1][0].file != passage.file
            or run[-1][0].section != passage.section
            or run[-1][0].context != passage.context
            or passage.id != run[-1][0].id + 1
        ):
            yield run
            run = []
        if parsed is not None:
            run.append((passage, *parsed))
    if run:
        yield run


def _names(text: str, names: list[str]) -> bool:
    """Whether the text names one of these (a column header, a row label): "单机支持上千个容器"
    offered about 虚拟机 gives itself away."""
    where = normalize(text)
    return any(normalize(n) and normalize(n) in where for n in names)


_LATIN = re.compile(r"[a-z0-9]{3,}")


def _shares_stem(text: str, label: str) -> bool:
    """Whether a Latin word of the text begins one of the label's or the other way round ("支持rkt"
    of rktlet): the cell is read off the label's name."""
    words, names = _LATIN.findall(normalize(text)), _LATIN.findall(normalize(label))
    return any(w.startswith(n) or n.startswith(w) for w in words for n in names)


def _echoes_label(label: str, pairs: list[tuple[str, str]]) -> bool:
    """Whether the cells repeat the row's label or two characters of it in a row (容器「安全隔离」，
    虚拟机「完全隔离」 asks for 隔离性), or begin its Latin name («rkt» of rktlet): wording alone,
    not the notes, would find the label. No
    single right label either when two rows' cells are the same."""
    name = normalize(label)
    cells = [normalize(cell) for _, cell in pairs]
    pieces = {name[i : i + 2] for i in range(len(name) - 1) if re.fullmatch(r"[\u4e00-\u9fff]{2}", name[i : i + 2])}
    pieces |= set(_LATIN.findall(name))
    # ... or a word of a name written in parts ("KUBE-NODE-PORT-UDP" of "nodeport type service UDP port")
    words = set(_LATIN.findall(label.casefold()))
    said = {word for _, cell in pairs for word in _LATIN.findall(cell.casefold())}
    if any(w in word for w in words for word in said):
        return True
    return any(piece in cell for piece in pieces for cell in cells) or any(_shares_stem(cell, label) for cell in cells)


_CAPTION = 40  # characters: a longer lead-in is a paragraph, not a name for the table


def _caption(first: Passage) -> str:
    """What a question calls the table: its lead-in's last sentence ("…在后台运行。以下场景需要进入
    容器内部操作：" → "以下场景需要进入容器内部操作"), or its heading when that is still long."""
    heading = first.section[-1] if first.section else first.file
    said = sentences(first.context)
    caption = said[-1].strip("。：:；; ") if said else ""
    return caption if caption and len(caption) <= _CAPTION else heading


# Items from one table at most: more and one table would fill a quiz (a seven-row comparison
# asked twice a row made a quarter of all items).
PER_TABLE = 6
# Items from one file's tables at most: a file of many tables would make a quiz of look-ups.
PER_FILE = 12
# A table is asked only when its rows and columns are named by short names: a row headed by a
# sentence ("下载后需要复杂解压、校验或清理") is a list of cases, not a table of facts.
_ROW_NAME = 20
_COLUMN_NAME = 12
_CELL_ANSWER = 40
_TELLING_CELL = 3  # characters a cell says at least to ask which thing it is said of
_NOT_A_NAME = re.compile(r"[，,。；;、？?！!]|[：:]\s")
# A caption that points at the table ("下面几个工具最常用") is a sentence, not its name.
_POINTING = re.compile(r"以下|如下|下面|下列|这些|这几|几个|如表|见表|如图")
# A column of examples shows sample values, not facts.
_SAMPLE_COLUMN = re.compile(r"示例|例子|样例|举例|example|sample", re.I)
# Who maintains, wrote or sells a thing: attribution, which a teacher does not ask.
_WHO_COLUMN = re.compile(r"维护者|维护方|维护|作者|开发者|开发商|厂商|供应商|贡献者|发起者|发起人|maintainer|author|vendor|owner", re.I)


# A bracketed other name after a header ("gVisor (runsc)", "数据卷（Volume）") adds nothing to
# its length as a name.
_ALIAS = re.compile(r"\s*[（(][^（）()]*[）)]\s*$")


def _named(text: str, most: int) -> bool:
    """Whether a header is a name of at most so many Chinese characters (a Latin letter counts
    half: "Kata Containers" is two words, as long as a name of seven or eight characters)."""
    name = _ALIAS.sub("", text)
    size = sum(1 if "\u4e00" <= c <= "\u9fff" else 0.5 for c in name)
    return 0 < size <= most and not _NOT_A_NAME.search(text)


def _table_name(caption: str, section: tuple[str, ...]) -> str:
    """What the question calls the table: a short caption of its own; "" when the caption is its
    heading (the question's topic says it already) or a sentence."""
    if section and caption == section[-1]:
        return ""
    return caption if _named(caption, 16) and not _POINTING.search(caption) else ""


def _spread(drafts: list[Draft]) -> list[Draft]:
    """The drafts in an order spread over the table: its first row and its last, then the rows
    halfway between, and so on (a table's quota keeps the first ones that make items)."""
    if len(drafts) <= 2:
        return drafts
    order = [0, len(drafts) - 1]
    parts = [(0, len(drafts) - 1)]
    while len(order) < len(drafts):
        split: list[tuple[int, int]] = []
        for low, high in parts:
            middle = (low + high) // 2
            if low < middle < high:
                order.append(middle)
                split += [(low, middle), (middle, high)]
        if not split:
            order += [i for i in range(len(drafts)) if i not in order]
            break
        parts = split
    quota = ((f"table:{drafts[0].passage.id}", PER_TABLE), (f"tables:{drafts[0].passage.file}", PER_FILE))
    return [dataclasses.replace(drafts[i], quota=quota) for i in dict.fromkeys(order)]


def table_drafts(corpus: Corpus) -> Iterator[Draft]:
    """In a table of records (a row a thing), a row's cells ask for its label (which subsystem
    "限制进程数"?) and a cell asks too, with the same column's other cells as wrong answers; in a
    comparison of three things or more, a cell asks which thing it is said of, and one of two
    things asks which statement is right. A comparison's cells are never offered as
    "thing：value" pairs: with the sides swapped in the wrong ones, the right pair is the one
    whose halves each show twice."""
    for rows in _tables(corpus):
        if len(rows) < 2:
            continue
        first = rows[0][0]
        caption = _caption(first)
        labels = [label for _, label, _ in rows]
        columns = [c for c, _ in rows[0][2]]
        if not all(_named(l, _ROW_NAME) for l in labels) or not all(_named(c, _COLUMN_NAME) for c in columns):
            continue
        if sum(data_like(l) for l in labels) * 2 >= len(labels):
            continue  # rows keyed by dates, versions or numbers: a history or sample data
        cells = [v.strip() for _, _, pairs in rows for _, v in pairs]
        if sum(bool(_VERDICT.match(v)) for v in cells) > _MARKS_SHARE * len(cells):
            continue  # a spec sheet of marks (Not supported | Available, ✓ | ✗): its few other cells are no lesson
        name = _table_name(caption, first.section)
        comparison = _compares(caption, first.section, rows)
        drafts: list[Draft] = []
        for number, (passage, label, pairs) in enumerate(rows):
            if _verdicts(pairs):
                continue  # "✓ | ✗ | ✗ | ✗": a matrix of marks
            if any(_POINTER_CELL.match(v.strip()) for _, v in pairs):
                continue  # "See above", "同上", "-": a cell that says nothing alone
            why = fill(
                texts.QUIZ_TABLE_WHY,
                caption=caption,
                row=label,
                cells=texts.QUIZ_CELL_SEPARATOR.join(fill(texts.QUIZ_TABLE_WHY_CELL, column=c, value=v) for c, v in pairs),
            )
            # (a column of examples shows the thing's own look: "https://example.com" is its URL)
            told = [(c, v) for c, v in pairs if not _SAMPLE_COLUMN.search(c) and not _WHO_COLUMN.search(c)]
            if all(_VERDICT.match(v.strip()) for _, v in told):
                told = []  # "Internal Provisioner 为「✓」": a mark alone tells no row from another
            shown = texts.QUIZ_CELL_SEPARATOR.join(fill(texts.QUIZ_TABLE_PAIR, column=c, value=v) for c, v in told)
            # Only a thing is asked by what is said of it: in a comparison, a row is what the things
            # are compared in, and its cells are values of its kind ("秒级" can only be a speed).
            if told and not comparison and sum(1 for _, _, other in rows if other == pairs) == 1 and not _echoes_label(label, told) \
                    and not all(_glossed(label, v) for _, v in told):
                drafts.append(
                    Draft(
                        kind="table_row",
                        question=_which(name, shown),
                        answer=label,
                        tiers=(tuple(other for other in labels if other != label),),
                        why=why,
                        passage=passage,
                        min_options=3,
                        needs_topic=not name,
                    )
                )
            draft = (_compared_cell if comparison else _record_cell)(name, rows, passage, label, pairs, number, why)
            if draft is not None:
                drafts.append(draft)
        yield from _spread(drafts)
        if comparison:
            yield from _two_sided(name, rows, columns)
            yield from _one_false(name, rows, columns)


PER_TWO_SIDED = 5  # "which is right" items of one two-sided comparison
_SIDE_CELL = 20  # characters of a cell said in a statement at most


def _two_sided(caption: str, rows: list[Row], columns: list[str]) -> Iterator[Draft]:
    """A comparison of two things (容器 | 虚拟机): which statement is right, one row's cell said of
    its thing, the wrong ones other rows' cells said of the thing they are not of: false by the
    notes, and of the same look. Rows whose two cells are the same, judge only or name a column
    are left out."""
    if len(columns) != 2:
        return
    usable = _comparable(rows, columns)
    if len(usable) < 4:
        return
    # (its own quota beside the table's look-ups: a statement asks another thing than a look-up)
    most = min(PER_TWO_SIDED, len(usable) - 1)  # each row the right one once at most, one row never
    quota = ((f"two-sided:{rows[0][0].id}", most), (f"tables:{rows[0][0].file}", PER_FILE))
    for number, (passage, label, cells) in enumerate(usable):
        side, other = columns[number % 2], columns[1 - number % 2]
        right = fill(texts.QUIZ_TABLE_SAID, thing=side, row=label, value=cells[side])
        # The wrong ones: other rows with the other thing's cell said of this thing ("容器的内存
        # 代价为「较多」"), and other rows with this thing's cell said of the other ("虚拟机的启动
        # 速度为「秒级」"), two of each, each of its own row (any three mix the kinds, and no row
        # stands twice beside the answer's once). When one thing is the better in most rows, wrong
        # ones all of the first kind would leave the answer the only one that speaks well of it.
        others = [(l, c) for _, l, c in usable if l != label]
        if not others:
            continue  # (rows all of one label: nothing to set beside it)
        others = others[number % len(others):] + others[: number % len(others)]
        wrong = tuple(fill(texts.QUIZ_TABLE_SAID, thing=side, row=l, value=c[other]) for l, c in others[0::2][:2])
        swapped = tuple(fill(texts.QUIZ_TABLE_SAID, thing=other, row=l, value=c[side]) for l, c in others[1::2][:2])
        yield Draft(
            kind="table_statement",
            question=fill(texts.QUIZ_TABLE_STATEMENT if caption else texts.QUIZ_TABLE_STATEMENT_PLAIN, caption=caption),
            answer=right,
            tiers=((*wrong, *swapped),),
            why=_row_why(rows, label, cells),
            passage=passage,
            min_options=4,
            extra_key=right,
            needs_topic=not caption,
            quota=quota,
        )


def _comparable(rows: list[Row], columns: list[str]) -> list[tuple[Passage, str, dict[str, str]]]:
    """The rows of a two-sided comparison that can be said of one thing: both cells there and
    different, neither a verdict, too long, or naming a column."""
    return [
        (passage, label, dict(pairs))
        for passage, label, pairs in rows
        if len(pairs) == 2 and [c for c, _ in pairs] == columns
        and pairs[0][1] != pairs[1][1] and not _read_alike(pairs[0][1], pairs[1][1])
        and not any(_VERDICT.match(v.strip()) or len(v) > _SIDE_CELL or _names(v, columns) for _, v in pairs)
    ]


def _read_alike(a: str, b: str) -> bool:
    """Whether two cells are one Chinese character apart (安全隔离, 完全隔离): a learner reads them
    as one, and the one said of the other side reads as true. Not when the characters are
    opposites (通常更快, 通常更慢) or one more (不支持…), nor one letter apart (一般为MB, 一般为GB)."""
    a, b = normalize(a), normalize(b)
    if len(a) < 3 or Levenshtein.distance(a, b) != 1:
        return False
    (op,) = Levenshtein.editops(a, b)
    if op.tag != "replace":
        return False  # (a character more is most often a negation: 支持热更新, 不支持热更新)
    pair = a[op.src_pos] + b[op.dest_pos]
    return bool(CJK.match(pair[0]) and CJK.match(pair[1])) and pair not in _OPPOSITES and pair[::-1] not in _OPPOSITES


# Characters of opposite meaning, a general list: one of them for the other turns a cell around.
_OPPOSITES = frozenset(
    "快慢 高低 大小 多少 强弱 长短 好坏 好差 优劣 易难 有无 上下 前后 内外 新旧 开关 增减 轻重 早晚 远近 深浅 "
    "粗细 宽窄 厚薄 简繁 动静 主从 真假 同异 正负 加减 升降 进出 先后 左右 胜负 热冷 松紧 宽严 全半 单双 静动".split()
)


def _row_why(rows: list[Row], label: str, cells: dict[str, str]) -> str:
    """The explanation of a comparison's row: the table's caption, the row and its cells."""
    return fill(
        texts.QUIZ_TABLE_WHY,
        caption=_caption(rows[0][0]),
        row=label,
        cells=texts.QUIZ_CELL_SEPARATOR.join(fill(texts.QUIZ_TABLE_WHY_CELL, column=c, value=v) for c, v in cells.items()),
    )


def _one_false(caption: str, rows: list[Row], columns: list[str]) -> Iterator[Draft]:
    """The other way round, once a two-sided comparison: which statement is wrong, three rows'
    cells said of their thing and one row's cell said of the other thing."""
    usable = _comparable(rows, columns)
    if len(usable) < 4:
        return
    passage, label, cells = usable[-1]
    side, other = columns
    false = fill(texts.QUIZ_TABLE_SAID, thing=side, row=label, value=cells[other])
    true = tuple(fill(texts.QUIZ_TABLE_SAID, thing=side, row=l, value=c[side]) for _, l, c in usable[:-1])
    yield Draft(
        kind="table_statement",
        question=fill(texts.QUIZ_TABLE_FALSE if caption else texts.QUIZ_TABLE_FALSE_PLAIN, caption=caption),
        answer=false,
        tiers=(true,),
        why=_row_why(rows, label, cells),
        passage=passage,
        min_options=4,
        extra_key="false:" + false,
        needs_topic=not caption,
        quota=((f"tables:{rows[0][0].file}", PER_FILE),),
    )


_SEPARATOR_ROW = re.compile(r"^\|?\s*:?-{2,}")
_LABEL_HEADER_CHARS = 8  # a header longer than this is a sentence, not what its column's cells are


def label_column(lines: Sequence[str], line: int) -> str:
    """What a table's rows are, by the header of its first column ("问题" over "只能用 IP 通信"),
    from the Markdown lines and the 1-based line of one of its rows; "" when there is none to
    read (no lines, an empty or long header)."""
    index = line - 1
    while 0 < index < len(lines) and "|" in lines[index] and not _SEPARATOR_ROW.match(_cells_line(lines[index])):
        index -= 1
    if not 0 < index < len(lines) or not _SEPARATOR_ROW.match(_cells_line(lines[index])):
        return ""
    header = _cells_line(lines[index - 1]).strip("|").split("|")[0]
    header = re.sub(r"[*_`]", "", header).strip()
    return header if 0 < len(header) <= _LABEL_HEADER_CHARS and not header.isdigit() else ""


def _cells_line(line: str) -> str:
    """A table line without a quote's markers before it."""
    return re.sub(r"^\s*(?:>\s*)*", "", line).strip()


def _which(caption: str, cells: str) -> str:
    """"Which one has these cells", in the table the caption names (its topic names it when none)."""
    return fill(texts.QUIZ_TABLE_ROW if caption else texts.QUIZ_TABLE_ROW_PLAIN, caption=caption, cells=cells)


_WORDY_NAME = re.compile(r"[.\-]*[A-Za-z][A-Za-z_.\-]*")  # .Digest, CreatedAt, read-only: words, no values
_GLOSS_CHARS = 4  # Chinese characters a cell says at most to be a word's gloss ("摘要" of .Digest)


def _glossed(label: str, cell: str) -> bool:
    """Whether a cell is a short Chinese word beside a name made of English words that a dictionary
    renders alike (.Digest | 摘要, .Repository | 仓库): it glosses the name, and a dictionary, not
    the notes, answers."""
    name = label.strip("` ")
    if not _WORDY_NAME.fullmatch(name):
        return False
    said = set(CJK.findall(cell))
    if not said or len(CJK.findall(cell)) > _GLOSS_CHARS or re.search(r"[A-Za-z0-9]", cell):
        return False
    # a character of the dictionary's renderings of a word of it (digest: 文摘 … of 摘要; not tar's 焦油 of 打包归档)
    return any(said & set("".join(forms)) for forms in renderings_of_parts(name))


def _record_cell(
    caption: str, rows: list[Row], passage: Passage, label: str, pairs: list[tuple[str, str]], number: int, why: str
) -> Draft | None:
    """Rows are records (rsync | 增量同步文件): a row's value in one column, with other rows'
    values of that column as wrong answers."""
    column, cell = pairs[number % len(pairs)]
    names = [label, *(c for c, _ in pairs)]
    if _names(cell, names) or _shares_stem(cell, label) or _SAMPLE_COLUMN.search(column) or len(cell) > _CELL_ANSWER:
        return None
    if _glossed(label, cell):
        return None
    if _WHO_COLUMN.search(column) or data_like(cell):
        return None  # who maintains it (trivia); a version or a number of sample data
    column_values = [dict(other_pairs).get(column, "") for _, other_label, other_pairs in rows if other_label != label]
    if cell in column_values:
        return None  # ("Not supported" in three rows of five): the column's commonest value is a pattern to guess, not a fact of the row
    same_column = tuple(
        value
        for _, other_label, other_pairs in rows
        if other_label != label
        for value in [dict(other_pairs).get(column, "")]
        if value and value != cell and not _names(value, [*names, other_label])
    )
    return Draft(
        kind="table_cell",
        question=fill(texts.QUIZ_TABLE_CELL if caption else texts.QUIZ_TABLE_CELL_PLAIN, caption=caption, column=column, row=label),
        answer=cell,
        tiers=(same_column,),
        why=why,
        passage=passage,
        min_options=3,
        needs_topic=not caption,
    )


_MARKS_SHARE = 0.5  # of a table's cells marks more than that make it a spec sheet
# A cell that only judges: a mark, yes or no, a degree.
_VERDICT = re.compile(
    r"^(?:[✓✗✔✘×√❌✅❎⭕○●◯\-–—/]+|是|否|有|无|支持|不支持|正确|不正确|错误|可以|不可以|可|不可|需要|不需要|"
    r"能|不能|会|不会|高|低|中|较高|较低|好|差|快|慢|强|弱|yes|no|true|false|n/?a|(?:not )?(?:supported|available|required|allowed)|unsupported|unavailable|optional|enabled|disabled)$",
    re.I,
)


# A cell that points elsewhere or says nothing: "See above", "同上", "见上文", "-", "N/A", "无", "两者组合".
_POINTER_CELL = re.compile(
    r"^(?:see (?:above|below|the .*)|same as .*|ditto|同上|同左|见上.*|见下.*|参见.*|详见.*|如上|[-–—/~]+|n/?a|tbd|todo|略|…+|\.{3,})$"
    # ... or says what other rows are together ("两者组合" of -it beside -i and -t)
    r"|^(?:以上|上述|前面|前两者|前两项|两者|二者|三者)",
    re.I,
)


def _verdicts(pairs: list[tuple[str, str]]) -> bool:
    """Whether the row is one of a matrix of judgements: three columns or more, half its cells or
    more only judging (see _VERDICT). Between two things "有 | 无" is a fact worth knowing; over
    four, "✗ ✓ ✗ ✗" is a pattern no one remembers."""
    return len(pairs) >= 3 and sum(bool(_VERDICT.match(cell.strip())) for _, cell in pairs) * 2 >= len(pairs)


def _compared_cell(
    caption: str, rows: list[Row], passage: Passage, label: str, pairs: list[tuple[str, str]], number: int, why: str
) -> Draft | None:
    """A comparison of three things or more: which of them a row's cell is said of (安全性为「极高」:
    Kata Containers), the other things compared as wrong answers; a cell another of them shares,
    or one that names one of them, asks nothing."""
    if len(pairs) < 3:
        return None
    column, cell = pairs[number % len(pairs)]
    columns = [c for c, _ in pairs]
    if [v for _, v in pairs].count(cell) > 1 or _names(cell, [label, *columns]) or len(cell) > _CELL_ANSWER:
        return None
    if len(cell) < _TELLING_CELL:
        return None  # "是", "高": too little to tell one thing by
    shown = fill(texts.QUIZ_TABLE_PAIR, column=label, value=cell)
    return Draft(
        kind="table_column",
        question=_which(caption, shown),
        answer=column,
        tiers=(tuple(c for c in columns if c != column),),
        why=why,
        passage=passage,
        min_options=3,
        needs_topic=not caption,
    )


_ALL_NAMES = 0.8  # the share of a side's headers in Latin script that makes them names
_COMPARISON = re.compile(r"比较|对比|区别|差异|异同|相比|\bvs\.?\b|\bVS\b|\bversus\b", re.I)


def _compares(caption: str, section: tuple[str, ...], rows: list[Row]) -> bool:
    """A comparison table (its value columns are the things compared, its rows what they are
    compared in), not a table of records (a row a thing). The things are those the heading or the
    lead-in names ("开发 vs 生产" names 开发环境 and 生产环境); else those named by Latin names where the other side holds Chinese words
    ("Docker Desktop | OrbStack" against "启动速度", "Fedora" against "包管理器"); else a table under
    a heading that says it compares is one, or a table whose columns each say numbers in several units
    (`_mixed_units`)."""
    heading = section[-1] if section else ""
    said = caption + " " + heading
    labels, columns = [label for _, label, _ in rows], [c for c, _ in rows[0][2]]
    suffix = common_suffix(columns)
    stems = [c[: -len(suffix)] if suffix and len(c) > len(suffix) else c for c in columns]  # 开发环境 → 开发
    if len(columns) >= 2 and all(c and c in said for c in stems):
        return True
    if sum(bool(label) and label in said for label in labels) >= 2:
        return False  # "tmpfs 与 Volume / Bind Mount 对比": a row each
    latin = {side: sum(not CJK.search(name) for name in names) / len(names) for side, names in (("rows", labels), ("columns", columns))}
    # one side all names, the other all words: "Docker Desktop | OrbStack" against "启动速度" (a side
    # of both, "使用示例 | completions", holds attributes: records)
    if max(latin.values()) >= _ALL_NAMES and min(latin.values()) <= 1 - _ALL_NAMES:
        return latin["columns"] > latin["rows"]
    if _COMPARISON.search(caption) or _COMPARISON.search(heading):
        return True
    return _mixed_units(rows)


# A number's unit in a cell ("约 2 秒", "200–300 MB", "99.9%").
_UNIT = re.compile(r"\d\s*(秒|毫秒|分钟|小时|天|周|月|年|倍|核|个|次|台|元|%|[KMGTP]i?B\b|ms\b|[smhd]\b)", re.I)


def _mixed_units(rows: list[Row]) -> bool:
    """Whether every value column says numbers in more than one unit ("约 2 秒" above "200–300 MB"):
    each row is then an attribute of another kind, and the columns the things compared (a
    column of records holds one kind of value, whatever its rows)."""
    columns: dict[str, set[str]] = {}
    for _, _, pairs in rows:
        for column, cell in pairs:
            columns.setdefault(column, set()).update(u.casefold() for u in _UNIT.findall(cell))
    return len(columns) >= 2 and all(len(units) >= 2 for units in columns.values())
