"""The platform feed: its contract (pydantic records), its reader and its documentation."""
