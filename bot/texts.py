"""Every piece of Chinese text a user sees, in one place, so it can be reviewed and changed together.

Plain strings and small functions that format them. HTML escaping is the renderer's job: these
strings hold no markup, except where a name ends in `_HTML` (then only fixed tags, no user data).
Each shell (Telegram, terminal) takes its wording from here.
"""

from __future__ import annotations

# --- answers (search) -------------------------------------------------------------------------

# `notesbot ask` / `notesbot eval` in the terminal (the wording of a refusal is shared with
# Telegram: NOT_FOUND, NOT_FOUND_UNWRITTEN, NOT_FOUND_SUGGESTIONS below).
ASK_CLI_USAGE = '用法：notesbot ask "问题"，或 notesbot ask --jsonl < questions.jsonl'
ASK_CLI_EMPTY = "问题是空的。" + ASK_CLI_USAGE
ASK_CLI_CONFIDENCE = "匹配度：{score:.0%}"
ASK_CLI_RELATED = "相关段落："
ASK_CLI_CONTEXT = "（{context}）"  # the lead-in or table caption a passage belongs to
ASK_CLI_NOTES_ERROR = "无法读取笔记：{error}"
ASK_CLI_BAD_JSON = "第 {line} 行不是有效的 JSON：{error}"
EVAL_CLI_NO_FILE = "找不到问题集文件：{path}"

# --- quiz and review -------------------------------------------------------------------------

# Question templates (bot/quiz). Blanks and citations are filled in by the generator.
QUIZ_BLANK = "____"
QUIZ_TOPIC = "在「{topic}」中，{question}"  # every question names its topic, so it stands alone in a poll
QUIZ_CITE = "（见「{section}」）"
QUIZ_FILL = "填空：{text}"
QUIZ_TABLE_CELL = "{caption}：{row}的{column}是？"
QUIZ_TABLE_CELL_PLAIN = "{row}的{column}是？"
QUIZ_TABLE_ROW = "{caption}：{cells}的是哪一项？"
QUIZ_TABLE_ROW_PLAIN = "{cells}的是哪一项？"
QUIZ_TABLE_ROW_NAMED = "的{noun}是哪一项？"  # a row asked by its label column's header ("…的问题是哪一项？")
QUIZ_TABLE_PAIR = "{column}为「{value}」"
QUIZ_TABLE_SAID = "{thing}的{row}为「{value}」"  # one side of a two-sided comparison
QUIZ_TABLE_STATEMENT = "按「{caption}」，以下哪一项与笔记相符？"
QUIZ_TABLE_STATEMENT_PLAIN = "按笔记中的比较，以下哪一项与笔记相符？"
QUIZ_TABLE_FALSE = "按「{caption}」，以下哪一项与笔记不符？"
QUIZ_TABLE_FALSE_PLAIN = "按笔记中的比较，以下哪一项与笔记不符？"
QUIZ_TABLE_WHY = "「{caption}」中，{row}：{cells}。"
QUIZ_DEFINITION = "“{description}”——这说的是哪一种{noun}？"
QUIZ_DEFINITION_PLAIN = "“{description}”——这说的是哪一项？"
QUIZ_DESCRIPTION = "「{term}」指的是什么？"
QUIZ_DESCRIPTION_ABOUT = "就「{about}」而言，笔记对「{term}」的说法是哪一项？"
QUIZ_WHICH_TOPIC = "“{statement}”——这说的是哪一项？"
QUIZ_SUBJECT = "“{text}”——空白处是哪一项？"
QUIZ_STATEMENT = "以下哪一项说法与笔记相符？"
QUIZ_QUESTION = "{question}"  # the notes' own question, as they ask it
QUIZ_WHY = "按笔记所说，为什么{effect}？"
QUIZ_COMMAND = "「{task}」用的是哪条命令？"
QUIZ_COMMAND_WHY = "「{task}」：{command}"
QUIZ_ORDER = "“{lead}”，以下步骤正确的先后顺序是？{steps}"
QUIZ_ORDER_PLAIN = "以下步骤正确的先后顺序是？{steps}"
QUIZ_ORDER_STAGES = "笔记说“{lead}……”，以下各项正确的先后顺序是？{steps}"
QUIZ_ORDER_AROUND = "笔记说“{lead}”，其中各阶段正确的先后顺序是？{steps}"
QUIZ_ORDER_STEP = "\n{letter} {step}"
QUIZ_ORDER_WHY_STEP = "{number}. {step}"
QUIZ_ORDER_WHY_SEPARATOR = "；"
QUIZ_CONTRAST = "以下哪一种{noun}，{clause}？"
QUIZ_CONTRAST_PLAIN = "以下哪一项，{clause}？"
QUIZ_CATEGORY_OF = "按笔记中的分类，{example}属于哪一种{noun}？"
QUIZ_CATEGORY_OF_PLAIN = "按笔记中的分类，{example}属于哪一项？"
QUIZ_EXAMPLE_OF = "以下哪一个是「{category}」的例子？"
QUIZ_NOT_EXAMPLE = "以下哪一项不是笔记所举的「{category}」的例子？"
QUIZ_NOT_KIND = "笔记把「{category}」细分为几类，以下哪一项不在其中？"
QUIZ_EARLIEST = "按笔记所记的年份，以下哪一项最早？"
QUIZ_CONTRAST_GROUP = "笔记中说“{clause}”的是哪一组{noun}？"
QUIZ_CONTRAST_GROUP_PLAIN = "笔记中说“{clause}”的是哪一组？"
QUIZ_PLATFORM = "按笔记所列，{name}是哪个系统（平台）上的？"
QUIZ_REPRESENTED = "笔记说“{lead}……”，其中以{examples}为代表的是哪一项？"
QUIZ_ALIAS_ENGLISH = "「{term}」对应的英文是？"
QUIZ_ALIAS_CHINESE = "「{alias}」对应的中文术语是？"

