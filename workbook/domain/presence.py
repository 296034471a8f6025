"""The online presence checklist per network, its score and what to do next. Plain Python; pandas
only inside the function whose job is a table."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd



@dataclasses.dataclass(frozen=True)
class PresenceItem:
    key: str
    label: str
    suggestion: str


NOT_USED = "not-used"  # saved as a checked item when the learner does not use a network

PRESENCE_CHECKLIST: dict[str, tuple[PresenceItem, ...]] = {
    "LinkedIn": (
        PresenceItem("photo", "A recent profile photo where your face is clear", "Add a recent, well-lit photo of your face, so people you meet can recognise you."),
        PresenceItem("headline", "A headline that says what you do, not only a job title", "Rewrite your headline as what you do and for whom, e.g. 'Data analyst helping logistics teams plan demand'."),
        PresenceItem("about", "An About section in your own voice", "Write three or four sentences in the About section: what you work on, what you care about, what you would like to hear about."),
        PresenceItem("experience", "Experience that is up to date, with one or two results per role", "Bring your experience up to date and add a concrete result to your current role."),
        PresenceItem("visibility", "Checked what is public and what only connections see", "Open 'Edit public profile' and 'Visibility' settings and choose what strangers can see."),
        PresenceItem("skills", "Skills and interests that match what you want to be asked about", "List the five skills you most want to be found for, and remove ones you no longer use."),
        PresenceItem("recent", "A post, comment or congratulation in the last month", "Comment thoughtfully on one post by a contact this week, or share something useful you read."),
    ),
    "Facebook": (
        PresenceItem("photo", "A profile photo you are happy for anyone to see", "Choose a profile photo you would be comfortable with a future colleague seeing: it is always public."),
        PresenceItem("audience", "Chose who sees your posts (friends, custom lists or public)", "Set the default audience for new posts, and use 'Limit past posts' if older ones were public."),
        PresenceItem("intro", "Work and education in your intro shown only if you want them to be", "Decide whether your work and education appear in your intro, and who can see them."),
        PresenceItem("balance", "Reviewed the personal and professional balance of what others can see", "View your profile 'as public' and remove or restrict anything you would not want a recruiter to see."),
        PresenceItem("groups", "Joined a group or community that matches your interests", "Join one local or interest group and take part in it rather than only reading."),
        PresenceItem("recent", "Messaged or congratulated a friend in the last month", "Send a short personal message to a friend you have not heard from in a while."),
    ),
    "Instagram": (
        PresenceItem("photo", "A clear profile photo", "Use the same recognisable photo as on your other profiles so people can find you."),
        PresenceItem("bio", "A bio that says who you are in a line", "Write a one-line bio: what you do or love, and where, if you are comfortable sharing it."),
        PresenceItem("privacy", "Chose a public or private account on purpose", "Decide whether the account is public or private and check who follows you."),
        PresenceItem("balance", "Looked through your grid as a stranger would", "Scroll your grid as a stranger would; archive posts that do not show you as you want to be seen."),
        PresenceItem("recent", "Replied to or shared someone else's post in the last month", "Reply to a story or comment on a post from someone in your network this week."),
    ),
    "X (Twitter)": (
        PresenceItem("photo", "A profile photo and header image", "Add a profile photo and a header image that says something about your work or interests."),
        PresenceItem("bio", "A bio that says what you do and care about", "Write a bio with what you do and two or three topics you post about."),
        PresenceItem("privacy", "Chose public or protected posts on purpose", "Decide between public and protected posts, and check who can tag you."),
        PresenceItem("pinned", "A pinned post that shows your best work or thinking", "Pin one post that shows your work or a view you hold."),
        PresenceItem("balance", "Would be comfortable with an employer reading your last twenty posts", "Read your last twenty posts as an employer would; delete or rethink the ones you would not stand behind."),
        PresenceItem("recent", "Replied to someone in your field in the last month", "Reply with substance to one post by someone in your field this week."),
    ),
}
PRESENCE_NETWORKS = tuple(PRESENCE_CHECKLIST)


def presence_score(checked: set[tuple[str, str]], not_used: set[str]) -> pd.DataFrame:
    """Items done per network you use, and overall (the last row). Networks you do not use are
    left out of the overall score; an item only counts if it is on the checklist."""
    import pandas as pd

    rows = []
    for network, items in PRESENCE_CHECKLIST.items():
        if network in not_used:
            continue
        done = sum((network, item.key) in checked for item in items)
        rows.append(dict(network=network, done=done, items=len(items)))
    done, total = sum(r["done"] for r in rows), sum(r["items"] for r in rows)
    rows.append(dict(network="Overall", done=done, items=total))
    frame = pd.DataFrame(rows, columns=["network", "done", "items"])
    frame["percent"] = [round(100 * d / n) if n else 0 for d, n in zip(frame["done"], frame["items"])]
    return frame


def presence_suggestions(checked: set[tuple[str, str]], not_used: set[str]) -> list[tuple[str, str]]:
    """(network, suggestion) for every unchecked item on the networks you use, in checklist order."""
    return [
        (network, item.suggestion)
        for network, items in PRESENCE_CHECKLIST.items()
        if network not in not_used
        for item in items
        if (network, item.key) not in checked
    ]
