"""The rules behind the keep-in-touch tools: Dunbar layers and cadences, keep-in-touch health,
who-knows-whom metrics (clusters, bridges, Burt's constraint and effective size), follow-up
promises, the online presence checklist, and regular networking time. Plain Python, pandas and
networkx: no I/O, no widgets."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import networkx as nx
import pandas as pd

from .model import MAX_NAME, ValidationError, clean_date, clean_text

# --- keep in touch ---------------------------------------------------------------------------

# Dunbar's layers (Zhou, Sornette, Hill & Dunbar 2005): about 5 closest, 15 good friends, 50
# friends, 150 meaningful contacts. The default cadence per layer is this course's own convention,
# not a research finding (the lessons and the contact book say so): weekly for the closest five,
# monthly for the fifteen, quarterly for the fifty, yearly for the hundred and fifty. A learner can
# change it per contact.
LAYERS = (5, 15, 50, 150)
DEFAULT_CADENCE = {5: 7, 15: 30, 50: 90, 150: 365}
LAYER_NAMES = {5: "about 5: closest", 15: "about 15: good friends", 50: "about 50: friends", 150: "about 150: wider circle"}
# A contact not yet placed in a layer is treated like the outer layer: a yearly check-in.
UNPLACED_CADENCE = DEFAULT_CADENCE[150]
MAX_CADENCE = 3 * 365  # beyond three years a tie is dormant whatever the cadence says
DORMANT_YEARS = 3  # Levin, Walter & Murnighan (2011): ties out of touch for three years or more

IN_TOUCH, DUE, DRIFTING, DORMANT, NO_CONTACT = "in touch", "due", "drifting", "dormant", "no contact logged"
NEEDS_ATTENTION = (DUE, DRIFTING, DORMANT)


@dataclasses.dataclass
class KeepInTouch:
    """A contact's keep-in-touch settings: Dunbar layer, cadence (None follows the layer's
    default) and the day you met."""

    layer: int | None = None
    cadence_days: int | None = None
    met_on: dt.date | None = None

    def validated(self, today: dt.date) -> "KeepInTouch":
        if self.layer is not None and self.layer not in LAYERS:
            raise ValidationError("layer", f"{self.layer!r} is not a layer; pick one of {', '.join(map(str, LAYERS))}.")
        cadence = self.cadence_days
        if cadence is not None:
            if isinstance(cadence, bool) or not isinstance(cadence, int):
                raise ValidationError("cadence", f"{cadence!r} is not a whole number of days.")
            if not 1 <= cadence <= MAX_CADENCE:
                raise ValidationError(
                    "cadence", f"every {cadence} days is out of range: pick between 1 and {MAX_CADENCE} days."
                )
        met_on = clean_date(self.met_on, "met on", today=today, allow_future=False)
        return dataclasses.replace(self, met_on=met_on)

    @property
    def effective_cadence(self) -> int:
        return effective_cadence(self.layer, self.cadence_days)


def effective_cadence(layer: int | None, cadence_days: int | None) -> int:
    """The cadence a contact is held to: their own, else their layer's default."""
    if cadence_days is not None and not pd.isna(cadence_days):
        return int(cadence_days)
    if layer is not None and not pd.isna(layer):
        return DEFAULT_CADENCE[int(layer)]
    return UNPLACED_CADENCE


def years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year - years, day=28)


def health(last: dt.date | None, cadence_days: int, today: dt.date) -> str:
    """Keep-in-touch health from the last logged interaction (never from when a contact or its
    cadence was set): in touch within the cadence, due up to twice the cadence, drifting beyond
    that, dormant after three years or more, and 'no contact logged' when nothing is logged."""
    if last is None:
        return NO_CONTACT
    if last <= years_before(today, DORMANT_YEARS):
        return DORMANT
    days = (today - last).days
    if days <= cadence_days:
        return IN_TOUCH
    if days <= 2 * cadence_days:
        return DUE
    return DRIFTING