# Pieces the generator joins the notes' own words with: explanations, lists, topics, cut text.
QUIZ_LIST_SEPARATOR = "、"
QUIZ_CELL_SEPARATOR = "，"
QUIZ_TABLE_WHY_CELL = "{column}「{value}」"
QUIZ_WHY_CUT = "{text}…"  # an explanation cut to Telegram's limit
QUIZ_WHY_LABELLED = "{label}：…{text}"  # a labelled item's later sentence, its label first
# Quotes inside a question that itself quotes with “”: the notes' “…” become ‘…’.
QUIZ_NESTED_QUOTES = str.maketrans({"“": "‘", "”": "’"})


def section_label(path: tuple[str, ...] | list[str]) -> str:
    """A heading path as one line: "1 初识Docker与容器 › 1.1 …" (the notes' beginning when empty)."""
    return SECTION_PATH_SEPARATOR.join(path) if path else NOTES_BEGINNING

# Names of the item kinds, for the terminal quiz and the export summary.
QUIZ_KIND_NAMES = {
    "table_cell": "表格",
    "table_row": "表格",
    "table_column": "表格",
    "table_statement": "表格",
    "definition": "术语",
    "description": "术语",
    "contrast": "对比",
    "category_of": "分类",
    "example_of": "举例",
    "not_example": "举例",
    "represents": "代表",
    "platform": "平台",
    "not_kind": "分类",
    "earliest": "年份",
    "year": "年份",
    "name": "名称",
    "alias_en": "中英术语",
    "alias_zh": "中英术语",
    "cloze": "填空",
    "code_name": "填空",
    "subject": "填空",
    "statement": "判断",
    "contrary": "判断",
    "topic": "主题",
    "order": "顺序",
    "question": "问答",
    "why": "原因",
    "command": "命令",
}

# The terminal quiz (`notesbot quiz`, and /quiz in `notesbot chat`).
QUIZ_HEADER = "第 {number}/{total} 题 · {kind}"
QUIZ_PROMPT = "请输入选项编号（1–{count}），直接回车跳过，q 结束："
QUIZ_INVALID = "请输入 1 到 {count} 之间的数字。"
QUIZ_RIGHT = "✔ 答对了！"
QUIZ_WRONG = "✘ 答错了，正确答案是 {number}. {answer}"
QUIZ_SKIPPED = "已跳过，正确答案是 {number}. {answer}"
QUIZ_SCORE = "测验结束：答对 {right}/{total} 题。"
QUIZ_NO_ITEMS = "笔记里还没有能出题的内容。"
QUIZ_EXPORTED = "已导出 {count} 道题，涉及 {asked}/{content} 段笔记内容（表格按行计，不计引导语）。"

