"""The same synthetic records as a Hugo site, built by Debian's `hugo` and indexed by the same Pagefind.

The comparison the benchmark reports: a page per partner and per app with the same Markdown descriptions,
names, hosting and bug bounty facts, listing pages for both, and a search index over all of it. Hugo
decides no badge, so its pages show the records, not decisions: it is a floor for rendering and indexing
the same content, not a like-for-like trust site.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import yaml

from bench.measure import Sample, run_measured
from generator.search.pagefind_run import pagefind_command

HUGO = "/usr/bin/hugo"

_CONFIG = """\
baseURL = "https://trust.example.com/"
languageCode = "en"
title = "Trust Pages (Hugo comparison)"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT"]
"""
_BASEOF = """\
<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><header><a href="/">Trust Pages</a> <a href="/partners/">Partners</a> <a href="/apps/">Apps</a></header>
<main data-pagefind-body>{{ block "main" . }}{{ end }}</main></body></html>
"""
_SINGLE = """\
{{ define "main" }}<h1>{{ .Title }}</h1>
{{ with .Params.partner }}<p>By {{ . }}</p>{{ end }}
{{ with .Params.hosting }}<p>Hosting: {{ delimit . ", " }}</p>{{ end }}
{{ with .Params.bounty }}<p>Bug bounty on {{ .platform }} since {{ .since }}</p>{{ end }}
{{ with .Params.apps }}<ul>{{ range . }}<li><a href="/apps/{{ . }}/">{{ . }}</a></li>{{ end }}</ul>{{ end }}
{{ .Content }}{{ end }}
"""
_LIST = """\
{{ define "main" }}<h1>{{ .Title }}</h1>
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Params.partner }}</li>{{ end }}</ul>
{{ end }}
"""


def hugo_version() -> str | None:
    """Hugo's version, or None when it is not installed."""
    if not Path(HUGO).is_file():
        return None
    result = subprocess.run([HUGO, "version"], capture_output=True, text=True, check=False)
    return result.stdout.split()[1] if result.returncode == 0 and result.stdout else None


def write_hugo_site(data: Path, site: Path) -> None:
    """Hugo's source tree for the records under `data`."""
    shutil.rmtree(site, ignore_errors=True)
    (site / "layouts" / "_default").mkdir(parents=True)
    (site / "hugo.toml").write_text(_CONFIG, encoding="utf-8")
    for name, text in (("baseof.html", _BASEOF), ("single.html", _SINGLE), ("list.html", _LIST)):
        (site / "layouts" / "_default" / name).write_text(text, encoding="utf-8")
    (site / "layouts" / "index.html").write_text(_LIST.replace(".Pages", ".Site.RegularPages"), encoding="utf-8")
    for kind in ("partners", "apps"):
        (site / "content" / kind).mkdir(parents=True)
        (site / "content" / kind / "_index.md").write_text(f"---\ntitle: {kind.title()}\n---\n", encoding="utf-8")
    for profile in sorted((data / "partners").glob("*/partner.yaml")):
        partner = yaml.safe_load(profile.read_text(encoding="utf-8"))
        apps = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((profile.parent / "apps").glob("*.yaml"))]
        front = {"title": partner["name"], "website": partner["website"], "apps": [app["id"] for app in apps]}
        _page(site / "content" / "partners" / f"{partner['id']}.md", front, partner.get("description", ""))
        for app in apps:
            bounty = app.get("bug_bounty")
            front = {
                "title": app["name"],
                "partner": partner["name"],
                "hosting": app["hosting"],
                "bounty": {"platform": bounty["platform"], "since": str(bounty["since"])} if bounty else None,
            }
            _page(site / "content" / "apps" / f"{app['id']}.md", front, app.get("description", ""))


def _page(path: Path, front: dict[str, object], body: str) -> None:
    # JSON is YAML: front matter without a YAML writer's quirks.
    path.write_text(f"---\n{json.dumps(front)}\n---\n{body}", encoding="utf-8")


def build_hugo_site(data: Path, scratch: Path) -> Sample:
    """Write the Hugo source, then time Hugo's build and Pagefind's index of it together."""
    site = scratch / "source"
    public = scratch / "public"
    write_hugo_site(data, site)
    shutil.rmtree(public, ignore_errors=True)
    hugo = run_measured([HUGO, "--quiet", "--source", str(site), "--destination", str(public)], scratch)
    index = run_measured(pagefind_command(public), public)
    return Sample(hugo.seconds + index.seconds, max(hugo.peak_mib, index.peak_mib))
