"""The Markdown parser: each construct the notes use becomes the right passages and sections."""

from __future__ import annotations

from bot.notes.corpus import Corpus, Passage, parse_notes


def parse(text: str, name: str = "n.md") -> Corpus:
    return parse_notes({name: text})


def texts(corpus: Corpus) -> list[str]:
    """The text of each passage the parser made (not the pairs and sections made of them)."""
    return [p.text for p in corpus.passages if p.kind not in ("pair", "section")]


def only(corpus: Corpus, fragment: str) -> Passage:
    """The one passage holding a fragment (a whole table or list repeats its parts: not counted)."""
    found = [p for p in corpus.passages if fragment in p.text and not p.whole]
    assert len(found) == 1, (fragment, texts(corpus))
    return found[0]


def test_headings_give_section_paths_and_lines() -> None:
    corpus = parse("# 一章\n\n正文一。\n\n## 一节\n\n正文二。\n\n# 二章\n\n正文三。\n")
    assert [(p.section, p.line) for p in corpus.passages] == [
        (("一章",), 3),
        (("一章", "一节"), 7),
        (("二章",), 11),
    ]
    assert [s.path for s in corpus.sections] == [("一章",), ("一章", "一节"), ("二章",)]
    assert all(s.has_content for s in corpus.sections)


def test_empty_headings_are_contents_only_never_passages() -> None:
    corpus = parse("# 1 写好的章\n\n内容。\n\n# 2 没写的章\n\n# 3 也没写\n")
    assert texts(corpus) == ["内容。"]
    assert [(s.path[-1], s.has_content) for s in corpus.sections] == [
        ("1 写好的章", True),
        ("2 没写的章", False),
        ("3 也没写", False),
    ]


def test_parent_with_content_only_in_a_subsection_has_content() -> None:
    corpus = parse("# 章\n\n## 节\n\n内容在节里。\n")
    assert {s.path: s.has_content for s in corpus.sections} == {("章",): True, ("章", "节"): True}


def test_text_before_any_heading_has_an_empty_section_path() -> None:
    corpus = parse("开头的话。\n\n# 章\n\n正文。\n")
    assert corpus.passages[0].section == ()
    assert corpus.passages[0].text == "开头的话。"


def test_nested_list_item_keeps_its_quote_and_the_lead_in() -> None:
    text = (
        "虚拟化可分为：\n\n"
        "- **甲类**：第一种说明。\n\n"
        "  > 甲类的详细解释。\n\n"
        "- 乙类：第二种说明。\n"
    )
    corpus = parse(text)
    first = only(corpus, "第一种说明")
    assert "甲类的详细解释" in first.text  # the nested quote explains its item: one passage
    assert first.kind == "list_item"
    assert first.context == "虚拟化可分为："
    assert "甲类" in first.bold
    assert only(corpus, "第二种说明").context == "虚拟化可分为："


def test_label_item_joins_the_paragraph_that_explains_it() -> None:
    corpus = parse("- 基于硬件的虚拟化\n\n  真正意义上的硬件虚拟化不多见。\n")
    assert texts(corpus) == ["基于硬件的虚拟化 真正意义上的硬件虚拟化不多见。"]


def test_block_quote_is_one_passage() -> None:
    corpus = parse("> 第一行引用\n>\n> 第二段引用。\n")
    assert texts(corpus) == ["第一行引用 第二段引用。"]
    assert corpus.passages[0].kind == "quote"


def test_a_callout_quote_loses_its_marker_and_keeps_its_words() -> None:
    corpus = parse("> [!WARNING]\n> 删除卷会丢失数据。\n\n> [!tip]- 小技巧\n> 先备份再删除。\n\n> 数组写作 [1, 2]。\n")
    assert texts(corpus) == ["删除卷会丢失数据。", "小技巧 先备份再删除。", "数组写作 [1, 2]。"]


