"""Small hand-written notes for the quiz tests (made up for the tests: not the project's notes)."""

from __future__ import annotations

from bot.notes.corpus import Corpus, parse_notes
from bot.quiz import QuizItem, build_quiz_items, valid
from bot.quiz.item import without_topic

TABLE = """# 存储

> 固态硬盘与机械硬盘的比较
>
> | 特性 | 固态硬盘 | 机械硬盘 |
> | ---- | -------- | -------- |
> | 随机读写 | 很快 | 较慢 |
> | 抗震性 | 较好 | 较差 |
> | 单位容量价格 | 较高 | 较低 |
> | 寿命限制 | 擦写次数 | 机械磨损 |
> | 噪音 | 几乎无声 | 有转动声 |
"""

RECORDS = """# 工具

常用的备份工具：

| 工具 | 用途 |
| ---- | ---- |
| rsync | 增量同步文件 |
| tar | 打包归档 |
| dd | 按块复制磁盘 |
"""

TERMS = """# 调度

进程调度算法可分为：

- **先来先服务调度**：按照作业到达的先后顺序分配处理器。调度程序无需预知运行时间，例如Batch Monitor、Spool Runner。
- **短作业优先调度**：优先选择估计运行时间最短的作业。调度程序需要预知运行时间，例如SJF Planner。
- **时间片轮转调度**：让每个进程轮流运行一个固定长度的时间片。调度程序无需预知运行时间，例如Round Robin Kernel。
- **优先级调度**：按照进程的重要程度分配处理器，例如Priority Keeper。

**时间片轮转调度最适合分时系统**，交互响应快。
"""

FACTS = """# 历史

数据库也经历了长期的演化：

- 关系模型最早由Codd在1970年提出；
- 早期的研究原型有IBM的System R（1974年启动）；
- 加州大学的Ingres（1973年启动）；
- 以及后来的PostgreSQL（1996年）和MySQL（1995年）。
- 后来3.0版本开始引入了新的存储引擎。
- 在2.1版本中加入了复制功能。
- 到1.2版本时已有事务日志。

> Codd这样定义：关系就是一张二维表，行是元组，列是属性。

Stonebraker认为，没有一种数据库能适合所有场景。

> ACM对关系模型的评价：它奠定了现代数据库的理论基础。
"""

GLOSSARY = """# 部署模式

拆分单体应用时常用的模式是边车（sidecar）、舱壁（bulkhead）和绞杀者（strangler），
对外的连接则交给大使（ambassador）容器代理。
"""

ALL = {
    "table.md": TABLE,
    "records.md": RECORDS,
    "terms.md": TERMS,
    "facts.md": FACTS,
    "glossary.md": GLOSSARY,
}


def corpus(*names: str) -> Corpus:
    return parse_notes({f"{name}.md": ALL[f"{name}.md"] for name in names} if names else ALL)


def items_of(notes: str, files: bool = False) -> tuple[QuizItem, ...]:
    """Every quiz item of one small notes file, each checked valid; ``files`` locates their lines."""
    text = {"n.md": notes}
    items = build_quiz_items(parse_notes(text), files=text if files else None)
    assert all(valid(i) == [] for i in items)
    return items


def answer_of(item: QuizItem) -> str:
    return item.options[item.correct]


def core(question: str) -> str:
    """A question without the topic it names first ("在「存储」中，")."""
    return without_topic(question)


COMPARISON = """# 并发

> 协程与线程的比较
>
> | 特性 | 协程 | 线程 |
> | --- | --- | --- |
> | 切换开销 | 很小 | 较大 |
> | 内存占用 | 几KB | 几MB |
> | 并发数量 | 单机可达上百万个协程 | 单机一般几千个 |
> | 调度方式 | 用户态调度 | 内核调度 |
> | 栈的位置 | 堆上分配 | 系统分配 |
"""

SYSTEMS = """# 系统

容器技术也经历了长期的演化：

- 最早可追溯到1979年Unix系列系统上的chroot工具；
- Sun Solaris系统上的Solaris Zones（2004年发布）；
- FreeBSD系统上的jail（2000年左右发布）；
- AIX系统上的WPAR（2007年发布）；
- 以及GNU/Linux上的Linux-VServer（2001年）和OpenVZ（2005年）。
"""


# A note of about forty lines on another subject, with a table, a numbered list and paragraphs:
# the "note of one's own" the quiz is reviewed on beside the default notes and the two books.
OWN_NOTE = """# 数据库索引

索引是帮助数据库高效获取数据的数据结构，它以额外的存储空间和写入开销换取更快的查询。

## B+ 树索引

B+ 树索引是关系数据库最常用的索引结构，所有数据都存放在叶子节点，叶子节点之间用指针串成有序链表。由于树的高度通常只有三到四层，一次查找只需要很少的磁盘读取。B+ 树既支持等值查询，也支持范围查询和排序。

## 哈希索引

哈希索引用哈希函数把键映射到桶中，等值查询的平均时间复杂度是 O(1)。哈希索引不保存键的顺序，因此无法用于范围查询，也无法帮助排序。

## 全文索引

全文索引先对文本分词，再为每个词建立倒排表，记录它出现在哪些文档中。搜索引擎和站内搜索依靠全文索引按关键词查找文档。

## 索引的比较

| 特性 | B+ 树索引 | 哈希索引 | 全文索引 |
| --- | --- | --- | --- |
| 等值查询 | 快 | 最快 | 不适用 |
| 范围查询 | 支持 | 不支持 | 不支持 |
| 排序 | 支持 | 不支持 | 不支持 |
| 典型用途 | 主键与普通列 | 内存表与缓存 | 文章与评论 |

## 一次索引查询的过程

使用二级索引查询一行数据的步骤如下：

1. 解析查询语句并选择索引
2. 在二级索引中找到主键值
3. 用主键值回表查找整行
4. 把结果返回给客户端

## 使用建议

**最左前缀原则**：联合索引只有从最左边的列开始匹配时才能生效。

**覆盖索引**：查询所需的列全部包含在索引中，不必回表读取整行。

**前缀索引**：只取字符串列开头的若干字符建立索引，节省空间，但无法用于排序。

区分度低的列（例如性别）不适合单独建索引，因为每次查询仍要扫描大量的行。
"""
