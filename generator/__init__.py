"""Trust Pages: a marketplace's partner and app records, with their dated security evidence, as a trust site.

The build is one pipeline (``generator.build``), each stage a package, each a function of the one before::

    load      data/ → records, every value located in its file        generator.load
    check     rules across fields, files and dates                     generator.checks
    evaluate  every badge and tier as of a date, and trust events      generator.policy
    describe  decisions → what each page shows, in words               generator.views, generator.site
    write     HTML pages (through Pelican), API, feeds, badges, …      generator.pelican_plugin, generator.outputs
    index     Pagefind over the written site                           generator.search
    verify    every planned page and file is there                     generator.site.verify

The records and the policy model are in ``generator.records``; the command line in ``generator.cli``.
``docs/architecture.md`` describes each stage and the import rules between them.
"""
