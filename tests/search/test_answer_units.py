"""What can be an answer, and the answer unit that fits the question, on hand-written notes of
another subject (Git and Nginx), written the way note takers write."""

from __future__ import annotations

import pytest

from bot.notes.composites import asks
from bot.notes.corpus import parse_notes
from bot.search.answer import Answer, answer_question, search
from bot.search.index import FIELD_BIT, Index, answerable, build_index

GIT = """# Git 笔记

* [基本概念](#基本概念)
* [撤销修改](#撤销修改)
* [常见问题](#常见问题)

## 基本概念

Git 是一个分布式版本控制系统，每个克隆都保存了完整的提交历史。

工作区、暂存区和版本库是 Git 的三个区域：

- 工作区：平时编辑文件的目录。
- 暂存区：git add 之后文件所在的地方，也叫 index。
- 版本库：git commit 之后提交保存的地方。

**分支**

分支只是指向某个提交的可移动指针，所以新建分支几乎不花时间。

## 撤销修改

git reset 有三种模式，区别在于是否改动暂存区和工作区：

| 模式 | 暂存区 | 工作区 |
| --- | --- | --- |
| --soft | 不变 | 不变 |
| --mixed | 重置 | 不变 |
| --hard | 重置 | 重置 |

撤销一个已经推送的提交，应该用 git revert 新建一个反向提交，而不是改写公共历史。

## 常见问题

### 中文文件名显示成数字

现象：git status 里中文文件名显示成一串八进制转义的数字。

原因：Git 默认把路径里大于 0x80 的字节当作不安全字符转义。

解决：执行 git config --global core.quotepath false 即可。

### 推送被拒绝

问题：git push 报 rejected，提示远程有本地没有的提交。

解决：先 git pull --rebase 把远程的提交拉下来，再推送。不要直接 git push --force。

参考：[Pro Git](https://git-scm.com/book)

![分支示意图](img/branch.png)
"""

NGINX = """# Nginx 笔记

## 反向代理

反向代理用 proxy_pass 指令把请求转给后端服务，客户端并不知道后端的存在。

修改配置后用下面的命令检查语法并重新加载：

```sh
nginx -t && nginx -s reload
```

## 负载均衡

upstream 块里列出后端服务器，默认按轮询（round robin）分配请求。

## 超时

proxy_read_timeout 默认是 60 秒，后端处理太慢时 Nginx 返回 504。

## 启动失败

启动时日志里看到

```
bind() to 0.0.0.0:80 failed (98: Address already in use)
```

这说明端口已被别的进程占用，先用 ss -lntp 找到它。

其他排查要点：

- 配置写错时 nginx -t 会指出出错的文件和行号。
- worker 进程数一般设为 CPU 核数。
- 日志默认写在 /var/log/nginx 下。
- 排查时先看 error.log 里最近的几行。
- 监听地址、server_name 和 root 目录的权限都要检查。
"""


@pytest.fixture(scope="module")
def notes() -> Index:
    return build_index(parse_notes({"git.md": GIT, "nginx.md": NGINX}))


def best(index: Index, question: str) -> str:
    result = answer_question(index, question)
    assert isinstance(result, Answer), (question, result)
    return result.best.passage.text


def test_table_of_contents_reference_and_picture_lines_are_never_answers(notes: Index) -> None:
    texts = [notes.passage(row).text for row in range(notes.size)]
    assert not any(text in ("基本概念", "撤销修改", "常见问题") for text in texts)
    assert not any("Pro Git" in text or "分支示意图" in text for text in texts)
    for hit in search(notes, "常见问题 撤销修改 基本概念", limit=10):
        assert hit.passage.text not in ("基本概念", "撤销修改", "常见问题")


def test_a_bold_label_is_a_heading_and_its_words_find_what_stands_under_it(notes: Index) -> None:
    assert "可移动指针" in best(notes, "Git 的分支到底是什么")


def test_a_lead_in_never_answers_alone_its_list_does(notes: Index) -> None:
    rows = {notes.passage(row).text for row in range(notes.size)}
    assert "工作区、暂存区和版本库是 Git 的三个区域：" not in rows
    text = best(notes, "Git 有哪几个区域")
    assert text.startswith("工作区、暂存区和版本库是 Git 的三个区域：") and "版本库：" in text


def test_a_comparison_is_answered_by_the_whole_table(notes: Index) -> None:
    text = best(notes, "reset 的 --soft 和 --hard 有什么区别")
    assert "--soft" in text and "--hard" in text


