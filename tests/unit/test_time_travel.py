"""Demo time travel is the admin's: anyone else is refused before anything runs."""

from __future__ import annotations

import pytest

from app.errors import PermissionDenied
from app.services.actor import RISK, SELLER, SYSTEM_ACTOR, Actor
from app.services.time_travel import advance_days


@pytest.mark.parametrize("actor", [Actor(1, SELLER, seller_id=1), Actor(2, RISK), SYSTEM_ACTOR])
def test_only_an_admin_advances_the_demo(actor):
    with pytest.raises(PermissionDenied):
        advance_days(actor, 1)
