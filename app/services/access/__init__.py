"""Who is acting and what they may do: the actor and its roles, guards for free text, the
audit log. The bottom of the services: it imports no other service package."""
