"""The course's own addresses, used on the slides and the join page when the instructor names no
other (tests check them against _config.yml and the serving guide)."""

COURSE_TITLE = "Build and keep your network"
COURSE_URL = "https://github.com/networking-workbook/networking-workbook"
# What learners open when the instructor names nothing else: chapter 00 on Binder (needs no hub).
DEFAULT_LINK = "https://mybinder.org/v2/gh/networking-workbook/networking-workbook/main?urlpath=lab/tree/notebooks/00-start-here.ipynb"
