"""Property tests: arbitrary Unicode never breaks normalising, tokenising, parsing or answering, and
an answer is always a passage of the notes."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.notes.corpus import parse_notes
from bot.search.answer import Answer, NotFound, answer_question, search
from bot.search.index import Index
from bot.search.text import normalize, normalize_with_offsets
from bot.search.tokenize import index_tokens, query_words
from tests.search import reference

# Any Unicode text, with Chinese and the notes' own vocabulary well represented.
_WORDS = st.sampled_from(["容器", "虚拟化", "Docker", "什么", "的", "LXC", "是", "？", "（", "**", "> ", "\n", "dcoker"])
_TEXT = st.one_of(
    st.text(max_size=60),
    st.lists(st.one_of(_WORDS, st.text(max_size=3)), max_size=12).map("".join),
    st.text(alphabet=st.characters(min_codepoint=0x3000, max_codepoint=0x9FFF), max_size=30),
)
_FAST = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@given(_TEXT)
@_FAST
def test_normalize_is_total_and_idempotent(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once
    normalised, offsets = normalize_with_offsets(text)
    assert len(offsets) == len(normalised)
    assert all(0 <= a <= b < len(text) for a, b in zip(offsets, offsets[1:]))


@given(st.text(alphabet=st.sampled_from("Ａａ①½㎏ﬁ\u200b\x07語言發臺灣aZ 9，,。"), max_size=20) | _TEXT)
@_FAST
def test_offsets_are_the_plain_ones_whatever_the_characters_fold_to(text: str) -> None:
    normalised, offsets = normalize_with_offsets(text)
    plain, plain_offsets = reference.normalize_with_offsets(text)
    assert normalised == plain and tuple(offsets) == plain_offsets


@given(_TEXT)
@_FAST
def test_tokenising_never_fails(index: Index, text: str) -> None:
    normalised = normalize(text)
    assert all(token for token in index_tokens(index.tokenizer, normalised))
    for word, position in query_words(index.tokenizer, normalised):
        assert normalised[position : position + len(word)] == word


@given(_TEXT)
@_FAST
def test_answers_are_always_passages_of_the_notes(index: Index, question: str) -> None:
    passages = set(index.corpus.passages)
    result = answer_question(index, question)
    assert isinstance(result, (Answer, NotFound))
    if isinstance(result, Answer):
        for hit in (result.best, *result.related):
            assert hit.passage in passages
            assert 0.0 <= hit.score <= 1.0
            assert all(fragment in hit.passage.text for fragment in hit.matched)
    else:
        sections = set(index.corpus.sections)
        assert set(result.suggestions) <= sections and set(result.unwritten) <= sections
    assert all(hit.passage in passages for hit in search(index, question, 5))


@given(st.text(max_size=300))
@_FAST
def test_any_markdown_parses(text: str) -> None:
    corpus = parse_notes({"x.md": text})
    assert all(p.text.strip() for p in corpus.passages)
    assert all(p.line >= 0 for p in corpus.passages)
