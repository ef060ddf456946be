"""Provenance: which document is the source, stories, and claims."""
