"""What no item is made from, on any notes, and what a question must and must not show: each gate on
a small hand-written note (made up for the tests)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from bot.notes.corpus import Passage, parse_notes
from bot.quiz import build_quiz_items, passages_of
from bot.quiz.build import askable_notes
from bot.quiz.gates import GATED, meta_sentence, release_sentence, sample_table, undated
from bot.quiz.headings import best_statement, blank_term, leans, statement_ok, things_apart
from bot.quiz.item import Draft, QuizItem, finish, tells
from bot.quiz.subjects import families
from bot.quiz.outline import clean_title, generic_title, term_title, topic_of
from bot.quiz.view import NotesView
from tests.quiz.fixtures import TERMS, answer_of, core, items_of

# Three sibling sections on one subject: what every gate below is set beside.
CACHES = """# 缓存

## 本地缓存

本地缓存把数据放在应用进程自己的内存里，读取时不经过网络。进程重启后本地缓存中的数据全部丢失。

## 分布式缓存

分布式缓存把数据放在独立的缓存集群里，多台应用服务器共享同一份数据。集群扩容时需要迁移部分键。

## 多级缓存

多级缓存先查进程内的副本，未命中再查远端集群，最后才查数据库。每一级都要设置各自的过期时间。
"""


def _askable(notes: str, name: str = "n.md") -> list[Passage]:
    files = {name: notes}
    return [p for p in askable_notes(parse_notes(files), files).passages if p.kind != GATED]


def _items(notes: str, name: str = "n.md"):
    files = {name: notes}
    return build_quiz_items(parse_notes(files), files=files)


def test_the_sibling_sections_alone_give_items() -> None:
    assert len(items_of(CACHES, files=True)) >= 3  # so that each gate below has something to take away


def test_navigation_gives_no_item() -> None:
    toc = """# 目录

- [本地缓存](local.md)：数据放在进程内存里，读取时不经过网络。
- [分布式缓存](remote.md)：数据放在独立的缓存集群里，多台服务器共享。
- [多级缓存](multi.md)：先查进程内的副本，再查远端集群。
"""
    assert not _askable(toc, "README.md") and not _items(toc, "README.md")
    links = "# 缓存\n\n- [本地缓存](local.md)：放在进程内存里\n- [分布式缓存](remote.md)：放在集群里\n- [多级缓存](multi.md)：层层回源\n"
    assert not _askable(links)  # a list item that opens with a link points elsewhere
    assert not _items("# 缓存\n\n缓存的几种方式，放在进程内存里或集群里。\n", "SUMMARY.md")


def test_reference_lists_credits_and_recaps_give_no_item() -> None:
    for title in ("参考资料", "延伸阅读", "贡献者", "本章小结", "更新日志", "学习目标", "本章学习目标"):
        notes = CACHES + f"\n## {title}\n\n本地缓存把数据放在应用进程自己的内存里，多级缓存层层回源。\n"
        assert not [p for p in _askable(notes) if p.section[-1] == title], title


def test_promotions_and_sentences_about_the_text_give_no_item() -> None:
    notes = CACHES.replace(
        "读取时不经过网络。",
        "读取时不经过网络。本章将介绍三种缓存。欢迎扫码关注公众号获取更多内容。",
    )
    passages = _askable(notes)
    assert not any("公众号" in p.text for p in passages)  # a promotion: the whole passage goes
    extra = CACHES + "\n本节介绍缓存的原理，下一章讲数据库。缓存可以减少数据库的压力。\n"
    kept = [p.text for p in _askable(extra)]
    assert "缓存可以减少数据库的压力。" in kept  # only the sentences about the text go
    assert meta_sentence("本书第三章讲网络。") and meta_sentence("如下图所示，请求先到网关。")
    assert not meta_sentence("软链接指向另一个文件的路径。")
    assert meta_sentence("实战扩展：第 18 ~ 21 章讨论安全防护、监控与日志。")  # the book's own layout
    assert meta_sentence("tmux 是可选的，不是该教程的必要工具。")  # the tutorial itself
    assert meta_sentence("Pod 子网分配将会在之后的容器网络章节做练习。")  # another part of the text


def test_release_and_end_of_support_dates_give_no_item() -> None:
    assert release_sentence("Redis 6.0 版本开始支持多线程 I/O。")
    assert release_sentence("该项目于 2019 年发布第一个正式版本。")
    assert release_sentence("CentOS 8 已停止维护，建议迁移。")
    assert release_sentence("这家云厂商创立于 2009 年，是国内较早的云平台。")  # a founding date: trivia as a release is
    assert release_sentence("这个特性目前还处于 Alpha 阶段。")
    assert release_sentence("这个对象还只在Alpha阶段，后面的设计还要继续观察。")  # no space beside the Chinese
    assert not release_sentence("缓存命中率越高，数据库的压力越小。")
    notes = """# 历史

