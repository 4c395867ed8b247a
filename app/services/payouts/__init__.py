"""Payment instructions to and from the payment provider (issue 17 item 4)."""
