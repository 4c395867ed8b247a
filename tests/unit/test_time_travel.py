"""Demo time travel is the admin's (and the command line's, as the system): anyone else is
refused before anything runs."""

from __future__ import annotations

import pytest

from app.demo.time_travel import advance_days
from app.errors import LendingError, PermissionDenied
from app.services.access.actor import ADMIN, RISK, SELLER, Actor


@pytest.mark.parametrize("actor", [Actor(1, SELLER, seller_id=1), Actor(2, RISK)])
def test_only_an_admin_advances_the_demo(actor):
    with pytest.raises(PermissionDenied):
        advance_days(actor, 1)


@pytest.mark.parametrize("seed", [None, "7", 7.0, True])
def test_a_seed_that_is_not_a_whole_number_is_refused_before_anything_runs(seed):
    """The fuzz found seed=None and Decimal('NaN') crashing inside the simulation."""
    with pytest.raises(LendingError, match="seed"):
        advance_days(Actor(1, ADMIN), 1, seed)
