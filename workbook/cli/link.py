"""`link`: the nbgitpuller link that opens the course on a JupyterHub.

    python -m workbook link --hub https://hub.example.org --repo https://github.com/you/course [07] [--branch main]

Each learner who follows the link gets their own copy of the repository on the hub (nbgitpuller
pulls it, and later updates it without touching their changes), with the chapter open in JupyterLab."""

from __future__ import annotations

import sys
import urllib.parse

from ..course import chapter as find_chapter


def register(commands) -> None:
    parser = commands.add_parser("link", help="print the link that opens the course on a JupyterHub (nbgitpuller)")
    parser.add_argument("--hub", required=True, metavar="URL", help="the hub's address, e.g. https://hub.example.org")
    parser.add_argument("--repo", required=True, metavar="URL", help="the public git repository of the course")
    parser.add_argument("--branch", default="main", help="the branch to pull (default: main)")
    parser.add_argument("chapter", nargs="?", default="00", help="the chapter to open, e.g. 07 (default: 00)")
    parser.set_defaults(handler=run)


def nbgitpuller_link(hub: str, repo: str, chapter: str = "00", branch: str = "main") -> str:
    for name, url in (("--hub", hub), ("--repo", repo)):
        if urllib.parse.urlparse(url).scheme not in ("http", "https") or not urllib.parse.urlparse(url).netloc:
            raise ValueError(f"{name} must be a web address starting with https://, not {url!r}")
    folder = urllib.parse.urlparse(repo).path.rstrip("/").split("/")[-1].removesuffix(".git")
    notebook = f"book/lessons/{find_chapter(chapter).name}.ipynb"
    query = urllib.parse.urlencode({"repo": repo, "branch": branch, "urlpath": f"lab/tree/{folder}/{notebook}"})
    return f"{hub.rstrip('/')}/hub/user-redirect/git-pull?{query}"


def run(args) -> int:
    try:
        print(nbgitpuller_link(args.hub, args.repo, args.chapter, args.branch))
    except (ValueError, KeyError) as error:
        print(f"workbook: {error.args[0]}", file=sys.stderr)
        return 2
    return 0
