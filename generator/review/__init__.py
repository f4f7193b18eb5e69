"""Pull-request review: which files a pull request changes, and whether its author may change them."""
