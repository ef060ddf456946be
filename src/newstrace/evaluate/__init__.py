"""Evaluations on public data sets: the figures behind the quality gates."""
