"""The course's own addresses for the slides and the join page. The link learners open is always the
instructor's (`--link`): their hub, or the in-browser course they serve (book/instructors/serving.md)."""

COURSE_TITLE = "Build and keep your network"
# Where the course's source is published: empty until it is (like repository.url in _config.yml),
# so no slide or join page sends a room to an address that does not exist.
COURSE_URL = ""
