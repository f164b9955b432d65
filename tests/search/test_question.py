"""Reading a question: which words name its topic, and the forms they may take in any notes."""

from __future__ import annotations

import pytest

from bot.notes.corpus import parse_notes
from bot.search.index import Index, build_index
from bot.search.question import read_question
from bot.search.wording import Intent, question_intent

NOTES = {
    "redis/持久化.md": """# Redis 持久化

Redis 支持 RDB 快照和 AOF 日志两种持久化方式。

AOF 的写回策略由 appendfsync 配置，可选 always、everysec 和 no。

## 淘汰策略

内存满了以后，Redis 会按 maxmemory-policy 选择淘汰（eviction）的键。

## 水平自动伸缩

Kubernetes 的 Horizontal Pod Autoscaler 按 CPU 使用率调整副本数。

## 虚拟化

**应用虚拟化**把程序和它的运行环境一起打包。

**硬件辅助虚拟化**借助 CPU 的支持运行客户机。

docker-compose 用一个文件描述多个容器。

单个实例最大可用内存由 maxmemory 限制，默认不设上限。小对象从**内存池**里分配，由**内行会**负责审核。
""",
}


@pytest.fixture(scope="module")
def index() -> Index:
    return build_index(parse_notes(NOTES))


def terms(index: Index, question: str) -> dict[str, tuple[str, ...]]:
    return {t.text: t.forms for t in read_question(index, question).terms}


def test_question_words_greetings_and_particles_name_no_topic(index: Index) -> None:
    assert list(terms(index, "请问 Redis 的持久化到底是什么呢？")) == ["redis", "持久化"]
    assert terms(index, "你好，谢谢！") == {}
    # ordinary English verbs and question words are no topic either
    assert list(terms(index, "what is written in the appendfsync option")) == ["appendfsync", "option"]


def test_a_limit_asked_inside_a_guessed_word_is_read_as_the_limit(index: Index) -> None:
    # jieba guesses "最多能" as one word of function characters: read apart, "最多" asks for a
    # limit and reaches the notes' 最大 / 上限
    asked = terms(index, "一个实例最多能用多少内存")
    assert set(asked["最多"]) >= {"最大", "上限"}


def test_a_word_asked_twice_in_two_languages_is_one_term(index: Index) -> None:
    asked = terms(index, "docker-compose run 跑起来的是什么")
    assert "运行" in asked["run"] and "跑" not in asked  # 跑 is run again, not a second term


def test_a_mistyped_latin_word_becomes_the_notes_word(index: Index) -> None:
    assert terms(index, "apendfsync 有几种")["apendfsync"][0] == "appendfsync"
    assert terms(index, "reids 持久化")["reids"][0] == "redis"


def test_a_mistyped_chinese_character_is_mended_but_real_words_are_not(index: Index) -> None:
    assert "持久化" in terms(index, "持久话有几种")
    assert "持久化" not in terms(index, "北京话怎么说")
    assert "内行会" not in terms(index, "重启以后内存会清空吗")  # 内存 + 会: a word and a particle, no slip


def test_a_rare_word_of_the_language_is_no_typo() -> None:
    # 转到 and 切到 are in jieba's dictionary, rarely: not slips for the notes' 传到 and 起到
    index = build_index(parse_notes({"n.md": "# 网络\n\n数据包先传到网关，再由网关转发。\n\n缓存起到加速的作用。\n"}))
    forms = {t.text: t.forms for t in read_question(index, "请求会转到哪里，切到备用网关要多久").terms}
    assert "传到" not in forms.get("转到", ()) and "起到" not in forms.get("切到", ())
    assert "传到" in {f for t in read_question(index, "数据包先专到网关吗").terms for f in t.forms}  # a slip still is


def test_a_word_is_mended_only_into_one_that_sounds_alike(index: Index) -> None:
    # a pinyin keyboard's slip (日智 for 日志); a word one character away that sounds different is
    # another word, never read as the notes' one, however long ("持久性" is no slip of 持久化)
    assert terms(index, "AOF 日智怎么写回")["日智"] == ("日志",)
    assert "日志" not in terms(index, "AOF 日态怎么写回").get("日态", ())
    notes = build_index(parse_notes({"n.md": "# 停止\n\n接下来，容器收到 SIGTERM 信号，十秒后被强制终止。\n"}))
    assert "接下来" not in terms(notes, "容器要等好久才停下来")  # 停 and 接 sound nothing alike


