"""Which thing the notes say takes another's place ("Alpine 替代之前的 Ubuntu", "Gateway API 是
Ingress 资源的演进版本"): what they say of the old one may hold of the new one, so the new one is no
fair wrong answer for a sentence on the old one."""

from __future__ import annotations

import functools
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
    first, second = normalize(new), normalize(old)
    candidates = [folded for folded in _replacing(view) if first in folded and second in folded]
    return any(p.search(folded) for folded in candidates for p in _patterns(first, second))


_WORD = re.compile(_REPLACES + "|演进|下一代|新一代|升级版|增强版|继任者|后继|前身")


def _replacing(view: NotesView) -> list[str]:
    """The notes' sentences (folded) that say something takes another's place, read once a view."""
    if "_replacing" not in view.__dict__:
        view.__dict__["_replacing"] = [folded for passage in view.corpus.passages for _, folded in view.said(passage) if _WORD.search(folded)]
    return view.__dict__["_replacing"]


@functools.lru_cache(maxsize=4096)
def _patterns(new: str, old: str) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p.format(new=re.escape(new), old=re.escape(old))) for p in _SUCCESSION)
