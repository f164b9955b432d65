"""What the bot counts for Prometheus: updates by kind, answers and refusals, quiz answers, pushes
sent and failed, and how long an update took from its arrival to its handler's end (its reply).

Each application has its own `Metrics` (its own registry: tests run several bots in one process);
they are always counted and served only with METRICS_PORT (`bot.telegram.http`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest

__all__ = ["Metrics", "pushes"]

# Reply latency buckets, in seconds: a question answers in tens of milliseconds; a push waits its turn.
_BUCKETS = (0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)


@dataclass(eq=False)
class Metrics:
    """The bot's counters in a registry of their own."""

    registry: CollectorRegistry = field(default_factory=lambda: CollectorRegistry(auto_describe=True))

    def __post_init__(self) -> None:
        r = self.registry
        self.updates = Counter("notesbot_updates", "Updates handled, by kind", ["kind"], registry=r)
        self.questions = Counter("notesbot_questions", "Questions answered from the notes or refused",
                                 ["outcome"], registry=r)
        self.quiz_answers = Counter("notesbot_quiz_answers", "Quiz poll answers scored", ["result"], registry=r)
        self.pushes = Counter("notesbot_pushes", "Daily pushes sent or failed", ["outcome"], registry=r)
        self.latency = Histogram("notesbot_update_seconds", "From an update's arrival to its handlers' end",
                                 ["kind"], buckets=_BUCKETS, registry=r)

    def exposition(self) -> bytes:
        """The metrics in Prometheus' text format."""
        return generate_latest(self.registry)


def pushes(metrics: Metrics, *, sent: int, failed: int) -> None:
    """Count a check's pushes."""
    if sent:
        metrics.pushes.labels("sent").inc(sent)
    if failed:
        metrics.pushes.labels("failed").inc(failed)