KEEP_IN_TOUCH_COLUMNS = [
    "contact_id", "name", "circle", "layer", "cadence_days", "cadence_source",
    "last_interaction", "days_since", "overdue_days", "status",
]


def keep_in_touch(contacts: pd.DataFrame, today: dt.date) -> pd.DataFrame:
    """Per contact: effective cadence, last interaction, days since, days overdue and health.

    `contacts` has columns contact_id, name, circle, layer, cadence_days and last_interaction
    (an ISO date or None: the latest exchange, touchpoint, past conversation or kept follow-up)."""
    frame = contacts.copy()
    if frame.empty:
        return pd.DataFrame(columns=KEEP_IN_TOUCH_COLUMNS)
    layer = frame["layer"].astype("Int64")
    own = frame["cadence_days"].astype("Int64")
    frame["layer"] = layer
    frame["cadence_source"] = own.isna().map({True: "layer default", False: "your choice"})
    frame.loc[own.isna() & layer.isna(), "cadence_source"] = "not placed yet"
    defaults = layer.map(DEFAULT_CADENCE, na_action="ignore").astype("Int64").fillna(UNPLACED_CADENCE)
    frame["cadence_days"] = own.fillna(defaults).astype("int64")
    last = pd.to_datetime(frame["last_interaction"])
    frame["days_since"] = (pd.Timestamp(today) - last).dt.days.astype("Int64")
    frame["overdue_days"] = (frame["days_since"] - frame["cadence_days"]).astype("Int64")
    dormant_cutoff = pd.Timestamp(years_before(today, DORMANT_YEARS))
    since, cadence = frame["days_since"], frame["cadence_days"]
    status = pd.Series(DRIFTING, index=frame.index, dtype="object")
    status[(since <= 2 * cadence).fillna(False)] = DUE
    status[(since <= cadence).fillna(False)] = IN_TOUCH
    status[(last <= dormant_cutoff).fillna(False)] = DORMANT
    status[last.isna()] = NO_CONTACT
    frame["status"] = status
    return frame[KEEP_IN_TOUCH_COLUMNS].reset_index(drop=True)


def due_list(health_frame: pd.DataFrame) -> pd.DataFrame:
    """Contacts that are due, drifting or dormant, most overdue (in days) first."""
    due = health_frame[health_frame["status"].isin(NEEDS_ATTENTION)]
    return due.sort_values(["overdue_days", "name", "contact_id"], ascending=[False, True, True]).reset_index(drop=True)


# "How we met" keeps who introduced you as its first words, the way the sample network writes it.
_INTRODUCED = re.compile(r"^introduced by (?P<who>[^;\n]+?)\s*(?:;\s*(?P<rest>.*))?$", re.IGNORECASE | re.DOTALL)


def split_introduction(how_met: str) -> tuple[str, str]:
    """('Sid Kapoor', 'at the meetup') from 'introduced by Sid Kapoor; at the meetup'."""
    found = _INTRODUCED.match(how_met.strip())
    if not found:
        return "", how_met.strip()
    return found["who"].strip(), (found["rest"] or "").strip()


def join_introduction(introducer: str, how_met: str) -> str:
    how_met = how_met.strip()
    if not introducer:
        return how_met
    return f"introduced by {introducer}" + (f"; {how_met}" if how_met else "")


# --- who knows whom ----------------------------------------------------------------------------

MAP_LIMIT = 150  # at most this many contacts are drawn; Dunbar's number is also where a map stops being readable
LABEL_ALL_UP_TO = 40  # small maps name everyone; larger ones name the most central
LABELS_SHOWN = 25


def tie_graph(contacts: pd.DataFrame, ties: pd.DataFrame) -> nx.Graph:
    """Contacts as nodes (with their name) and who-knows-whom as edges."""
    graph = nx.Graph()
    graph.add_nodes_from((int(cid), {"name": name}) for cid, name in zip(contacts["contact_id"], contacts["name"]))
    graph.add_edges_from(zip(ties["a"].astype(int), ties["b"].astype(int)))
    return graph


