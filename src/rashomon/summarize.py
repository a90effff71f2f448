"""The cited summary; it lives in :mod:`rashomon.event.summary` (this module keeps the old import path)."""

from rashomon.event.summary import describe_conflict, stands_alone, summarize, word_budget

__all__ = ["describe_conflict", "stands_alone", "summarize", "word_budget"]
