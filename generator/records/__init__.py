"""Stage 0, the vocabulary: the record models partners and maintainers write, the policy model, and their JSON
Schemas.
"""
