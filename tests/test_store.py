import contextlib
import datetime as dt
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from workbook import store as store_module
from workbook.domain.contacts import Contact
from workbook.domain.exchanges import Exchange
from workbook.domain.plans import Plan
from workbook.domain.validation import ValidationError
from workbook.store import MIGRATIONS, NotFound, SCHEMA_VERSION, Store, StoreError, migrations


def test_data_lives_under_workbook_home(own_home):
    s = Store()
    assert s.path == own_home / "workbook.sqlite3"
    assert s.path.exists()


def test_default_location_is_the_platform_data_folder_outside_the_repo(monkeypatch):
    monkeypatch.delenv("WORKBOOK_HOME")
    path = store_module.default_path()
    repo = Path(store_module.__file__).resolve().parent.parent.parent
    assert "networking-workbook" in str(path)
    assert repo not in path.parents


def test_contact_exchange_round_trip_and_balances(store):
    ada = store.contacts.add(Contact("Ada", interests="chess; go\nmaths"))
    assert store.contacts.get(ada).interests == "chess, go, maths"
    today = store.today()
    store.exchanges.log(Exchange(ada, "gave", "advice", today))
    store.exchanges.log(Exchange(ada, "received", "time", today - dt.timedelta(days=400)))
    row = store.exchanges.balances().iloc[0]
    assert (row["name"], row["given"], row["received"], row["given_lately"], row["received_lately"]) == ("Ada", 1, 1, 1, 0)
    assert row["days_since"] == 0 and row["last_given"] == today.isoformat()


def test_bad_exchange_saves_nothing(store):
    ada = store.contacts.add(Contact("Ada"))
    with pytest.raises(ValidationError):
        store.exchanges.log(Exchange(ada, "gave", "advice", store.today() + dt.timedelta(days=2)))
    with pytest.raises(NotFound):
        store.exchanges.log(Exchange(999, "gave", "advice", store.today()))
    assert store.table("exchanges").empty


def test_transaction_rolls_back_on_error(store):
    with pytest.raises(RuntimeError):
        with store.transaction():
            store.contacts.add(Contact("Ada"))
            store.contacts.add(Contact("Bo"))
            raise RuntimeError("kernel interrupted")
    assert store.table("contacts").empty
    store.contacts.add(Contact("Cy"))  # the store is usable afterwards
    assert store.table("contacts")["name"].tolist() == ["Cy"]


def test_deleting_a_contact_removes_their_exchanges_and_plans(store):
    ada = store.contacts.add(Contact("Ada"))
    store.exchanges.log(Exchange(ada, "gave", "advice", store.today()))
    store.plans.save(Plan(contact_id=ada, my_promises="send notes"))
    store.contacts.delete(ada)
    assert store.table("exchanges").empty and store.table("plans").empty and store.table("follow_ups").empty


def test_promises_become_follow_ups_and_kept_ones_survive_edits(store):
    ada = store.contacts.add(Contact("Ada"))
    plan_id = store.plans.save(
        Plan(contact_id=ada, my_promises="send notes\nintro to Bo", their_promises="share deck", follow_up_on=dt.date(2026, 7, 1))
    )
    follow_ups = store.table("follow_ups").sort_values("promise")
    assert follow_ups[["owner", "promise", "due"]].values.tolist() == [
        ["me", "intro to Bo", "2026-07-01"],
        ["me", "send notes", "2026-07-01"],
        ["them", "share deck", "2026-07-01"],
    ]
    with store.transaction() as db:
        db.execute("UPDATE follow_ups SET done_on = '2026-06-01' WHERE promise = 'send notes'")
    store.plans.save(Plan(contact_id=ada, my_promises="intro to Bo", id=plan_id, follow_up_on=dt.date(2026, 7, 3)))
    left = store.table("follow_ups").sort_values("promise")
    assert left["promise"].tolist() == ["intro to Bo", "send notes"]  # kept promise stays, 'share deck' went
    assert left.set_index("promise").at["intro to Bo", "due"] == "2026-07-03"


def test_plan_update_of_deleted_plan_is_refused(store):
    ada = store.contacts.add(Contact("Ada"))
    plan_id = store.plans.save(Plan(contact_id=ada))
    store.plans.delete(plan_id)
    with pytest.raises(NotFound, match="another notebook"):
        store.plans.save(Plan(contact_id=ada, id=plan_id, goal="x"))


