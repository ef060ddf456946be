"""Alignment of candidate pairs into passages, and the relations built on them."""
