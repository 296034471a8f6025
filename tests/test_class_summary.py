"""Class summaries: the export leaks nothing, the aggregate checks every file and never shows a
number that fewer than five learners stand behind."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from workbook import class_summary
from workbook.charts import Chart
from workbook.cli import main
from workbook.domain.contacts import Contact
from workbook.store import Store, default_path

ROOT = Path(__file__).resolve().parents[1]
MARKERS = [
    "Zebulon Quixotica",  # a contact's name
    "zq-secret@example.invalid",  # email
    "https://example.invalid/zq-profile",  # url
    "MARKER-NOTE-7731",  # contact notes
    "MARKER-HOWMET-5512",
    "MARKER-EXCHANGE-9044",
    "MARKER-PLAN-GOAL-3390",
    "MARKER-PROMISE-2288",
    "MARKER-REFLECTION-6615",
    "MARKER-TOUCH-4471",
    "MARKER-ITEM-1203",
    "MARKER-QUIZCHOICE-8820",
    "Quentin Marvelous-Oddington",
]


@pytest.fixture
def home(tmp_path, monkeypatch):
    folder = tmp_path / "home"
    monkeypatch.setenv("WORKBOOK_HOME", str(folder))
    return folder


def make_store(path=None) -> Store:
    store = Store(path)
    a = store.contacts.add(Contact("Zebulon Quixotica", "personal", company="MARKER-CO", email="zq-secret@example.invalid",
                                  interests="MARKER-INTEREST", how_met="MARKER-HOWMET-5512", notes="MARKER-NOTE-7731"))
    b = store.contacts.add(Contact("Quentin Marvelous-Oddington", "both", notes="MARKER-NOTE-7731"))
    c = store.contacts.add(Contact("Plain Person", "professional"))
    with store.transaction() as db:
        db.execute("UPDATE contacts SET layer = 5, url = 'https://example.invalid/zq-profile', phone = '+44 MARKER' WHERE id = ?", (a,))
        db.execute("UPDATE contacts SET layer = 150 WHERE id = ?", (b,))
        for direction, kind in [("gave", "advice"), ("gave", "advice"), ("received", "introduction"), ("gave", "made-up-kind")]:
            db.execute("INSERT INTO exchanges (contact_id, direction, kind, on_date, note) VALUES (?, ?, ?, '2026-01-02', 'MARKER-EXCHANGE-9044')",
                       (a, direction, kind))
        db.execute("INSERT INTO plans (contact_id, occasion, goal, my_promises) VALUES (?, 'coffee', 'MARKER-PLAN-GOAL-3390', 'MARKER-PROMISE-2288')", (b,))
        db.execute("INSERT INTO follow_ups (contact_id, owner, promise, due, done_on) VALUES (?, 'me', 'MARKER-PROMISE-2288', '2026-02-01', '2026-02-03')", (a,))
        db.execute("INSERT INTO follow_ups (contact_id, owner, promise, due) VALUES (?, 'me', 'MARKER-PROMISE-2288', '2026-02-01')", (b,))
        db.execute("INSERT INTO follow_ups (contact_id, owner, promise) VALUES (?, 'them', 'MARKER-PROMISE-2288')", (c,))
        db.execute("INSERT INTO touchpoints (contact_id, on_date, channel, note) VALUES (?, '2025-01-01', 'MARKER', 'MARKER-TOUCH-4471')", (a,))
        db.execute("INSERT INTO ties (a, b) VALUES (?, ?)", (a, b))
        db.execute("INSERT INTO quiz_answers (chapter, question, choice, correct) VALUES ('07', 'norm', 'MARKER-QUIZCHOICE-8820', 1)")
        db.execute("INSERT INTO quiz_answers (chapter, question, choice, correct) VALUES ('07', 'givers', 'MARKER-QUIZCHOICE-8820', 0)")
        # an answer to a question that has left the course is not counted
        db.execute("INSERT INTO quiz_answers (chapter, question, choice, correct) VALUES ('07', 'retired', 'MARKER-QUIZCHOICE-8820', 1)")
        db.execute("INSERT INTO progress (chapter, item) VALUES ('07', 'MARKER-ITEM-1203')")
        db.execute("INSERT INTO progress (chapter, item) VALUES ('00', 'visited')")
        db.execute("INSERT INTO reflections (chapter, prompt, text) VALUES ('07', 'MARKER-PROMPT', 'MARKER-REFLECTION-6615')")
    store.set_meta("persona", "Quentin Marvelous-Oddington")
    return store


# --- export ------------------------------------------------------------------------------------


def test_export_holds_counts_and_leaks_nothing(home, tmp_path):
    make_store().close()
    target = tmp_path / "out.json"
    assert main(["class-summary", "export", str(target)]) == 0
    text = target.read_text(encoding="utf-8")
    for marker in MARKERS + ["MARKER", "example.invalid", "Plain Person", "2026-", str(home)]:
        assert marker not in text, marker
    data = json.loads(text)
    assert class_summary.validate(data) is data
    assert data["contacts_by_circle"] == {"personal": 1, "professional": 1, "both": 1}
    assert data["contacts_by_layer"] == {"5": 1, "15": 0, "50": 0, "150": 1, "none": 1}
    assert data["exchanges"]["gave"]["advice"] == 2
    assert data["exchanges"]["gave"]["other"] == 1  # an unknown kind is counted as 'other', not named
    assert data["exchanges"]["received"]["introduction"] == 1
    assert data["plans"] == 1
    assert data["promises"] == {"mine_made": 2, "mine_kept": 1, "theirs_made": 1, "theirs_kept": 0}
    assert data["quiz"]["07"] == {"answered": 2, "correct": 1}
    assert data["progress"]["07"] == 1 and data["progress"]["00"] == 1
    # Every string in the file is the format name or the random id: nothing else can carry text.
    strings = re.findall(r'"((?:[^"\\]|\\.)*)"\s*[,}\n]', text)
    assert set(strings) <= {class_summary.FORMAT_NAME, data["summary_id"]}


def test_export_has_the_same_keys_for_everyone(home, tmp_path):
    make_store().close()
    target = tmp_path / "a.json"
    main(["class-summary", "export", str(target)])
    data = json.loads(target.read_text())

    def shape(d):
        return {k: shape(v) for k, v in d.items()} if isinstance(d, dict) else type(d).__name__

    assert shape(data) == shape(class_summary.template())


def test_export_id_is_random_stable_and_renewable(home, tmp_path):
    make_store().close()
    first, second, third = (tmp_path / n for n in ("1.json", "2.json", "3.json"))
    main(["class-summary", "export", str(first)])
    main(["class-summary", "export", str(second)])
    main(["class-summary", "export", str(third), "--new-id"])
    ids = [json.loads(p.read_text())["summary_id"] for p in (first, second, third)]
    assert ids[0] == ids[1] != ids[2]
    assert all(re.fullmatch(r"[0-9a-f]{32}", i) for i in ids)


def test_export_into_a_folder_and_atomically(home, tmp_path, monkeypatch):
    make_store().close()
    folder = tmp_path / "drop"
    folder.mkdir()
    assert main(["class-summary", "export", str(folder)]) == 0
    written = list(folder.glob("class-summary-*.json"))
    assert len(written) == 1
    before = written[0].read_bytes()

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(class_summary.os, "replace", broken_replace)
    assert main(["class-summary", "export", str(written[0])]) == 2
    assert written[0].read_bytes() == before  # the old file is intact
    assert [p.name for p in folder.iterdir()] == [written[0].name]  # no temp file left behind


def test_export_without_a_workbook_or_to_a_missing_folder(home, tmp_path, capsys):
    assert main(["class-summary", "export", str(tmp_path / "x.json")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("workbook: no workbook at") and "Traceback" not in err
    assert not default_path().exists()  # exporting did not create a workbook
    make_store().close()
    assert main(["class-summary", "export", str(tmp_path / "nowhere" / "x.json")]) == 2
    assert "is not a folder" in capsys.readouterr().err


# --- validation --------------------------------------------------------------------------------


def good(n: int = 0) -> dict:
    data = class_summary.template()
    data["summary_id"] = f"{n:032x}"
    data["contacts_by_circle"] = {"personal": 10 + n, "professional": 20, "both": 1}
    data["contacts_by_layer"] = {"5": 3, "15": 6, "50": 10 + n, "150": 12, "none": 0}
    data["exchanges"]["gave"]["advice"] = 2 + n
    data["exchanges"]["received"]["time"] = 1
    data["plans"] = 1
    data["promises"] = {"mine_made": 3, "mine_kept": 2, "theirs_made": 1, "theirs_kept": 1}
    data["quiz"]["07"] = {"answered": 4, "correct": 3}
    data["progress"]["00"] = 1
    return data


def write(folder: Path, name: str, data) -> Path:
    path = folder / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def tampered():
    cases = {}

    def case(name, change):
        d = good(99)
        change(d)
        cases[name] = d

    case("string-count", lambda d: d["contacts_by_circle"].update(personal="12"))
    case("float-count", lambda d: d.update(plans=1.0))
    case("bool-count", lambda d: d.update(plans=True))
    case("negative", lambda d: d["exchanges"]["gave"].update(advice=-3))
    case("huge", lambda d: d.update(plans=10**30))
    case("extra-top", lambda d: d.update(learner_name="Zebulon Quixotica"))
    case("extra-inner", lambda d: d["contacts_by_circle"].update({"Zebulon Quixotica": 1}))
    case("unknown-kind", lambda d: d["exchanges"]["gave"].update(bribe=1))
    case("missing-key", lambda d: d.pop("progress"))
    case("wrong-format", lambda d: d.update(format="something-else"))
    case("wrong-version", lambda d: d.update(version=99))
    case("bad-id", lambda d: d.update(summary_id="Zebulon Quixotica"))
    case("kept-more-than-made", lambda d: d["promises"].update(mine_kept=9))
    case("correct-more-than-answered", lambda d: d["quiz"]["07"].update(correct=9))
    case("list-not-object", lambda d: d.update(contacts_by_layer=[1, 2, 3]))
    return cases


def test_each_kind_of_bad_file_is_rejected():
    for name, data in tampered().items():
        with pytest.raises(class_summary.SummaryError):
            class_summary.validate(data)
    for text in ["", "   \n", "{not json", "[1, 2]", '{"plans": NaN}', "9" * 5000, "[" * 100000 + "]" * 100000]:
        with pytest.raises(class_summary.SummaryError):
            class_summary.parse(text)
    duplicate = json.dumps(good(1))[:-1] + ', "plans": 5}'
    with pytest.raises(class_summary.SummaryError, match="twice"):
        class_summary.parse(duplicate)


def test_rejection_messages_never_echo_the_file(tmp_path):
    for name, data in tampered().items():
        try:
            class_summary.validate(data)
        except class_summary.SummaryError as error:
            assert "Zebulon" not in str(error) and "bribe" not in str(error), name


# --- aggregate ---------------------------------------------------------------------------------


def test_aggregate_of_five_gives_correct_totals(tmp_path):
    for n in range(5):
        write(tmp_path, f"s{n}.json", good(n))
    report = class_summary.aggregate(tmp_path)
    assert report.learners == 5 and report.skipped == []
    circle = {c.category: c for c in report.table("circle").cells}
    assert circle["personal"].total == sum(10 + n for n in range(5)) == 60
    assert circle["personal"].learners == 5 and not circle["personal"].hidden
    gave = {c.category: c for c in report.table("gave").cells}
    assert gave["advice"].total == sum(2 + n for n in range(5))
    assert gave["introduction"].total == 0 and not gave["introduction"].hidden
    quiz = {c.category: c for c in report.table("quiz_correct").cells}
    assert quiz["07 Reciprocity: giving and receiving"].total == 15
    frame = report.frames()["circle"]
    assert list(frame["contacts"]) == [60, 100, 5]
    md = report.to_markdown()
    assert "| personal | 5 | 60 |" in md


def test_fewer_than_five_refuses(tmp_path, capsys):
    for n in range(4):
        write(tmp_path, f"s{n}.json", good(n))
    write(tmp_path, "copy.json", good(0))  # a duplicate does not count twice
    with pytest.raises(class_summary.SummaryError, match="only 4 valid summaries"):
        class_summary.aggregate(tmp_path)
    assert main(["class-summary", "aggregate", str(tmp_path)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""  # nothing shown at all
    assert "at least 5" in captured.err and "Traceback" not in captured.err


def test_small_categories_are_hidden_with_a_complement(tmp_path):
    for n in range(6):
        d = good(n)
        if n < 2:  # only two learners gave an introduction
            d["exchanges"]["gave"]["introduction"] = 7
        if n < 5:  # five gave feedback: shown ... until it is the complement
            d["exchanges"]["gave"]["feedback"] = 1
        write(tmp_path, f"s{n}.json", d)
    report = class_summary.aggregate(tmp_path)
    gave = {c.category: c for c in report.table("gave").cells}
    assert gave["introduction"].hidden  # 2 learners: below the threshold
    # exactly one hidden cell in a partition: the smallest shown one is hidden too
    assert gave["feedback"].hidden and not gave["advice"].hidden
    md = report.to_markdown()
    assert "| introduction | fewer than 5 | hidden |" in md
    assert "14" not in [cell for line in md.splitlines() for cell in line.split(" | ")]
    frame = report.frames()["gave"].set_index("category")
    assert frame.loc["introduction"].isna().all()


def test_malformed_files_are_named_and_skipped(tmp_path, capsys):
    for n in range(5):
        write(tmp_path, f"ok{n}.json", good(n))
    bad = {f"{name}.json": data for name, data in tampered().items()}
    bad["empty.json"] = ""
    bad["not-json.json"] = "this is not json"
    bad["binary.json"] = None
    for name, data in bad.items():
        if data is None:
            (tmp_path / name).write_bytes(b"\xff\xfe\x00garbage")
        else:
            write(tmp_path, name, data)
    (tmp_path / "huge.json").write_text(" " * (class_summary.MAX_FILE_BYTES + 1))
    (tmp_path / "folder.json").mkdir()
    write(tmp_path, "notes.txt", "ignored: not a .json file")
    write(tmp_path, "z-copy-of-ok0.json", good(0))
    assert main(["class-summary", "aggregate", str(tmp_path), "--out", str(tmp_path / "report.md")]) == 0
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err and "Zebulon" not in captured.err
    skipped = [line for line in captured.err.splitlines() if line.startswith("workbook: skipped ")]
    names = {line.split()[2].rstrip(":") for line in skipped}
    assert names == set(bad) | {"huge.json", "folder.json", "z-copy-of-ok0.json"}
    assert all(len(line) < 200 for line in skipped)
    report = (tmp_path / "report.md").read_text()
    assert "From 5 learners' summaries" in report and "Zebulon" not in report


def test_duplicate_of_the_same_workbook_keeps_the_fuller_one(tmp_path):
    for n in range(5):
        write(tmp_path, f"s{n}.json", good(n))
    later = good(0)
    later["plans"] = 40
    write(tmp_path, "z-later.json", later)
    loaded = class_summary.load_folder(tmp_path)
    assert len(loaded.summaries) == 5
    assert "z-later.json" in loaded.names and "s0.json" not in loaded.names
    assert any(name == "s0.json" and "z-later.json" in reason for name, reason in loaded.skipped)


def test_aggregate_usage_errors(tmp_path, capsys):
    assert main(["class-summary", "aggregate", str(tmp_path / "missing")]) == 2
    assert capsys.readouterr().err.startswith("workbook: ")
    for n in range(5):
        write(tmp_path, f"s{n}.json", good(n))
    assert main(["class-summary", "aggregate", str(tmp_path), "--out", str(tmp_path / "no" / "r.md")]) == 2
    assert main(["class-summary", "aggregate", str(tmp_path)]) == 0
    assert capsys.readouterr().out.startswith("# Class summary")


def test_round_trip_from_real_stores(tmp_path):
    folder = tmp_path / "class"
    folder.mkdir()
    for n in range(5):
        store = make_store(tmp_path / f"learner{n}" / "workbook.sqlite3")
        class_summary.export(store, folder)
        store.close()
    report = class_summary.aggregate(folder)
    assert report.learners == 5
    circle = {c.category: c.total for c in report.table("circle").cells}
    assert circle == {"personal": 5, "professional": 5, "both": 5}


def test_examples_are_valid_and_reproducible(tmp_path):
    first = class_summary.example_summaries(6, seed=1)
    assert first == class_summary.example_summaries(6, seed=1)
    assert len({d["summary_id"] for d in first}) == 6
    class_summary.write_examples(tmp_path, 6, seed=1)
    assert class_summary.aggregate(tmp_path).learners == 6


def test_committed_example_folder_is_what_the_generator_writes():
    folder = ROOT / "book" / "instructors" / "example-summaries"
    committed = sorted(folder.glob("*.json"))
    assert committed, "book/instructors/example-summaries/ is empty"
    expected = class_summary.example_summaries(len(committed))
    for path, data in zip(committed, expected):
        assert json.loads(path.read_text()) == data, (
            f"{path.name} is out of date: run `python -m workbook class-summary examples book/instructors/example-summaries`"
        )
    assert class_summary.aggregate(folder).learners == len(committed)


def test_charts_draw_and_leave_hidden_cells_out_with_alt_text_saying_so(tmp_path):
    for n in range(5):
        d = good(n)
        if n == 0:
            d["contacts_by_circle"]["both"] = 0
        write(tmp_path, f"s{n}.json", d)
    report = class_summary.aggregate(tmp_path)
    circles = class_summary.chart(report.table("circle"))
    labels = [t.get_text() for t in circles.figure.axes[0].texts]
    assert any("fewer than 5" in label for label in labels)
    assert circles.alt.startswith("Bar chart: ") and "both: fewer than 5 learners" in circles.alt
    assert "alt='Bar chart: " in circles.html()
    quiz = class_summary.quiz_chart(report)
    assert quiz.figure.axes and quiz.alt.startswith("Bar chart: quiz answers that were correct")


def test_instructor_notebook_runs_on_the_examples(monkeypatch):
    """Its code cells run top to bottom on the examples (nbval also checks its stored outputs)."""
    import IPython.display

    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda *objects, **_: shown.extend(objects))
    nb = json.loads((ROOT / "book" / "instructors" / "class-report.ipynb").read_text(encoding="utf-8"))
    monkeypatch.chdir(ROOT / "book" / "instructors")
    namespace: dict = {}
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            exec(compile("".join(cell["source"]), "class-report.ipynb", "exec"), namespace)
    assert namespace["report"].learners == 12
    charts = [item for item in shown if isinstance(item, Chart)]
    assert len(charts) >= 7 and all(chart.alt.startswith("Bar chart") for chart in charts)
    # every chart cell has a markdown description before it
    cells = nb["cells"]
    for i, cell in enumerate(cells):
        if cell["cell_type"] == "code" and "chart(" in "".join(cell["source"]):
            assert cells[i - 1]["cell_type"] == "markdown" and len("".join(cells[i - 1]["source"])) > 80