- 关系模型由 Codd 在 1970 年提出；
- Redis（2009年）和 Memcached（2003年发布）；
- 后来 5.0 版本开始引入了流数据类型。
"""
    for item in _items(notes):
        assert not {"2009", "2003", "5.0"} & set(item.options) and "版本" not in item.question


def test_a_release_sentence_keeps_the_clauses_that_say_something_else() -> None:
    # the dated clause at the start or the end goes; what is left names its own subject
    assert undated("Redis 在 2.8 版本引入了 SCAN 命令，SCAN 命令以游标分批遍历键空间。") == "SCAN 命令以游标分批遍历键空间。"
    assert undated("SCAN 命令以游标分批遍历键空间，从 2.8 版本开始支持。") == "SCAN 命令以游标分批遍历键空间。"
    # nothing is left that stands alone: a predicate whose subject was dated, a supposition
    assert undated("Redis 于 2009 年发布，用于缓存热点数据。") == ""
    assert undated("假设你已有一个 6.0 版本的集群，从 7.0 开始引入了函数。") == ""
    assert undated("Redis 6.0 版本开始支持多线程 I/O。") == ""
    # a dated clause that scopes the rest: what follows held then, not now
    assert undated("在 2.6 及更早版本中，SCAN 命令不能按类型过滤键。") == ""
    notes = """# 键空间

## 遍历

Redis 在 2.8 版本引入了 SCAN 命令，SCAN 命令以游标分批遍历键空间，每次只返回少量的键，不会阻塞服务器。
"""
    said = " ".join(p.text for p in askable_notes(parse_notes({"a.md": notes}), {"a.md": notes}).passages)
    assert "以游标分批遍历键空间" in said and "2.8" not in said


def test_a_blank_covers_a_camel_case_name_written_as_two_words() -> None:
    assert blank_term("Kubernetes 提供了 Network Policy，Network Policy 隔离应用。", "NetworkPolicy").count("____") == 2
    assert blank_term("NetworkPolicies 隔离应用", "NetworkPolicy") == "NetworkPolicies 隔离应用"


def test_a_section_of_prerequisites_gives_no_item() -> None:
    notes = """# 部署

## 系统要求

部署节点需要安装 Ansible 2.3 以上版本，并能用 SSH 免密登录每台主机。每台主机至少需要两核处理器和四 GB 内存。

## 部署步骤

部署脚本先生成集群证书，再依次启动控制平面组件和工作节点组件。证书默认有效期为一年，到期前需要轮换。
"""
    asked = {item.source.section[-1] for item in _items(notes)}
    kept = askable_notes(parse_notes({"a.md": notes}), {"a.md": notes}).passages
    said = " ".join(p.text for p in kept if p.kind != GATED)
    assert "Ansible" not in said and "系统要求" not in asked
    assert "集群证书" in said  # the walkthrough's own section stays


def test_sample_data_and_command_output_tables_give_no_item() -> None:
    output = """# 命令

运行 ps 命令，输出如下：

| NAME | STATUS | PORTS |
| --- | --- | --- |
| web | running | 80/tcp |
| db | exited | 5432/tcp |
| cache | running | 6379/tcp |
"""
    versions = """# 版本

| 组件 | 版本 | 发布日期 |
| --- | --- | --- |
| 网关 | v1.2 | 2021-03-01 |
| 存储 | v2.0 | 2022-05-10 |
| 调度 | v3.1 | 2023-07-20 |
"""
    numbers = """# 压测

| 并发数 | 延迟 | 吞吐 |
| --- | --- | --- |
| 10 | 12 ms | 800 |
| 100 | 35 ms | 2600 |
| 1000 | 210 ms | 4100 |
"""
    measured = """# 启动

笔者实测数据：

