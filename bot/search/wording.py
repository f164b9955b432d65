"""What a question word contributes: function words, question words and greetings carry no topic.

General language knowledge (not about any notes): "什么", "怎么", "吗" ask, they do not name a
topic; "原理", "区别", "例子" say which side of a topic is asked about, so they weigh little; and the
wording says what kind of answer is wanted (a definition, a classification, a comparison, an amount,
a year: `question_intent`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "ASPECT_WEIGHT",
    "CHINESE_ASPECT_WORDS",
    "CHINESE_FUNCTION_WORDS",
    "Intent",
    "is_aspect_word",
    "intent_words",
    "is_function_word",
    "question_intent",
]

# Question words, particles, pronouns, copulas, auxiliaries and other words that name no topic.
CHINESE_FUNCTION_WORDS = frozenset(
    """
    什么 什麽 啥 怎么 怎样 怎么样 怎麼 如何 为什么 为啥 为何 干嘛 哪 哪个 哪些 哪种 哪类 哪样 哪里 哪儿
    哪几个 哪几种 哪几类 几 几个 几种 几类 多少 多少个 多久 多长 多大 多长时间 何 何时 何种 什么样 是不是
    有没有 能不能 可不可以 会不会 要不要 是否 能否 可否 吗 呢 吧 啊 呀 嘛 么 哦 呗 哈 噢 喔 嗯 么样
    是 的 地 得 了 着 过 也 都 又 还 就 才 而 且 并 及 与 和 跟 同 或 或者 还是 以及 和与 对 对于 关于 在 于 从
    比 向 把 被 给 让 由 以 为 将 之 其 这 那 这个 那个 这些 那些 这种 那种 这样 那样 此 该 它 它们 他 她 他们
    我 我们 你 你们 您 咱们 自己 有 有的 有些 没有 没 不 别 很 太 最 更 非常 一些 一下 一个 一种 个 种
    些 做些 能 能够 可以 可 会 要 需要 应该 应当 得到 想 想要 想知道 知道 请问 请 问 问题 说 说说 讲 讲讲 谈谈 聊聊
    告诉 告诉我 介绍 介绍一下 解释 解释一下 简述 简单 简要 描述 一般 通常 主要 具体 到底 究竟 呢 等 等等
    上 下 中 里 内 时 时候 的话 所 所以 因为 因此 如果 那么 然后 还有 另外 以及 其中 之类 之类的
    好 坏 快 慢 高 低 大 小 多 少 强 弱 好不好 行不行 对不对 甚么 哪一年 哪年 哪一天 哪天 什么时候 啥时候
    哪一个 哪一种 哪一类 哪一些 几大类 几大 哪几大类 几年 多会儿 怎么说 怎么讲 咋 咋样 谁 是谁 哪位 什么人 何为 何谓 什么叫 什么叫做 啥叫
    叫做 叫作 什么东西 啥东西 东西 啥玩意 大致 大概 大约 大体 大体上 基本上 一般来说 总的来说 简单来说 简单说 带来
    用 要用 拿 做 搞 弄 干 去 来 用到 拿来 用起来 起来 看起来 使用起来 哪门 哪家 哪款 哪部 哪方面
    几点 几号 几月 周几 星期几 礼拜几 现在 目前 当前 如今 今天 明天 昨天 今年 去年 明年
    秒钟 钟头 是什么 叫什么 指什么 什么意思 啥意思 意思 是啥 干什么 做什么 用来 用于 用来做 含义 指的是 指 所谓 叫 称为
    你好 您好 大家好 早上好 早安 上午好 中午好 下午好 晚上好 晚安 哈喽 嗨 谢谢 谢谢你 多谢 感谢 辛苦了
    再见 拜拜 在吗 在不在 哈哈 哈哈哈 嘿嘿 呵呵 好的 好吧 收到 明白 了解
    """.split()
)

# Words that name the side of a topic a question asks about: worth a little, never the topic.
CHINESE_ASPECT_WORDS = frozenset(
    """
    原理 作用 用途 用处 功能 特点 特性 特征 优点 缺点 优势 劣势 好处 坏处 区别 差别 不同 异同 联系 关系 比较 一样 不一样 相同 一致
    长处 短处 对比 定义 概念 例子 举例 举个例子 例如 比如 示例 方式 方法 办法 步骤 流程 过程 机制 原因 理由 目的
    意义 影响 结果 场景 应用场景 分类 类型 种类 类别 组成 结构 构成 包括 包含 属于 代表 典型 历史 由来 起源
    发展 演进 演化 演变 变迁 历程 发展史 时间 年代 版本 如何做 怎么做 怎么用 用法 使用 阶段 全称 简称 全名 英文 英文名 中文
    中文名 缩写 名字 名称 说法 叫法 解释 含义 最多 最少 最大 最小 上限 下限
    """.split()
)

_ENGLISH_FUNCTION = frozenset(
    """
    a an the is are was were be been being am do does did done doing have has had having what whats
    what's which who whom whose why how when where whether if or and but nor not no yes of to in on at
    by for from with without about into onto over under than then so such as it its it's this that
    these those there here i me my we our you your he she they them their can could would should shall
    will may might must please tell explain describe define meaning mean means give some any many much
    more most use used using does difference between vs versus example examples e.g eg ie i.e kind
    kinds type types way ways hello hi hey thanks thank bye goodbye good morning afternoon evening night
    ok okay yes please sorry stand stands called named acronym abbreviation abbreviated
    created released founded invented introduced launched published appeared born happen happened
    all every each just only also really actually ever even still anyway exactly basically simply very
    too well lot lots thing things stuff something anything someone people one ones
    write writes wrote written writing make makes made making work works worked working get gets got
    gotten getting go goes went gone going come comes came take takes took taken keep keeps kept let
    lets seem seems look looks like want wants need needs needed know knows knew known think thought
    say says said told help helps helped try tries tried belong belongs belonged become becomes became
    exist exists existed consist consists mentioned s t
    """.split()
)

# The weight of an aspect word, relative to a topic word of the same rarity.
ASPECT_WEIGHT = 0.25


# A number or question word with a measure word ("几秒", "两大类", "三种", "多少次") counts or asks.
_COUNTED = re.compile(
    r"^(?:几|哪|多少|[一二两三四五六七八九十百千万]+)大?"
    r"(?:类|种|个|秒|秒钟|分钟|小时|钟头|天|年|月|周|次|倍|台|款|项|步|层|级|部分|方面|代|点|条|句)$"
)


def is_function_word(word: str) -> bool:
    """A (normalised) word that names no topic: question words, particles, pronouns, copulas."""
    return word in CHINESE_FUNCTION_WORDS or word in _ENGLISH_FUNCTION or bool(_COUNTED.match(word))


def is_aspect_word(word: str) -> bool:
    """A (normalised) word that says which side of a topic is asked: "原理", "区别", "例子"."""
    return word in CHINESE_ASPECT_WORDS


@dataclass(frozen=True)
class Intent:
    """What kind of answer a question asks for, read from its wording alone."""

    definition: bool = False  # 什么是X, X是什么, X是指, 介绍一下X, what is X
    classification: bool = False  # X有哪几类, X分为哪些, X有哪些类型
    comparison: bool = False  # X和Y的区别, X对比Y, 优缺点, X vs Y
    quantity: bool = False  # 多少, 几个, 多快, how many
    time: bool = False  # 哪一年, 什么时候, when
    evaluation: bool = False  # X有什么优点, X好在哪, X的缺点, advantages of X


_END = r"[\s?？。.!！~～]*$"
_DEFINITION = re.compile(
    r"(?<!为)什么是|什么叫|啥是|啥叫|何为|何谓"
    r"|^(?:请问\s*|给我|请)?(?:介绍一下|介绍下|介绍|解释一下|解释下|简述|说说|讲讲|谈谈)"
    r"|(?:是什么|是啥|是指什么|指的是什么|指什么|指的是|是指|是什么意思|什么意思|啥意思|是什么东西|是啥东西|是个啥|"
    r"是个什么|是怎么回事|怎么回事|的定义|的概念|的含义|定义|概念)" + _END
    + r"|^(?:what\s+is|what's|whats|what\s+are|what\s+does\s+\S+\s+mean|define|explain)\b"
)
_CLASSIFICATION = re.compile(
    r"有几种|有几类|分几种|分几类|哪几类|哪几种|哪些类|哪些种|哪几个类|哪两类|哪两种|哪三类|哪三种|几类|几种类型|几大类|分为|分成|分哪|分类|"
    r"类型有哪些|种类有哪些|有哪些类型|有哪些种类|细分|的(?:种类|类型|类别)" + _END
    + r"|\bkinds?\s+of\b|\btypes?\s+of\b|\bcategor"
)
# Latin words next to Chinese characters have no \b between them ("容器vs虚拟机"): look at letters.
_COMPARISON = re.compile(
    r"比较|对比|相比|比起|(?<=[\u4e00-\u9fffa-z0-9])比(?![如方例率特赛])(?=[\u4e00-\u9fffa-z0-9])|优缺点|优劣|哪个好|哪个更|(?<![a-z])(?:vs|versus)(?![a-z])|\bdifferences?\b|\bcompar"
)
# "区别", "不同" compare only two named things ("A和B的区别"); "在不同环境" is no comparison.
_DIFFERENCE = re.compile(r"区别|差别|差异|异同|不同|不一样")
_TWO_THINGS = re.compile(r"[和与跟及]|(?<!不)同|(?<![a-z])(?:and|or)(?![a-z])")
_TIME = re.compile(r"哪一?年|什么时候|啥时候|何时|哪个年代|什么年代|几几年|哪一天|\bwhen\b|\bwhat\s+year\b")
_QUANTITY = re.compile(r"多少|(?<!哪)几个|几台|几十|几百|几千|几秒|几分钟|几小时|多大|多快|多久|多长|多高|多低|\bhow\s+(?:many|much|long|fast|big)\b")


_EVALUATION = re.compile(
    r"优点|缺点|优势|劣势|好处|坏处|长处|短处|优缺点|优劣|[好强差弱]在哪|(?<![a-z])(?:advantages?|benefits?|drawbacks?|disadvantages?|pros|cons)(?![a-z])"
)

_SPACED = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")


def question_intent(text: str) -> Intent:
    """The kind of answer a (normalised) question asks for."""
    text = _SPACED.sub("", text.strip())  # "容器 是 什么" reads as "容器是什么"
    return Intent(
        definition=bool(_DEFINITION.search(text)),
        classification=bool(_CLASSIFICATION.search(text)),
        comparison=bool(_COMPARISON.search(text) or (_DIFFERENCE.search(text) and _TWO_THINGS.search(text))),
        quantity=bool(_QUANTITY.search(text)),
        time=bool(_TIME.search(text)),
        evaluation=bool(_EVALUATION.search(text)),
    )


_INTENT_WORDS = {
    "definition": frozenset("定义 概念 含义 意思 解释 意义".split()),
    "classification": frozenset("分类 类型 种类 类别 分为 分成 细分 分 包括 包含".split()),
    "comparison": frozenset("区别 差别 差异 不同 异同 优缺点 优劣".split()),
}


def intent_words(intent: Intent) -> frozenset[str]:
    """Words that only say what kind of answer an intent asks for ("定义" for a definition)."""
    words: frozenset[str] = frozenset()
    for name, group in _INTENT_WORDS.items():
        if getattr(intent, name):
            words |= group
    return words