# `notesbot quiz --review N`: items for a person to judge blind, the keys at the end.
QUIZ_REVIEW_HEAD = "随机抽取的 {count} 道题：先作答，再看文末的答案与出处。"
QUIZ_REVIEW_ITEM = "【{number}】{kind}"
QUIZ_REVIEW_KEYS = "==== 答案与出处 ===="
QUIZ_REVIEW_KEY = "【{number}】{letter}. {answer}    （{id}）"
REVIEW_FEWER = "（要了 {asked} 个，这份笔记只有这么多。）"
CARDS_REVIEW_HEAD = "随机抽取的 {count} 张卡片：先回想被挖空的内容，再看文末的答案与出处。"
CARDS_REVIEW_KEY = "【{number}】{back}    （{form}，{id}）"

# Flashcards written in the notes (Obsidian Spaced Repetition syntax), reviewed in the terminal.
CARD_HEADER = "第 {number}/{total} 张卡片 · {context}"
CARD_SHOW_PROMPT = "（回车显示答案，q 结束）"
CARD_BACK = "答案：{back}"
CARD_RATE_PROMPT = "记得怎么样？1 忘了　2 困难　3 记得　4 简单："
CARD_RATE_INVALID = "请输入 1 到 4 之间的数字。"
CARD_RATING_NAMES = ("忘了", "困难", "记得", "简单")  # FSRS Again / Hard / Good / Easy
CARDS_NONE_DUE = "现在没有要复习的卡片。"
CARDS_EXPORTED = "另有 {count} 张笔记里写的卡片。"
RECALL_CARDS_EXPORTED = "另有 {count} 张由笔记语句挖空生成的卡片。"
CARD_PROBLEM_LINE = "{file}:{line}: {problem}"
CARD_PROBLEMS = {
    "empty_side": "卡片的问题或答案是空的（写成「问题::答案」）",
    "many_separators": "一行里有多个 ::，不知道哪里是问题、哪里是答案",
    "question_missing": "单独一行的 ? 上面没有问题",
    "answer_missing": "单独一行的 ? 下面没有答案",
    "unclosed_highlight": "==高亮== 没有闭合",
    "empty_highlight": "==== 里没有要挖空的内容",
    "cloze_alone": "挖空后这一行什么也不剩，无法作为卡片",
}


def cards_summary(again: int, hard: int, good: int, easy: int) -> str:
    """The end of a flashcard review."""
    total = again + hard + good + easy
    return f"复习结束：{total} 张（忘了 {again}，困难 {hard}，记得 {good}，简单 {easy}）。"


# --- Telegram: commands, help, errors ---------------------------------------------------------

