"""Demo time travel is the admin's (and the command line's, as the system): anyone else is
refused before anything runs."""

from __future__ import annotations

import pytest

from app.demo.time_travel import advance_days
from app.errors import PermissionDenied
from app.services.access.actor import RISK, SELLER, Actor


@pytest.mark.parametrize("actor", [Actor(1, SELLER, seller_id=1), Actor(2, RISK)])
def test_only_an_admin_advances_the_demo(actor):
    with pytest.raises(PermissionDenied):
        advance_days(actor, 1)