def test_table_rows_keep_their_header_and_caption() -> None:
    text = (
        "容器与虚拟机的比较\n\n"
        "| 特性 | 容器 | 虚拟机 |\n| --- | --- | --- |\n| 启动速度 | 秒级 | 分钟级 |\n| 性能 | 接近原生 | 较弱 |\n"
    )
    corpus = parse(text)
    [row] = [p for p in corpus.passages if p.kind == "table_row" and "启动速度" in p.text]
    assert row.text == "启动速度 — 容器：秒级；虚拟机：分钟级"
    assert row.context == "容器与虚拟机的比较"
    assert row.line == 5


def test_a_whole_table_is_one_more_passage_before_its_rows() -> None:
    text = (
        "容器与虚拟机的比较\n\n"
        "| 特性 | 容器 | 虚拟机 |\n| --- | --- | --- |\n| 启动速度 | 秒级 | 分钟级 |\n| 性能 | 接近原生 | 较弱 |\n"
    )
    corpus = parse(text)
    assert [p.kind for p in corpus.passages] == ["paragraph", "table", "table_row", "table_row"]
    table = corpus.passages[1]
    assert table.text == "启动速度 — 容器：秒级；虚拟机：分钟级\n性能 — 容器：接近原生；虚拟机：较弱"
    assert (table.context, table.line) == ("容器与虚拟机的比较", 3)
    # A table of one row is that row alone.
    single = parse("| 项 | 甲 |\n| - | - |\n| 速度 | 快 |\n")
    assert [p.kind for p in single.passages] == ["table_row"]


def test_table_inside_a_quote_is_parsed_as_rows() -> None:
    text = "> 比较\n>\n> | 项 | 甲 |\n> | - | - |\n> | 速度 | 快 |\n"
    corpus = parse(text)
    assert any(p.kind == "table_row" and p.text == "速度 — 甲：快" for p in corpus.passages), texts(corpus)


def test_code_fence_is_its_own_passage_verbatim() -> None:
    corpus = parse("运行：\n\n```bash\ndocker run -it ubuntu  bash\n```\n")
    code = only(corpus, "docker run")
    assert code.kind == "code"
    assert code.text == "docker run -it ubuntu  bash"  # spacing kept inside code
    assert code.context == "运行："


def test_emphasis_markers_are_removed_and_bold_kept() -> None:
    corpus = parse("**Docker** 是*一种*工具，`docker run` 启动容器。\n")
    passage = corpus.passages[0]
    assert passage.text == "Docker 是一种工具，docker run 启动容器。"
    assert passage.bold == ("Docker",)


def test_bold_left_open_by_commonmark_is_still_removed() -> None:
    # `**…。**例` is not closed by CommonMark (punctuation before, a letter after).
    corpus = parse("**这种分类并不是绝对的。**例如 VMware 是一种。\n")
    passage = corpus.passages[0]
    assert "**" not in passage.text
    assert passage.text.startswith("这种分类并不是绝对的。例如")
    assert "这种分类并不是绝对的" in passage.bold


def test_inline_html_image_carries_no_text() -> None:
    corpus = parse('前文<img src="a.png" style="zoom:15%;" />后文。\n\n<img src="b.png" align="left" />\n')
    assert texts(corpus) == ["前文后文。"]


def test_aliases_from_term_with_english_in_brackets() -> None:
    corpus = parse("应用的封装（packaging）与超虚拟化（paravirtualization）；Linux容器（Linux Containers，LXC）。\n")
    assert ("封装", "packaging") in corpus.aliases
    assert ("超虚拟化", "paravirtualization") in corpus.aliases
    assert ("Linux容器", "LXC") in corpus.aliases
    assert "LXC" in corpus.terms and "封装" in corpus.terms


def test_malformed_markdown_is_parsed_as_well_as_possible() -> None:
    text = "# 章\n\n**没有闭合的粗体\n\n| 坏 | 表\n|---\n\n```\n没有闭合的代码块\n\n- 列表\n  > 引用\n    - 更深\n"
    corpus = parse(text)
    assert corpus.passages, "something is read"
    joined = " ".join(texts(corpus))
    assert "没有闭合的粗体" in joined
    assert "没有闭合的代码块" in joined