def clusters(graph: nx.Graph) -> dict[int, int]:
    """Contact -> cluster number (0 the largest), from greedy modularity communities (Clauset,
    Newman & Moore 2004) among contacts who know at least one other contact. Isolated contacts
    are left out: a cluster of one says nothing."""
    linked = graph.subgraph([n for n in graph if graph.degree(n) > 0])
    if linked.number_of_edges() == 0:
        return {}
    found = nx.community.greedy_modularity_communities(linked)
    ordered = sorted(found, key=lambda c: (-len(c), min(c)))
    return {node: number for number, members in enumerate(ordered) for node in members}


def brokerage(graph: nx.Graph) -> pd.DataFrame:
    """Per contact, on the graph of your contacts: degree (how many of your other contacts they
    know), cluster, which clusters their ties reach, and betweenness (the share of shortest paths
    between your other contacts that run through them), used only to put the strongest bridges
    first.

    Burt's constraint and effective size are not here: they describe a person's own network, so
    the map computes them for you, on your ego network with you in it (see `ego_position`), and
    not for each contact on a graph without you (Burt 2004)."""
    cluster_of = clusters(graph)
    between = nx.betweenness_centrality(graph) if graph.number_of_nodes() else {}
    rows = []
    for node in graph:
        reached = tuple(sorted({cluster_of[n] for n in [node, *graph[node]] if n in cluster_of}))
        rows.append(
            dict(
                contact_id=node,
                name=graph.nodes[node].get("name", str(node)),
                degree=graph.degree(node),
                cluster=cluster_of.get(node),
                clusters_linked=reached,
                clusters_reached=len(reached),
                betweenness=between.get(node, 0.0),
            )
        )
    columns = ["contact_id", "name", "degree", "cluster", "clusters_linked", "clusters_reached", "betweenness"]
    frame = pd.DataFrame(rows, columns=columns)
    frame["cluster"] = frame["cluster"].astype("Int64")
    frame["bridge"] = frame["clusters_reached"] >= 2
    return frame


def ego_position(contacts: pd.DataFrame, ties: pd.DataFrame) -> tuple[float, float]:
    """Your own effective size and constraint in your ego network (you tied to every contact in
    `contacts`, plus the `ties` a-b among them), in O(ties) with pandas so it works for 10,000.

    Equal to nx.effective_size and nx.constraint on that ego graph for unweighted ties: effective
    size is n - 2t/n (n contacts, t ties among them); your constraint is the sum over contacts j
    of (p_j + sum over q tied to j of p_q * p_qj)^2, where p = 1/n and p_qj = 1/(q's ties + 1)."""
    n = len(contacts)
    if n == 0:
        return float("nan"), float("nan")
    t = len(ties)
    degree = pd.concat([ties["a"], ties["b"]]).value_counts()
    share = 1 / (degree.reindex(contacts["contact_id"]).fillna(0) + 1)
    # Each tie a-b adds share[b] to a's indirect path through b, and share[a] to b's.
    indirect = pd.concat(
        [pd.Series(share.reindex(ties["b"]).to_numpy(), index=ties["a"]), pd.Series(share.reindex(ties["a"]).to_numpy(), index=ties["b"])]
    ).groupby(level=0).sum()
    indirect = indirect.reindex(contacts["contact_id"]).fillna(0)
    return n - 2 * t / n, float((((1 + indirect) / n) ** 2).sum())


def map_selection(contacts: pd.DataFrame, ties: pd.DataFrame, limit: int = MAP_LIMIT) -> list[int]:
    """The contacts a map draws: everyone up to `limit`, else the best connected (most ties
    among your contacts), then the most recently in touch (no date last), then by name.
    `contacts` has contact_id, name and last_interaction."""
    if len(contacts) <= limit:
        return [int(c) for c in contacts["contact_id"]]
    degree = pd.concat([ties["a"], ties["b"]]).value_counts()
    ranked = pd.DataFrame(
        {
            "node": contacts["contact_id"].to_numpy(),
            "degree": degree.reindex(contacts["contact_id"]).fillna(0).to_numpy(),
            "last": pd.to_datetime(contacts["last_interaction"]).to_numpy(),  # None and NaN become NaT
            "name": contacts["name"].to_numpy(),
        }
    )
    ranked = ranked.sort_values(["degree", "last", "name", "node"], ascending=[False, False, True, True], na_position="last")
    return [int(n) for n in ranked["node"].head(limit)]


