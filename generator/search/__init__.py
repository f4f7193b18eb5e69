"""Stage 6, index: the Pagefind run over the written site, and its bundle made byte-stable."""