def test_files_are_read_in_path_order_with_ids_in_reading_order() -> None:
    corpus = parse_notes({"b/z.md": "# 乙\n\n乙文。\n", "a.md": "# 甲\n\n甲文。\n"})
    assert corpus.files == ("a.md", "b/z.md")
    assert [(p.id, p.file, p.text) for p in corpus.passages] == [(0, "a.md", "甲文。"), (1, "b/z.md", "乙文。")]


def test_fingerprint_changes_with_content_only() -> None:
    one = parse("# 章\n\n文。\n")
    assert one.fingerprint == parse("# 章\n\n文。\n").fingerprint
    assert one.fingerprint != parse("# 章\n\n文！\n").fingerprint
    assert one.fingerprint != parse("# 章\n\n文。\n", name="other.md").fingerprint


def test_default_notes_parse_into_the_expected_shape(corpus: Corpus) -> None:
    assert len(corpus.passages) >= 35
    chapters = [s for s in corpus.sections if s.level == 1]
    assert len(chapters) == 28
    assert chapters[0].has_content and not any(s.has_content for s in chapters[1:])
    assert all(p.text and "**" not in p.text for p in corpus.passages)
    assert all(p.line >= 1 for p in corpus.passages)


def test_a_list_after_a_lead_in_is_one_more_passage_after_its_items() -> None:
    text = "存储分为：\n\n- 块存储：按块读写。\n  > 适合数据库。\n- 对象存储：按对象读写。\n\n下一段。\n"
    corpus = parse(text)
    assert [p.kind for p in corpus.passages if p.kind != "section"] == ["paragraph", "list_item", "list_item", "list", "paragraph"]
    whole = corpus.passages[3]
    assert whole.text == "存储分为：\n块存储：按块读写。 适合数据库。\n对象存储：按对象读写。"
    assert (whole.line, whole.context) == (1, "")
    # A list after a sentence (no lead-in ending in "：" nor a short title), or of one item, is only its items.
    assert [p.kind for p in parse("下面是说明。\n\n- 一\n- 二\n").passages if p.kind != "section"] == ["paragraph", "list_item", "list_item"]
    assert [p.kind for p in parse("如下：\n\n- 一\n").passages if not p.whole] == ["paragraph", "list_item"]


def test_a_byte_order_mark_does_not_hide_the_first_heading() -> None:
    corpus = parse("\ufeff# 第一章\n\n正文。\n")
    assert corpus.sections[0].path == ("第一章",)
    assert only(corpus, "正文").section == ("第一章",)


def test_fingerprint_changes_with_the_parser_version(monkeypatch) -> None:
    from bot.notes import corpus as corpus_module

    before = parse("# 章\n\n文。\n").fingerprint
    monkeypatch.setattr(corpus_module, "PARSER_VERSION", corpus_module.PARSER_VERSION + 1)
    assert parse("# 章\n\n文。\n").fingerprint != before  # old buttons then say they are stale


def test_contents_reference_image_and_url_lines_are_never_passages() -> None:
    corpus = parse(
        "# 目录\n\n* [第一章 简介](ch1.md)\n  * [1.1 安装](ch1.md#install)\n\n"
        "# 第一章 简介\n\n正文说明。\n\n![架构图](img/arch.png)\n\nhttps://example.com/page\n\n"
        "参考：[官方文档](https://example.com/docs)\n\n"
        "- [Flannel](https://example.com/flannel)：一种简单的覆盖网络方案\n"
    )
    assert texts(corpus) == ["正文说明。", "Flannel：一种简单的覆盖网络方案"]
    # A contents heading is written (it holds links), never a chapter still to be written.
    assert all(s.has_content for s in corpus.sections)


def test_a_bold_line_alone_is_a_heading_for_what_follows() -> None:
    corpus = parse("# 缓存\n\n**优点**\n\n- 读得快\n- 省数据库\n\n**缺点：**\n\n一致性难保证。\n\n更新要双写。\n\n## 下一节\n\n别的。\n")
    assert texts(corpus) == ["读得快", "省数据库", "一致性难保证。", "更新要双写。", "别的。"]
    assert only(corpus, "读得快").section == ("缓存", "优点")
    assert only(corpus, "双写").section == ("缓存", "缺点")
    assert only(corpus, "别的").section == ("缓存", "下一节")
    # Labels are no chapters of the table of contents.
    assert [s.path for s in corpus.sections] == [("缓存",), ("缓存", "下一节")]