@dataclasses.dataclass
class NetworkPicture:
    """Everything a map and its summary say: the drawn contacts with metrics and positions, the
    ties among them, and what could not be drawn."""

    nodes: pd.DataFrame  # contact_id, name, circle, status, layer, metrics..., x, y, label
    edges: pd.DataFrame  # a, b, x0, y0, x1, y1, between_clusters, dormant
    total_contacts: int
    total_ties: int
    my_effective_size: float
    my_constraint: float

    @property
    def shown(self) -> int:
        return len(self.nodes)

    def cluster_names(self) -> dict[int, str]:
        """Each cluster named after its best-connected member."""
        named = {}
        ranked = self.nodes.dropna(subset=["cluster"]).sort_values(["degree", "name"], ascending=[False, True])
        for row in ranked.itertuples(index=False):
            named.setdefault(int(row.cluster), row.name)
        return named


def network_picture(contacts: pd.DataFrame, ties: pd.DataFrame, *, limit: int = MAP_LIMIT, seed: int = 42) -> NetworkPicture:
    """Metrics and a layout for the map. `contacts`: contact_id, name, circle, layer, status,
    last_interaction (from keep_in_touch); `ties`: a, b. With more than `limit` contacts the map
    keeps the `limit` best connected (see map_selection) and finds clusters and bridges among them;
    your own position (Burt's effective size and constraint) is measured on everyone."""
    my_effective, my_constraint = ego_position(contacts, ties)
    chosen = map_selection(contacts, ties, limit)
    shown = set(chosen)
    inside = ties[ties["a"].isin(shown) & ties["b"].isin(shown)]
    graph = tie_graph(contacts.set_index("contact_id").loc[chosen].reset_index(), inside)
    metrics = brokerage(graph)
    nodes = contacts.set_index("contact_id").loc[chosen].reset_index()
    nodes = nodes.merge(metrics.drop(columns="name"), on="contact_id", how="left")
    if graph.number_of_nodes():
        position = nx.spring_layout(graph, seed=seed, k=1.6 / max(graph.number_of_nodes(), 1) ** 0.5)
    else:
        position = {}
    nodes["x"] = [float(position[n][0]) for n in nodes["contact_id"]]
    nodes["y"] = [float(position[n][1]) for n in nodes["contact_id"]]
    central = nodes.sort_values(["degree", "betweenness", "name"], ascending=[False, False, True])
    named = set(central["contact_id"] if len(nodes) <= LABEL_ALL_UP_TO else central["contact_id"].head(LABELS_SHOWN))
    nodes["label"] = [name if cid in named else "" for cid, name in zip(nodes["contact_id"], nodes["name"])]
    cluster_of = dict(zip(nodes["contact_id"], nodes["cluster"]))
    status_of = dict(zip(nodes["contact_id"], nodes["status"]))
    edge_rows = [
        dict(
            a=a, b=b,
            x0=position[a][0], y0=position[a][1], x1=position[b][0], y1=position[b][1],
            between_clusters=cluster_of[a] != cluster_of[b],
            dormant=DORMANT in (status_of[a], status_of[b]),
        )
        for a, b in graph.edges()
    ]
    edges = pd.DataFrame(edge_rows, columns=["a", "b", "x0", "y0", "x1", "y1", "between_clusters", "dormant"])
    return NetworkPicture(nodes, edges, len(contacts), len(ties), my_effective, my_constraint)


BRIDGES_NAMED = 5
REVIVE_NAMED = 5


def bridges(picture: NetworkPicture) -> pd.DataFrame:
    """The contacts who link two or more clusters, most between first."""
    found = picture.nodes[picture.nodes["bridge"].fillna(False).astype(bool)]
    return found.sort_values(["betweenness", "name"], ascending=[False, True]).reset_index(drop=True)


