"""A push to many chats goes through the rate limiter: every chat served, no 429 from flood control.

The full-size figures (200 chats) come from `python -m tests.telegram.bench_push`; this is the same
code on 40 chats, asserting outcomes (all pushed, nothing refused), never timings.
"""

from __future__ import annotations

from pathlib import Path

from tests.telegram.bench_push import run_bench


async def test_a_push_to_forty_chats_keeps_within_flood_control(tmp_path: Path) -> None:
    figures = await run_bench(chats=40, polls=1, group_share=0.5, data_dir=tmp_path)
    assert figures.pushed == 40 and figures.failed == 0 and figures.dropped == 0
    assert figures.messages == 80  # a header and one poll each
    assert figures.too_many == 0  # the stand-in answers 429 past ~30/s overall or 20/min per group
    assert figures.peak_group_per_minute <= 20
