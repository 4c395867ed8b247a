"""The confirmation step before money moves, with its idempotency key.

A request waiting for confirmation is kept in the session with a key made once
(uuid4); confirming sends that key to the service, so a double click or a rerun
repeats the same request and never moves money twice. Changing the request
(another amount, loan or term) drops the confirmation and its key.
"""

from __future__ import annotations

import uuid

import streamlit as st


def _slot(name: str) -> str:
    return f"{name}_pending"


def pending(name: str, request: dict) -> str | None:
    """The idempotency key of `request` if it is waiting for confirmation; a changed request is dropped."""
    waiting = st.session_state.get(_slot(name))
    if waiting is None:
        return None
    if waiting["request"] != request:
        del st.session_state[_slot(name)]
        return None
    return waiting["key"]


def start(name: str, request: dict) -> None:
    st.session_state[_slot(name)] = {"request": request, "key": uuid.uuid4().hex}


def cancel(name: str) -> None:
    st.session_state.pop(_slot(name), None)


def remember_result(name: str, result) -> None:
    """Keep the outcome (a loan or a receipt) to show after the rerun, and end the confirmation."""
    st.session_state[f"{name}_done"] = result
    cancel(name)


def last_result(name: str):
    return st.session_state.get(f"{name}_done")


def forget_result(name: str) -> None:
    st.session_state.pop(f"{name}_done", None)