START = (
    "你好！我是笔记问答机器人，回答来自一份中文学习笔记（{title}）。\n"
    "\n"
    "直接把问题发给我，我会找出笔记里最相关的一段，标出你问到的词，并注明出处。"
    "答案下面的按钮可以查看其他相关段落，也可以告诉我答案有没有帮助（👍/👎）。\n"
    "笔记里没有的内容，我会老实说没有，并推荐相近的章节。"
)
HELP = (
    "怎么用：\n"
    "• 私聊：直接发问题，例如「Docker 是用什么语言写的」\n"
    "• /ask 问题 —— 在群里提问（也可以 @我 或回复我的消息）\n"
    "• /toc —— 笔记目录（标出还没写的章节）\n"
    "• 在任何聊天里输入 @{username} 问题 —— 内联搜索\n"
    "• /help —— 显示这段说明"
)
HELP_ADMIN = (
    "• /reload —— 重新读取笔记（仅管理员）\n"
    "• /report [天数] —— 给笔记作者的报告：没答上的问题、被点 👎 的回答、常错的题（仅管理员，私聊）"
)
COMMAND_DESCRIPTIONS: dict[str, str] = {
    "start": "这是什么、怎么用",
    "help": "使用说明",
    "ask": "提问：/ask 问题",
    "toc": "笔记目录",
    "review": "复习卡片：/review [张数]",
    "stop": "结束正在进行的测验",
}
ADMIN_COMMAND_DESCRIPTIONS: dict[str, str] = {
    "reload": "重新读取笔记（管理员）",
    "report": "给笔记作者的报告：该写什么（管理员）",
}
ASK_USAGE = "请在 /ask 后面写上问题，例如：/ask Docker 是用什么语言开发的"
NOT_FOUND = "笔记里没有找到这个问题的答案。"
ANSWER_UNSURE = "（不太确定这段就是你要的答案，也可以看看下面的相关段落。）"
NOT_FOUND_UNWRITTEN = "笔记里还没有这部分内容："
NOT_FOUND_SUGGESTIONS = "也许你想看这些章节："
SECTION_PATH_SEPARATOR = " › "
NOTES_BEGINNING = "笔记开头"
FEEDBACK_GOOD = "👍 有帮助"
FEEDBACK_BAD = "👎 没帮助"
FEEDBACK_THANKS = "谢谢反馈！"
FEEDBACK_SORRY = "谢谢反馈，我会记下来。"
STALE_BUTTON = "笔记已经更新了，请重新提问。"
TOC_TITLE = "笔记目录"
TOC_UNWRITTEN_MARK = "（未写）"
TOC_EMPTY = "笔记里还没有任何章节。"
TOC_LEGEND = "标「未写」的章节只有标题，内容还没有写。"
RELOAD_DONE = "笔记已重新读取：{files} 个文件，{sections} 个章节，{passages} 个段落。"
RELOAD_FAILED = "重新读取笔记失败，仍在使用原来的笔记：{error}"
RELOAD_NO_PASSAGES = "新的笔记里没有任何段落"
RELOAD_FORBIDDEN = "只有管理员可以重新读取笔记。"
NON_TEXT = "我只能看懂文字消息。请直接用文字提问吧。"
TOO_LONG = "问题太长了（最多 {limit} 个字），请简短一些再问。"
FLOOD = "你问得太快了，请稍等一分钟再问。"
INLINE_NOTHING = "笔记里没有找到，点这里看看怎么用"
INLINE_TITLE = "{heading} · {words}"  # an inline result: the section's own heading, the passage's first words
INLINE_TITLE_NUMBERED = "{title}（{number}）"
CHAT_INTRO = "终端聊天（与 Telegram 机器人相同的回答）。输入问题，/help 看帮助，/quit 退出。"
CHAT_PICK_HINT = "输入编号查看对应的段落。"
CHAT_NO_TOKEN = "没有配置 TELEGRAM_BOT_TOKEN，改为在终端里聊天。"
CHAT_QUIZ_MISSING = "没有可以记录答题的数据目录，测验暂时不可用。"
CHAT_UNKNOWN_COMMAND = "不认识这个命令。输入 /help 查看可用命令。"
CHAT_BAD_NUMBER = "没有这个编号。"


def source_line(file: str, line: int) -> str:
    """Where a passage comes from: its file and line."""
    return f"出处：{file} 第 {line} 行"


def unwritten_chapter(title: str) -> str:
    """A chapter that is only a heading so far: "第2章「核心概念与安装配置」还没有写"."""
    number, _, rest = title.partition(" ")
    if number.isdigit() and rest.strip():
        return f"第{number}章「{rest.strip()}」还没有写"
    return f"「{title}」还没有写"


def reload_not_text(files: tuple[str, ...] | list[str], shown: int = 20) -> str:
    """/reload: the notes files left out because they are not UTF-8 text (at most ``shown`` named)."""
    names = "、".join(files[:shown])
    more = f" 等 {len(files)} 个" if len(files) > shown else ""
    return f"以下文件不是 UTF-8 文本，已跳过：{names}{more}"


def toc_more(count: int) -> str:
    """The end of a table of contents cut short to fit one message."""
    return f"……还有 {count} 个章节"

# --- daily pushes, scores ---------------------------------------------------------------------

# Commands this part adds to the menu (setMyCommands), beside the ones above.
GROUP_STUDY_COMMAND_DESCRIPTIONS: dict[str, str] = {
    "quiz": "一次一题的测验：/quiz [题数]（1–10）",
    "me": "我的成绩：答题数、正确率、连续天数",
    "top": "群排行榜：本周和总榜",
    "daily": "每日推送：/daily 08:00 3 [题目|卡片|都要]，/daily off",
    "timezone": "设置时区：/timezone 北京 或 Asia/Shanghai 或 UTC+8",
}