def test_a_bold_sentence_ending_in_a_colon_still_leads_in_its_list() -> None:
    corpus = parse("# 历史\n\n**缓存技术也经历了长期的演化：**\n\n- 先有本地缓存\n- 后有分布式缓存\n")
    assert only(corpus, "本地缓存").context == "缓存技术也经历了长期的演化："
    assert only(corpus, "本地缓存").section == ("历史",)


def test_a_bold_line_in_a_list_item_leads_in_its_nested_list() -> None:
    corpus = parse("# 缓存\n\n- **优点**\n  - 读得快\n  - 省数据库\n")
    assert only(corpus, "读得快").context == "优点："


def test_a_bold_item_of_a_plain_list_stays_a_passage() -> None:
    corpus = parse("# 特点\n\n特点如下：\n\n- **轻量**\n- **快速**\n")
    assert "轻量" in texts(corpus) and "快速" in texts(corpus)


def test_front_matter_and_html_comments_are_not_notes_and_lines_still_count() -> None:
    corpus = parse("---\ntitle: 笔记\ntags: [a]\n---\n\n# 章\n\n<!-- 待补充 -->\n\n正文。\n")
    assert texts(corpus) == ["正文。"]
    assert [s.path for s in corpus.sections] == [("章",)]
    assert corpus.passages[0].line == 10


def test_a_large_table_answers_through_its_rows_only() -> None:
    rows = "".join(f"| 项{i} | 值{i} |\n" for i in range(20))
    corpus = parse("# 表\n\n| 名称 | 取值 |\n| --- | --- |\n" + rows)
    assert [p.kind for p in corpus.passages] == ["table_row"] * 20
    small = parse("# 表\n\n| 名称 | 取值 |\n| --- | --- |\n| 甲 | 1 |\n| 乙 | 2 |\n")
    assert [p.kind for p in small.passages] == ["table", "table_row", "table_row"]


def test_a_problem_and_its_solution_make_a_pair() -> None:
    corpus = parse("# 踩坑\n\n## 提交信息写错\n\n问题：提交后发现信息写错了。\n\n解决：用 amend 修改最近一次提交。\n\n另外一段很长的说明。" + "说明" * 400 + "\n")
    (pair,) = [p for p in corpus.passages if p.kind == "pair"]
    assert pair.text == "问题：提交后发现信息写错了。\n解决：用 amend 修改最近一次提交。"
    assert [corpus.passages[i].text[:3] for i in pair.parts] == ["问题：", "解决："]
    assert pair.line == corpus.passages[pair.parts[0]].line and pair.section == ("踩坑", "提交信息写错")


def test_a_sentence_ending_in_a_colon_pairs_with_the_command_it_introduces() -> None:
    corpus = parse("# 安装\n\n用下面的命令安装：\n\n```sh\napt install foo\n```\n\n" + "别的话。" * 300 + "\n")
    (pair,) = [p for p in corpus.passages if p.kind == "pair"]
    assert pair.text == "用下面的命令安装：\napt install foo"


def test_a_sentence_pointing_back_at_a_code_block_pairs_with_it() -> None:
    corpus = parse("# 排错\n\n查看日志会发现\n\n```\ncp: Permission denied\n```\n\n这一般是由于 SELinux 开启导致的。\n\n"
                   + "别的话。" * 300 + "\n\n```\nls\n```\n\n另一句话，不指向上面的命令。\n")
    (pair,) = [p for p in corpus.passages if p.kind == "pair"]
    assert pair.text == "cp: Permission denied\n这一般是由于 SELinux 开启导致的。"
    assert pair.line == corpus.passages[pair.parts[0]].line
    listed = parse("# 改动\n\n```\nC /root\nA /root/.bash_history\n```\n\n其中，A 表示新增，C 表示变更。\n\n" + "别的话。" * 300 + "\n")
    assert [p.text for p in listed.passages if p.kind == "pair"] == ["C /root\nA /root/.bash_history\n其中，A 表示新增，C 表示变更。"]
    found = parse("# 排错\n\n```\ncni0 already has an IP address\n```\n\n发现是 cni0 网桥配置了不同网段的地址，删除该网桥即可。\n\n" + "别的话。" * 300 + "\n")
    assert [p.text for p in found.passages if p.kind == "pair"] == ["cni0 already has an IP address\n发现是 cni0 网桥配置了不同网段的地址，删除该网桥即可。"]