| 场景 | 虚拟机 | 容器 |
| --- | --- | --- |
| 空系统 | 约一分钟 | 约一秒 |
| 数据库 | 约一分半 | 约两秒 |
| 网站应用 | 约两分钟 | 约三秒 |
"""
    for notes in (output, versions, numbers, measured):
        assert not _items(notes), notes
    rows = [p for p in parse_notes({"n.md": output}).passages if p.kind == "table_row"]
    assert sample_table(rows)


def test_quote_attributions_give_no_item() -> None:
    notes = CACHES + "\n> 缓存是以空间换时间的技术。\n>\n> —— 某位架构师\n\nKnuth认为，过早的优化是万恶之源。\n"
    for item in _items(notes):
        assert "Knuth" not in item.options and "架构师" not in "".join(item.options)


def test_every_question_names_its_topic_without_numbers_or_roles() -> None:
    assert clean_title("1.2.4 Docker 的技术基础") == "Docker 的技术基础"
    assert clean_title("第三章 网络") == "网络" and clean_title("2. 随机映射") == "随机映射"
    assert topic_of(("3 缓存", "3.1 本地缓存", "简述")) == "缓存 › 本地缓存"  # "简述" names a role, not a topic
    assert topic_of(("缓存", "本地缓存"), avoid=("本地缓存",)) == "缓存"  # never the answer itself
    assert topic_of(("术语表", "C")) == "术语表" and topic_of(("术语表", "A-F")) == "术语表"  # an index's letters
    numbered = CACHES.replace("# 缓存", "# 3 缓存").replace("## 本地缓存", "## 3.1 本地缓存")
    items = _items(numbered)
    assert items and all(i.question.startswith("在「") for i in items if answer_of(i) != "缓存")
    for item in items:
        assert answer_of(item) not in item.question
        assert "3.1" not in item.question


def test_an_option_sharing_a_telling_part_with_the_question_is_dropped() -> None:
    passage = Passage(0, "n.md", 3, ("镜像",), "镜像的大小与文件大小不同。", "paragraph")

    def draft(question: str, answer: str, *others: str) -> Draft:
        return Draft("topic", question, answer, (others,), "镜像的大小与文件大小不同。", passage, topic="")

    # its own word (大小) in the question, none of the others': read off the question
    assert finish(draft("“镜像的大小与文件大小不同”——这说的是哪一项？", "镜像大小", "过滤镜像", "中间层镜像", "格式化输出"), 0) is None
    # the same question with fair options stands
    assert finish(draft("“镜像的大小与文件大小不同”——这说的是哪一项？", "分层存储", "过滤条件", "中间层", "输出格式"), 0)
    # initials of an abbreviation, and an English gloss the glossary translates
    assert tells("SDP 的全称是？", "Stable Dependencies Principle")
    assert tells("容器的镜像存放在哪里？", "image registry")
    assert not tells("容器的镜像存放在哪里？", "Docker Hub")
    assert tells("哪种卷使用节点上的本地磁盘？", "LocalVolume")  # a camel-case part's translation (local → 本地)
    # a word beyond the computing glossary, by the dictionary (CC-CEDICT: 测试 is "test")
    assert tells("“运行单元测试和集成测试”——这说的是哪一项？", "Test")
    assert not tells("“运行单元测试和集成测试”——这说的是哪一项？", "Deploy")
    # a Latin word of the question's stem in the answer alone ("category" of Categories)
    told = "“____用来给对象分组，这样就能用 kubectl get <category-name> 查询组里的所有对象”——这说的是哪一项？"
    assert finish(draft(told, "Categories", "Kubebuilder", "Validation", "Finalizer"), 0) is None
    # a blank with (nearly) nothing beside it: a list item that is only its bold phrase
    assert finish(draft("填空：____", "调度到控制平面节点", "边缘节点", "需要一些工作节点", "外部负载均衡"), 0) is None
    # a sentence saying its subject is one of several ("…之一"): true of the other options too
    assert finish(draft("“____是最常用的发行版之一”——这说的是哪一项？", "Ubuntu", "CentOS", "Debian", "Fedora"), 0) is None
    assert finish(draft("“____是一个面向服务器的发行版，也是社区项目之一”——这说的是哪一项？", "Ubuntu", "CentOS", "Debian", "Fedora"), 0)
    # ... or that its subject is popular: the other options are used and liked as well
    assert finish(draft("“____是企业级服务器常用的操作系统”——空白处是哪一项？", "CentOS", "Ubuntu", "Debian", "Fedora"), 0) is None
    assert finish(draft("“____因其性能和安全性在系统级应用中备受青睐”——空白处是哪一项？", "Rust", "Java", "Python", "Go"), 0) is None
    assert finish(draft("“____是流行的 Linux 发行版，其自带软件版本往往较新一些”——空白处是哪一项？", "Ubuntu", "CentOS", "Debian", "Fedora"), 0)
    # a sentence saying what its blank is not: true of the other options too
    assert finish(draft("填空：❌ ____ 参数会让容器一直运行", "-d", "--rm", "-v", "-it"), 0) is None
    assert finish(draft("填空：____ 参数不是让容器一直运行，而是放到后台", "-d", "--rm", "-v", "-it"), 0) is None
    assert finish(draft("填空：____ 参数让容器在后台运行，而不是一直占着终端", "-d", "--rm", "-v", "-it"), 0)
    # a mark the author set before the sentence is no word of it; the id stays the one made before
    flags = ("-d", "--rm", "-v", "-it")
    marked = finish(draft("填空：✅ ____ 参数让容器在后台运行，能运行多久取决于主进程", *flags), 0)
    assert marked is not None and "✅" not in marked.question and "填空：____ 参数让容器" in marked.question
    # one thing blanked twice reads as two blanks
    clouds = ("腾讯云", "阿里云", "华为云", "亚马逊云")
    assert finish(draft("“____容器服务 TKE 是____提供的 Kubernetes 托管服务”——空白处是哪一项？", *clouds), 0) is None
    # a blank on where a statement holds: common sense, not the notes, says production
    settings = ("生产环境", "开发环境", "测试环境", "离线环境")
    assert finish(draft("填空：在____防止服务级联故障，要显式声明资源上限", *settings), 0) is None
    # a blank after its partner, a name starting as the answer does: the pair fills it
    files = ("go.sum", "app.go", "Makefile", "Dockerfile")
    assert finish(draft("填空：通常已在代码仓库中维护好 go.mod 和 ____ 文件", *files), 0) is None
    assert finish(draft("填空：通常已在代码仓库中维护好 Makefile 和 ____ 文件", *files), 0)
    # a need said with no one who has it (the feature needing the gate is in the sentence before)
    gates = ("ContainerStopSignals", "BlockVolume", "AttachVolumeLimit", "SidecarContainers")
    assert finish(draft("填空：需要启用 ____ 特性门控，并且要求设置 spec.os.name", *gates), 0) is None
    assert finish(draft("填空：Alpha 功能需要启用 ____ 特性门控，并且要求设置 spec.os.name", *gates), 0)
    # a blank right before a command line asks the keyword that runs it: syntax, not the lesson
    assert finish(draft("填空：不要使用 ____ apt-get upgrade，基础镜像中的包不会在非特权容器中升级", "RUN", "ENV", "CMD", "EXPOSE"), 0) is None
    assert finish(draft("填空：每一个 ____ 指令都会新建一层镜像", "RUN", "ENV", "CMD", "EXPOSE"), 0)
    assert finish(draft("填空：____ is a tool that builds images from a file", "Kaniko", "Helm", "Argo", "Flux"), 0)
    # two versions of one thing are one option: both would be right
    item = finish(draft("“____是一个面向云原生应用的服务网格”——这说的是哪一项？", "Linkerd", "Linkerd2", "Helm", "Operator", "Argo"), 0)
    assert item is not None and "Linkerd2" not in item.options
    # a blank opening its sentence whose clause points back with 它: what 它 is, the poll does not show
    assert finish(draft("“____将会利用它自动构建这个镜像”——这说的是哪一项？", "Compose", "Volume", "Network", "Container"), 0) is None
    assert finish(draft("“____是一个编排工具，它可以自动构建镜像”——这说的是哪一项？", "Compose", "Volume", "Network", "Container"), 0)
    # ... or any sentence whose first clause does ("你可以对它扩缩容，…回滚 ____")
    assert finish(draft("填空：你可以对它扩缩容，也可以回滚 ____ 到之前的版本", "Deployment", "Job", "DaemonSet", "CronJob"), 0) is None
    # a word of the question that begins the answer's name, no wrong option's ("Mac" of macOS)
    mac = "“图形化的安装程序为 Mac 用户准备好了一切”——这说的是哪一项？"
    assert finish(draft(mac, "macOS", "Ubuntu", "CentOS", "Debian"), 0) is None
    assert finish(draft(mac, "Windows", "Ubuntu", "CentOS", "Debian"), 0)
    # ... or a camel-case part of a name in it ("clusterCIDR": KUBE-CLUSTER-IP)
    cidr = "“为指定了 clusterCIDR 的流量做地址伪装”——这说的是哪一项？"
    assert finish(draft(cidr, "KUBE-CLUSTER-IP", "KUBE-LOOP-BACK", "KUBE-NODE-PORT", "KUBE-EXTERNAL-IP"), 0) is None
    # a Chinese name spelled in pinyin in the question ("aliyuncs" for 阿里云), a short form the
    # glossary knows (env → 环境变量)
    assert tells("“从 registry.cn-hangzhou.aliyuncs.com 拉取镜像”——这说的是哪一家？", "阿里云")
    assert not tells("“从 registry.cn-hangzhou.aliyuncs.com 拉取镜像”——这说的是哪一家？", "腾讯云")
    # ... the name a longer option opens with, too (阿里云 of 阿里云容器镜像服务)
    assert tells("地址为「registry.cn-*.aliyuncs.com」的是哪一项？", "阿里云容器镜像服务")
    assert not tells("地址为「registry.cn-*.aliyuncs.com」的是哪一项？", "腾讯云容器镜像服务")
    assert tells("填空：用 ____ 为程序更新 PATH 环境变量", "ENV")
    assert tells("“____负责网络栈的隔离”——这说的是哪一项？", "NET Namespace")  # net → 网络
    # an acronym spelt out by Chinese words whose English initials make it (process → P, then ID)
    assert tells("“____负责进程 ID 的隔离”——这说的是哪一项？", "PID")
    assert tells("说明为「进程间通信」的是哪一项？", "IPC")  # 间 stands for the one letter left
    assert not tells("说明为「主机名和域名」的是哪一项？", "UTS")
    # the one option saying "no", for a question saying a no: matching the negation finds it
    proxies = ("NO_PROXY", "HTTP_PROXY", "HTTPS_PROXY", "FTP_PROXY")
    assert finish(draft("说明为「不使用代理的地址」的 ARG 是哪一项？", *proxies), 0) is None
    assert finish(draft("说明为「加密连接使用的代理地址」的 ARG 是哪一项？", "HTTPS_PROXY", "NO_PROXY", "HTTP_PROXY", "FTP_PROXY"), 0)
    # a rendering of one character ending a word (volume: 卷), not opening another word
    assert tells("“____指令创建挂载点，并标记为外部挂载的卷”——空白处是哪一项？", "VOLUME")
    assert tells("“____控制器创建和删除持久化存储卷”——空白处是哪一项？", "Volume")
    assert not tells("“____会把旧连接卷入新的事务”——空白处是哪一项？", "VOLUME")
    assert tells("“____负责进程 ID 的隔离”——这说的是哪一项？", "PID Namespace")  # pid → 进程
    assert tells("“处理报警发送”——这说的是哪一项？", "Alertmanager")  # alert → 报警
    assert tells("“把构建卸载到云端执行”——这说的是哪一项？", "Docker Offload")  # offload → 卸载
    assert tells("作用为「保存任意文本」的是哪一项？", "TXT")  # txt: text, as a file's extension says
    assert tells("说明为「允许的补充用户组」的是哪一项？", "supplementalGroups")  # supplemental: supplement, 补充
    assert tells("命令为「docker scout cves」的是哪一项？", "漏洞扫描")  # CVE → 漏洞 (a plural the glossary's word is the base of)
    # an English word the glossary translates: drop → 删除
    assert tells("“会从容器中删除的权限”——这说的是哪一项？", "requiredDropCapabilities")
    # two English words written as one, translated ("Pushgateway": push → 推送)
    assert tells("“接收短期任务推送过来的指标”——这说的是哪一项？", "Pushgateway")
    assert not tells("“接收短期任务推送过来的指标”——这说的是哪一项？", "Alertmanager")
    # two parts side by side, as the dictionary writes them ("readonly": read-only → 只读)
    assert tells("以只读方式挂载时应设置哪个字段？", "readonly") and tells("以只读方式挂载时应设置哪个字段？", "readOnly")
    # a camel-case part of the question's own name, translated in the answer alone (data → 数据)
    told = "“解析 PVC 中的 dataSourceRef 字段”——这说的是哪一项？"
    assert finish(draft(told, "数据源识别", "状态报告", "填充逻辑", "错误处理"), 0) is None


CONTAINER_HISTORY = """# 容器

