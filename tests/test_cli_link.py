"""`python -m workbook link` prints the nbgitpuller link an instructor gives a room with a hub."""

import urllib.parse

from workbook.cli import main


def test_link_opens_the_chapter_in_the_learners_own_copy(capsys):
    assert main(["link", "--hub", "https://hub.example.org/", "--repo", "https://github.com/you/course.git", "07"]) == 0
    link = urllib.parse.urlparse(capsys.readouterr().out.strip())
    assert (link.scheme, link.netloc, link.path) == ("https", "hub.example.org", "/hub/user-redirect/git-pull")
    assert urllib.parse.parse_qs(link.query) == {
        "repo": ["https://github.com/you/course.git"], "branch": ["main"],
        "urlpath": ["lab/tree/course/book/lessons/07-reciprocity.ipynb"]}


def test_link_refuses_a_hub_without_a_scheme_and_an_unknown_chapter(capsys):
    assert main(["link", "--hub", "hub.example.org", "--repo", "https://github.com/you/course"]) == 2
    assert "--hub must be a web address" in capsys.readouterr().err
    assert main(["link", "--hub", "https://hub.example.org", "--repo", "https://github.com/you/course", "99"]) == 2
    assert "no chapter '99'" in capsys.readouterr().err


def test_the_instructor_guide_shows_the_link_the_command_prints(capsys):
    from pathlib import Path

    main(["link", "--hub", "https://hub.example.org", "--repo", "https://github.com/YOU/networking-workbook", "00"])
    guide = (Path(__file__).resolve().parent.parent / "book" / "instructors" / "serving.md").read_text()
    assert capsys.readouterr().out.strip() in guide