QUIZ_USAGE = "用法：/quiz [题数]，题数 1 到 10，不写就是 1 道。"
QUIZ_PASSAGE_BUTTON = "📝 就这段出题"
QUIZ_PASSAGE_NO_ITEMS = "这一段没有能出的题，试试 /quiz。"
QUIZ_PASSAGE_SENT = "题目来了！"
QUIZ_PASSAGE_SECTION = "这一段没有自己的题，出了一道同一节的题。"
QUIZ_SEND_FAILED = "题目没能发出去，请稍后再试。"

ME_NO_ANSWERS = "你还没有答过题。发 /quiz 试试吧！"
TERMINAL_LEARNER = "终端学员"  # the person at `notesbot chat`, in /me and the store


def me_summary(name: str, answered: int, correct: int, accuracy: float, streak: int, due: int) -> str:
    """/me: a learner's figures, one per line."""
    return (
        f"{name} 的成绩\n"
        f"答题：{answered} 道，答对 {correct} 道（正确率 {accuracy:.0%}）\n"
        f"连续答题：{streak} 天\n"
        f"待复习：{due} 道"
    )


TOP_GROUP_ONLY = "排行榜只在群里有：把我拉进学习群，大家一起答题吧。"
TOP_THIS_WEEK = "🏆 本周排行"
TOP_ALL_TIME = "📚 总排行"
TOP_SAME = "🏆 排行榜（本周与总排行相同）"
TOP_EMPTY = "还没有人答题。"


def top_row(rank: int, name: str, correct: int, answered: int) -> str:
    """One line of a leaderboard."""
    return f"{rank}. {name} — 答对 {correct} / {answered}"


UNKNOWN_MEMBER = "某位成员"

DAILY_NONE = "这里还没有订阅每日推送。用 /daily 08:00 3 订阅：每天 8 点推送 3 道题。"
DAILY_OFF = "每日推送已取消。"
DAILY_OFF_NONE = "这里本来就没有订阅每日推送。"
DAILY_ADMIN_ONLY = "在群里，只有管理员可以更改每日推送和时区。"
DAILY_BAD_TIME = "时间要写成 24 小时制的 时:分，例如 /daily 08:00 或 /daily 21:30 5。"
DAILY_BAD_COUNT = "每次推送的题数要在 1 到 10 之间，例如 /daily 08:00 3。"
DAILY_USAGE = "用法：/daily 时:分 [题数] 订阅；/daily 查看；/daily off 取消。"
DAILY_PUSH_HEADER = "📅 今天的练习：{count} 道题"


def daily_offer(count: int, offer: str = "polls") -> str:
    """What a daily push brings: n polls, the due flashcards, or both."""
    return {"polls": f"{count} 道题", "cards": "到期的卡片", "both": f"{count} 道题和到期的卡片"}.get(offer, f"{count} 道题")


def daily_status(
    hh_mm: str, count: int, timezone: str, next_push: str, offer: str = "polls", *, new: bool = False
) -> str:
    """/daily: the subscription as it stands (``new``: just made by /daily HH:MM [n] [offer])."""
    lead = "已订阅" if new else "每日推送"
    return (
        f"{lead}：每天 {hh_mm}（{timezone}）推送 {daily_offer(count, offer)}。\n下一次推送：{next_push}\n"
        "取消请发 /daily off；只要卡片或两样都要：/daily 08:00 3 卡片、/daily 08:00 3 都要。"
    )


DAILY_CARDS_HEADER = "📅 今天的复习"
DAILY_CARDS_DUE = "🃏 今天有 {count} 张卡片到期，点下面的按钮开始复习。"
DAILY_CARDS_NONE_DUE = "🃏 今天没有到期的卡片。"
DAILY_CARDS_GROUP = "🃏 复习卡片：每个人的进度不同，点下面的按钮私聊我复习。"
REVIEW_START_BUTTON = "🃏 开始复习"


TIMEZONE_BAD = (
    "不认识这个时区：{value}。可以写 地区/城市（/timezone Asia/Shanghai）、中文城市名（/timezone 北京）"
    "或 UTC 偏移（/timezone UTC+8）。"
)


