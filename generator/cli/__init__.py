"""The command line: validate, readiness, diff, check-pr, schema. It never imports Pelican."""
