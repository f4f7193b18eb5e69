"""`python -m generator.pelican_plugin`: the build, skipped when its output is up to date (see up_to_date.py)."""

from generator.pelican_plugin.up_to_date import main

raise SystemExit(main())