def timezone_status(timezone: str) -> str:
    """/timezone without an argument."""
    return f"这里的时区是 {timezone}。更改请发 /timezone 地区/城市，例如 /timezone Asia/Tokyo。"


def timezone_set(timezone: str, offset: str = "") -> str:
    """/timezone done: the zone chosen, and its UTC offset now."""
    now = f"（现在是 {offset}）" if offset else ""
    return f"时区已设为 {timezone}{now}。"


# --- the report for the notes' author (`notesbot report`, /report) ------------------------------

REPORT_TITLE = "笔记报告：最近 {days} 天，{asked} 个问题，{refused} 个没有答案。"
REPORT_NOT_KEPT = "（问题没有保存：KEEP_QUESTIONS 已关闭，下面只有反馈和测验。）"
REPORT_REFUSED = "最常没有答案的问题："
REPORT_UNWRITTEN = "有人问到、还没写的章节："
REPORT_UNHELPFUL = "被点了 👎 的回答："
REPORT_MISSED = "最常答错的测验题："
REPORT_NONE = "  （没有）"
REPORT_GONE = "（这段已不在现在的笔记里）"
REPORT_FORBIDDEN = "只有管理员可以查看报告。"
REPORT_PRIVATE_ONLY = "报告里有大家问过的问题，只在私聊里发送：请私聊我发 /report。"
REPORT_USAGE = "用法：/report [天数]（1–365，默认 {days}），例如 /report 7"
REPORT_CLI_STORE_ERROR = "无法读取数据库：{error}"


def report_refused(count: int, wording: str, variants: tuple[str, ...] | list[str]) -> str:
    """One group of near-duplicate refused questions."""
    also = f"（也问成：{'；'.join(variants)}）" if variants else ""
    return f"  {count}× {wording}{also}"


def report_counted(count: int, title: str) -> str:
    """One unwritten chapter asked about."""
    return f"  {count}× {title}"


def report_unhelpful(count: int, source: str, passage: str, questions: tuple[str, ...] | list[str]) -> str:
    """One passage marked 👎: where it is, its text, the questions it was shown for."""
    asked = f"\n     问题：{'；'.join(questions)}" if questions else ""
    return f"  {count}× {source}\n     {passage}{asked}"


def report_missed(wrong: int, answered: int, question: str) -> str:
    """One quiz item often answered wrong."""
    return f"  {wrong}/{answered} 答错 · {question}"


# --- quiz sessions: one question at a time (/quiz [n], /stop) -----------------------------------

SESSION_BUSY = "这里已经有一轮测验在进行：答完它，或发 /stop 结束。"
SESSION_NONE = "现在没有进行中的测验。发 /quiz 5 开始一轮。"
SESSION_STOP_FORBIDDEN = "只有发起这一轮的人或群管理员可以结束测验。"
SESSION_AGAIN_BUTTON = "🔁 再来一轮"
SESSION_AGAIN_STARTED = "新一轮开始！"
SESSION_TOPICS = "需要复习："
SESSION_ALL_RIGHT = "全部答对，太棒了！"
SESSION_QUESTION_NUMBER = "[{number}/{total}] {question}"  # a poll's question within a session
ROUND_RANKING = "🏅 本轮排名"
ROUND_NOBODY = "这一轮没有人作答。"
ROUND_NOBODY_RIGHT = "这题没有人答对。"


def session_started(total: int, seconds: int, group: bool) -> str:
    """The first line of a session."""
    pace = "时间到就出下一题，大家抢答！" if group else "答完一题就出下一题。"
    return f"🎯 测验开始：共 {total} 题，每题 {seconds} 秒。{pace}发 /stop 随时结束。"


def duration(seconds: int) -> str:
    """A time taken: "45 秒", "2 分 5 秒", "1 小时 3 分"."""
    hours, rest = divmod(max(0, seconds), 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours} 小时 {minutes} 分"
    if minutes:
        return f"{minutes} 分 {secs} 秒"
    return f"{secs} 秒"


def session_summary(right: int, asked: int, total: int, seconds: int, stopped: bool) -> str:
    """The summary's first line: right / asked, the time taken, and whether it was stopped early."""
    early = f"（提前结束，共 {total} 题）" if stopped and asked < total else ""
    return f"🏁 测验结束{early}：答对 {right}/{asked} 题，用时 {duration(seconds)}。"