# Rows for every table and column of the current schema, with values an upgrade could mangle
# (quotes, newlines, non-ASCII, NULLs, numbers), written into old workbooks at the columns they had.
EVERY_TABLE = {
    "meta": [{"key": "first_opened", "value": "2024-09-01"}],
    "contacts": [
        {"id": 1, "name": "Zoë O'Neill", "circle": "both", "company": 'Hartwell & "Sons"', "position": "Editor\nat large",
         "email": "zoe@example.org", "interests": "chess, go", "how_met": "book club", "notes": "línea 1\nline 2",
         "created_at": "2024-09-01 10:00:00", "layer": 15, "cadence_days": 30, "met_on": "2019-05-04",
         "url": "https://example.org/zoe", "phone": "+44 20 7946 0000", "source_key": "linkedin:https://example.org/zoe"},
        {"id": 7, "name": "Bo", "circle": "personal", "company": "", "position": "", "email": "", "interests": "",
         "how_met": "", "notes": "", "created_at": "2024-09-02 11:00:00", "layer": None, "cadence_days": None,
         "met_on": None, "url": "", "phone": "", "source_key": None},
    ],
    "exchanges": [
        {"id": 3, "contact_id": 1, "direction": "gave", "kind": "advice", "on_date": "2025-01-01",
         "note": 'a "quoted" note', "created_at": "2025-01-01 09:00:00"},
        {"id": 4, "contact_id": 7, "direction": "received", "kind": "time", "on_date": "2025-02-03", "note": "",
         "created_at": "2025-02-03 09:00:00"},
    ],
    "plans": [
        {"id": 1, "contact_id": 7, "occasion": "coffee", "planned_for": "2025-03-01", "goal": "catch up",
         "openers": "How was the move?", "questions": "What next?\nWho else?", "offer": "an intro", "cultural_notes": "tea, not coffee",
         "talked_about": "", "my_promises": "send notes", "their_promises": "", "follow_up_on": "2025-03-08",
         "created_at": "2025-02-20 08:00:00", "updated_at": "2025-02-21 08:00:00", "message": "Hi Bo,\n\nThe notes."},
        {"id": 2, "contact_id": None, "occasion": "meetup", "planned_for": None, "goal": "", "openers": "",
         "questions": "", "offer": "", "cultural_notes": "", "talked_about": "", "my_promises": "",
         "their_promises": "", "follow_up_on": None, "created_at": "2025-02-22 08:00:00", "updated_at": "2025-02-22 08:00:00",
         "message": ""},
    ],
    "follow_ups": [
        {"id": 1, "plan_id": 1, "contact_id": 7, "owner": "me", "promise": "send notes", "due": "2025-03-08", "done_on": None},
        {"id": 2, "plan_id": None, "contact_id": 1, "owner": "them", "promise": "an intro", "due": None, "done_on": "2025-02-01"},
    ],
    "touchpoints": [{"id": 1, "contact_id": 1, "on_date": "2025-01-20", "channel": "call", "note": "birthday"}],
    "ties": [{"a": 1, "b": 7}],
    "quiz_answers": [{"chapter": "03", "question": "q1", "choice": "b", "correct": 1, "answered_at": "2025-01-02 10:00:00"}],
    "progress": [{"chapter": "03", "item": "visited", "done_at": "2025-01-02 09:00:00"}],
    "reflections": [
        {"chapter": "03", "prompt": "weak ties", "text": "Two people\nI miss.", "updated_at": "2025-01-02 11:00:00", "prompt_id": "weak ties"},
        {"chapter": "00", "prompt": "What would you like your network to help you with this year?", "text": "A new job in logistics",
         "updated_at": "2025-01-02 12:00:00", "prompt_id": "network-goal"},
    ],
    "presence_audit": [{"network": "LinkedIn", "item": "photo", "checked": 1, "updated_at": "2025-01-03 10:00:00"}],
    "time_blocks": [{"id": 1, "label": "Friday calls", "weekday": 4, "start_time": "16:00", "end_time": "17:00", "starts_on": "2025-01-03"}],
    "goals": [{"id": 1, "horizon": 30, "goal": "Meet Bo", "contact_id": 7, "done_on": None, "created_at": "2025-01-03 12:00:00"}],
}


# Columns an upgrade fills from the rows it finds: schema 4 gives each reflection its prompt's
# stable id (a course prompt's wording maps to its id; another prompt has none and is its own id).
FILLED_BY_UPGRADE = {("reflections", "prompt_id"): [None, "network-goal"]}


