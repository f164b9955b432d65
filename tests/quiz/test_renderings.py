"""How an English word may be written in Chinese: the glossary's renderings, then the dictionary's,
kept between runs in the temporary folder."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from bot.notes.corpus import Passage
from bot.quiz import renderings as module
from bot.quiz.item import Draft, finish


@pytest.fixture
def fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(tempfile, "gettempdir", lambda: str(tmp_path))
    module._dictionary.cache_clear()
    module.renderings.cache_clear()
    yield tmp_path
    module._dictionary.cache_clear()
    module.renderings.cache_clear()


def test_a_word_is_rendered_by_the_glossary_first_then_the_dictionary(fresh: Path) -> None:
    assert module.renderings("Volume")[:2] == ("数据卷", "卷")  # the computing glossary's, first
    assert "测试" in module.renderings("test")  # beyond the glossary: CC-CEDICT's "测试: test"
    assert all(len(word) >= 2 for word in module._dictionary()["test"])  # no single characters


def test_the_table_is_kept_and_a_corrupt_one_is_read_again(fresh: Path) -> None:
    module.renderings("test")
    [kept] = fresh.glob("notesbot-renderings-*.marshal")
    kept.write_bytes(b"not a table")
    module._dictionary.cache_clear()
    module.renderings.cache_clear()
    assert "测试" in module.renderings("test")
    assert kept.read_bytes() != b"not a table"  # written anew


def test_an_inflected_word_none_renders_is_rendered_as_its_base(fresh: Path) -> None:
    assert "退出" in module.renderings("exited")  # exit (the glossary) for "Exited" of docker ps
    assert module.renderings("created")[0] == "创建"  # a word rendered itself keeps its own


def test_a_shortened_command_word_is_rendered_as_the_whole_word() -> None:
    assert "执行" in module.renderings("exec") and "删除" in module.renderings("rm")
    assert "服务" in module.renderings("svc")  # beside what the glossary says of "svc" itself
    assert "临时" in module.renderings("tmpfs")  # a shortened word with a short ending: tmp + fs
    assert module.renderings("tmpdirectory") == ()  # a longer ending is another word
    # so a blank whose sentence says what exec does in Chinese is no item: 执行 reads it off
    passage = Passage(0, "kubectl.md", 3, ("kubectl", "常用命令"), "某段笔记", "paragraph")
    draft = Draft("subject", "“____用于在一个正在运行的容器中执行命令”——空白处是哪一项？", "kubectl exec",
                  (("kubectl logs", "kubectl describe", "kubectl get"),), "为什么", passage)
    assert finish(draft, 0) is None
