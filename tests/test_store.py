import datetime as dt
import sqlite3
import subprocess
import sys
import textwrap

import pytest

from workbook import store as store_module
from workbook.model import Contact, Exchange, Plan, ValidationError
from workbook.store import MIGRATIONS, SCHEMA_VERSION, Store, StoreError


def test_data_lives_under_workbook_home(own_home):
    s = Store()
    assert s.path == own_home / "workbook.sqlite3"
    assert s.path.exists()


def test_default_location_is_the_platform_data_folder_outside_the_repo(monkeypatch):
    monkeypatch.delenv("WORKBOOK_HOME")
    path = store_module.default_path()
    repo = store_module.Path(store_module.__file__).resolve().parent.parent
    assert "networking-workbook" in str(path)
    assert repo not in path.parents


def test_contact_exchange_round_trip_and_balances(store):
    ada = store.add_contact(Contact("Ada", interests="chess; go\nmaths"))
    assert store.get_contact(ada).interests == "chess, go, maths"
    today = store.today()
    store.log_exchange(Exchange(ada, "gave", "advice", today))
    store.log_exchange(Exchange(ada, "received", "time", today - dt.timedelta(days=400)))
    row = store.balances().iloc[0]
    assert (row["name"], row["given"], row["received"], row["given_lately"], row["received_lately"]) == ("Ada", 1, 1, 1, 0)
    assert row["days_since"] == 0 and row["last_given"] == today.isoformat()


def test_bad_exchange_saves_nothing(store):
    ada = store.add_contact(Contact("Ada"))
    with pytest.raises(ValidationError):
        store.log_exchange(Exchange(ada, "gave", "advice", store.today() + dt.timedelta(days=2)))
    with pytest.raises(KeyError):
        store.log_exchange(Exchange(999, "gave", "advice", store.today()))
    assert store.table("exchanges").empty


def test_transaction_rolls_back_on_error(store):
    with pytest.raises(RuntimeError):
        with store.transaction():
            store.add_contact(Contact("Ada"))
            store.add_contact(Contact("Bo"))
            raise RuntimeError("kernel interrupted")
    assert store.table("contacts").empty
    store.add_contact(Contact("Cy"))  # the store is usable afterwards
    assert store.table("contacts")["name"].tolist() == ["Cy"]


def test_deleting_a_contact_removes_their_exchanges_and_plans(store):
    ada = store.add_contact(Contact("Ada"))
    store.log_exchange(Exchange(ada, "gave", "advice", store.today()))
    store.save_plan(Plan(contact_id=ada, my_promises="send notes"))
    store.delete_contact(ada)
    assert store.table("exchanges").empty and store.table("plans").empty and store.table("follow_ups").empty


def test_promises_become_follow_ups_and_kept_ones_survive_edits(store):
    ada = store.add_contact(Contact("Ada"))
    plan_id = store.save_plan(
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
    store.save_plan(Plan(contact_id=ada, my_promises="intro to Bo", id=plan_id, follow_up_on=dt.date(2026, 7, 3)))
    left = store.table("follow_ups").sort_values("promise")
    assert left["promise"].tolist() == ["intro to Bo", "send notes"]  # kept promise stays, 'share deck' went
    assert left.set_index("promise").at["intro to Bo", "due"] == "2026-07-03"


def test_plan_update_of_deleted_plan_is_refused(store):
    ada = store.add_contact(Contact("Ada"))
    plan_id = store.save_plan(Plan(contact_id=ada))
    store.delete_plan(plan_id)
    with pytest.raises(KeyError, match="another notebook"):
        store.save_plan(Plan(contact_id=ada, id=plan_id, goal="x"))


def test_oldest_schema_upgrades_in_place_keeping_every_row(tmp_path):
    path = tmp_path / "old.sqlite3"
    db = sqlite3.connect(path)
    db.executescript(MIGRATIONS[0])
    db.execute("PRAGMA user_version = 1")
    db.execute("INSERT INTO contacts (name, circle) VALUES ('Ada', 'both'), ('Bo', 'personal')")
    db.execute("INSERT INTO exchanges (contact_id, direction, kind, on_date, note) VALUES (1, 'gave', 'advice', '2025-01-01', 'kept')")
    db.execute("INSERT INTO plans (contact_id, occasion, goal) VALUES (2, 'coffee', 'catch up')")
    db.commit()
    db.close()

    upgraded = Store(path)
    assert upgraded.schema_version == SCHEMA_VERSION
    assert upgraded.table("contacts")[["name", "circle"]].values.tolist() == [["Ada", "both"], ["Bo", "personal"]]
    assert upgraded.table("exchanges")["note"].tolist() == ["kept"]
    assert upgraded.table("plans")["goal"].tolist() == ["catch up"]
    assert upgraded.table("contacts")["layer"].isna().all()  # new columns arrive empty
    upgraded.close()
    assert Store(path).schema_version == SCHEMA_VERSION  # opening again changes nothing


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


WRITER = textwrap.dedent(
    """
    import sys, datetime as dt
    from workbook.store import Store
    from workbook.model import Exchange
    s = Store(sys.argv[1])
    contact = int(sys.argv[2])
    for i in range(int(sys.argv[3])):
        s.log_exchange(Exchange(contact, "gave", "advice", dt.date(2026, 1, 1), f"w{contact}-{i}"))
    """
)


def test_two_processes_writing_at_once_lose_nothing(tmp_path):
    path = tmp_path / "shared.sqlite3"
    s = Store(path)
    a, b = s.add_contact(Contact("A")), s.add_contact(Contact("B"))
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(path), str(contact), "150"], stderr=subprocess.PIPE)
        for contact in (a, b)
    ]
    for w in writers:
        _, err = w.communicate(timeout=120)
        assert w.returncode == 0, err.decode()
    counts = s.query("SELECT contact_id, COUNT(*) AS n FROM exchanges GROUP BY contact_id")
    assert counts["n"].tolist() == [150, 150]
    assert s.query("PRAGMA journal_mode").iloc[0, 0] == "wal"


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
    with pytest.raises(KeyError, match="not a workbook table"):
        sample.table("sqlite_master")


def test_conversation_card_is_written_whole_beside_the_data(store):
    ada = store.add_contact(Contact("Ada <Lovelace>"))
    plan_id = store.save_plan(Plan(contact_id=ada, goal="Talk engines", planned_for=dt.date(2026, 5, 1)))
    path = store.export_card(plan_id)
    assert path.parent == store.path.parent / "cards"
    assert path.name == f"2026-05-01-ada-lovelace-plan{plan_id}.md"
    assert "Talk engines" in path.read_text() and "&lt;Lovelace&gt;" in path.read_text()
    assert not list(path.parent.glob(".*.tmp"))