def old_workbook(path, version: int) -> dict[str, list[dict]]:
    """A workbook file at an old schema version, with rows in every table and column it had then;
    returns those rows."""
    db = sqlite3.connect(path)
    for script in MIGRATIONS[:version]:
        db.executescript(script)
    db.execute(f"PRAGMA user_version = {version}")
    written = {}
    for table, rows in EVERY_TABLE.items():
        columns = [column for _, column, *_ in db.execute(f"PRAGMA table_info({table})")]
        if columns:  # the table exists at this version
            written[table] = [{column: row[column] for column in columns} for row in rows]
            db.executemany(
                f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                [list(row.values()) for row in written[table]],
            )
    db.commit()
    db.close()
    return written


def test_the_upgrade_rows_cover_every_table_and_column(store):
    assert set(EVERY_TABLE) == {"meta", *store_module.TABLES}
    for table, rows in EVERY_TABLE.items():
        columns = [row["name"] for row in store.query(f"PRAGMA table_info({table})").to_dict("records")]
        assert all(list(row) == columns for row in rows), table


@pytest.mark.parametrize("version", range(1, SCHEMA_VERSION), ids=lambda version: f"from-{version}")
def test_an_old_schema_upgrades_in_place_keeping_every_row(tmp_path, version):
    path = tmp_path / "old.sqlite3"
    written = old_workbook(path, version)

    upgraded = Store(path)
    assert upgraded.schema_version == SCHEMA_VERSION
    raw = sqlite3.connect(path)  # for column defaults, as SQL text
    for table in EVERY_TABLE:
        rows = upgraded.backup.records(table)
        if table not in written:  # a table the upgrade added
            assert rows == [], table
            continue
        old_columns = list(written[table][0])
        assert [{column: row[column] for column in old_columns} for row in rows] == written[table]
        for _, column, _, _, default, _ in raw.execute(f"PRAGMA table_info({table})"):
            if (table, column) in FILLED_BY_UPGRADE:
                assert [row[column] for row in rows] == FILLED_BY_UPGRADE[table, column], (table, column)
            elif column not in old_columns:  # a column the upgrade added holds its default
                value = raw.execute(f"SELECT {default or 'NULL'}").fetchone()[0]
                assert all(row[column] == value for row in rows), (table, column)
    raw.close()
    assert upgraded.query("PRAGMA foreign_key_check").empty
    everything = upgraded.backup.dump()
    upgraded.close()
    again = Store(path)  # opening again changes nothing
    assert again.schema_version == SCHEMA_VERSION and again.backup.dump() == everything
    again.close()