def test_a_short_section_is_also_one_passage_and_a_long_one_is_not() -> None:
    corpus = parse("# 排错\n\n## 节点 NotReady\n\n节点一直 NotReady。\n\n多半是 kubelet 没起来。\n\n重启 kubelet 即可。\n\n"
                   "## 长的一节\n\n" + "很长的一段。" * 100 + "\n\n" + "又一段。" * 100 + "\n")
    sections = [p for p in corpus.passages if p.kind == "section"]
    assert [p.text for p in sections] == ["节点一直 NotReady。\n多半是 kubelet 没起来。\n重启 kubelet 即可。"]
    assert sections[0].parts == tuple(p.id for p in corpus.passages if p.section == ("排错", "节点 NotReady") and not p.whole)


def test_a_short_title_without_a_colon_leads_in_a_list_and_a_sentence_does_not() -> None:
    corpus = parse("# 污点\n\n目前支持的 taint 类型\n\n- NoSchedule：不调度新 Pod\n- NoExecute：还驱逐已运行的 Pod\n\n"
                   "## 别的\n\n下面是几个例子。\n\n- 甲\n- 乙\n")
    (whole,) = [p for p in corpus.passages if p.kind == "list"]
    assert whole.text == "目前支持的 taint 类型\nNoSchedule：不调度新 Pod\nNoExecute：还驱逐已运行的 Pod"


def test_a_sentence_ending_in_a_word_that_opens_a_list_leads_it_in() -> None:
    long = "当集群中有多个节点组时，可以通过 expander 选项配置选择节点组的策略，支持如下四种方式"
    corpus = parse(f"# 扩容\n\n{long}\n\n- random：随机选择\n- least-waste：以最小浪费原则选择\n\n"
                   "要求节点属于某个节点组，这在不同的云上有不同的名字，比如\n\n- AWS 的 Autoscaling Groups\n- Azure 的 Scale Sets\n")
    wholes = [p.text.split("\n")[0] for p in corpus.passages if p.kind == "list"]
    assert wholes == [long, "要求节点属于某个节点组，这在不同的云上有不同的名字，比如"]
    # neither lead-in is an answer alone, nor with only the first item after it
    assert not [p for p in corpus.passages if p.kind == "pair"]


def test_an_item_ending_in_ji_leads_in_the_items_nested_under_it() -> None:
    parent = "对于带有 mode=EnsureExists 标签的扩展，仅检查扩展是否存在而不检查配置是否更改，即"
    corpus = parse(f"# 附加组件\n\n支持两种标签\n\n* {parent}\n  * 可以通过 API 来修改配置，不会自动回滚\n  * 删除后会自动重新创建\n")
    nested = [p for p in corpus.passages if p.kind == "list_item" and p.text.startswith(("可以", "删除"))]
    assert len(nested) == 2 and all(p.context == parent for p in nested)


def test_a_whole_list_knows_its_lead_in_and_items() -> None:
    corpus = parse("# 分类\n\n虚拟化可分为：\n\n- 全虚拟化\n- 半虚拟化\n")
    (whole,) = [p for p in corpus.passages if p.kind == "list"]
    assert [corpus.passages[i].text for i in whole.parts] == ["虚拟化可分为：", "全虚拟化", "半虚拟化"]
    # the section is the list itself: no second copy
    assert not [p for p in corpus.passages if p.kind == "section"]