容器技术（包括LXC），也经历了长期的演化：

- 最早的容器技术可追溯到Unix系列系统上的chroot工具；
- 早期的容器实现技术有Sun Solaris系统上的Solaris Containers；
- FreeBSD系统上的jail；
- 以及GNU/Linux上的Linux-VServer和OpenVZ。
"""


def _lxc_items(notes: str) -> list[QuizItem]:
    files = {"docker-notes.md": notes}
    return [i for i in build_quiz_items(parse_notes(files), files=files) if "取其精华" in i.question and answer_of(i) == "LXC"]


def test_a_word_of_the_answers_other_name_in_the_question_gives_it_away() -> None:
    notes = (Path(__file__).parents[2] / "corpus" / "docker-notes.md").read_text(encoding="utf-8")
    # The notes call LXC "Linux容器（Linux Containers，LXC）": "…被集成到了Linux内核中，成为Linux系统…"
    # tells it among things none of whose names says Linux (jail, chroot, Solaris Containers) ...
    assert not _lxc_items(notes.replace("以及GNU/Linux上的Linux-VServer", "以及AIX上的WPAR"))
    # ... not when a wrong answer's name says it as well (Linux-VServer, a part of its hyphenated name)
    items = _lxc_items(notes)
    assert items and all("Linux-VServer" in i.options for i in items)


def test_a_list_item_names_the_things_its_first_clause_ends_with() -> None:
    view = NotesView(parse_notes({"c.md": CONTAINER_HISTORY}), {})
    members = {m for f in families(view) for m in f.members}
    # "…上的Linux-VServer和OpenVZ" is about both; "…上的chroot工具" about chroot
    assert {"chroot", "Solaris Containers", "jail", "Linux-VServer", "OpenVZ", "LXC"} <= members
    assert not members & {"Unix", "FreeBSD", "GNU/Linux"}


def test_a_distractor_is_chosen_so_that_the_answer_does_not_stand_out() -> None:
    passage = Passage(0, "n.md", 3, ("调度",), "某段笔记。", "paragraph")
    # "KVM" among three long names would be the shortest by far: longer wrong answers are chosen
    # while there are some, and the item is dropped when there are none.
    fair = Draft("cloze", "填空：____运行在内核里", "KVM", (("VMware Workstation", "Xen", "QEMU", "Parallels Desktop"),), "某段笔记。", passage, topic="")
    item = finish(fair, 0)
    assert item is not None
    others = [len(o) for o in item.options if o != "KVM"]
    assert min(others) * 0.75 <= len("KVM")  # not the one short name among long ones
    lone = Draft("cloze", "填空：____运行在内核里", "KVM", (("VMware Workstation", "Parallels Desktop", "Microsoft Hyper-V"),), "某段笔记。", passage, topic="")
    assert finish(lone, 0) is None


def test_at_most_two_fifths_of_the_items_come_from_tables() -> None:
    # two pages that are one table each beside prose that gives a few items: the tables' first
    # rows are asked, not every row (a quiz of look-ups is no study of the text)
    def table(title: str, thing: str) -> str:
        rows = "\n".join(f"| {thing}{c} | 说明{c}{c}{c} |" for c in "甲乙丙丁戊己庚辛壬癸")
        return f"# {title}\n\n常用{thing}一览：\n\n| {thing} | 作用 |\n| --- | --- |\n{rows}\n"

    files = {"a.md": TERMS, "b.md": table("工具箱", "工具"), "c.md": table("命令", "命令")}
    corpus = parse_notes(files)
    items = build_quiz_items(corpus, files=files)
    from_tables = [h for h in passages_of(corpus, items) if h is not None and h.kind == "table_row"]
    assert from_tables and len(from_tables) <= 0.4 * len(items)


def test_a_table_is_asked_only_with_short_headers_and_one_fitting_row() -> None:
    long_rows = """# 部署

