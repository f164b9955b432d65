"""Every piece of Chinese text a user sees, in one place, so it can be reviewed and changed together.

Plain strings and small functions that format them. HTML escaping is the renderer's job: these
strings hold no markup, except where a name ends in `_HTML` (then only fixed tags, no user data).
Each shell (Telegram, terminal) takes its wording from here.
"""

from __future__ import annotations

# --- answers (search) -------------------------------------------------------------------------

# --- quiz and review -------------------------------------------------------------------------

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
HELP_ADMIN = "• /reload —— 重新读取笔记（仅管理员）"
COMMAND_DESCRIPTIONS: dict[str, str] = {
    "start": "这是什么、怎么用",
    "help": "使用说明",
    "ask": "提问：/ask 问题",
    "toc": "笔记目录",
}
ASK_USAGE = "请在 /ask 后面写上问题，例如：/ask Docker 是用什么语言开发的"
NOT_FOUND = "笔记里没有找到这个问题的答案。"
NOT_FOUND_UNWRITTEN = "笔记里还没有这部分内容："
NOT_FOUND_SUGGESTIONS = "也许你想看这些章节："
NOT_FOUND_SUGGESTIONS_TAP = "点下面的按钮可以看看这些章节。"
SECTION_PATH_SEPARATOR = " › "
NOTES_BEGINNING = "笔记开头"
RELATED_HEADING = "相关段落："
RELATED_TAP = "点下面的按钮查看相关段落。"
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
RELOAD_FAILED = "重新读取笔记失败：{error}"
RELOAD_FORBIDDEN = "只有管理员可以重新读取笔记。"
NON_TEXT = "我只能看懂文字消息。请直接用文字提问吧。"
TOO_LONG = "问题太长了（最多 {limit} 个字），请简短一些再问。"
FLOOD = "你问得太快了，请稍等一分钟再问。"
INTERNAL_ERROR = "抱歉，出了点问题，请稍后再试。"
INLINE_NO_RESULTS = "笔记里没有找到"
INLINE_HELP = "输入问题，在笔记里搜索"
CHAT_INTRO = "终端聊天（与 Telegram 机器人相同的回答）。输入问题，/help 看帮助，/quit 退出。"
CHAT_PICK_HINT = "输入编号查看对应的段落。"
CHAT_NO_TOKEN = "没有配置 TELEGRAM_BOT_TOKEN，改为在终端里聊天。"
CHAT_QUIZ_MISSING = "终端测验还没有实现。"
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


def toc_more(count: int) -> str:
    """The end of a table of contents cut short to fit one message."""
    return f"……还有 {count} 个章节"

# --- daily pushes, scores ---------------------------------------------------------------------
