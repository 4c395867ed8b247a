"""Who is acting and what they may do: actors and roles, sign-in, logins, the audit log, guards for
free text."""