def worth_reviving(picture: NetworkPicture) -> pd.DataFrame:
    """Dormant contacts, best connected first: reviving one reopens a door to a whole group."""
    found = picture.nodes[picture.nodes["status"] == DORMANT]
    return found.sort_values(["degree", "last_interaction", "name"], ascending=[False, False, True]).reset_index(drop=True)


def describe_network(picture: NetworkPicture) -> str:
    """A few plain sentences on what the map shows."""
    if picture.total_contacts == 0:
        return "No contacts yet: add some in the contact book, then mark who knows whom."
    lines = []
    if picture.shown < picture.total_contacts:
        lines.append(
            f"The map shows the {picture.shown:,} best-connected of your {picture.total_contacts:,} contacts "
            f"(most ties first, then the most recently in touch); clusters and bridges "
            f"are found among those {picture.shown:,}."
        )
    lines.append(
        f"{picture.total_contacts:,} contacts, {picture.total_ties:,} ties between them "
        "(who knows whom, as you marked it)."
    )
    nodes = picture.nodes
    names = picture.cluster_names()
    if names:
        sizes = nodes["cluster"].value_counts()
        parts = [f"around {names[c]} ({int(sizes[c])})" for c in sorted(names)]
        lines.append(f"{len(names)} cluster{'s' if len(names) != 1 else ''}: " + "; ".join(parts) + ".")
    alone = int(nodes["cluster"].isna().sum())
    if alone:
        lines.append(f"{alone} contact{'s are' if alone != 1 else ' is'} not linked to anyone else you know.")
    found = bridges(picture).head(BRIDGES_NAMED)
    if not found.empty:
        described = [
            f"{row.name} links the clusters around {_and(names[c] for c in row.clusters_linked)}"
            for row in found.itertuples(index=False)
        ]
        lines.append(
            "Bridges between clusters: " + "; ".join(described) + ". "
            "Bridges span what Burt (2004) calls structural holes: they hear from groups that do not talk to each other."
        )
    elif names:
        lines.append("No one links two clusters yet.")
    lines.append(
        f"Your effective size is {picture.my_effective_size:.1f} of {picture.total_contacts:,} contacts and your "
        f"constraint {picture.my_constraint:.2f} (Burt 2004: the fewer of your contacts who know each other, the "
        "higher your effective size and the lower your constraint, and the more varied what reaches you)."
    )
    revive = worth_reviving(picture).head(REVIVE_NAMED)
    if not revive.empty:
        listed = "; ".join(f"{r.name} (last in touch {r.last_interaction})" for r in revive.itertuples(index=False))
        lines.append(f"Dormant ties worth reviving: {listed}. Reconnecting after three years or more tends to bring fresh advice (Levin, Walter & Murnighan 2011).")
    return "\n".join(lines)


def _and(items) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


# --- follow-ups ----------------------------------------------------------------------------------

OWNERS = ("me", "them")
OVERDUE, OPEN, UNDATED, KEPT, LATE = "overdue", "open", "no date", "done on time", "done late"


@dataclasses.dataclass
class FollowUp:
    """A promise to follow up, made by me or by them, with an optional due date."""

    contact_id: int | None
    owner: str
    promise: str
    due: dt.date | None = None

    def validated(self, today: dt.date) -> "FollowUp":
        if self.contact_id is None:
            raise ValidationError("contact", "choose one of your contacts (add new people in the contact book).")
        if self.owner not in OWNERS:
            raise ValidationError("who promised", f"{self.owner!r} is not 'me' or 'them'.")
        promise = clean_text(self.promise, "promise", limit=MAX_NAME * 2, required=True, multiline=False)
        due = clean_date(self.due, "due", today=today)
        return dataclasses.replace(self, promise=promise, due=due)


