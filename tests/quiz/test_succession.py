"""A thing the notes say takes another's place is no wrong answer for what they say of that one."""

from __future__ import annotations

from bot.notes.corpus import parse_notes
from bot.quiz.succession import succeeds
from bot.quiz.view import NotesView
from tests.quiz.fixtures import answer_of, items_of

OBJECTS = """# 资源对象

## Ingress

Ingress 可以给 Service 提供集群外部访问的 URL、负载均衡、SSL 终止和 HTTP 路由。

## Gateway API

Gateway API 是 Kubernetes 社区推出的用于配置和管理网关的新一代 API，是 Ingress 资源的演进版本。

## Service

Service 为一组功能相同的 Pod 提供统一的访问入口，并在这些 Pod 之间做负载均衡。

## ConfigMap

ConfigMap 用来保存非敏感的配置数据，Pod 可以把它挂载为文件或者环境变量。

## Secret

Secret 用来保存密码、令牌和密钥等敏感数据，避免把它们写进镜像。
"""


def test_the_successor_is_no_wrong_answer_for_a_sentence_on_what_it_replaces() -> None:
    items = items_of(OBJECTS)
    on_ingress = [i for i in items if "提供集群外部访问的 URL" in i.question]
    assert on_ingress and all("Gateway API" not in i.options for i in on_ingress)
    # nor is Ingress's sentence said of Gateway API as a false statement: it may well hold of it
    assert not [o for i in items for o in i.options if o.startswith("Gateway API 可以给 Service")]
    # it stays a wrong answer where nothing ties it to the answer
    assert any("Gateway API" in i.options and answer_of(i) == "Service" for i in items)


def test_which_one_takes_the_others_place_is_read_from_the_sentence() -> None:
    notes = """# 镜像

目前官方已开始推荐使用 Alpine 替代之前的 Ubuntu 作为基础镜像环境。

在很多发行版中，CentOS 被 Rocky Linux 取代。

获取 token 后，替换掉 etcd.yaml 里的变量，即可以由 kubelet 来启动一个 etcd 集群。
"""
    view = NotesView(parse_notes({"n.md": notes}), {})
    assert succeeds("Alpine", "Ubuntu", view) and not succeeds("Ubuntu", "Alpine", view)
    assert succeeds("Rocky Linux", "CentOS", view) and not succeeds("CentOS", "Rocky Linux", view)
    # a word of replacing in a sentence naming both says nothing of the two
    assert not succeeds("etcd", "kubelet", view) and not succeeds("kubelet", "etcd", view)