| 情况 | 建议 |
| --- | --- |
| 下载后需要复杂解压、校验或清理的情况 | 使用 RUN 下载 |
| 公开、版本固定的远程文件，而且不需要认证 | 使用 ADD 下载 |
| 需要认证、请求头或者复杂的重试 | 使用 RUN 下载 |
"""
    assert not [i for i in _items(long_rows) if i.kind.startswith("table")]
    twins = """# 索引

| 特性 | 树索引 | 哈希索引 |
| --- | --- | --- |
| 范围查询 | 支持 | 不支持 |
| 排序 | 支持 | 不支持 |
| 等值查询 | 较快 | 最快 |
| 典型用途 | 普通列 | 内存表 |
"""
    asked = {answer_of(i) for i in _items(twins) if i.kind == "table_row"}
    assert "等值查询" in asked and not asked & {"范围查询", "排序"}  # two rows fit "支持 / 不支持"
    for item in _items(twins):
        assert "表" not in core(item.question) and "有以下" not in item.question  # named by its topic, not a lead-in


def test_a_sentence_leading_on_pointing_back_or_labelled_as_a_remark_is_no_statement() -> None:
    assert statement_ok("Kafka 的吞吐量很高，适合收集日志和事件流。")
    assert not statement_ok("在实现 Device 插件时需要注意")  # the points follow in a list
    assert not statement_ok("部署一个生产集群时，需要考虑以下几个方面")
    assert not statement_ok("kube-controller-manager 由一系列的控制器组成，这些控制器可以划分为三组")  # the groups follow
    assert statement_ok("kube-controller-manager 由一系列的控制器组成，每个控制器负责一类资源的调谐")
    assert not statement_ok("为避免出现这种问题，建议数字串都采用引号包括起来的字符串格式。")  # which problem?
    assert not statement_ok("⚠️ 陷阱：如果挂载了一个不存在的主机路径，Docker 会静默创建一个空目录。")  # a remark's label
    assert leans("上面使用的管道操作把下载和解压连在一起，所以没有中间文件需要删除。")  # above: which?
    assert not statement_ok("TODO: 补充 Calico 网络插件的设计原理和使用示例")  # a note to the author
    assert not statement_ok("图 2-1：容器从创建到删除的生命周期状态流转图")  # a figure's caption
    assert not statement_ok("kubeadm init --skip-preflight-checks --kubernetes-version v1.7.1 runs the first control plane")
    assert leans("Node 非优雅关闭正是为了解决这些问题，它会强制删除节点上的 Pod。")  # which problems?
    assert leans("很明显使用多阶段构建的镜像体积小，同时也解决了上边提到的问题。")  # mentioned where?
    assert leans("Deployment 同时也可以确保创建出的 Pod 不超过期望数量太多。")  # besides what?
    assert not leans("Docker 也是站在巨人的肩膀上诞生的，其中最重要的就是 LXC 技术。")  # a plain "also" says its own fact
    assert not statement_ok("以上命令操作假设控制平面以静态 Pod 的形式来运行。")  # which commands?
    assert not statement_ok("由于 Draft 需要构建镜像并部署应用到集群，因而在安装 Draft 之前需要")  # what, follows
    assert not statement_ok("不是每一种存储都支持这三种方式，目前最常用的共享存储是网络文件系统。")  # which three?
    assert not statement_ok("使用这种形式的命令时，容器启动后会把参数追加到入口程序的后面。")  # which form?
    assert not statement_ok("Prometheus 由 Server 和 Exporter 两部分组成，它们")  # cut off before its list
    assert not statement_ok("💡 使用环境变量配置数据库地址，便于在不同环境间切换。")  # a tip beside the text
    assert not statement_ok("我们假设代理运行在 3 个节点上，并对外暴露一个虚拟地址。")  # a worked example's setup
    assert not statement_ok("控制器需要判断在哪里增加这 5 个新的副本。")  # which five? an example's
    assert not statement_ok("第七步配置证书，新建 site.cnf 文件并写入站点的域名。")  # a walkthrough's step by its place
    assert not statement_ok("理解 containerd，首先要理清它与用户日常操作的 Docker 的关系。")  # how to study it
    assert not statement_ok("就像我们之前运行了一个 nginx 容器再修改一样，基础镜像是必须指定的。")  # what the reader did
    assert not statement_ok("这个方案的好处是部署简单、维护方便，以及")
    assert not statement_ok("在这一章里我们会搭建一个私有的镜像仓库服务，并且配置访问认证。")  # the book's own chapter


def test_no_table_item_asks_who_maintains_a_thing_a_version_or_a_lone_mark() -> None:
    runtimes = """# 运行时

