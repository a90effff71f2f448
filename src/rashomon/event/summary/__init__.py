"""The cited summary: extractive, redundancy removed across reports, in reading order, each sentence citing every
report that states all of its facts and no other."""

from rashomon.event.summary.candidates import stands_alone
from rashomon.event.summary.compose import summarize
from rashomon.event.summary.conflicts import describe_conflict
from rashomon.event.summary.select import word_budget

__all__ = ["describe_conflict", "stands_alone", "summarize", "word_budget"]
