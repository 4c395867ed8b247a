"""Sign-in: password hashing and seller login provisioning."""