def test_an_upgrade_that_fails_part_way_leaves_the_old_workbook_as_it_was(tmp_path, monkeypatch):
    path = tmp_path / "old.sqlite3"
    written = old_workbook(path, 1)
    before = sqlite3.connect(path)
    schema = before.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall()
    before.close()
    # Every migration but the last applies; the last fails after its first statements ran.
    broken = MIGRATIONS[-1] + ";\nCREATE TABLE contacts (id INTEGER)"
    monkeypatch.setattr(migrations, "MIGRATIONS", [*MIGRATIONS[:-1], broken])
    with pytest.raises(StoreError, match="Nothing was changed: your data is still there, at schema 1"):
        Store(path)

    after = sqlite3.connect(path)
    after.row_factory = sqlite3.Row
    assert after.execute("PRAGMA user_version").fetchone()[0] == 1
    assert [tuple(row) for row in after.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name")] == schema
    for table, rows in written.items():
        assert [dict(row) for row in after.execute(f"SELECT * FROM {table} ORDER BY rowid")] == rows
    after.close()
    monkeypatch.undo()  # the course fixed: the same file now upgrades
    assert Store(path).schema_version == SCHEMA_VERSION


def test_a_newer_schema_is_refused_with_advice(tmp_path):
    path = tmp_path / "future.sqlite3"
    Store(path).close()
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    with pytest.raises(StoreError, match="newer version"):
        Store(path)


def test_a_file_that_is_not_sqlite_gets_a_clear_message_and_is_left_alone(tmp_path):
    path = tmp_path / "workbook.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    before = path.read_bytes()
    with pytest.raises(StoreError) as error:
        Store(path)
    assert str(path) in str(error.value) and "Move it aside" in str(error.value)
    assert path.read_bytes() == before


# Processes writing at once, and an import killed part-way: tests/test_faults.py.


def test_sample_network_is_deterministic_and_fictional(sample):
    from workbook.sample import sample_store

    other = sample_store()
    assert sample.table("exchanges").drop(columns="created_at").equals(other.table("exchanges").drop(columns="created_at"))
    assert len(sample.table("contacts")) == 40
    assert 250 <= len(sample.table("exchanges")) <= 350
    assert sample.today() == dt.date(2026, 6, 30)
    assert sample.table("exchanges")["on_date"].max() <= "2026-06-30"
    assert repr(sample) == "Store(sample network of Robin Okafor)"


def test_tables_are_dataframes_for_analysis(sample):
    tables = sample.tables()
    assert set(tables) == set(store_module.TABLES)
    assert {"name", "circle", "layer"} <= set(tables["contacts"].columns)
    with pytest.raises(NotFound, match="not a workbook table"):
        sample.table("sqlite_master")


def test_conversation_card_is_written_whole_beside_the_data(store):
    ada = store.contacts.add(Contact("Ada <Lovelace>"))
    plan_id = store.plans.save(Plan(contact_id=ada, goal="Talk engines", planned_for=dt.date(2026, 5, 1)))
    path = store.plans.export_card(plan_id)
    assert path.parent == store.path.parent / "cards"
    assert path.name == f"2026-05-01-ada-lovelace-plan{plan_id}.md"
    assert "Talk engines" in path.read_text() and "&lt;Lovelace&gt;" in path.read_text()
    assert not list(path.parent.glob(".*.tmp"))


def test_threads_sharing_a_store_keep_their_transactions_apart(store):
    """Two threads of one kernel (a cell and a widget callback) writing at once: each transaction
    is whole, none joins another's and is lost when that one rolls back."""

    contact = store.contacts.add(Contact("Thread Test"))
    barrier = threading.Barrier(2)
    errors = []

    def log(direction: str) -> None:
        try:
            barrier.wait()
            for n in range(50):
                store.exchanges.log(Exchange(contact, direction, "advice", dt.date(2026, 1, 1), f"{direction} {n}"))
                with contextlib.suppress(RuntimeError), store.transaction() as db:
                    db.execute("INSERT INTO contacts (name) VALUES (?)", (f"rolled back {direction} {n}",))
                    time.sleep(0.002)  # let the other thread run while this transaction is open
                    raise RuntimeError("roll this one back")
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=log, args=(d,)) for d in ("gave", "received")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    notes = store.table("exchanges")["note"].tolist()
    assert sorted(notes) == sorted([f"gave {n}" for n in range(50)] + [f"received {n}" for n in range(50)])
    assert not store.table("contacts")["name"].str.startswith("rolled back").any()


# --- reflections under stable prompt ids ----------------------------------------------------------

GOAL_WORDING = "What would you like your network to help you with this year?"


def test_an_answer_written_before_prompt_ids_survives_the_upgrade_and_a_rewording(tmp_path, monkeypatch):
    from workbook import prompts
    from workbook.widgets.reflection import Reflection

    path = tmp_path / "old.sqlite3"
    old_workbook(path, 3)  # answers keyed by the prompt's wording, as schema 3 kept them
    upgraded = Store(path)
    assert Reflection("00", "network-goal", upgraded).text.value == "A new job in logistics"
    assert Reflection("00", GOAL_WORDING, upgraded).text.value == "A new job in logistics"

    reworded = prompts.Prompt("00", "network-goal", "What should your network help you with this year?", former=(GOAL_WORDING,))
    monkeypatch.setattr(prompts, "PROMPTS", (reworded, *prompts.PROMPTS[1:]))
    box = Reflection("00", "network-goal", upgraded)
    assert box.text.value == "A new job in logistics"  # the new wording still finds the answer
    assert any("What should your network help you with" in getattr(w, "value", "") for w in box.children)
    box.text.value = "A new job in logistics, near home"
    rows = upgraded.query("SELECT prompt, prompt_id, text FROM reflections WHERE chapter = '00'").to_dict("records")
    assert rows == [{"prompt": reworded.text, "prompt_id": "network-goal", "text": "A new job in logistics, near home"}]
    # an ad-hoc prompt from before is its own id, and keeps its answer
    assert upgraded.reflections.get("03", "weak ties") == "Two people\nI miss."


def test_a_backup_from_before_prompt_ids_restores_under_the_ids(store):
    store.backup.restore({"reflections": [{"chapter": "00", "prompt": GOAL_WORDING, "text": "Find a mentor", "updated_at": "2025-01-02 11:00:00"}]})
    assert store.reflections.get("00", "network-goal") == "Find a mentor"
    store.reflections.save("00", "network-goal", "Find a mentor in data", prompt=GOAL_WORDING)
    assert store.query("SELECT text FROM reflections")["text"].tolist() == ["Find a mentor in data"]