| 运行时 | 维护者 | 主要特性 | 引擎 |
| --- | --- | --- | --- |
| crun | 红帽 | 用 C 语言写成 | 原生进程 |
| kata | 开放基础设施基金会 | 轻量虚拟机隔离 | QEMU 虚拟机 |
| gvisor | 谷歌 | 用户态内核拦截系统调用 | 沙箱进程 |
| rktnetes | 社区 | 支持rkt | 应用容器 |
"""
    items = [i for i in _items(runtimes) if i.kind.startswith("table")]
    assert items  # the features and engines are asked
    assert not [i for i in items if "维护者" in i.question or answer_of(i) in {"红帽", "谷歌", "社区"}]
    assert not [i for i in items if answer_of(i) == "rktnetes" and "rkt」" in i.question]  # 支持rkt gives rktnetes away
    versions = """# 兼容性

| Cluster | Spec | Status |
| --- | --- | --- |
| v1.9 | v0.1.0 | Alpha |
| v1.10 | v0.2.0 | Beta |
| v1.11-v1.12 | v0.3.0 | GA |
"""
    assert not [i for i in _items(versions) if i.kind.startswith("table")]
    marks = """# 存储插件

| 插件 | 内置供应 |
| --- | --- |
| 本地卷 | ✗ |
| 网络卷 | ✓ |
| 对象卷 | ✗ |
| 配置卷 | ✗ |
"""
    assert not [i for i in _items(marks) if "「✓」" in i.question]  # a mark alone tells no row


def test_roles_joined_in_a_heading_name_no_section_to_offer() -> None:
    assert generic_title("已知问题及修复版本") and generic_title("注意事项与限制")
    assert not generic_title("Deployment 与 StatefulSet") and not generic_title("RDB 快照")


def test_a_sentence_leading_into_the_command_below_it_does_not_stand_alone() -> None:
    assert not statement_ok("Kubernetes DNS 的部署非常简单，只需要运行")
    assert not statement_ok("跟前面类似，先启动一个 nginx 服务并暴露它的端口")  # what came before
    assert statement_ok("容器启动以后会一直在后台运行，直到主进程退出为止。")


def test_a_heading_of_an_aspect_names_no_term_even_when_its_ending_is_stripped() -> None:
    assert term_title("工作原理") == "" and term_title("实现原理") == ""
    assert term_title("Flannel原理") == "Flannel"  # what has the aspect is named


def test_sections_offered_as_which_one_name_things_apart_or_problems() -> None:
    assert things_apart(["Flannel", "Calico", "Cilium"]) and things_apart(["Serial", "CMS", "G1"])
    assert things_apart(["Pod 无法解析 DNS", "Service 无法访问", "Node 自动重启"])  # problems
    assert not things_apart(["API 版本", "Egress 流量", "故障恢复"])  # aspects of one thing
    assert not things_apart(["ConfigMap 创建", "ConfigMap 使用", "不可变 ConfigMap"])


def test_an_answer_said_in_other_words_in_the_stem_is_a_giveaway() -> None:
    passage = Passage(0, "n.md", 3, ("虚拟化",), "某段笔记。", "paragraph")
    # 完整 is Cilin's synonym of 完全: the stem tells 完全虚拟化 by its wording, not the notes
    told = Draft("definition", "“虚拟机管理软件模拟完整的底层硬件环境”——这说的是哪一种虚拟化？", "完全虚拟化",
                 (("部分虚拟化", "超虚拟化", "操作系统级虚拟化"),), "某段笔记。", passage, topic="虚拟化技术")
    assert finish(told, 0) is None
    fair = dataclasses.replace(told, question="“虚拟机管理软件模拟真实的底层硬件环境”——这说的是哪一种虚拟化？")
    assert finish(fair, 0) is not None


def test_a_topic_that_is_one_heading_inside_a_page_names_what_the_page_is_about() -> None:
    # "在「卷」中" says nothing of containers; the page's own title (基本概念) is generic, the
    # folder's is not: the poll shows 「容器编排基础 › 卷」
    files = {
        "orch/README.md": "# 容器编排基础\n\n本章介绍容器编排的基本概念和常用对象。\n",
        "orch/concepts.md": "# 基本概念\n\n## 卷\n\n| 卷类型 | 说明 |\n| --- | --- |\n"
        "| emptyDir | 临时存储，Pod 删除后数据丢失 |\n| hostPath | 挂载节点上的目录，数据留在节点 |\n"
        "| configMap | 把配置以文件的形式挂进容器 |\n| persistentVolumeClaim | 申请集群提供的持久存储 |\n",
    }
    items = [i for i in build_quiz_items(parse_notes(files), files=files) if i.source.file == "orch/concepts.md"]
    assert items
    assert all(i.question.startswith("在「容器编排基础 › 卷」中") for i in items), [i.question for i in items]


def test_a_heading_naming_the_answer_in_chinese_is_not_its_topic() -> None:
    # 容器终止信号配置 is ContainerStopSignals word for word (container 容器, signal 信号)
    assert topic_of(("Pod", "容器生命周期钩子", "容器终止信号配置"), ("ContainerStopSignals",)) == "Pod › 容器生命周期钩子"
    assert topic_of(("Pod", "容器生命周期钩子", "终止前的清理"), ("ContainerStopSignals",)) == "容器生命周期钩子 › 终止前的清理"


def test_a_sentence_with_a_blank_asks_what_fills_it_and_keeps_its_items_id() -> None:
    from bot import texts
    from bot.quiz.item import item_id

    passage = Passage(0, "n.md", 3, ("网络", "插件"), "Calico 是一个纯三层的网络方案。", "paragraph")
    asked = texts.QUIZ_DEFINITION_PLAIN.format(description="____是一个纯三层的网络方案")
    item = finish(Draft("definition", asked, "Calico", (("Flannel", "Weave", "Cilium"),), "某段笔记。", passage), 0)
    assert item is not None and item.question.endswith("——空白处是哪一项？")
    # the id is the one the item had when it was asked "这说的是哪一项": its review history stays
    assert item.id == item_id("definition", passage.text, asked, "Calico")


TOOLS = """# 开发工具

