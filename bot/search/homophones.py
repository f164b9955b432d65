"""Which Chinese characters sound alike: a typo made with a pinyin keyboard is a character of the
same sound (集裙 for 集群, 挂栽 for 挂载), so a slip of sound is told from a different word.

The table (`homophones.txt`: a toneless syllable, then the characters read so, one line each) holds
the 6,763 characters of GB 2312 as pypinyin reads them (MIT licence, with every reading of a
character: 行 is xing and hang). It is made by `python -m bot.search.homophones` with pypinyin
installed (a development dependency): the bot itself reads the 30 KB table, never pypinyin's
50 MB of dictionaries.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

__all__ = ["sound_alike", "spellings", "table_from_pypinyin"]

_TABLE = Path(__file__).with_name("homophones.txt")


@cache
def _readings() -> dict[str, frozenset[str]]:
    """Character → its toneless syllables."""
    readings: dict[str, set[str]] = {}
    for line in _TABLE.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        syllable, characters = line.split(" ", 1)
        for character in characters:
            readings.setdefault(character, set()).add(syllable)
    return {character: frozenset(syllables) for character, syllables in readings.items()}


def sound_alike(one: str, other: str) -> bool:
    """Whether two characters share a reading (tones aside); a character the table lacks sounds like
    nothing but itself."""
    if one == other:
        return True
    readings = _readings()
    return bool(readings.get(one, frozenset()) & readings.get(other, frozenset()))


_MOST_SPELLINGS = 32


def spellings(word: str) -> frozenset[str]:
    """A Chinese word's pinyin spellings, syllables run together, tones aside (阿里云: aliyun,
    eliyun); none when a character is not in the table or the readings would be too many."""
    readings = _readings()
    spelled = {""}
    for character in word:
        syllables = readings.get(character)
        if not syllables:
            return frozenset()
        spelled = {start + syllable for start in spelled for syllable in syllables}
        if len(spelled) > _MOST_SPELLINGS:
            return frozenset()
    return frozenset(spelled)


def table_from_pypinyin() -> str:
    """The table's text as pypinyin gives it today (development only: pypinyin is not installed
    with the bot)."""
    from pypinyin import Style, pinyin

    by_sound: dict[str, list[str]] = {}
    for code in range(0x4E00, 0xA000):
        character = chr(code)
        try:
            character.encode("gb2312")
        except UnicodeEncodeError:
            continue
        for syllable in sorted(set(pinyin(character, style=Style.NORMAL, heteronym=True)[0])):
            if syllable.isascii() and syllable.isalpha():
                by_sound.setdefault(syllable, []).append(character)
    lines = ["# toneless syllable, then the GB 2312 characters read so (from pypinyin, MIT licence)"]
    lines += [f"{syllable} {''.join(characters)}" for syllable, characters in sorted(by_sound.items())]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":  # pragma: no cover - development tool
    _TABLE.write_text(table_from_pypinyin(), encoding="utf-8")