def test_a_symptom_brings_its_cause_and_fix(notes: Index) -> None:
    text = best(notes, "git status 里中文名变成一串数字怎么办")
    assert "core.quotepath false" in text
    text = best(notes, "push 被 rejected 了咋整")
    assert "git pull --rebase" in text
    # the problem alone restates the question: only with what solves it is it an answer
    alone = [notes.passage(row) for row in range(notes.size) if notes.passage(row).text.startswith("问题：")]
    assert alone and all(p.kind == "pair" for p in alone)


def test_an_error_quoted_from_the_notes_output_brings_what_they_say_of_it(notes: Index) -> None:
    assert "ss -lntp" in best(notes, "nginx 报 bind() failed (98) 是怎么回事")


def test_a_code_block_answers_only_with_the_sentence_that_introduces_it(notes: Index) -> None:
    assert not any(notes.passage(row).kind == "code" for row in range(notes.size))
    text = best(notes, "改了 nginx 配置怎么重新加载")
    assert "nginx -s reload" in text and text.startswith("修改配置后")


def test_a_large_table_answers_through_its_rows() -> None:
    rows = "".join(f"| 参数{i} | 含义{i} |\n" for i in range(30))
    corpus = parse_notes({"n.md": "# 参数\n\n| 参数 | 含义 |\n| --- | --- |\n" + rows + "| timeout | 超时时间，单位秒 |\n"})
    index = build_index(corpus)
    assert "table" not in {p.kind for p in corpus.passages}
    assert best(index, "timeout 参数是什么意思").startswith("timeout")


def test_answerable_leaves_out_code_lead_ins_and_bare_problems_only(notes: Index) -> None:
    passages = notes.corpus.passages
    left_out = [p for p in passages if p.id not in set(answerable(passages))]
    assert {p.kind for p in left_out} <= {"code", "paragraph", "list_item", "quote"}
    def fixed_next(p):  # a symptom whose fix follows: the fix answers
        return p.id + 1 < len(passages) and passages[p.id + 1].text.startswith(("解决", "正确的"))
    assert all(p.kind == "code" or p.text.endswith(("：", ":")) or len(p.text) < 8 or asks(p) or fixed_next(p) for p in left_out)


def test_a_heading_that_asks_is_the_question_its_opening_answers() -> None:
    notes = ("# Redis\n\n## RDB\n\nRDB 把内存数据写成快照文件。生成快照有 SAVE 和 BGSAVE 两个命令，"
             "后者会 fork 出子进程在后台写快照。\n\n### BGSAVE 的时候还能写数据吗？\n\n可以，靠的是操作系统的写时复制。\n\n"
             "### 快照多久做一次\n\n由 save 配置决定，例如 save 900 1。\n")
    index = build_index(parse_notes({"redis.md": notes}))
    assert "写时复制" in best(index, "bgsave 的时候客户端还能写数据吗")
    # the question heading's words stand in the body of its opening, not only in its heading field
    row = next(r for r in range(index.size) if index.passage(r).text.startswith("可以，靠的是"))
    term = index.vocabulary["bgsave"]
    span = slice(int(index.starts[term]), int(index.starts[term + 1]))
    fields = dict(zip(index.posting_rows[span].tolist(), index.posting_fields[span].tolist()))
    assert fields[row] & FIELD_BIT["body"]
    later = next(r for r in range(index.size) if index.passage(r).text.startswith("由 save"))
    assert not fields.get(later, 0) & FIELD_BIT["body"]  # a heading that does not ask stays a heading


def test_a_symptom_whose_fix_follows_is_answered_by_the_fix() -> None:
    notes = ("# 构建\n\n## 生成 SBOM\n\n用 docker buildx build --sbom=true 构建镜像即可生成 SBOM。\n\n"
             "如果只在本地构建，你可能会发现命令成功执行，但本地镜像中看不到 SBOM。\n\n"
             "正确的解决路径有两条：\n\n- 推送到远端仓库：加上 --push，SBOM 随镜像一起上传\n- 开启 containerd 镜像存储后再在本地查看\n")
    index = build_index(parse_notes({"build.md": notes}))
    text = best(index, "buildx 加了 --sbom=true，构建成功了但本地镜像里看不到 SBOM")
    assert "--push" in text
    # the symptom alone restates the question: it is no answer of its own
    assert not [r for r in range(index.size) if index.passage(r).text.startswith("如果只在本地构建")]
