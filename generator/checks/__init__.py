"""Stage 2, check: the rules that span fields, files and dates: identity and look-alikes, references, dates,
logos, the program files.
"""
