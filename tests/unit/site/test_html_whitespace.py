"""Pages lose their templates' indentation, never the whitespace that is content."""

from __future__ import annotations

from generator.site.html_whitespace import without_indentation


def test_the_indentation_and_blank_lines_go_and_every_line_break_stays() -> None:
    page = "<main>\n    <p>One</p>\n\n\t<p>Two\n      words</p>\n</main>\n"
    assert without_indentation(page) == "<main>\n<p>One</p>\n<p>Two\nwords</p>\n</main>\n"


def test_code_blocks_text_areas_scripts_and_styles_keep_their_whitespace() -> None:
    kept = (
        '<pre class="snippet"><code>def f():\n    return 1\n</code></pre>',
        "<textarea>\n  indented\n</textarea>",
        '<script type="application/ld+json">\n  {"a": 1}\n</script>',
        "<style>\n  p { margin: 0 }\n</style>",
        "<PRE>\n  upper case\n</PRE >",
    )
    for block in kept:
        assert without_indentation(f"<div>\n  {block}\n  <p>x</p>\n</div>") == f"<div>\n{block}\n<p>x</p>\n</div>"


def test_a_page_without_indentation_is_left_as_it_is() -> None:
    page = "<!DOCTYPE html>\n<html>\n<body>\n<p>Hi</p>\n</body>\n</html>\n"
    assert without_indentation(page) == page
