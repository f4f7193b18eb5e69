"""Stage 1, load: the data tree's layout, strict YAML with positions, scalars, and records validated with
located errors.
"""
