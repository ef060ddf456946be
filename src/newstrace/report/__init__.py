"""Reports: the canonical JSON report and its readers."""
