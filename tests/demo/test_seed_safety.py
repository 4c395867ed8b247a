"""What `seed-demo` does with what a database holds (issue #8): empty, an interrupted
seed, the demo (with or without the completion marker of newer seeds), or people of
its own."""

from __future__ import annotations

from sqlmodel import select

from app.cli import main
from app.demo.seed_safety import DEMO_SEED, SeedTarget, seed_target
from app.services.store.settings import read_setting, write_setting
from db.engine import session_scope
from db.models import DemoSellerProfile, Seller, User
from tests.demo.test_cli_database import add_seller, one_line_error, sellers


def demo_seller(admin_password: str | None) -> None:
    """A seller with a demo profile and the admin login, as an older seed left them."""
    add_seller()
    with session_scope() as s:
        seller = s.exec(select(Seller)).one()
        s.add(DemoSellerProfile(seller_id=seller.id, profile="strong", quality=90))
        s.add(User(username="admin", role="admin", password_hash=admin_password))


def test_people_of_its_own_are_never_seeded(db_url, capsys):
    with session_scope() as s:
        s.add(User(username="boss", role="admin", password_hash="x"))
    assert seed_target() is SeedTarget.NOT_DEMO
    assert main(["seed-demo", "--if-empty"]) == 2
    one_line_error(capsys, "not a demo database")


def test_a_demo_seeded_before_the_marker_counts_as_complete(db_url, capsys):
    demo_seller(admin_password="$argon2id$…")
    assert seed_target() is SeedTarget.SEEDED
    assert main(["seed-demo", "--if-empty"]) == 0
    assert "nothing seeded" in capsys.readouterr().out
    assert main(["seed-demo"]) == 2
    one_line_error(capsys, "already holds the demo")


def test_an_interrupted_seed_is_emptied_and_seeded_again(db_url, capsys):
    demo_seller(admin_password=None)  # sellers without passwords: the seed stopped before the logins
    assert seed_target() is SeedTarget.INTERRUPTED
    with session_scope() as s:
        write_setting(s, DEMO_SEED, "started")
    assert main(["seed-demo", "--if-empty", "--sellers", "6", "--today", "2026-11-28"]) == 0
    assert "interrupted demo seed" in capsys.readouterr().out
    assert sellers() == 6 and seed_target() is SeedTarget.SEEDED
    with session_scope() as s:
        assert read_setting(s, DEMO_SEED) == "complete"
        assert s.exec(select(Seller.name)).first() != "Seller 1"  # the old rows are gone


def test_a_date_out_of_range_is_one_line(db_url, capsys):
    assert main(["seed-demo", "--today", "9999-12-31"]) == 2
    one_line_error(capsys, "--today 9999-12-31 is out of range")
    assert main(["seed-demo", "--sellers", "2"]) == 2
    one_line_error(capsys, "--sellers")
