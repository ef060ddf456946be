"""Changes: what a derived document altered in its source (quotes, negations, numbers...)."""
