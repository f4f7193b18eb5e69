"""Stage 3, evaluate: the rule kinds, the engine that judges every badge and tier as of a date, and the trust events."""