def round_answer(number: int, total: int, answer: str, first: str | None) -> str:
    """A group round's word after each question: the right answer and who got it first."""
    who = f"最先答对：{first}" if first else ROUND_NOBODY_RIGHT
    return f"第 {number}/{total} 题答案：{answer}\n{who}"


def ranking_row(rank: int, name: str, right: int, answered: int) -> str:
    """One line of a round's ranking."""
    medal = {1: "🥇", 2: "🥈", 3: "🥉"}.get(rank, f"{rank}.")
    return f"{medal} {name} — 答对 {right}/{answered}"


# --- flashcards in Telegram (/review) ---------------------------------------------------------

REVIEW_SHOW_BUTTON = "显示答案"
REVIEW_USAGE = "用法：/review [张数]，张数 1 到 10，不写就是 10 张。"
REVIEW_PRIVATE_ONLY = "卡片复习是每个人自己的进度：请私聊我发 /review。"
REVIEW_NO_CARDS = "笔记里还没有卡片。在笔记里写「问题::答案」就是一张，详见 README。"
REVIEW_BACK = "答案："
REVIEW_RATED = "你的评价：{rating}"
REVIEW_LEFT = "（本轮还剩 {left} 张）"


def review_header(context: str) -> str:
    """A flashcard's first line: where it is in the notes."""
    return f"🃏 {context}"


# --- help: every command that works where it is asked, with an example each --------------------

HELP_TITLE = "怎么用："
HELP_PRIVATE_ASK = "• 直接发问题，例如「{example}」"
HELP_GROUP_ASK = "• 在群里 @{username} 或回复我的消息提问，例如「@{username} {example}」"
HELP_INLINE = "• 在任何聊天里输入 @{username} 问题 —— 内联搜索，例如「@{username} {example}」"
HELP_TERMINAL_ASK = "• 直接输入问题，例如「{example}」；回答下面的编号可以查看相关段落"
HELP_QUIT = "• /quit —— 退出（或按 Ctrl-D）"
HELP_EXAMPLE_QUESTION = "什么是容器"  # when the notes give no example of their own
HELP_LINE = "• {usage} —— {what}，例如 {example}"
# name → (usage, what it does, an example)
COMMAND_HELP: dict[str, tuple[str, str, str]] = {
    "start": ("/start", "这是什么、怎么用", "/start"),
    "help": ("/help", "显示这段说明", "/help"),
    "ask": ("/ask 问题", "提问", "/ask 什么是镜像"),
    "toc": ("/toc", "笔记目录（标出还没写的章节）", "/toc"),
    "quiz": ("/quiz [题数]", "一次一题的测验（1–10 题），最后有总结", "/quiz 5"),
    "stop": ("/stop", "提前结束正在进行的测验", "/stop"),
    "review": ("/review [张数]", "复习卡片：笔记里写的和由笔记生成的（显示答案后自评）", "/review 5"),
    "me": ("/me", "我的成绩：答题数、正确率、连续天数、待复习", "/me"),
    "top": ("/top", "群排行榜：本周和总榜", "/top"),
    "daily": ("/daily 时:分 [题数] [题目|卡片|都要]", "每日推送（/daily off 取消）", "/daily 08:00 3"),
    "timezone": ("/timezone 时区", "设置时区（地区/城市、中文城市名或 UTC+8）", "/timezone 北京"),
    "reload": ("/reload", "重新读取笔记（仅管理员）", "/reload"),
    "report": ("/report [天数]", "给笔记作者的报告：没答上的问题、被点 👎 的回答、常错的题（仅管理员，私聊）", "/report 7"),
}
TELEGRAM_ONLY = "{command} 是 Telegram 里的功能，终端里用不了。在 Telegram 里和机器人聊天时再试吧。"
CHAT_GOODBYE = "再见！"

# A first greeting: a short introduction instead of a search.
GREETING_INTRO = "你好！我是笔记问答机器人：问我笔记里的内容，我会找出最相关的一段并注明出处。"
GREETING_EXAMPLES = "可以这样问："
GREETING_QUIZ = "想做题就发 /quiz 5，一次一题；/help 查看全部命令。"
GREETING_THANKS = "不客气！还有问题随时问我。"
GREETING_WHAT = "什么是{term}"
