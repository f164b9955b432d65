"""Which thing the notes say takes another's place ("Alpine 替代之前的 Ubuntu", "Gateway API 是
Ingress 资源的演进版本"): what they say of the old one may hold of the new one, so the new one is no
fair wrong answer for a sentence on the old one."""

from __future__ import annotations

import re

from bot.quiz.text import normalize
from bot.quiz.view import NotesView

__all__ = ["succeeds"]

# How a sentence says one thing takes another's place or grows out of it, new one first: "Alpine
# 替代之前的 Ubuntu", "它是 Ingress 资源的演进版本", "X 的前身是 Y"; or passive, "Y 被 X 取代".
_REPLACES = "取代|替代|代替|替换|取而代之"
_SUCCESSION = (
    "{new}.{{0,12}}?(?:" + _REPLACES + ")[了掉]?.{{0,8}}?{old}",
    "{new}.{{0,40}}?{old}.{{0,6}}?(?:演进|下一代|新一代|升级版|增强版|继任者|后继)",
    "{new}的前身.{{0,4}}?{old}",
    "{old}.{{0,6}}?被.{{0,12}}?{new}.{{0,6}}?(?:" + _REPLACES + ")",
)


def succeeds(new: str, old: str, view: NotesView) -> bool:
    """Whether a sentence of the notes says the new thing takes the old one's place (see
    _SUCCESSION): what the notes say of the old may hold of the new (the other way round it most
    often does not: Alpine's small size is no fact of Ubuntu)."""
    patterns = [re.compile(p.format(new=re.escape(normalize(new)), old=re.escape(normalize(old)))) for p in _SUCCESSION]
    return any(
        any(p.search(folded) for p in patterns)
        for passage in view.passages_with(new)
        for _, folded in view.said(passage)
    )
