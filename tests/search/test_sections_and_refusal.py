"""Sections are evidence (a word only in a heading still finds its section), and "not in the notes"
is said when the question's specific terms occur nowhere in them, however many generic words match;
on hand-written notes of another subject (operating systems)."""

from __future__ import annotations

import pytest

from bot.notes.corpus import parse_notes
from bot.search.answer import Answer, NotFound, answer_question
from bot.search.index import Index, build_index

OS = """# 操作系统复习

## 第二章 进程与线程

### 2.1 进程

进程是程序的一次执行过程，是系统进行资源分配和调度的独立单位。

程序是静态的指令集合，进程是动态的，有创建、运行和消亡。

### 2.2 线程

线程是 CPU 调度的基本单位，同一进程的线程共享地址空间和打开的文件。

线程切换不用切换页表，所以比进程切换开销小。

### 2.3 僵尸进程

子进程退出后父进程没有调用 wait 回收，它的 PCB 还留在系统里，ps 看到状态是 Z。

直接 kill 僵尸进程没用，要让父进程调用 wait，或者杀掉父进程让 init 接管回收。

## 第三章 调度

### 3.1 调度算法

先来先服务（FCFS）按到达顺序调度，短作业可能等很久。

时间片轮转（RR）给每个进程一个时间片，用完就排到队尾。

### 3.2 实时调度

## 第四章 死锁

### 4.1 四个必要条件

死锁产生必须同时满足互斥、占有并等待、不可抢占和循环等待四个条件。

### 4.2 银行家算法

银行家算法在分配资源前先检查分配后系统是否处于安全状态，不安全就不分配。

## 第五章 内存管理

页面置换算法有 FIFO、LRU 和 OPT，OPT 只是理论上的最优，实际无法实现。

## 第六章 文件系统
"""


@pytest.fixture(scope="module")
def notes() -> Index:
    return build_index(parse_notes({"os/复习.md": OS}))


def best(index: Index, question: str) -> Answer:
    result = answer_question(index, question)
    assert isinstance(result, Answer), (question, result)
    return result


def test_a_word_only_in_a_heading_finds_the_passages_under_it(notes: Index) -> None:
    # "僵尸进程" stands in the heading only; the passages say "子进程退出后…"
    answer = best(notes, "僵尸进程怎么处理")
    assert answer.best.passage.section[-1] == "2.3 僵尸进程"
    assert "wait" in answer.best.passage.text


def test_what_is_x_lands_in_xs_section_and_shows_its_opening_explanation(notes: Index) -> None:
    answer = best(notes, "什么是线程")
    assert answer.best.passage.section[-1] == "2.2 线程"
    assert answer.best.passage.text.startswith("线程是 CPU 调度的基本单位")


def test_a_difference_question_finds_where_both_are_compared(notes: Index) -> None:
    answer = best(notes, "进程和程序有啥不一样")
    assert "程序是静态的" in answer.best.passage.text


def test_an_unknown_product_or_option_is_not_in_the_notes_however_many_words_match(notes: Index) -> None:
    for question in ("Kubernetes 的进程调度怎么配", "epoll 和线程有什么关系", "CFS 调度器的 vruntime 是什么"):
        assert isinstance(answer_question(notes, question), NotFound), question


def test_greetings_chatter_and_other_subjects_are_refused(notes: Index) -> None:
    for question in ("你好", "谢谢，讲得很清楚", "在吗", "good morning", "红烧肉怎么做", "明天会下雨吗", "🙂"):
        assert isinstance(answer_question(notes, question), NotFound), question


def test_a_chapter_that_is_only_a_heading_is_named_as_not_written(notes: Index) -> None:
    result = answer_question(notes, "文件系统")
    assert isinstance(result, NotFound)
    assert [s.path[-1] for s in result.unwritten] == ["第六章 文件系统"]
    result = answer_question(notes, "实时调度怎么做")
    assert isinstance(result, NotFound) and result.unwritten[0].path[-1] == "3.2 实时调度"


def test_refusals_suggest_sections_that_have_content(notes: Index) -> None:
    result = answer_question(notes, "死锁和 Kafka 的关系")
    assert isinstance(result, NotFound)
    assert result.suggestions and all(s.has_content for s in result.suggestions)
