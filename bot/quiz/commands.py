"""Which command does it: a section named by a task ("删除已停止的容器") whose code is one command
line; the commands of the sibling tasks as wrong answers."""

from __future__ import annotations

import re
from collections.abc import Iterator

from bot import texts
from bot.notes.corpus import Passage
from bot.quiz.item import Draft
from bot.quiz.outline import Node, clean_title, topic_of
from bot.quiz.text import CJK, fill, normalize
from bot.quiz.view import NotesView

__all__ = ["command_drafts"]

# A heading naming a task: it opens with a verb of doing.
_TASK = re.compile(
    r"^(?:查看|列出|删除|移除|清理|创建|新建|启动|停止|终止|重启|运行|进入|退出|导出|导入|安装|卸载|构建|编译|推送|拉取|上传|"
    r"下载|复制|拷贝|挂载|卸载|连接|断开|检查|测试|部署|备份|还原|恢复|更新|升级|回滚|扩容|缩容|暂停|登录|登出|获取|设置|"
    r"配置|修改|重命名|标记|打标签|保存|加载|查询|搜索|过滤|格式化|监控|追踪|调试|生成|初始化|加入|授权|映射|转发|暴露|"
    r"list|show|get|delete|remove|create|start|stop|run|build|push|pull|install|inspect|view|check)",
    re.I,
)
_PROMPT = re.compile(r"^\s*(?:\$|#|>|PS>)\s+")
_COMMENT = re.compile(r"\s+#\s.*$")
# A command line: a program's name, then its words (not output, not a file's content).
_COMMAND = re.compile(r"^[a-z][a-z0-9_.\-]*(?:\s+\S+)+$")
_COMMAND_CHARS = 60
_LINES = 4  # a command and a few lines of its output


def _command(code: Passage) -> str:
    """The command a code block opens with: its first prompted line ("$ docker rm web" → "docker rm
    web"), or its only line; "" for a script, a file's content or output."""
    lines = [line for line in code.text.splitlines() if line.strip()]
    prompted = [line for line in lines if line.lstrip().startswith("$ ")]
    if len(prompted) == 1 and len(lines) <= _LINES:
        first = prompted[0]  # one command, perhaps with a few lines of its output
    elif len(lines) == 1:
        first = lines[0]
    else:
        return ""  # a script of several commands: its first is not necessarily the task's
    first = _COMMENT.sub("", _PROMPT.sub("", first)).strip()
    if not _COMMAND.match(first) or len(first) > _COMMAND_CHARS or CJK.search(first) or first.endswith("\\"):
        return ""  # not a command line, too long, or cut at a line continuation
    return first


def _task(node: Node) -> str:
    title = clean_title(node.title)
    return title if _TASK.match(title) and len(title) <= 24 and not re.search(r"[。；;？?]", title) else ""


def _under(view: NotesView, node: Node) -> list[Passage]:
    """The passages under the node's heading, its sub-headings' included, in reading order."""
    cache = view.__dict__.setdefault("_under_cache", {})
    if not cache:
        for passage in view.corpus.passages:
            for depth in range(1, len(passage.section) + 1):
                cache.setdefault((passage.file, passage.section[:depth]), []).append(passage)
    return cache.get(node.key, [])


def command_drafts(view: NotesView) -> Iterator[Draft]:
    outline = view.outline
    for children in outline.children.values():
        found: list[tuple[Node, str, str, Passage]] = []
        for child in children:
            task = _task(child)
            if not task:
                continue
            codes = [p for p in _under(view, child) if p.kind == "code"]
            command = _command(codes[0]) if codes else ""
            if command:
                found.append((child, task, command, codes[0]))
        programs = {command.split()[0] for _, _, command, _ in found}
        if len(found) < 3:
            continue
        for node, task, command, code in found:
            # Wrong answers: the sibling tasks' commands, of the same program when there are enough.
            same = tuple(c for n, _, c, _ in found if n is not node and c.split()[0] == command.split()[0])
            others = tuple(c for n, _, c, _ in found if n is not node and c not in same)
            if normalize(command) in {normalize(c) for c in same + others}:
                continue  # two tasks with one command: no single right answer
            yield Draft(
                kind="command",
                question=fill(texts.QUIZ_COMMAND, task=task),
                answer=command,
                tiers=(same, others) if len(programs) > 1 else (same + others,),
                why=fill(texts.QUIZ_COMMAND_WHY, task=task, command=command),
                passage=code,
                anchor=command,
                topic=topic_of(outline.parent_path(node), (task,)),
            )
