"""rashomon: many news reports of one event, one verified, source-attributed account."""

__version__ = "0.1.0"
