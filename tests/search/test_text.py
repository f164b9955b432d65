"""Normalisation and tokenising: what questions and notes are compared in."""

from __future__ import annotations

from bot.search.index import Index, parse_synonyms
from bot.search.text import normalize, normalize_question, normalize_with_offsets
from bot.search.tokenize import ascii_forms, cjk_bigrams, index_tokens, query_words


def test_traditional_characters_become_simplified() -> None:
    assert normalize("什麼是虛擬化") == "什么是虚拟化"
    assert normalize("容器的隔離性") == "容器的隔离性"


def test_full_width_forms_become_half_width_and_case_folds() -> None:
    assert normalize("ＤＯＣＫＥＲ　１２３") == "docker 123"
    assert normalize("Docker（LXC）：") == "docker(lxc):"


def test_simplified_text_and_ascii_are_unchanged_apart_from_case() -> None:
    assert normalize("容器技术 Linux Containers 2.0") == "容器技术 linux containers 2.0"


def test_control_and_zero_width_characters_are_dropped() -> None:
    assert normalize("dock\u200ber\x00") == "docker"


def test_offsets_point_back_at_the_original_characters() -> None:
    original = "ＤＯＣＫＥＲ的隔離性…"
    normalised, offsets = normalize_with_offsets(original)
    assert len(offsets) == len(normalised)
    start = normalised.find("隔离性")
    assert original[offsets[start] : offsets[start + 2] + 1] == "隔離性"
    assert original[offsets[0] : offsets[5] + 1] == "ＤＯＣＫＥＲ"


def test_ascii_forms_join_and_split_compounds() -> None:
    assert ascii_forms("sr-iov") == ("sr-iov", "sriov", "sr", "iov")
    assert ascii_forms("docker") == ("docker",)


def test_bigrams_stay_inside_chinese_runs() -> None:
    assert list(cjk_bigrams("容器ab技术")) == ["容器", "技术"]


def test_index_tokens_use_search_mode_and_the_notes_terms(index: Index) -> None:
    tokens = index_tokens(index.tokenizer, normalize("硬件辅助虚拟化与SR-IOV"))
    assert "硬件辅助虚拟化" in tokens  # a bold term of the notes is one word
    assert "虚拟化" in tokens  # search mode also yields the shorter words
    assert "sriov" in tokens and "sr-iov" in tokens


def test_question_words_keep_their_positions(index: Index) -> None:
    words = query_words(index.tokenizer, normalize("Docker的隔离性"))
    assert [w for w, _ in words] == ["docker", "的", "隔离性"]
    assert [p for _, p in words] == [0, 6, 7]


def test_synonyms_file_format() -> None:
    text = "# 注释\n许可证 = 协议, license  # 行尾注释\n\n镜像、image\n单独一个词\n"
    assert parse_synonyms(text) == (("许可证", "协议", "license"), ("镜像", "image"))


def test_glossary_knows_inflected_english_words() -> None:
    from bot.search.glossary import english_for, translations

    assert translations("virtualization") == translations("virtualizations") != ()
    assert "隔离" in translations("isolated")
    assert "启动" in translations("booting")
    assert "部署" in translations("deployed")
    assert translations("zzzzing") == ()
    assert "virtualization" in english_for("虚拟化")


def test_a_question_in_traditional_characters_is_read_with_the_mainland_words_for_things() -> None:
    assert normalize_question("叢集的資料放在哪個伺服器的預設值") == "集群的数据放在哪个服务器的默认值"
    assert normalize_question("執行緒和行程") == "线程和进程"


def test_a_question_in_simplified_characters_keeps_its_own_words() -> None:
    for question in ("资料放在哪里", "Docker 的镜像是什么", "软体和软件"):
        assert normalize_question(question) == normalize(question)
