"""Fingerprints and candidate generation: shingles, MinHash, postings."""
