"""Who knows whom among your contacts: clusters, bridges, Burt's effective size and constraint, and
the map's layout. Pandas and networkx, in a module of its own so that only the map and the checks
that need graph metrics load networkx. Pure: no I/O."""

from __future__ import annotations

import dataclasses

import networkx as nx
import pandas as pd

from .keep_in_touch import DORMANT

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
