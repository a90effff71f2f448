"""Evaluations on real data that nobody on the team wrote (../shared/data): readers, gold sets, scores."""