def test_characters_sound_alike_by_any_of_their_readings() -> None:
    from bot.search.homophones import sound_alike

    assert sound_alike("群", "裙") and sound_alike("载", "栽") and sound_alike("行", "航")  # 行: xing, hang
    assert not sound_alike("群", "君") and not sound_alike("a", "群")


def test_the_table_of_sounds_is_what_pypinyin_reads() -> None:
    pytest.importorskip("pypinyin")  # a development dependency: the bot ships the table it made
    from bot.search.homophones import _TABLE, table_from_pypinyin

    assert _TABLE.read_text(encoding="utf-8") == table_from_pypinyin()


def test_traditional_characters_and_full_width_letters_are_read_as_the_notes_write(index: Index) -> None:
    assert list(terms(index, "Ｒｅｄｉｓ 持久化方式")) == ["redis", "持久化", "方式"]
    assert "持久化" in terms(index, "持久化的寫回策略")


def test_english_words_reach_chinese_notes_through_the_glossary_and_stems(index: Index) -> None:
    assert "淘汰" in terms(index, "which keys get evicted")["evicted"]  # glossary, inflected
    assert "eviction" in terms(index, "which keys get evicted")["evicted"]  # the notes' word of that stem
    assert terms(index, "what is application virtualization")["applicationvirtualization"] == ("应用虚拟化",)
    assert "硬件辅助虚拟化" in terms(index, "What is hardware-assisted virtualization?")["hardwareassistedvirtualization"]


def test_an_acronym_finds_the_name_it_stands_for(index: Index) -> None:
    assert "hpa" in terms(index, "HPA 怎么调整副本")


def test_a_compound_finds_its_shorter_name(index: Index) -> None:
    assert "docker-compose" in terms(index, "docker-compose.yml 怎么写")["docker-compose.yml"]


def test_names_the_notes_lack_are_evidence_against_answering(index: Index) -> None:
    asked = read_question(index, "Docker Machine 和 docker-slim 怎么用")
    ghosts = {t.text: t.ghost for t in asked.terms if t.ghost}
    assert "docker machine" in ghosts and "docker-slim" in ghosts
    assert {t.text for t in asked.terms if t.missing and t.latin} >= {"machine", "docker machine"}
    # a name the notes do write is no ghost
    assert not any(t.ghost for t in read_question(index, "Horizontal Pod Autoscaler 是什么").terms)


def test_a_rare_word_the_notes_lack_weighs_more_than_a_common_one(index: Index) -> None:
    rare = next(t for t in read_question(index, "区块链").terms if t.text == "区块链")
    common = next(t for t in read_question(index, "出现").terms if t.text == "出现")
    assert rare.missing and common.missing and rare.weight > common.weight


def test_a_word_jieba_only_guessed_is_as_rare_as_its_rarest_character(index: Index) -> None:
    # "Pod 里调接口" is cut into 里调, no word of the language: two common characters, no rare name
    guessed = next(t for t in read_question(index, "Pod 里调接口返回 403").terms if t.text == "里调")
    rare = next(t for t in read_question(index, "区块链").terms if t.text == "区块链")
    assert guessed.missing and guessed.rarity < 0.5 and guessed.weight < rare.weight / 2


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("什么是容器", Intent(definition=True)),
        ("容器是什么？", Intent(definition=True)),
        ("容器指的是什么", Intent(definition=True)),
        ("介绍一下对象存储", Intent(definition=True)),
        ("what is a container", Intent(definition=True)),
        ("存储有哪几类", Intent(classification=True)),
        ("存储分为哪些", Intent(classification=True)),
        ("容器和虚拟机的区别", Intent(comparison=True)),
        ("容器比虚拟机省内存吗", Intent(comparison=True)),
        ("比如容器", Intent()),
        ("容器 vs 虚拟机", Intent(comparison=True)),
        ("一台机器能跑多少个容器", Intent(quantity=True)),
        ("容器是哪一年出现的", Intent(time=True)),
        ("容器是用什么语言写的", Intent()),
        ("容器是什么的缩写", Intent()),
    ],
)
def test_question_intent_is_read_from_the_wording(question: str, intent: Intent) -> None:
    assert question_intent(question.lower()) == intent