def follow_up_status(frame: pd.DataFrame, today: dt.date) -> pd.DataFrame:
    """Add `status` and `days_overdue` and sort: overdue (most overdue first), open by due date,
    undated, then done (most recent first). `frame` has due and done_on as ISO dates or None."""
    out = frame.copy()
    due = pd.to_datetime(out["due"])
    done = pd.to_datetime(out["done_on"])
    now = pd.Timestamp(today)
    status = pd.Series(OPEN, index=out.index, dtype="object")
    status[due.isna()] = UNDATED
    status[(due < now) & done.isna()] = OVERDUE
    status[done.notna()] = LATE
    status[done.notna() & (due.isna() | (done <= due))] = KEPT
    out["status"] = status
    out["days_overdue"] = ((now - due).dt.days.where(status == OVERDUE)).astype("Int64")
    rank = status.map({OVERDUE: 0, OPEN: 1, UNDATED: 2, KEPT: 3, LATE: 3})
    out = out.assign(_rank=rank, _due=due, _done=done)
    out = out.sort_values(["_rank", "_due", "_done", "id"], ascending=[True, True, False, True], na_position="last")
    return out.drop(columns=["_rank", "_due", "_done"]).reset_index(drop=True)


def kept_rate(frame: pd.DataFrame, today: dt.date, owner: str = "me") -> float | None:
    """Promises kept on time, as a share of promises whose outcome is known.

    Counted: promises by `owner` with a due date that are either done, or past due (due before
    today) and not done. Kept: done on or before the due date. A promise due today and not yet
    done is not counted (there is still time), nor is one without a due date. None when nothing
    is counted yet."""
    mine = frame[(frame["owner"] == owner) & frame["due"].notna()]
    due = pd.to_datetime(mine["due"])
    done = pd.to_datetime(mine["done_on"])
    counted = done.notna() | (due < pd.Timestamp(today))
    if not counted.any():
        return None
    kept = (done.notna() & (done <= due))[counted]
    return float(kept.sum()) / float(counted.sum())


# --- online presence --------------------------------------------------------------------------


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


# --- regular networking time -------------------------------------------------------------------

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MIN_BLOCK_MINUTES = 10
MAX_BLOCK_MINUTES = 4 * 60  # longer than a half day is not a habit, it is an event


def parse_time(value, field: str) -> dt.time:
    if isinstance(value, dt.time):
        return value.replace(second=0, microsecond=0)
    text = "" if value is None else str(value).strip()
    if not text:
        raise ValidationError(field, f"the {field} time is empty; pick a time such as 12:30.")
    try:
        parsed = dt.time.fromisoformat(text)
    except ValueError:
        raise ValidationError(field, f"{text!r} is not a time; use the form HH:MM, such as 12:30.") from None
    return parsed.replace(second=0, microsecond=0)


@dataclasses.dataclass
class TimeBlock:
    """Regular networking time: every `weekday` (0 = Monday) from `start` to `end`, from `starts_on`."""

    label: str
    weekday: int
    start: dt.time
    end: dt.time
    starts_on: dt.date
    id: int | None = None

    def validated(self, today: dt.date) -> "TimeBlock":
        label = clean_text(self.label, "label", limit=MAX_NAME, required=True, multiline=False)
        if isinstance(self.weekday, bool) or self.weekday not in range(7):
            raise ValidationError("weekday", f"{self.weekday!r} is not a weekday; pick Monday to Sunday.")
        start = parse_time(self.start, "start")
        end = parse_time(self.end, "end")
        minutes = _minutes(end) - _minutes(start)
        if minutes <= 0:
            raise ValidationError("end", f"it ends at {end:%H:%M}, not after it starts at {start:%H:%M}: pick a later end.")
        if minutes < MIN_BLOCK_MINUTES:
            raise ValidationError("end", f"{minutes} minutes is too short to reach out to anyone: make it at least {MIN_BLOCK_MINUTES}.")
        if minutes > MAX_BLOCK_MINUTES:
            raise ValidationError(
                "end", f"{minutes // 60} h {minutes % 60:02d} min is longer than {MAX_BLOCK_MINUTES // 60} hours: split it or shorten it."
            )
        starts_on = clean_date(self.starts_on, "from", today=today)
        if starts_on is None:
            raise ValidationError("from", "the first date is empty; pick the day this habit starts.")
        return dataclasses.replace(self, label=label, start=start, end=end, starts_on=starts_on)

    @property
    def minutes(self) -> int:
        return _minutes(parse_time(self.end, "end")) - _minutes(parse_time(self.start, "start"))

    def first_on(self) -> dt.date:
        """The first day the block happens: its weekday, on or after starts_on."""
        return self.starts_on + dt.timedelta(days=(self.weekday - self.starts_on.weekday()) % 7)