## Skaffold

Skaffold 监视本地代码的变化，自动构建镜像并推送到镜像仓库，再部署到集群。

在使用 Skaffold 之前需要确保

* 本地 Docker 处于运行状态并登录镜像仓库，推送凭据已经配置

Skaffold 推送之前会检查镜像仓库的凭据，凭据缺失时构建会中止。

## Draft

Draft 根据代码的语言自动生成 Dockerfile 和 Helm Chart，降低上手的门槛。

## Helm

Helm 是 Kubernetes 的包管理工具，用 Chart 描述一组相关的资源。

## Argo

Argo 是基于 Kubernetes 的工作流引擎，每一步都在一个容器里运行。
"""


def test_a_prerequisite_is_no_statement_of_its_section() -> None:
    # "在使用 Skaffold 之前需要确保" + "本地 Docker 处于运行状态…": what any tool may need first
    files = {"n.md": TOOLS}
    view = NotesView(askable_notes(parse_notes(files), files), files)
    nodes = {n.title: n for n in view.outline.nodes.values()}
    others = [(nodes[t], t) for t in ("Draft", "Helm", "Argo")]
    best = best_statement(view, nodes["Skaffold"], "Skaffold", others, set())
    assert best is None or "处于运行状态" not in best[1]
    # ... nor a step of using it ("使用方法" + "控制管理器配置 --kubeconfig")
    steps = TOOLS.replace("在使用 Skaffold 之前需要确保", "使用方法")
    view = NotesView(askable_notes(parse_notes({"n.md": steps}), {"n.md": steps}), {"n.md": steps})
    nodes = {n.title: n for n in view.outline.nodes.values()}
    best = best_statement(view, nodes["Skaffold"], "Skaffold", [(nodes[t], t) for t in ("Draft", "Helm", "Argo")], set())
    assert best is None or "处于运行状态" not in best[1]
