"""Use cases. Each public service owns one transaction, takes the acting user,
checks permissions and raises typed errors from `app.errors`."""