def _minutes(value: dt.time) -> int:
    return value.hour * 60 + value.minute


def weekly_minutes(blocks: list[TimeBlock]) -> int:
    return sum(block.minutes for block in blocks)


# --- how varied a network is -----------------------------------------------------------------------

# People mostly know people like themselves, largely because ties form where people already meet:
# families, neighbourhoods, workplaces, clubs (McPherson, Smith-Lovin & Cook 2001). The workbook
# keeps no age, gender or background, and should not: it can show where your people come from.
SPREAD_VIEWS = {
    "how_met": "how you met",
    "company": "where they work",
    "circle": "personal or professional",
    "layer": "closeness layer",
}
NOT_RECORDED = "(not recorded)"


def spread(contacts: pd.DataFrame, by: str) -> pd.DataFrame:
    """How contacts spread over the values of one column: `group`, `contacts` and `share` (of the
    contacts with that column filled in), largest first, then NOT_RECORDED last. Text is grouped
    ignoring case and spacing, under its most common spelling."""
    if by not in SPREAD_VIEWS:
        raise ValueError(f"{by!r} is not a view; choose one of {', '.join(SPREAD_VIEWS)}.")
    columns = ["group", "contacts", "share"]
    if contacts.empty:
        return pd.DataFrame(columns=columns)
    raw = contacts[by]
    if by == "layer":
        labels = raw.map(lambda layer: LAYER_NAMES.get(int(layer), "") if pd.notna(layer) else "")
    else:
        labels = raw.fillna("").astype(str).map(lambda text: " ".join(text.split()))
    keys = labels.str.casefold()
    spelling = labels[keys != ""].groupby(keys).agg(lambda names: names.value_counts().index[0])
    counts = keys[keys != ""].value_counts()
    recorded = int(counts.sum())
    table = pd.DataFrame(
        {"group": [spelling[k] for k in counts.index], "contacts": counts.to_numpy(), "share": counts.to_numpy() / max(recorded, 1)}
    )
    table = table.sort_values(["contacts", "group"], ascending=[False, True], kind="stable")
    blank = int((keys == "").sum())
    if blank:
        table = pd.concat([table, pd.DataFrame({"group": [NOT_RECORDED], "contacts": [blank], "share": [float("nan")]})])
    return table.reset_index(drop=True)[columns]


def describe_spread(table: pd.DataFrame, by: str) -> str:
    """Plain sentences on one spread: how many groups, how much the largest holds, and how many
    groups it takes to cover half of the contacts with that field filled in."""
    what = SPREAD_VIEWS[by]
    known = table[table["group"] != NOT_RECORDED]
    blank = int(table.loc[table["group"] == NOT_RECORDED, "contacts"].sum())
    if known.empty:
        return f"No contact has {what} filled in yet: add it in the contact book to see this view."
    recorded = int(known["contacts"].sum())
    top = known.iloc[0]
    half = int((known["contacts"].cumsum() < recorded / 2).sum()) + 1
    groups = len(known)
    lines = [
        f"{what.capitalize()}: {groups} different answer{'s' if groups != 1 else ''} across {recorded} "
        f"contact{'s' if recorded != 1 else ''}.",
        f"The most common, \u201c{top['group']}\u201d, covers {int(top['contacts'])} ({top['share']:.0%}); "
        + ("that one alone covers half." if half == 1 else f"it takes the {half} most common to cover half."),
    ]
    if blank:
        lines.append(f"{blank} contact{'s have' if blank != 1 else ' has'} nothing noted for {what}.")
    return " ".join(lines)
