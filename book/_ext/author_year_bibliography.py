"""The references page in the chapters' author-year style.

Each chapter cites "(Granovetter, 1973)" and lists its works as "Granovetter, M. S. (1973). The
Strength of Weak Ties. *American Journal of Sociology*, 78(6), 1360–1380. https://doi.org/…".
sphinxcontrib-bibtex's default style labels the same entries [Gra73] instead. This registers a
pybtex style, `course_author_year`, that writes entries the way the chapters do, sorted by author
and year; `_config.yml` selects it. The entries stay a citation list, so the chapters' {cite} references
link to them; static/references.css hides the list's [Gra73] labels, since each entry now starts
with its authors and year."""

from __future__ import annotations

from pybtex.plugin import register_plugin
from pybtex.style.formatting import toplevel
from pybtex.style.formatting.unsrt import Style as UnsrtStyle
from pybtex.style.formatting.unsrt import dashify
from pybtex.style.template import field, href, join, names, optional, sentence, tag

STYLE = "course_author_year"


class AuthorYearStyle(UnsrtStyle):
    default_name_style = "lastfirst"
    default_sorting_style = "author_year_title"

    def __init__(self, **kwargs):
        kwargs.setdefault("abbreviate_names", True)
        super().__init__(**kwargs)

    def author_year(self):
        # "Sandstrom, G. M., & Dunn, E. W. (2014)." as in the chapters' reference lists
        authors = names("author", sep=", ", sep2=", & ", last_sep=", & ")
        return join(sep=" ")[authors, join["(", field("year"), ")."]]

    def doi_link(self):
        url = join["https://doi.org/", field("doi", raw=True)]
        return optional[href(url)[url]]

    def get_article_template(self, e):
        volume = join[field("volume"), optional["(", field("number"), ")"]]
        return toplevel[
            self.author_year(),
            sentence[field("title")],
            sentence[tag("em")[field("journal")], optional[volume], optional[field("pages", apply_func=dashify)]],
            self.doi_link(),
        ]

    def get_book_template(self, e):
        return toplevel[
            self.author_year(),
            sentence[tag("em")[field("title")]],
            sentence[field("publisher")],
        ]


def register_style() -> None:
    register_plugin("pybtex.style.formatting", STYLE, AuthorYearStyle)


def setup(app):
    register_style()
    app.add_css_file("references.css")  # book/_ext/static/, on html_static_path (accessible_pages)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
