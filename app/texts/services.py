"""Texts the services return or raise: refusals, reasons, notifications."""

SERVICE_TEXTS: dict[str, tuple[str, str]] = {
}
