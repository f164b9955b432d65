"""Which name of a kind: a sentence naming inline code with its kind, the name left out, the other
names of that kind in the notes as the wrong answers (small hand-written notes, made up for the
tests)."""

from __future__ import annotations

from bot.notes.corpus import parse_notes
from bot.quiz import build_quiz_items
from bot.quiz.codes import code_names
from tests.quiz.fixtures import answer_of

CACHE = """# 缓存服务

## 运行

使用 `-d` 参数启动服务后，它会在后台运行，终端可以关闭。

加上 `--rm` 参数，服务退出后会自动删除它的数据目录。

通过 `-p` 参数把服务端口映射到宿主机，外部客户端才能访问。

`--name` 参数给服务实例起一个名字，之后用这个名字管理它。

## 命令

客户端发送 `FLUSH` 命令会把内存里的数据立即写到磁盘上。

发送 `PURGE` 命令会清空所有的键，操作无法撤销，要谨慎使用。

`STATS` 命令会返回命中率和内存占用等统计数据。

服务在收到 `HALT` 命令（需要管理员权限）后停止接受新的连接。

刚才写的配置里，`--port` 参数就是这种格式。
"""


def _items(files: dict[str, str]):
    return [i for i in build_quiz_items(parse_notes(files), files=files) if i.kind == "code_name"]


def test_a_name_the_sentence_says_the_kind_of_is_asked_among_names_of_that_kind() -> None:
    items = _items({"cache.md": CACHE})
    detached = next(i for i in items if "后台运行" in i.question)
    assert answer_of(detached) == "-d"
    assert "____ 参数启动服务后" in detached.question
    assert set(detached.options) <= {"-d", "--rm", "-p", "--name", "--port"}  # flags only, never a command
    flushed = next(i for i in items if "写到磁盘" in i.question)
    assert answer_of(flushed) == "FLUSH" and set(flushed.options) <= {"FLUSH", "PURGE", "STATS", "HALT"}


def test_no_item_asks_a_name_in_an_aside_nor_in_a_sentence_that_leans_on_what_came_before() -> None:
    notes = CACHE + "\n## 管理\n\n管理员可以停止服务（发送 `HALT` 命令），也可以只拒绝新连接。\n"
    items = _items({"cache.md": notes})
    assert not any("刚才" in i.question for i in items)  # "刚才写的配置": what the poll does not show
    assert not any("管理员可以停止服务" in i.question for i in items)  # "（发送 `HALT` 命令）": an aside
    assert not any(answer_of(i) == "--name" for i in items)  # a sentence opening with the name: its subject


def test_a_name_that_stands_inside_a_longer_name_is_not_taken_for_it() -> None:
    raw = "执行 `SAVE` 命令时主进程会阻塞；而 `BGSAVE` 命令会在后台写快照。"
    assert list(code_names(raw, "而 BGSAVE 命令会在后台写快照。")) == [("BGSAVE", "命令")]
    assert list(code_names(raw, "执行 SAVE 命令时主进程会阻塞；")) == [("SAVE", "命令")]


def test_a_kind_word_that_begins_a_longer_noun_says_no_kind() -> None:
    raw = "镜像本质上是一个 `root` 文件系统，`nginx` 配置文件里写着端口，`-v` 参数挂载数据卷。"
    assert list(code_names(raw, raw.replace("`", ""))) == [("-v", "参数")]


CERTIFICATES = CACHE + """
## 证书

生成证书时，`-subj` 参数把证书的主题直接写在命令行上，不再交互询问。

```bash
$ cache-server serve -d --rm -p 6380:6380 --name main
$ openssl req -new -subj "/CN=cache" \\
    -key cache.key -out cache.csr
```
"""


def test_a_flag_is_offered_only_beside_flags_the_notes_give_the_same_command() -> None:
    # -subj goes to openssl in the notes' code, -d, --rm, -p and --name to the server
    items = _items({"cache.md": CERTIFICATES})
    detached = next(i for i in items if "后台运行" in i.question)
    assert "-subj" not in detached.options and "-key" not in detached.options
    assert set(detached.options) <= {"-d", "--rm", "-p", "--name"}


def test_a_program_run_on_the_command_line_is_asked_only_among_its_own_pages_programs() -> None:
    # apt-get beside grep, kill and sleep named on other pages: programs of no one kind
    files = {
        "os/ubuntu.md": "# Ubuntu\n\n更新软件源信息后即可通过 `apt-get` 命令来安装需要的软件包。\n",
        "os/busybox.md": "# Busybox\n\n启动一个容器，并在容器里执行 `grep` 命令来过滤日志中的错误行。\n",
        "ops/signals.md": "# 信号\n\n在宿主机上可以通过 `kill` 命令给容器的主进程发送终止信号。\n\n"
        "用 `sleep` 命令让脚本等待几秒，再检查服务是否已经退出。\n\n"
        "最后用 `ps` 命令查看进程列表，确认主进程已经不在其中。\n",
    }
    items = _items(files)
    assert not [i for i in items if answer_of(i) in ("apt-get", "grep")]  # alone on their pages
    assert all(i.source.file == "ops/signals.md" and set(i.options) <= {"kill", "sleep", "ps"} for i in items)
