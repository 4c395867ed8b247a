"""Texts of the portal's pages and components."""

UI_TEXTS: dict[str, tuple[str, str]] = {
}
