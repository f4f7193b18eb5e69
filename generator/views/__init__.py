"""Stage 4, describe: decisions turned into what the pages show. All the site's words live here."""
